"""Activity actions are registered (audit.actions): activity_record refuses any other, every action the code
logs is registered, every registered one is logged somewhere, and the log is read by its Danish descriptions."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import reverse

from audit import actions
from audit.models import ActivityLog
from audit.services import activity_record
from citizens import services as citizen_services
from citizens.tests.factories import AgreementFactory, CitizenFactory

ROOT = Path(settings.BASE_DIR)
NOT_CODE = {".git", ".venv", "node_modules", "var", "static", "locale", "templates", "docs"}


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        if not NOT_CODE & set(path.relative_to(ROOT).parts):
            yield path


def _is_test(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "tests" in parts or path.name.startswith("test_") or path.name == "conftest.py"


def _action_values(tree: ast.AST):
    """Every expression the code gives as an activity action: `action=…` in a call, and `action = …`."""
    for node in ast.walk(tree):
        keyword = isinstance(node, ast.keyword) and node.arg == "action"
        assigned = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "action" for t in node.targets
        )
        if keyword or assigned:
            yield node.value


def _alternatives(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.IfExp):
        return _alternatives(node.body) + _alternatives(node.orelse)
    return [node]


def _pattern(node: ast.JoinedStr) -> str:
    """An f-string as a regular expression: a placeholder of constant alternatives (`{'a' if x else 'b'}`)
    matches exactly those, any other placeholder one segment of a code."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(re.escape(value.value))
            continue
        options = _alternatives(value.value)
        if all(isinstance(option, ast.Constant) for option in options):
            parts.append("(?:" + "|".join(re.escape(str(option.value)) for option in options) + ")")
        else:
            parts.append("[a-z0-9_]+")
    return "".join(parts)


def _enum_members() -> dict[tuple[str, str], str]:
    """(class name, member name) → code, for `action=CitizensAction.CITIZEN_UPDATED`."""
    return {(type(member).__name__, member.name): member.value for member in actions._registry.values()}


def scan() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """The actions the product code logs (literal codes, f-string patterns) and the codes its tests read,
    each with where it occurs."""
    literals: dict[str, list[str]] = {}
    patterns: dict[str, list[str]] = {}
    read_by_tests: dict[str, list[str]] = {}
    members = _enum_members()
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        test = _is_test(path)
        for value in _action_values(tree):
            for option in _alternatives(value):
                where = f"{path.relative_to(ROOT)}:{option.lineno}"
                code = None
                if isinstance(option, ast.Constant) and isinstance(option.value, str):
                    code = option.value
                elif isinstance(option, ast.Attribute) and isinstance(option.value, ast.Name):
                    code = members.get((option.value.id, option.attr))
                elif isinstance(option, ast.JoinedStr) and not test:
                    patterns.setdefault(_pattern(option), []).append(where)
                # Plain words (argparse's "store_true", an admin action) are not activity codes.
                if code is None or "." not in code:
                    continue
                if test:
                    read_by_tests.setdefault(code, []).append(where)
                else:
                    literals.setdefault(code, []).append(where)
    return literals, patterns, read_by_tests


def test_every_action_the_code_logs_is_registered_and_every_registered_action_is_logged():
    literals, patterns, _ = scan()
    registered = set(actions.registered())
    assert len(literals) > 50, "the scan found too few actions to be looking at the services"

    unregistered = {code: where for code, where in literals.items() if code not in registered}
    assert not unregistered, f"Register these in their app's activity.py: {unregistered}"
    unmatched = {p: where for p, where in patterns.items() if not any(re.fullmatch(p, c) for c in registered)}
    assert not unmatched, f"No registered action fits these f-strings: {unmatched}"

    used = set(literals) | {code for code in registered for p in patterns if re.fullmatch(p, code)}
    assert not registered - used, f"Registered but never logged (remove them): {sorted(registered - used)}"


def test_tests_read_only_registered_actions():
    """A test that filters the log on a misspelt action finds nothing, and `assert not ….exists()` passes."""
    *_, read_by_tests = scan()
    app_labels = {config.label for config in apps.get_app_configs()}
    registered = set(actions.registered())
    # Codes of no app ("test.done") are rows a test writes on purpose, past the registry.
    wrong = {
        code: where
        for code, where in read_by_tests.items()
        if code.split(".")[0] in app_labels and code not in registered
    }
    assert not wrong, f"Tests name actions that are not registered: {wrong}"


def test_the_f_string_patterns_expand_as_written():
    tree = ast.parse("""f"corps.hours.{'approve' if approve else 'reject'}"\nf"companies.claim.{status}\"""")
    first, second = (node.value for node in tree.body)
    assert re.fullmatch(_pattern(first), "corps.hours.approve")
    assert not re.fullmatch(_pattern(first), "corps.hours.record")
    assert re.fullmatch(_pattern(second), "companies.claim.approved")
    assert not re.fullmatch(_pattern(second), "companies.claim.approved.twice")


@pytest.mark.django_db
def test_activity_record_refuses_an_unregistered_action(world):
    unregistered = "citizens.citizen.renamed"  # not written as action="…", which the scan would flag
    with pytest.raises(ValueError, match=re.escape(unregistered)):
        activity_record(actor=world.coordinator, action=unregistered, obj=world.company_a)
    assert not ActivityLog.objects.exists()
    entry = activity_record(actor=world.coordinator, action="companies.company.updated", obj=world.company_a)
    assert entry.action == "companies.company.updated"


def test_registered_actions_have_danish_descriptions():
    descriptions = actions.registered()
    assert descriptions["citizens.citizen.updated"] == "Borgerens oplysninger ændret"
    assert all(text and text != code for code, text in descriptions.items())
    assert len(set(descriptions.values())) == len(descriptions), "two actions read the same"
    # An old row whose action is no longer registered still shows, as its code.
    assert actions.description("citizens.citizen.gone") == "citizens.citizen.gone"


def test_register_refuses_a_code_of_another_app_a_bad_shape_and_a_second_owner():
    before = actions.registered()

    class OtherApp(models.TextChoices):
        THING = "citizens.thing.done", "x"

    class BadShape(models.TextChoices):
        FINE = "audit.test_fine.done", "x"
        THING = "audit.thing", "x"

    class SecondOwner(models.TextChoices):
        ERASED = "audit.person.erased", "x"

    for choices, message in [
        (OtherApp, "must read 'audit."),
        (BadShape, "must read 'audit."),
        (SecondOwner, "registered twice"),
    ]:
        with pytest.raises(ImproperlyConfigured, match=message):
            actions.register(choices)
    assert actions.registered() == before


@pytest.mark.django_db
def test_admin_lists_filters_and_searches_the_log_by_danish_description(world, login):
    activity_record(actor=world.coordinator, action="companies.company.updated", obj=world.company_a)
    activity_record(actor=world.coordinator, action="companies.leader.removed", obj=world.company_b)
    client = login(world.jobcenter_admin)
    url = reverse("admin:audit_activitylog_changelist")

    page = client.get(url).content.decode()
    assert "Virksomhedens oplysninger ændret" in page
    assert "Leders adgang til portalen fjernet" in page
    assert ">companies.company.updated<" not in page

    found = client.get(url, {"q": "portalen fjernet"}).context["cl"].result_list
    assert [entry.action for entry in found] == ["companies.leader.removed"]
    filtered = client.get(url, {"action": "companies.company.updated"}).context["cl"].result_list
    assert [entry.action for entry in filtered] == ["companies.company.updated"]


@pytest.mark.django_db
def test_timeline_shows_who_changed_what_in_danish_but_not_sensitive_notes(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=world.caseworker)
    agreement = AgreementFactory(citizen=citizen)
    citizen_services.citizen_update(actor=world.coordinator, citizen=citizen, data={"phone": "12345678"})
    citizen_services.agreement_update(
        actor=world.coordinator, agreement=agreement, data={"mentor_tasks": "Følge op hver uge"}
    )
    citizen_services.sensitive_note_create(actor=world.coordinator, citizen=citizen, kind="health", text="Hemmelig")
    assert ActivityLog.objects.filter(action="citizens.sensitive_note.created").exists()

    page = login(world.caseworker).get(reverse("citizens:timeline", args=[citizen.pk])).content.decode()
    assert "Borgerens oplysninger ændret" in page
    assert "Mentoraftale ændret" in page
    assert f"Af {world.coordinator.full_name}" in page
    assert "citizens.citizen.updated" not in page
    assert "Følsom oplysning tilføjet" not in page
