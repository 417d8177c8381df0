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


def _fast_kind(tmp_path, settings, key, subject, text, html=None):
    """A throwaway deferred kind whose templates live in tmp_path (render_fast caches per kind key)."""
    from types import SimpleNamespace

    for name, body in (("s.txt", subject), ("t.txt", text), ("h.html", html)):
        if body is not None:
            (tmp_path / name).write_text(body)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return SimpleNamespace(
        key=key, subject_template="s.txt", text_template="t.txt", html_template="h.html" if html else None
    )


@pytest.mark.parametrize(
    ("context", "why"),
    [
        ({"a": "Mette 010190-1234", "b": "x"}, "inside one value"),
        ({"a": "Mette", "b": "Søren <0101901234>"}, "in the HTML-escaped part too"),
    ],
)
def test_fast_rendering_refuses_a_cpr_in_a_value(tmp_path, settings, context, why):
    from notifications.rendering import SensitiveDataError, render_fast

    kind = _fast_kind(tmp_path, settings, f"test.value.{why}", "Hej {{ a }}", "{{ a }} og {{ b }}", "<p>{{ b }}</p>")
    with pytest.raises(SensitiveDataError):
        render_fast(kind=kind, context=context)
    with pytest.raises(SensitiveDataError):  # the normal rendering agrees
        render(subject_template="s.txt", text_template="t.txt", html_template="h.html", context=context)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("{{ a }}{{ b }}", {"a": "010190", "b": "1234"}),  # two values side by side
        ("{{ a }}-{{ b }}", {"a": "010190", "b": "1234"}),  # a separator between them
        ("Nr. 0101{{ a }}", {"a": "901234", "b": "x"}),  # template digits before a value
        ("{{ a }} 1234", {"a": "010190", "b": "x"}),  # template digits after a separator
    ],
)
def test_fast_rendering_refuses_a_cpr_made_across_a_values_edge(tmp_path, settings, text, context):
    from notifications.rendering import SensitiveDataError, contains_cpr, render_fast

    kind = _fast_kind(tmp_path, settings, f"test.edge.{text}", "Besked", text)
    assert not any(contains_cpr(value) for value in context.values())
    with pytest.raises(SensitiveDataError):
        render_fast(kind=kind, context=context)


def test_fast_rendering_passes_digits_that_are_no_cpr(tmp_path, settings):
    from notifications.rendering import render_fast

    kind = _fast_kind(tmp_path, settings, "test.fine", "Uge {{ week }}", "Hej {{ a }}, uge {{ week }}.")
    subject, text, _html = render_fast(kind=kind, context={"a": "Lars 2. sal", "week": "48"})
    assert (subject, text) == ("Uge 48", "Hej Lars 2. sal, uge 48.\n")
