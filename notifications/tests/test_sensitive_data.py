"""Every registered kind of message, rendered with an example whose objects carry a CPR number and a
health/social note, must contain neither (subject, text, HTML, attachments)."""

import pytest

from notifications import kinds
from notifications.rendering import contains_cpr, render

ALL_KINDS = [kind.key for kind in kinds.all_kinds()]


def test_the_registry_covers_the_kinds_we_know():
    assert "notifications.weekly_followup" in ALL_KINDS


@pytest.mark.django_db
@pytest.mark.parametrize("key", ALL_KINDS)
def test_no_cpr_or_sensitive_note_in_any_kind(key):
    kind = kinds.get(key)
    context = kind.example_context()
    subject, text, html = render(
        subject_template=kind.subject_template,
        text_template=kind.text_template,
        html_template=kind.html_template,
        context=context,
    )
    attachments = "".join(str(value) for value in context.get("attachments", ()))
    for part in (subject, text, html, attachments):
        assert not contains_cpr(part)
        assert kinds.EXAMPLE_CPR not in part
        assert kinds.EXAMPLE_SENSITIVE_NOTE not in part
        assert kinds.EXAMPLE_SENSITIVE_NOTE.split(":")[0] not in part
    assert subject.strip() and text.strip()


def test_the_scan_would_catch_a_leak(tmp_path, settings):
    (tmp_path / "leak.txt").write_text("{{ citizen.cpr }} {{ citizen.health_note }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    from notifications.rendering import SensitiveDataError

    with pytest.raises(SensitiveDataError):
        render(
            subject_template="leak.txt",
            text_template="leak.txt",
            html_template=None,
            context=kinds.get("notifications.weekly_followup").example_context(),
        )


DEFERRED_KINDS = [kind.key for kind in kinds.all_kinds() if kind.deferred_context is not None]


@pytest.mark.parametrize("key", DEFERRED_KINDS)
def test_fast_rendering_equals_normal_rendering(key):
    from notifications.rendering import render_fast

    kind = kinds.get(key)
    context = {k: v for k, v in kind.example_context().items() if k != "citizen"}
    context["recipient_name"] = "Søren <Ø> & Co"  # escaping in HTML, not in text
    for variant in (context, {**context, "company_name": ""}):
        expected = render(
            subject_template=kind.subject_template,
            text_template=kind.text_template,
            html_template=kind.html_template,
            context=variant,
        )
        assert render_fast(kind=kind, context=variant) == expected
