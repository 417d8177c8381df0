"""Messages the corps sends (registered with notifications.kinds; see that module)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.kinds import MessageKind, register
from texts import placeholders as ph
from texts.placeholders import Opening, Placeholder

APPLICATION_RECEIVED = "corps.application_received"


def _example_context() -> dict:
    # A mentor has no CPR number or health note; the context carries only name and jobcenter contact.
    return {
        "mentor_name": "Birgitte Mølgaard",
        "jobcenter_name": "Jobcenter Favrskov",
        "jobcenter_email": "jobcenter@favrskov.dk",
        "jobcenter_phone": "89 64 10 10",
    }


def _received_values(context) -> dict[str, str]:
    return {"fornavn": ph.first_name(context.get("mentor_name")), "jobcenter": context.get("jobcenter_name", "")}


register(
    MessageKind(
        key=APPLICATION_RECEIVED,
        opening=Opening(
            default=_("Tak for din ansøgning om at blive mentor i {jobcenter}. Vi har modtaget den."),
            placeholders=(ph.FORNAVN, ph.JOBCENTER),
            values=_received_values,
        ),
        label=_("Kvittering for ansøgning til mentorkorpset"),
        subject_template="corps/email/application_received.subject.txt",
        text_template="corps/email/application_received.txt",
        html_template="corps/email/application_received.html",
        example_context=_example_context,
    )
)


# --- Applications waiting for screening (a weekly digest to each coordinator) ---------------------------

APPLICATIONS_WAITING = "corps.applications_waiting"


def _applications_context(*, recipient_name: str, count: int, oldest_days: int, url: str, jobcenter_name: str):
    return {
        "recipient_name": recipient_name,
        "count": count,
        "oldest_days": oldest_days,
        "list_url": url,
        "jobcenter_name": jobcenter_name,
    }


def _waiting_values(context) -> dict[str, str]:
    count, days = int(context.get("count") or 0), int(context.get("oldest_days") or 0)
    # The e-mails are Danish (notifications.rendering renders in "da"): so are the counted words.
    with translation.override("da"):
        return {
            "fornavn": ph.first_name(context.get("recipient_name")),
            "ansøgninger": ngettext("%(count)s ansøgning", "%(count)s ansøgninger", count) % {"count": count},
            "ventetid": ngettext("%(days)s dag", "%(days)s dage", days) % {"days": days},
            "jobcenter": context.get("jobcenter_name", ""),
        }


register(
    MessageKind(
        key=APPLICATIONS_WAITING,
        opening=Opening(
            default=_("{ansøgninger} til mentorkorpset venter på screening. Den ældste har ventet {ventetid}."),
            placeholders=(
                ph.FORNAVN,
                Placeholder(
                    "ansøgninger", _("antal ansøgninger, der venter, med ordet »ansøgninger«"), "3 ansøgninger"
                ),
                Placeholder("ventetid", _("hvor længe den ældste har ventet"), "9 dage"),
                ph.JOBCENTER,
            ),
            values=_waiting_values,
        ),
        label=_("Ansøgninger der venter på screening"),
        subject_template="corps/email/applications_waiting.subject.txt",
        text_template="corps/email/applications_waiting.txt",
        html_template="corps/email/applications_waiting.html",
        # Counts only: no applicant's name or data reaches the e-mail.
        example_context=lambda: _applications_context(
            recipient_name="Karen Holm",
            count=3,
            oldest_days=9,
            url="https://mentorordning.example/mentorer/?status=applicant",
            jobcenter_name="Jobcenter Favrskov",
        ),
    )
)


def applications_waiting_notices(jobcenter, today, now) -> list:
    """When applications wait for screening, each coordinator gets one digest per ISO week (the first
    working day the daily run finds any), with the count and the age of the oldest."""
    from django.conf import settings
    from django.db.models import Count, Min
    from django.urls import reverse

    from corps.models import Mentor, MentorStatus
    from notifications.daily import Notice, coordinators_of
    from notifications.fanout import period_of

    waiting = Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.APPLICANT).aggregate(
        count=Count("id"), oldest=Min("created_at")
    )
    if not waiting["count"]:
        return []
    oldest_days = max((now - waiting["oldest"]).days, 0)
    url = f"{settings.SITE_URL}{reverse('corps:mentor_list')}?status={MentorStatus.APPLICANT}"
    return [
        Notice(
            APPLICATIONS_WAITING,
            email,
            name,
            jobcenter,
            _applications_context(
                recipient_name=name,
                count=waiting["count"],
                oldest_days=oldest_days,
                url=url,
                jobcenter_name=jobcenter.name,
            ),
            period=period_of(today),
        )
        for email, name in coordinators_of(jobcenter)
    ]


def _register_notice() -> None:
    from notifications.daily import DailyNotice, register_notice

    register_notice(
        DailyNotice(
            "corps.applications_waiting",
            applications_waiting_notices,
            label=_("Ugentlig besked om ansøgninger der venter på screening"),
        )
    )


_register_notice()
