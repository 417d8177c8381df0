"""Hand-offs between people: when a step makes it someone else's turn, that person is told.

Delivery preferences (issue 22: e-mail now / daily digest / inbox only): every hand-off goes through
`notifications.handoffs.notify(event, recipients, obj, context)` below, one call per step, and its e-mail
follows each person's choice for the hand-off's group (notifications.preferences, the daily digest in
notifications.digest); the inbox item is written regardless.

`HANDOFFS` is the one registry: each step (event), the service that performs it, who is told, and the message
kind. Each owning app registers the message kinds of its hand-offs in its `<app>/message_kinds.py` with
`register_kinds("<app>")`, and the README's hand-off table is generated from this registry (`readme_table()`;
`notifications/tests/test_handoffs_registry.py` fails when they differ).

What `notify` guarantees:
- It runs inside the step's transaction: the outbox message and the inbox item are written with the change
  that causes them, or not at all (a rolled-back step tells no one); the outbox publishes the send task when
  the transaction commits (`transaction.on_commit`, in `messages_enqueue`). `notify_all` does the same for
  several performances of one step at once (a cohort's companies) in a fixed number of queries.
- Exactly once: the outbox row's idempotency key (kind, object, recipient, `context.period`) is also the inbox
  item's key, each under a unique constraint, so calling it again for the same step is a no-op.
- Only people who may see the object are told: a recipient must hold an active membership of the object's
  jobcenter with one of the hand-off's roles (and, for the portal, be a leader of the object's company).
- No CPR number or health note: the e-mail is rendered and scanned by `messages_enqueue`; contexts carry
  first names and company names only, and inbox titles carry no person's name at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Role
from texts import placeholders as ph
from texts.placeholders import Opening, Placeholder

COORDINATORS = (Role.COORDINATOR, Role.JOBCENTER_ADMIN)
LEADERS = (Role.COMPANY_LEADER,)

# The e-mail templates every hand-off kind shares: a greeting, the lines the step wrote, a list (the citizens
# of a cohort), an optional reason, and the link.
TEMPLATES = {
    "subject_template": "notifications/handoff/subject.txt",
    "text_template": "notifications/handoff/body.txt",
    "html_template": "notifications/handoff/body.html",
}


@dataclass(frozen=True)
class Handoff:
    """One step that hands work to someone else. `step`, `service` and `recipients` are English, for the README
    table; `label` is the message kind's Danish name; `roles` are the roles that may receive it (and open its
    link). `inbox=False`: e-mail only (a daily notice that predates the inbox)."""

    event: str
    kind: str
    app: str
    label: str
    step: str
    service: str
    recipients: str
    roles: tuple[str, ...]
    inbox: bool = True


HANDOFFS: dict[str, Handoff] = {
    handoff.event: handoff
    for handoff in [
        Handoff(
            "placement.proposed",
            "citizens.handoff.placement_proposed",
            "citizens",
            _("Forslag om forløb til virksomheden"),
            "A coordinator proposes a placement",
            "citizens.services.placement_create",
            "the company's leaders",
            LEADERS,
        ),
        Handoff(
            "cohort.proposed",
            "matching.handoff.cohort_proposed",
            "matching",
            _("Forslag om forløb fra et hold"),
            "A coordinator commits a cohort",
            "matching.services.cohort_commit",
            "the leaders of each company: one message per company listing its citizens",
            LEADERS,
        ),
        Handoff(
            "placement.accepted",
            "citizens.handoff.placement_accepted",
            "citizens",
            _("Virksomheden har sagt ja til et forløb"),
            "A leader accepts a proposed placement",
            "citizens.services.placement_accept",
            "the placement's job consultant (else the coordinators)",
            COORDINATORS,
        ),
        Handoff(
            "placement.declined",
            "citizens.handoff.placement_declined",
            "citizens",
            _("Virksomheden har sagt nej til et forløb"),
            "A leader declines a proposed placement",
            "citizens.services.placement_decline",
            "the placement's job consultant (else the coordinators)",
            COORDINATORS,
        ),
        Handoff(
            "follow_up.by_company",
            "citizens.handoff.follow_up_by_company",
            "citizens",
            _("Virksomheden har skrevet en opfølgning"),
            "A leader writes a follow-up in the portal",
            "citizens.services.follow_up_create",
            "the placement's job consultant (else the coordinators)",
            COORDINATORS,
        ),
        Handoff(
            "assessment.by_company",
            "citizens.handoff.assessment_by_company",
            "citizens",
            _("Virksomheden har udfyldt kompetencekort"),
            "A leader records a progress assessment in the portal",
            "citizens.services.progress_assessment_record",
            "the placement's job consultant (else the coordinators)",
            COORDINATORS,
        ),
        Handoff(
            "claim.submitted",
            "companies.handoff.claim_submitted",
            "companies",
            _("Ny anmodning om frikøb"),
            "A leader submits (or corrects and resubmits) a compensation claim",
            "companies.services.claim_submit",
            "the coordinators",
            COORDINATORS,
        ),
        Handoff(
            "claim.approved",
            "companies.handoff.claim_approved",
            "companies",
            _("Anmodning om frikøb godkendt"),
            "A coordinator approves a compensation claim",
            "companies.services.claim_approve",
            "the leader who submitted it (else the company's leaders)",
            LEADERS,
        ),
        Handoff(
            "claim.rejected",
            "companies.handoff.claim_rejected",
            "companies",
            _("Anmodning om frikøb afvist"),
            "A coordinator rejects a compensation claim, with the reason",
            "companies.services.claim_reject",
            "the leader who submitted it (else the company's leaders), with the reason",
            LEADERS,
        ),
        Handoff(
            "course_nomination.created",
            "companies.handoff.course_nomination",
            "companies",
            _("Mentor indstillet til mentorkursus"),
            "A leader nominates a company mentor for a course (also a to-do item on the start page)",
            "companies.services.course_nomination_create",
            "the coordinators",
            COORDINATORS,
        ),
        Handoff(
            "offer.declined",
            "matching.handoff.offer_declined",
            "matching",
            _("En mentor har sagt nej til et tilbud"),
            "A corps mentor declines an offer",
            "matching.services.offer_decline",
            "the coordinator who sent the offer (else the coordinators)",
            COORDINATORS,
        ),
        Handoff(
            "citizen.referred",
            "citizens.handoff.citizen_referred",
            "citizens",
            _("Ny borger henvist"),
            "A caseworker or coordinator refers a new citizen",
            "citizens.services.citizen_create",
            "the coordinators",
            COORDINATORS,
        ),
        Handoff(
            "agreement.ending",
            "citizens.agreement_ending",
            "citizens",
            _("Mentoraftale udløber snart"),
            "A mentor agreement is about to end (daily notice, as before)",
            "notifications.daily.daily_notices_run",
            "the agreement's contact person or the citizen's caseworker while they may end or renew it "
            "(a coordinator or jobcenter admin), else the coordinators; never a caseworker",
            COORDINATORS,
            inbox=False,
        ),
        Handoff(
            "first_meeting.planned",
            "citizens.handoff.first_meeting_planned",
            "citizens",
            _("Invitation til opstartsmøde (ny eller flyttet)"),
            "A coordinator plans or moves an agreement's first meeting (the mentor gets the same calendar file by "
            "e-mail, the citizen a text message or a printed letter)",
            "citizens.services.first_meeting_plan",
            "the caseworker or contact person invited to it, with the calendar invitation (even the planner)",
            (*COORDINATORS, Role.CASEWORKER),
        ),
        Handoff(
            "first_meeting.cancelled",
            "citizens.handoff.first_meeting_cancelled",
            "citizens",
            _("Aflysning af opstartsmøde"),
            "A coordinator calls off a first meeting, or invites another caseworker to it, or the agreement ends or "
            "is renewed while it is planned (the mentor and the citizen are told as when it was planned)",
            "citizens.services.first_meeting_cancel",
            "the caseworker or contact person who was invited, with the calendar cancellation",
            (*COORDINATORS, Role.CASEWORKER),
        ),
    ]
}


def get(event: str) -> Handoff:
    try:
        return HANDOFFS[event]
    except KeyError:
        raise LookupError(f"Unknown hand-off {event!r}: add it to notifications.handoffs.HANDOFFS.") from None


def events_for_role(role: str) -> list[str]:
    """The events whose items a member with `role` may see (the inbox shows no others)."""
    return [handoff.event for handoff in HANDOFFS.values() if handoff.inbox and role in handoff.roles]


# --- Openings ---------------------------------------------------------------------------------------------
# Each hand-off's e-mail opens, right after the greeting, with a sentence about the step: the product's wording
# below, which a jobcenter may write in its own words (texts), with the placeholders listed for it. The step
# gives their values (`Context.values`); the rest of what it says follows as `Context.lines`.


def _placeholders() -> dict[str, Placeholder]:
    return {
        placeholder.name: placeholder
        for placeholder in (
            ph.FORNAVN,
            ph.BORGER_FORNAVN,
            ph.VIRKSOMHED,
            ph.MENTOR,
            Placeholder("forløbstype", _("forløbets type"), "virksomhedspraktik"),
            Placeholder("start", _("forløbets første dag, med tal"), "05.01.2027"),
            Placeholder("slut", _("forløbets sidste dag, med tal"), "18.06.2027"),
            ph.dato(_("forløbets første dag")),
            Placeholder("antal", _("antal forløb, der foreslås"), "2"),
            Placeholder("hold", _("holdets navn"), "Forår 2027"),
            Placeholder("måned", _("måneden, der søges frikøb for"), "november 2026"),
            Placeholder("tidspunkt", _("mødets dag og tid"), "tirsdag 15. december 2026 kl. 10.00-11.00"),
            Placeholder("sted", _("mødets sted"), "Jobcentret, Skovvej 20, 8382 Hinnerup"),
        )
    }


_COMPANY = ("fornavn", "virksomhed", "borger_fornavn")
_CLAIM = ("fornavn", "virksomhed", "måned")
_MEETING = ("fornavn", "borger_fornavn", "tidspunkt", "sted")
OPENINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "placement.proposed": (
        _("Jobcentret foreslår et forløb i {forløbstype} for {borger_fornavn} fra {start} til {slut}."),
        (*_COMPANY, "forløbstype", "start", "slut", "dato"),
    ),
    "cohort.proposed": (
        _(
            "Jobcentret foreslår {antal} forløb i {forløbstype} fra {start} til {slut} som en del af holdet {hold}. "
            "Sig ja eller nej til hvert forløb i portalen. Borgerne:"
        ),
        ("fornavn", "virksomhed", "antal", "forløbstype", "start", "slut", "dato", "hold"),
    ),
    "placement.accepted": (
        _("{virksomhed} har sagt ja til forløbet for {borger_fornavn} og valgt virksomhedsmentor."),
        _COMPANY,
    ),
    "placement.declined": (
        _("{virksomhed} har sagt nej til forløbet for {borger_fornavn}. Begrundelsen står på forløbet."),
        _COMPANY,
    ),
    "follow_up.by_company": (_("{virksomhed} har skrevet en opfølgning på forløbet for {borger_fornavn}."), _COMPANY),
    "assessment.by_company": (
        _("{virksomhed} har vurderet udviklingen for {borger_fornavn} på kompetencekortene."),
        _COMPANY,
    ),
    "claim.submitted": (
        _("{virksomhed} har sendt en anmodning om frikøb af mentorens tid for {måned}, som skal behandles."),
        _CLAIM,
    ),
    "claim.approved": (_("Anmodningen om frikøb for {måned} er godkendt og går videre til udbetaling."), _CLAIM),
    "claim.rejected": (_("Anmodningen om frikøb for {måned} er afvist. I kan rette den og sende den igen."), _CLAIM),
    "course_nomination.created": (
        _("{virksomhed} har indstillet virksomhedsmentoren {mentor} til et mentorkursus."),
        ("fornavn", "virksomhed", "mentor"),
    ),
    "offer.declined": (
        _("{mentor} har sagt nej til at blive mentor for {borger_fornavn}."),
        ("fornavn", "mentor", "borger_fornavn"),
    ),
    "citizen.referred": (_("{borger_fornavn} er henvist og venter på en mentor."), ("fornavn", "borger_fornavn")),
    "first_meeting.planned": (_("Opstartsmøde om mentorforløbet for {borger_fornavn}: {tidspunkt}, {sted}."), _MEETING),
    "first_meeting.cancelled": (
        _("Opstartsmødet om mentorforløbet for {borger_fornavn} {tidspunkt} er aflyst for dig."),
        _MEETING,
    ),
}


def _opening_values(context) -> dict[str, str]:
    return {"fornavn": first_name(context.get("recipient_name", "")), **(context.get("opening_values") or {})}


def opening_for(event: str) -> Opening:
    default, names = OPENINGS[event]
    known = _placeholders()
    return Opening(default=default, placeholders=tuple(known[name] for name in names), values=_opening_values)


# --- Message kinds ---------------------------------------------------------------------------------------


def _example_context() -> dict:
    from types import SimpleNamespace

    from notifications.kinds import EXAMPLE_CPR, EXAMPLE_SENSITIVE_NOTE

    citizen = SimpleNamespace(name="Mette Sørensen", cpr=EXAMPLE_CPR, health_note=EXAMPLE_SENSITIVE_NOTE)
    return {
        "citizen": citizen,
        "recipient_name": "Karen Holm",
        "title": "Jobcentret foreslår 2 forløb hos Hammel Maskinfabrik A/S",
        "opening_values": {name: placeholder.example for name, placeholder in _placeholders().items()},
        "lines": ["Sig ja (og vælg virksomhedsmentor) eller nej i portalen."],
        "items": ["Mette", "Ali"],
        "reason": "Timerne passer ikke med mentorens vagtplan.",
        "url": f"{settings.SITE_URL}/portal/forloeb/",
        "jobcenter_name": "Jobcenter Favrskov",
    }


def register_kinds(app: str) -> None:
    """Registers the message kinds of `app`'s hand-offs (called from `<app>/message_kinds.py`)."""
    from notifications.kinds import MessageKind, register

    for handoff in HANDOFFS.values():
        if handoff.app == app and handoff.kind.startswith(f"{app}.handoff."):
            register(
                MessageKind(
                    key=handoff.kind,
                    label=handoff.label,
                    example_context=_example_context,
                    opening=opening_for(handoff.event),
                    **TEMPLATES,
                )
            )


# --- What a step says -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What one hand-off says. `title` is the e-mail's subject and the inbox item's title (no person's name);
    `values` the values of the placeholders of the e-mail's opening (`OPENINGS`, first names only), which
    `lines` and `items` (first names only) follow in the e-mail's body; `reason` a reason given with the step (a claim's
    rejection); `link` the path of the object's page for the recipients. `period` tells repeats of a step on
    the same object apart (a claim resubmitted after a rejection); `company` is the company whose leaders
    are told (portal items belong to it); `attachments` go with each e-mail."""

    title: str
    link: str
    values: dict = field(default_factory=dict)
    lines: Sequence[str] = ()
    items: Sequence[str] = ()
    reason: str = ""
    period: str = ""
    company: models.Model | None = None
    extra: dict = field(default_factory=dict)
    # Files to attach to the e-mail (filename, content, mimetype): a calendar invitation.
    attachments: Sequence[tuple[str, str, str]] = ()


@dataclass(frozen=True)
class Step:
    """One performance of a hand-off's step, for `notify_all`: who is told, what about, and what it says."""

    recipients: Iterable
    obj: models.Model
    context: Context


def _allowed(handoff: Handoff, *, jobcenter_id: int, steps: Sequence[tuple[list, Context]]) -> list[list]:
    """Per step, the users who may receive `handoff` about an object of this jobcenter (and the step's company):
    an active membership there with one of its roles; a leader only of that company. One query for all steps."""
    ids = {user.pk for users, _context in steps for user in users}
    if not ids:
        return [[] for _step in steps]
    memberships = Membership.objects.filter(
        jobcenter_id=jobcenter_id, user_id__in=ids, is_active=True, user__is_active=True, role__in=handoff.roles
    ).select_related("user")
    leaders_only = handoff.roles == LEADERS
    places: dict[int, set] = {}
    people = {}
    for membership in memberships:
        places.setdefault(membership.user_id, set()).add(membership.company_id)
        people[membership.user_id] = membership.user
    allowed = []
    for users, context in steps:
        company_id = context.company.pk if context.company is not None else None
        keep = {user.pk for user in users if user.pk in places and (not leaders_only or company_id in places[user.pk])}
        allowed.append([people[pk] for pk in sorted(keep)])
    return allowed


def notify(
    event: str, recipients: Iterable, obj: models.Model, context: Context, *, jobcenter=None, actor=None
) -> list:
    """Tells `recipients` (users) that `event` happened to `obj`: one outbox message each and, unless the
    hand-off is e-mail only, one inbox item each. The `actor` who performed the step is not told of it. Call
    it inside the step's transaction. Returns the outbox rows (existing ones for a repeated call)."""
    return notify_all(event, [Step(recipients, obj, context)], jobcenter=jobcenter, actor=actor)


def notify_all(event: str, steps: Sequence[Step], *, jobcenter=None, actor=None) -> list:
    """`notify` for several performances of one hand-off in one jobcenter at once (a committed cohort's proposal
    to each of its companies), with the same messages and inbox items as one `notify` per step, in a fixed
    number of queries whatever the number of steps and people: one for who may be told, two at most for their
    delivery preferences, the outbox's set-wise `messages_enqueue` and one INSERT of the inbox items."""
    from inbox.services import NewItem, items_create_all
    from notifications.preferences import STATUS_FOR, channels_for
    from notifications.services import Outgoing, messages_enqueue

    handoff = get(event)
    if not steps:
        return []
    jobcenter = jobcenter or steps[0].obj.jobcenter  # type: ignore[attr-defined]
    wanted = [
        (
            [user for user in step.recipients if user is not None and (actor is None or user.pk != actor.pk)],
            step.context,
        )
        for step in steps
    ]
    allowed = _allowed(handoff, jobcenter_id=jobcenter.pk, steps=wanted)
    # Each person's delivery preference (notifications.preferences): e-mail now, held for the daily digest, or
    # the inbox only. The inbox item below is written whatever they chose.
    everyone = {user.pk: user for users in allowed for user in users}
    channels = channels_for(jobcenter=jobcenter, users=list(everyone.values()), event=event)
    outgoing, told = [], []
    for step, users in zip(steps, allowed, strict=True):
        context = step.context
        url = settings.SITE_URL.rstrip("/") + context.link
        for user in users:
            outgoing.append(
                Outgoing(
                    status=STATUS_FOR[channels[user.pk]],
                    kind=handoff.kind,
                    recipient_email=user.email,
                    recipient_name=user.full_name,
                    context={
                        "recipient_name": user.full_name,
                        "title": context.title,
                        "opening_values": dict(context.values),
                        "lines": list(context.lines),
                        "items": list(context.items),
                        "reason": context.reason,
                        "url": url,
                        "jobcenter_name": jobcenter.name,
                        **context.extra,
                    },
                    about=step.obj,
                    period=context.period,
                    attachments=context.attachments,
                    **TEMPLATES,
                )
            )
            told.append((step, user))
    messages = messages_enqueue(jobcenter=jobcenter, messages=outgoing)
    if handoff.inbox and messages:
        items_create_all(
            jobcenter=jobcenter,
            items=[
                NewItem(
                    recipient=user,
                    key=message.idempotency_key,
                    company=step.context.company if handoff.roles == LEADERS else None,
                    event=event,
                    title=step.context.title,
                    link=step.context.link,
                    about_type=ContentType.objects.get_for_model(step.obj),
                    about_id=step.obj.pk,
                )
                for (step, user), message in zip(told, messages, strict=True)
            ],
        )
    return messages


def danish():
    """The product's language while a step's texts are built (a step may run where another is active)."""
    return translation.override(settings.LANGUAGE_CODE)


def date_text(value, style: str = "short") -> str:
    """A date as the product writes it (`mentorship.templatetags.dk`): 25.10.2026, or "oktober 2026"."""
    from mentorship.templatetags.dk import dk_date

    with danish():
        return dk_date(value, style)


def moment_period(prefix: str, moment) -> str:
    """A period that tells repeats of a step on one object apart by the moment of each (to the microsecond,
    in UTC): 19 characters, within the outbox's period field."""
    from datetime import UTC

    return prefix + moment.astimezone(UTC).strftime("%y%m%d%H%M%S%f")


def first_name(name: str) -> str:
    """Only a citizen's first name reaches an e-mail; the rest is behind the link."""
    return (name or "").split(" ")[0]


# --- Who is told ----------------------------------------------------------------------------------------


def coordinators(jobcenter) -> list:
    """The jobcenter's active coordinators (users)."""
    rows = Membership.objects.filter(
        jobcenter=jobcenter, role=Role.COORDINATOR, is_active=True, user__is_active=True
    ).select_related("user")
    return [membership.user for membership in rows]


def leaders(company) -> list:
    """The company's active leaders (users)."""
    rows = Membership.objects.filter(
        jobcenter_id=company.jobcenter_id,
        company=company,
        role=Role.COMPANY_LEADER,
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    return [membership.user for membership in rows]


def leaders_by_company(companies) -> dict[int, list]:
    """{company pk: its active leaders (users)} for several companies of one jobcenter, in one query."""
    companies = list(companies)
    found: dict[int, list] = {company.pk: [] for company in companies}
    if not companies:
        return found
    rows = Membership.objects.filter(
        jobcenter_id=companies[0].jobcenter_id,
        company__in=companies,
        role=Role.COMPANY_LEADER,
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    for membership in rows:
        found[membership.company_id].append(membership.user)
    return found


def _is_member(user, jobcenter_id: int, roles: tuple[str, ...], company=None) -> bool:
    if user is None or not user.is_active:
        return False
    memberships = Membership.objects.filter(user=user, jobcenter_id=jobcenter_id, is_active=True, role__in=roles)
    if company is not None:
        memberships = memberships.filter(company=company)
    return memberships.exists()


def job_consultant(placement) -> list:
    """The placement's job consultant while they may act on it (a coordinator or jobcenter admin of the
    jobcenter: follow-ups, goals and a new proposal are theirs, accounts.permissions.COORDINATORS); else its
    coordinators, so a hand-off never lands with someone who has left or with a caseworker, who may only read."""
    if _is_member(placement.responsible, placement.jobcenter_id, COORDINATORS):
        return [placement.responsible]
    return coordinators(placement.jobcenter_id)


def person_or_coordinators(user, jobcenter_id: int) -> list:
    """`user` while they are still a coordinator of the jobcenter, else its coordinators."""
    if _is_member(user, jobcenter_id, COORDINATORS):
        return [user]
    return coordinators(jobcenter_id)


def leader_or_leaders(user, company) -> list:
    """`user` while they are still a leader of the company, else the company's leaders."""
    if _is_member(user, company.jobcenter_id, LEADERS, company=company):
        return [user]
    return leaders(company)


# --- The README table -----------------------------------------------------------------------------------

README_START = "<!-- handoffs:start (generated by notifications.handoffs.readme_table(); edit the registry) -->"
README_END = "<!-- handoffs:end -->"


def readme_table() -> str:
    rows = [
        "| step | service | who is told | message kind | inbox |",
        "|---|---|---|---|---|",
    ]
    for handoff in HANDOFFS.values():
        rows.append(
            f"| {handoff.step} | `{handoff.service}` | {handoff.recipients} | `{handoff.kind}` | "
            f"{'yes' if handoff.inbox else 'no (e-mail only)'} |"
        )
    return "\n".join(rows)
