"""The hand-off registry is the one list: the README's table is generated from it, every hand-off's message kind
is registered (so the sensitive-data scan renders it), and every event names a service that exists."""

from importlib import import_module
from pathlib import Path

from django.conf import settings

from accounts.models import Role
from notifications import handoffs, kinds


def _readme_block() -> str:
    text = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    start = text.index(handoffs.README_START) + len(handoffs.README_START)
    return text[start : text.index(handoffs.README_END)].strip()


def test_the_readme_table_is_the_registry():
    expected = handoffs.readme_table()
    assert _readme_block() == expected, (
        "README.md's hand-off table differs from notifications.handoffs.HANDOFFS; put this between the markers:\n"
        + expected
    )


def test_every_handoff_kind_is_registered():
    for handoff in handoffs.HANDOFFS.values():
        assert kinds.get(handoff.kind).label


def test_every_handoff_names_a_service_that_exists():
    for handoff in handoffs.HANDOFFS.values():
        module, _dot, name = handoff.service.rpartition(".")
        assert callable(getattr(import_module(module), name)), handoff.service


def test_only_leaders_see_portal_items_and_only_staff_the_rest():
    for handoff in handoffs.HANDOFFS.values():
        portal = Role.COMPANY_LEADER in handoff.roles
        assert not portal or handoff.roles == handoffs.LEADERS, handoff.event
    assert "claim.submitted" not in handoffs.events_for_role(Role.CASEWORKER)
    assert "claim.approved" in handoffs.events_for_role(Role.COMPANY_LEADER)
    assert "agreement.ending" not in handoffs.events_for_role(Role.CASEWORKER)  # e-mail only
