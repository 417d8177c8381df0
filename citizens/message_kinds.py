"""Messages the citizens app sends (registered with notifications.kinds; see that module), and its daily
notice: the warning before a mentor agreement runs out (citizens.rules.AGREEMENT_ENDING_WARNING_WEEKS)."""

from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from citizens.rules import AGREEMENT_ENDING_WARNING_WEEKS
from notifications.daily import DailyNotice, Notice, coordinators_of, register_notice
from notifications.kinds import EXAMPLE_CPR, EXAMPLE_SENSITIVE_NOTE, Lifetime, MessageKind, register
from texts import placeholders as ph
from texts.placeholders import Opening, Placeholder

AGREEMENT_ENDING = "citizens.agreement_ending"


def _agreement_ending_context(*, recipient_name: str, citizen_name: str, ends_on: date, url: str, jobcenter_name: str):
    # Only the citizen's first name: the recipient opens the agreement in Mentorordning for the rest.
    return {
        "recipient_name": recipient_name,
        "citizen_first_name": (citizen_name or "").split(" ")[0],
        "ends_on": ends_on.strftime("%d.%m.%Y"),
        "agreement_url": url,
        "jobcenter_name": jobcenter_name,
        "weeks": str(AGREEMENT_ENDING_WARNING_WEEKS),
    }


def _example_context() -> dict:
    citizen = type("Citizen", (), {"name": "Mette Sørensen", "cpr": EXAMPLE_CPR, "health_note": EXAMPLE_SENSITIVE_NOTE})
    context = _agreement_ending_context(
        recipient_name="Karen Holm",
        citizen_name=citizen.name,
        ends_on=date(2026, 12, 21),
        url=f"{settings.SITE_URL}/borgere/mentoraftaler/1/",
        jobcenter_name="Jobcenter Favrskov",
    )
    return {**context, "citizen": citizen}


def _agreement_ending_values(context) -> dict[str, str]:
    return {
        "fornavn": ph.first_name(context.get("recipient_name")),
        "borger_fornavn": context.get("citizen_first_name", ""),
        "dato": ph.long_date(context.get("ends_on")),
        "dato_kort": context.get("ends_on", ""),
        "uger": context.get("weeks", ""),
        "jobcenter": context.get("jobcenter_name", ""),
    }


register(
    MessageKind(
        key=AGREEMENT_ENDING,
        opening=Opening(
            default=_("Mentoraftalen med {borger_fornavn} udløber den {dato_kort}, om højst {uger} uger."),
            placeholders=(
                ph.FORNAVN,
                ph.BORGER_FORNAVN,
                ph.dato(_("den dag, aftalen udløber")),
                ph.dato_kort(_("den dag, aftalen udløber, med tal")),
                Placeholder(
                    "uger", _("antal uger før aftalen udløber, varslet gives"), str(AGREEMENT_ENDING_WARNING_WEEKS)
                ),
                ph.JOBCENTER,
            ),
            values=_agreement_ending_values,
        ),
        label=format_lazy(_("Mentoraftale udløber om {weeks} uger"), weeks=AGREEMENT_ENDING_WARNING_WEEKS),
        subject_template="citizens/email/agreement_ending.subject.txt",
        text_template="citizens/email/agreement_ending.txt",
        html_template="citizens/email/agreement_ending.html",
        example_context=_example_context,
    )
)


def agreements_ending_notices(jobcenter, today: date, now: datetime) -> list[Notice]:
    """Every active agreement that ends within AGREEMENT_ENDING_WARNING_WEEKS and has no renewal: one warning,
    once, to someone who may end or renew it: the agreement's contact person in the jobcenter (else the
    citizen's caseworker) when they are a coordinator or jobcenter admin there, else the coordinators. A
    caseworker may not renew an agreement, so is never asked to."""
    from accounts.models import Membership
    from accounts.permissions import COORDINATORS
    from citizens.selectors import agreements_ending_within

    agreements = agreements_ending_within(jobcenter=jobcenter, today=today).select_related(
        "citizen__caseworker", "caseworker"
    )
    may_renew = set(
        Membership.objects.filter(jobcenter=jobcenter, role__in=COORDINATORS, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    coordinators = None
    notices = []
    for agreement in agreements:
        responsible = agreement.caseworker or agreement.citizen.caseworker
        if responsible is not None and responsible.is_active and responsible.pk in may_renew:
            recipients = [(responsible.email, responsible.full_name)]
        else:
            coordinators = coordinators if coordinators is not None else coordinators_of(jobcenter)
            recipients = coordinators
        url = settings.SITE_URL + reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk})
        for email, name in recipients:
            context = _agreement_ending_context(
                recipient_name=name,
                citizen_name=agreement.citizen.name,
                ends_on=agreement.ends_on,
                url=url,
                jobcenter_name=jobcenter.name,
            )
            notices.append(Notice(AGREEMENT_ENDING, email, name, agreement, context))
    return notices


register_notice(
    DailyNotice(
        "citizens.agreements_ending",
        agreements_ending_notices,
        label=format_lazy(_("Varsel {weeks} uger før en mentoraftale udløber"), weeks=AGREEMENT_ENDING_WARNING_WEEKS),
    )
)


# The messages of this app's hand-offs (notifications.handoffs.HANDOFFS): one shared template set.
def _register_handoff_kinds() -> None:
    from notifications.handoffs import register_kinds

    register_kinds("citizens")


_register_handoff_kinds()


# --- The first meeting of a mentor agreement (citizens.services.first_meeting) ------------------------------
# The mentor's invitation and cancellation carry the calendar file; the citizen's text says when and where. Only
# the citizen's first name, never a CPR number, a health note or the agreement's text.

FIRST_MEETING_INVITATION = "citizens.first_meeting_invitation"
FIRST_MEETING_CANCELLED = "citizens.first_meeting_cancelled"
FIRST_MEETING_SMS = "citizens.first_meeting_sms"


def templates_for(kind: str) -> dict:
    name = kind.split(".", 1)[1]
    return {
        "subject_template": f"citizens/email/{name}.subject.txt",
        "text_template": f"citizens/email/{name}.txt",
        "html_template": None,
    }


def first_meeting_context(*, plan, agreement, recipient_name: str, when: str, moved: bool) -> dict:
    jobcenter = agreement.jobcenter
    return {
        "recipient_name": recipient_name,
        "citizen_first_name": (agreement.citizen.name or "").split(" ")[0],
        "when": when,
        "place": plan.place,
        "caseworker_name": plan.caseworker.full_name if plan.caseworker else "",
        "moved": moved,
        "jobcenter": {"name": jobcenter.name, "email": jobcenter.email, "phone": jobcenter.phone},
    }


def first_meeting_sms_context(*, plan, agreement, when: str, cancelled: bool, moved: bool) -> dict:
    mentor = agreement.mentor_display
    return {
        "citizen_first_name": (agreement.citizen.name or "").split(" ")[0],
        "when": when,
        "place": plan.place,
        "mentor_name": mentor.full_name if mentor else "",
        "caseworker_name": plan.caseworker.full_name if plan.caseworker else "",
        "cancelled": cancelled,
        "moved": moved,
        "names": True,
        "jobcenter": {"name": agreement.jobcenter.name, "phone": agreement.jobcenter.phone},
    }


def _first_meeting_example() -> dict:
    from types import SimpleNamespace

    citizen = SimpleNamespace(name="Mette Sørensen", cpr=EXAMPLE_CPR, health_note=EXAMPLE_SENSITIVE_NOTE, phone="")
    jobcenter = SimpleNamespace(name="Jobcenter Favrskov", email="jobcenter@favrskov.dk", phone="89 64 10 10")
    mentor = SimpleNamespace(full_name="Lars Jensen", email="lars@example.dk")
    agreement = SimpleNamespace(
        citizen=citizen, jobcenter=jobcenter, mentor_display=mentor, goal=EXAMPLE_SENSITIVE_NOTE
    )
    plan = SimpleNamespace(
        place="Jobcentret, Skovvej 20, 8382 Hinnerup", caseworker=SimpleNamespace(full_name="Karen Holm")
    )
    when = "tirsdag 15. december 2026 kl. 10.00-11.00"
    return {
        **first_meeting_context(plan=plan, agreement=agreement, recipient_name="Lars Jensen", when=when, moved=True),
        **first_meeting_sms_context(plan=plan, agreement=agreement, when=when, cancelled=False, moved=True),
        "citizen": citizen,
        "agreement": agreement,
    }


def _meeting_starts(about) -> datetime | None:
    """A message about a planned meeting makes no sense once the meeting has begun."""
    return getattr(about, "starts_at", None)


_MEETING_LIFETIME = Lifetime(reason=_("Mødet var begyndt, før beskeden kunne sendes."), until=_meeting_starts)


def _first_meeting_values(context) -> dict[str, str]:
    jobcenter = context.get("jobcenter") or {}
    return {
        "fornavn": ph.first_name(context.get("recipient_name")),
        "borger_fornavn": context.get("citizen_first_name", ""),
        "tidspunkt": context.get("when", ""),
        "sted": context.get("place", ""),
        "sagsbehandler": context.get("caseworker_name", ""),
        "jobcenter": jobcenter.get("name", ""),
    }


_MEETING_PLACEHOLDERS = (
    ph.FORNAVN,
    ph.BORGER_FORNAVN,
    Placeholder("tidspunkt", _("mødets dag og tid"), "tirsdag 15. december 2026 kl. 10.00-11.00"),
    Placeholder("sted", _("mødets sted"), "Jobcentret, Skovvej 20, 8382 Hinnerup"),
    Placeholder("sagsbehandler", _("jobcentrets deltager i mødet"), "Karen Holm"),
    ph.JOBCENTER,
)
_MEETING_OPENINGS = {
    FIRST_MEETING_INVITATION: Opening(
        default=_(
            "Du er inviteret til opstartsmødet om mentorforløbet med {borger_fornavn}. "
            "Her aftaler I forventninger, mål og opgaver."
        ),
        placeholders=_MEETING_PLACEHOLDERS,
        values=_first_meeting_values,
        note=_("Er mødet flyttet, står i stedet, at det er ændret."),
    ),
    FIRST_MEETING_CANCELLED: Opening(
        default=_(
            "Opstartsmødet om mentorforløbet med {borger_fornavn} {tidspunkt} er aflyst. "
            "Jobcentret vender tilbage med et nyt tidspunkt."
        ),
        placeholders=_MEETING_PLACEHOLDERS,
        values=_first_meeting_values,
    ),
}

for _kind, _label in (
    (FIRST_MEETING_INVITATION, _("Invitation til opstartsmøde (mentoren)")),
    (FIRST_MEETING_CANCELLED, _("Aflysning af opstartsmøde (mentoren)")),
):
    register(
        MessageKind(
            key=_kind,
            label=_label,
            opening=_MEETING_OPENINGS[_kind],
            example_context=_first_meeting_example,
            lifetime=_MEETING_LIFETIME,
            **templates_for(_kind),
        )
    )

register(
    MessageKind(
        key=FIRST_MEETING_SMS,
        label=_("SMS til borgeren om opstartsmøde"),
        subject_template="citizens/sms/first_meeting.subject.txt",
        text_template="citizens/sms/first_meeting.txt",
        html_template=None,
        example_context=_first_meeting_example,
        lifetime=_MEETING_LIFETIME,
        sms=True,
    )
)
