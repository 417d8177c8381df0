"""Messages the companies app sends (registered with notifications.kinds; see that module)."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from notifications.kinds import MessageKind, register
from texts import placeholders as ph
from texts.placeholders import Opening

LEADER_INVITATION = "companies.leader_invitation"


def _example_context() -> dict:
    # An invitation is about a company and its leader; no citizen appears in it.
    jobcenter = SimpleNamespace(name="Jobcenter Favrskov", email="jobcenter@favrskov.dk", phone="89 64 10 10")
    company = SimpleNamespace(name="Hammel Maskinfabrik A/S", cvr="29402817", jobcenter=jobcenter)
    invitation = SimpleNamespace(full_name="Peter Sørensen", email="peter@hammel-maskin.dk", company=company)
    return {
        "invitation": invitation,
        "company": company,
        "jobcenter": jobcenter,
        "link": "https://mentor.favrskov.dk/virksomheder/invitation/eksempel/",
        "expires_at": datetime(2026, 12, 1, 16, 0, tzinfo=ZoneInfo("Europe/Copenhagen")),
        "invited_by": SimpleNamespace(full_name="Mette Kjær"),
    }


def _invitation_values(context) -> dict[str, str]:
    return {
        "fornavn": ph.first_name(getattr(context.get("invitation"), "full_name", "")),
        "jobcenter": getattr(context.get("jobcenter"), "name", ""),
        "virksomhed": getattr(context.get("company"), "name", ""),
        "dato": ph.long_date(context.get("expires_at")),
    }


register(
    MessageKind(
        key=LEADER_INVITATION,
        opening=Opening(
            default=_("{jobcenter} inviterer dig som leder af {virksomhed} til virksomhedsportalen i Mentorordningen."),
            placeholders=(
                ph.FORNAVN,
                ph.JOBCENTER,
                ph.VIRKSOMHED,
                ph.dato(_("den dag, linket i invitationen udløber")),
            ),
            values=_invitation_values,
        ),
        label=_("Invitation af virksomhedsleder til portalen"),
        subject_template="companies/email/leader_invitation_subject.txt",
        text_template="companies/email/leader_invitation.txt",
        html_template=None,
        example_context=_example_context,
    )
)


# The messages of this app's hand-offs (notifications.handoffs.HANDOFFS): one shared template set.
def _register_handoff_kinds() -> None:
    from notifications.handoffs import register_kinds

    register_kinds("companies")


_register_handoff_kinds()
