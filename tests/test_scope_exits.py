"""A way out of the tenant scope is explicit: `scopes_disabled()` with a comment saying why, or a manager
`unscoped = UnscopedManager()` (mentorship.tenancy) declared, and explained, on the model. Application
code never reaches for Django's private managers, `_base_manager` and `_default_manager`, which hide
whether a query is scoped."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django_scopes import scopes_disabled

from companies.models import Company
from companies.tests.factories import CompanyFactory
from conftest import TENANT_SCOPED_MODULES
from mentorship.tenancy import UnscopedManager, scoped_objects

PRIVATE_MANAGERS = {"_base_manager", "_default_manager"}
SKIPPED_DIRS = {".venv", "node_modules", "migrations", "tests", "var", "static", "locale", "__pycache__"}


def _names_private_manager(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in PRIVATE_MANAGERS
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value in PRIVATE_MANAGERS
    )


def private_manager_uses(source: str) -> list[int]:
    """Line numbers where `source` reads `x._base_manager` or `x._default_manager`, directly or by getattr."""
    return sorted(node.lineno for node in ast.walk(ast.parse(source)) if _names_private_manager(node))


def _application_modules():
    base = Path(settings.BASE_DIR)
    for path in base.rglob("*.py"):
        parts = path.relative_to(base).parts
        if SKIPPED_DIRS.intersection(parts) or path.name == "conftest.py" or path.name.startswith("test_"):
            continue
        if parts == ("mentorship", "tenancy.py"):
            continue  # scoped_objects(model): the one typed reader of a run-time model's default manager
        yield path


def test_the_check_finds_a_private_manager():
    assert private_manager_uses("Citizen._base_manager.filter(pk=1)") == [1]
    assert private_manager_uses("x = 1\nmodel._default_manager.all()") == [2]
    assert private_manager_uses("getattr(model, '_base_manager').all()") == [1]
    assert private_manager_uses("Citizen.objects.all()\nHoursEntry.unscoped.all()") == []


def test_no_application_module_uses_a_private_manager():
    found = {}
    checked = 0
    for path in _application_modules():
        checked += 1
        lines = private_manager_uses(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(settings.BASE_DIR))] = lines
    assert checked > 100
    assert not found, (
        "Use `objects` inside the right scope (mentorship.tenancy.scoped_objects(model) for a model known only "
        "at run time), `with scopes_disabled():` with a comment saying why, or the model's documented "
        f"`unscoped` manager: {found}"
    )


def _is_scoped(manager) -> bool:
    return type(manager).__module__ == "django_scopes.manager"


def test_tenant_models_default_to_the_scoped_manager_and_name_their_way_out_unscoped():
    tenant_models = [model for model in apps.get_models() if _is_scoped(model._meta.default_manager)]
    assert len(tenant_models) > 40
    wrong = {}
    for model in tenant_models:
        if model._meta.default_manager.name != "objects" or scoped_objects(model) is not model.objects:
            wrong[model._meta.label] = f"default manager {model._meta.default_manager.name}"
        others = [
            m.name
            for m in model._meta.managers
            if not _is_scoped(m) and not (m.name == "unscoped" and isinstance(m, UnscopedManager))
        ]
        if others:
            wrong[model._meta.label] = f"other managers {others}"
    assert not wrong, f"A tenant model's only way out of its scope is `unscoped = UnscopedManager()`: {wrong}"


def test_service_and_selector_test_modules_run_in_a_tenant_scope():
    scoped = ["test_services.py", "test_selectors.py", "test_update_services.py", "test_mentor_selectors.py"]
    assert all(TENANT_SCOPED_MODULES.match(name) for name in scoped)
    assert not any(TENANT_SCOPED_MODULES.match(name) for name in ["test_views.py", "test_scope_exits.py"])


@pytest.mark.tenant_scope
def test_a_tenant_scoped_test_reads_only_the_worlds_jobcenter_and_builds_in_any(world):
    CompanyFactory(jobcenter=world.other_jobcenter, name="Bygget i et andet jobcenter ApS")
    assert set(Company.objects.values_list("jobcenter_id", flat=True)) == {world.jobcenter.pk}
    with scopes_disabled():
        assert Company.objects.filter(jobcenter=world.other_jobcenter).count() == 2


def test_other_tests_run_with_scopes_disabled(world):
    assert Company.objects.filter(jobcenter=world.other_jobcenter).count() == 1
