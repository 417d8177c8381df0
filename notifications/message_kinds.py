"""The message kinds this app sends itself (other apps register theirs in <app>/message_kinds.py)."""

from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from citizens.rules import FOLLOW_UP_OVERDUE_DAYS
from notifications.fanout import FOLLOWUP_OVERDUE, WEEKLY_FOLLOWUP
from notifications.kinds import EXAMPLE_CPR, EXAMPLE_SENSITIVE_NOTE, WEEKLY_LIFETIME, MessageKind, register


def _first_name(full_name: str) -> str:
    return (full_name or "").split(" ")[0]


def _agreement_subjects(ids: list[int]) -> dict[int, dict]:
    agreement_model = apps.get_model("citizens", "MentorAgreement")
    label = str(_("mentorforløbet"))
    rows = agreement_model.objects.filter(pk__in=ids).values_list("id", "citizen__name")
    return {
        pk: {"about_label": label, "citizen_first_name": _first_name(name), "company_name": ""} for pk, name in rows
    }


def _placement_subjects(ids: list[int]) -> dict[int, dict]:
    # Plain rows, no model instances: a weekly fan-out loads this for every reminder it sends.
    placement_model = apps.get_model("citizens", "Placement")
    label = str(_("forløbet i virksomheden"))
    rows = placement_model.objects.filter(pk__in=ids).values_list("id", "citizen__name", "company__name")
    return {
        pk: {"about_label": label, "citizen_first_name": _first_name(citizen), "company_name": company}
        for pk, citizen, company in rows
    }


# The objects a weekly reminder can be about → a loader of their (non-sensitive) context, one query per batch.
SUBJECT_LOADERS = {
    ("citizens", "mentoragreement"): _agreement_subjects,
    ("citizens", "placement"): _placement_subjects,
}


def weekly_followup_context(messages: list) -> dict[int, dict]:
    by_type: dict[tuple[str, str], list] = {}
    with scopes_disabled():
        for message in messages:
            content_type = ContentType.objects.get_for_id(message.about_type_id)  # cached: no query per row
            by_type.setdefault((content_type.app_label, content_type.model), []).append(message)
        contexts: dict[int, dict] = {}
        for key, group in by_type.items():
            subjects = SUBJECT_LOADERS[key]({message.about_id for message in group})
            for message in group:
                subject = subjects.get(message.about_id)
                if subject is None:
                    continue  # the object is gone: the message fails with "No context" and is visible
                contexts[message.pk] = {
                    **subject,
                    "recipient_name": message.recipient_name,
                    "week": message.period.split("-W")[-1].lstrip("0"),
                    "site_url": settings.SITE_URL,
                }
    return contexts


def weekly_followup_example() -> dict:
    citizen = SimpleNamespace(name="Mette Sørensen", cpr=EXAMPLE_CPR, health_note=EXAMPLE_SENSITIVE_NOTE)
    return {
        "about_label": _("forløbet i virksomheden"),
        "citizen": citizen,
        "citizen_first_name": _first_name(citizen.name),
        "company_name": "Hammel Maskinfabrik A/S",
        "recipient_name": "Lars Jensen",
        "week": "48",
        "site_url": settings.SITE_URL,
    }


register(
    MessageKind(
        key=WEEKLY_FOLLOWUP,
        label=_("Ugentlig påmindelse om opfølgning"),
        subject_template="notifications/weekly_followup/subject.txt",
        text_template="notifications/weekly_followup/body.txt",
        html_template="notifications/weekly_followup/body.html",
        example_context=weekly_followup_example,
        deferred_context=weekly_followup_context,
        lifetime=WEEKLY_LIFETIME,
    )
)


def followup_overdue_context(messages: list) -> dict[int, dict]:
    return {
        pk: {**context, "days": str(FOLLOW_UP_OVERDUE_DAYS)}
        for pk, context in weekly_followup_context(messages).items()
    }


register(
    MessageKind(
        key=FOLLOWUP_OVERDUE,
        label=format_lazy(_("Påmindelse: ingen opfølgning i {days} dage"), days=FOLLOW_UP_OVERDUE_DAYS),
        subject_template="notifications/followup_overdue/subject.txt",
        text_template="notifications/followup_overdue/body.txt",
        html_template="notifications/followup_overdue/body.html",
        example_context=lambda: {**weekly_followup_example(), "days": str(FOLLOW_UP_OVERDUE_DAYS)},
        deferred_context=followup_overdue_context,
        lifetime=WEEKLY_LIFETIME,
    )
)
