"""The message kinds this app sends itself (other apps register theirs in <app>/message_kinds.py)."""

from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from citizens.rules import FOLLOW_UP_OVERDUE_DAYS
from notifications.fanout import AUDIENCE_COMPANY, AUDIENCE_CORPS, AUDIENCE_STAFF, FOLLOWUP_OVERDUE, WEEKLY_FOLLOWUP
from notifications.kinds import EXAMPLE_CPR, EXAMPLE_SENSITIVE_NOTE, WEEKLY_LIFETIME, MessageKind, register
from notifications.rendering import render_items
from texts import placeholders as ph
from texts.placeholders import Opening, Placeholder


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


def _per_object_context(messages: list) -> dict[int, dict]:
    """Contexts of rows about one object each (the daily escalation): the object's names, one load per type."""
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
                    "about_id": message.about_id,
                    "recipient_name": message.recipient_name,
                    "week": message.period.split("-W")[-1].lstrip("0"),
                    "site_url": settings.SITE_URL,
                }
    return contexts


# A person's weekly reminder lists each running placement and agreement once, with a link into the app the
# person uses (notifications.fanout's audiences): the coordinator app for staff, the portal for a company mentor,
# none for a corps mentor (who does not log in).
ITEM_TEMPLATES = {
    "text_template": "notifications/weekly_followup/item.txt",
    "html_template": "notifications/weekly_followup/item.html",
}
ITEM_LABELS = {
    ("citizens", "placement"): _("virksomhedsforløb"),
    ("citizens", "mentoragreement"): _("mentorforløb"),
}
_LINKS = {
    (("citizens", "placement"), AUDIENCE_STAFF): "citizens:placement_detail",
    (("citizens", "mentoragreement"), AUDIENCE_STAFF): "citizens:agreement_detail",
    (("citizens", "placement"), AUDIENCE_COMPANY): "portal:placement_detail",
}
_PK_MARK = 987654321


def _link_patterns() -> dict:
    """{(type, audience): "https://…/forloeb/{}/"}: one reverse() per route, not one per listed item."""
    return {
        key: settings.SITE_URL + reverse(name, kwargs={"pk": _PK_MARK}).replace(str(_PK_MARK), "{}")
        for key, name in _LINKS.items()
    }


def _items_of(message) -> list:
    # A row made before reminders were per person (about one object, no list) lists that object, unlinked.
    if message.items:
        return message.items
    if message.about_type_id is not None:
        return [[message.about_type_id, message.about_id, AUDIENCE_CORPS]]
    return []


def weekly_items(entries: list[tuple[tuple[str, str], int, str, dict]], patterns: dict) -> list[dict]:
    """The list entries (first name, label, company, link) of ((app, model), pk, audience, subject) tuples, in
    reading order: by first name, then kind, then company."""
    rows = []
    for type_key, pk, audience, subject in entries:
        pattern = patterns.get((type_key, audience))
        rows.append(
            {
                "citizen_first_name": subject["citizen_first_name"],
                "about_label": str(ITEM_LABELS[type_key]),
                "company_name": subject["company_name"],
                "link": pattern.format(pk) if pattern else "",
            }
        )
    rows.sort(key=lambda row: (row["citizen_first_name"], row["about_label"], row["company_name"], row["link"]))
    return rows


def weekly_followup_context(messages: list) -> dict[int, dict]:
    """One load per object type for the whole batch; each person's list rendered with render_items. Objects
    gone since the fan-out are left out; a message whose every object is gone has no context (it fails, visibly)."""
    wanted: dict[int, set[int]] = {}
    for message in messages:
        for type_id, pk, _audience in _items_of(message):
            wanted.setdefault(type_id, set()).add(pk)
    subjects: dict[int, tuple[tuple[str, str], dict[int, dict]]] = {}
    with scopes_disabled():
        for type_id, pks in wanted.items():
            content_type = ContentType.objects.get_for_id(type_id)  # cached: no query per row
            type_key = (content_type.app_label, content_type.model)
            subjects[type_id] = (type_key, SUBJECT_LOADERS[type_key](pks))
    patterns = _link_patterns()
    contexts: dict[int, dict] = {}
    for message in messages:
        entries = []
        for type_id, pk, audience in _items_of(message):
            type_key, loaded = subjects[type_id]
            subject = loaded.get(pk)
            if subject is not None:
                entries.append((type_key, pk, audience, subject))
        if not entries:
            continue
        items = weekly_items(entries, patterns)
        items_text, items_html = render_items(items=items, **ITEM_TEMPLATES)
        contexts[message.pk] = {
            "recipient_name": message.recipient_name,
            "week": message.period.split("-W")[-1].lstrip("0"),
            "count": str(len(items)),
            "items_text": items_text,
            "items_html": items_html,
            # A corps mentor has no login: they are asked to answer, never to register in Mentorordning.
            "has_links": "1" if any(item["link"] for item in items) else "",
            "site_url": settings.SITE_URL,
        }
    return contexts


def _example_subject() -> dict:
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


def weekly_followup_example() -> dict:
    citizen = SimpleNamespace(name="Mette Sørensen", cpr=EXAMPLE_CPR, health_note=EXAMPLE_SENSITIVE_NOTE)
    placement = ("citizens", "placement")
    agreement = ("citizens", "mentoragreement")
    items = weekly_items(
        [
            (
                placement,
                11,
                AUDIENCE_STAFF,
                {"citizen_first_name": _first_name(citizen.name), "company_name": "Hammel Maskinfabrik A/S"},
            ),
            (agreement, 12, AUDIENCE_STAFF, {"citizen_first_name": "Ali", "company_name": ""}),
            (placement, 13, AUDIENCE_CORPS, {"citizen_first_name": "Ali", "company_name": "Bager <Ø> & Co"}),
        ],
        _link_patterns(),
    )
    items_text, items_html = render_items(items=items, **ITEM_TEMPLATES)
    return {
        "citizen": citizen,
        "recipient_name": "Lars Jensen",
        "week": "48",
        "count": str(len(items)),
        "items_text": items_text,
        "items_html": items_html,
        "site_url": settings.SITE_URL,
    }


def _weekly_values(context) -> dict[str, str]:
    return {
        "fornavn": _first_name(context.get("recipient_name", "")),
        "uge": context.get("week", ""),
        "antal": context.get("count", ""),
    }


register(
    MessageKind(
        key=WEEKLY_FOLLOWUP,
        label=_("Ugentlig påmindelse om opfølgning"),
        opening=Opening(
            default=_("Det er tid til den ugentlige opfølgning (uge {uge}). Du er tilknyttet disse {antal} forløb:"),
            placeholders=(
                ph.FORNAVN,
                Placeholder("uge", _("ugenummeret"), "48"),
                Placeholder("antal", _("antal forløb i listen"), "3"),
            ),
            values=_weekly_values,
        ),
        subject_template="notifications/weekly_followup/subject.txt",
        text_template="notifications/weekly_followup/body.txt",
        html_template="notifications/weekly_followup/body.html",
        example_context=weekly_followup_example,
        deferred_context=weekly_followup_context,
        lifetime=WEEKLY_LIFETIME,
    )
)


def followup_overdue_context(messages: list) -> dict[int, dict]:
    """The escalation goes to the placement's job consultant: the link opens that placement, not the start page."""
    pattern = _link_patterns()[(("citizens", "placement"), AUDIENCE_STAFF)]
    return {
        pk: {**context, "days": str(FOLLOW_UP_OVERDUE_DAYS), "about_url": pattern.format(context["about_id"])}
        for pk, context in _per_object_context(messages).items()
    }


def _overdue_values(context) -> dict[str, str]:
    return {
        "fornavn": _first_name(context.get("recipient_name", "")),
        "forløb": str(context.get("about_label", "")),
        "borger_fornavn": context.get("citizen_first_name", ""),
        "virksomhed": context.get("company_name", ""),
        "dage": context.get("days", ""),
    }


register(
    MessageKind(
        key=FOLLOWUP_OVERDUE,
        opening=Opening(
            default=_(
                "Der er ikke registreret nogen opfølgning på {forløb} med {borger_fornavn} i {dage} dage eller mere."
            ),
            placeholders=(
                ph.FORNAVN,
                Placeholder(
                    "forløb",
                    _("hvilket forløb: »forløbet i virksomheden« eller »mentorforløbet«"),
                    "forløbet i virksomheden",
                ),
                ph.BORGER_FORNAVN,
                ph.VIRKSOMHED,
                Placeholder("dage", _("antal dage uden opfølgning"), str(FOLLOW_UP_OVERDUE_DAYS)),
            ),
            values=_overdue_values,
        ),
        label=format_lazy(_("Påmindelse: ingen opfølgning i {days} dage"), days=FOLLOW_UP_OVERDUE_DAYS),
        subject_template="notifications/followup_overdue/subject.txt",
        text_template="notifications/followup_overdue/body.txt",
        html_template="notifications/followup_overdue/body.html",
        example_context=lambda: {
            **_example_subject(),
            "days": str(FOLLOW_UP_OVERDUE_DAYS),
            "about_url": _link_patterns()[(("citizens", "placement"), AUDIENCE_STAFF)].format(11),
        },
        deferred_context=followup_overdue_context,
        lifetime=WEEKLY_LIFETIME,
    )
)
