"""No app's views import another app's views: what two apps' pages share lives in the project package
(mentorship.web), and a view may call another app's services and selectors, never its views."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _project_apps() -> dict[str, Path]:
    """The product's own apps (those in the repository), by module name."""
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            found[config.name] = path
    return found


def _views_modules(app_path: Path) -> list[Path]:
    module = app_path / "views.py"
    package = app_path / "views"
    return [module] if module.exists() else sorted(package.glob("*.py"))


def imported_views(source: str, *, own_app: str, app_names: set[str]) -> list[str]:
    """The other apps' views modules that `source` imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        modules = {".".join(name.split(".")[:2]) for name in names}
        found += sorted(
            module for module in modules if module.endswith(".views") and module.split(".")[0] in app_names - {own_app}
        )
    return found


def test_the_check_finds_each_way_of_importing_another_apps_views():
    names = {"corps", "courses", "companies", "portal"}
    source = (
        "from corps.views import paginate\n"
        "import companies.views\n"
        "def view():\n    from companies import views\n"
        "from courses.views import own  # its own views: allowed\n"
        "from corps import services\n"
    )
    assert imported_views(source, own_app="courses", app_names=names) == [
        "corps.views",
        "companies.views",
        "companies.views",
    ]


def test_no_apps_views_import_another_apps_views():
    project = _project_apps()
    assert {"citizens", "corps", "courses", "companies", "portal"} <= set(project)
    offences = []
    for name, path in project.items():
        for module in _views_modules(path):
            for imported in imported_views(module.read_text(), own_app=name, app_names=set(project)):
                offences.append(f"{module.relative_to(ROOT)} imports {imported}")
    assert offences == [], "Move what the views share into mentorship/web.py:\n" + "\n".join(offences)
