"""Messages the corps sends (registered with notifications.kinds; see that module)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import MessageKind, register

APPLICATION_RECEIVED = "corps.application_received"


def _example_context() -> dict:
    # A mentor has no CPR number or health note; the context carries only name and jobcenter contact.
    return {
        "mentor_name": "Birgitte Mølgaard",
        "jobcenter_name": "Jobcenter Favrskov",
        "jobcenter_email": "jobcenter@favrskov.dk",
        "jobcenter_phone": "89 64 10 10",
    }


register(
    MessageKind(
        key=APPLICATION_RECEIVED,
        label=_("Kvittering for ansøgning til mentorkorpset"),
        subject_template="corps/email/application_received.subject.txt",
        text_template="corps/email/application_received.txt",
        html_template="corps/email/application_received.html",
        example_context=_example_context,
    )
)
