"""No module reads the clock when it is imported.

A date taken at import is stale by the time it is used. In the test suite that is minutes: pytest collects
every module (module constants, parametrize lists, default arguments) before the first test runs, so a run
that crosses midnight in Copenhagen compares the old day with the application's new one and fails. In a
running server it is days. Read the clock where it is used: inside the function, the test, or a factory's
`LazyFunction`."""

import ast
from pathlib import Path

from django.conf import settings

SKIPPED_DIRS = {".venv", "node_modules", "var", "static", "locale", "__pycache__", ".git"}
# today(), now(), timezone.localdate(), timezone.now(), date.today(), datetime.now(), localtime(), utcnow()
CLOCK_NAMES = {"today", "now"}
CLOCK_ATTRIBUTES = {"localdate", "now", "today", "localtime", "utcnow"}


def _reads_the_clock(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    function = node.func
    if isinstance(function, ast.Name):
        return function.id in CLOCK_NAMES
    return isinstance(function, ast.Attribute) and function.attr in CLOCK_ATTRIBUTES


def clock_reads_at_import(source: str) -> list[int]:
    """Line numbers of the clock reads in `source` that run when the module is imported: module and class
    bodies, decorators (parametrize lists) and default arguments; not function or lambda bodies."""
    found = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = node.args
            evaluated_now = [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None)]
            if not isinstance(node, ast.Lambda):
                evaluated_now += node.decorator_list
            for child in evaluated_now:
                visit(child)
            return
        if _reads_the_clock(node):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return sorted(found)


def test_the_check_finds_a_clock_read_at_import():
    assert clock_reads_at_import("TODAY = timezone.localdate()") == [1]
    assert clock_reads_at_import("class F:\n    starts_on = date.today()") == [2]
    assert clock_reads_at_import("@pytest.mark.parametrize('d', [today() + one_day])\ndef test(d): pass") == [1]
    assert clock_reads_at_import("def f(at=timezone.now()):\n    pass") == [1]
    assert clock_reads_at_import("g = lambda at=datetime.now(): at") == [1]


def test_the_check_leaves_reads_at_call_time_alone():
    assert clock_reads_at_import("def f():\n    return timezone.localdate()") == []
    assert clock_reads_at_import("g = lambda: today()") == []
    assert clock_reads_at_import("class F:\n    starts_on = factory.LazyFunction(timezone.localdate)") == []
    assert clock_reads_at_import("@pytest.mark.parametrize('days', [1, 8])\ndef test(days): today()") == []


def test_no_module_reads_the_clock_at_import():
    base = Path(settings.BASE_DIR)
    found = []
    for path in sorted(base.rglob("*.py")):
        relative = path.relative_to(base)
        if SKIPPED_DIRS.intersection(relative.parts):
            continue
        found += [f"{relative}:{line}" for line in clock_reads_at_import(path.read_text(encoding="utf-8"))]
    assert found == []
