"""Status rules live on the models: no template and no view, service or selector compares a status with a
string literal; they ask the model (`placement.can_be_assessed`, `agreement.is_editable`, ...)."""

import ast
import re
from pathlib import Path

from django.conf import settings

# `x.status == "active"`, `"active" != status`, `status in "..."`, `r.status in ('a', 'b')`, and the same
# with the enum passed in the context (`message.status == Status.PENDING`).
_QUOTE = r"[\"']"
STATUS_COMPARISON = re.compile(
    rf"\bstatus\s*(?:==|!=)\s*(?:{_QUOTE}|\w*Status\.)"
    rf"|{_QUOTE}\s*(?:==|!=)\s*[\w.]*\bstatus\b"
    rf"|\bstatus\s+(?:not\s+)?in\s+[\(\[]?\s*{_QUOTE}"
)
TEMPLATE_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
APPS = ["accounts", "audit", "citizens", "companies", "corps", "courses", "matching", "notifications", "portal"]
APPS += ["reports", "submissions", "mentorship"]
RULE_MODULES = ("views", "services", "selectors")


def _template_files():
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += [Path(settings.BASE_DIR) / app / "templates" for app in APPS]
    for root in roots:
        if root.is_dir():
            yield from (path for path in root.rglob("*") if path.suffix in {".html", ".txt"})


def template_comparisons(source: str) -> list[str]:
    """The template tags of `source` that compare a status with a string literal."""
    return [tag for tag in TEMPLATE_TAG.findall(source) if STATUS_COMPARISON.search(tag)]


def test_the_template_check_finds_a_status_comparison():
    assert template_comparisons('{% if placement.status == "active" %}x{% endif %}')
    assert template_comparisons("{% elif offer.status != 'declined' or x %}")
    assert template_comparisons('{% if "ended" == citizen.status %}')
    assert template_comparisons('{% if r.status in ("registered", "waiting") %}')
    assert template_comparisons("{% if message.status == Status.PENDING %}")
    assert not template_comparisons("{% if placement.can_be_assessed %}{{ status }} == 'x'")
    assert not template_comparisons("{% if value == status %} selected{% endif %}")


def test_no_template_compares_a_status_string():
    found = {}
    checked = 0
    for path in _template_files():
        checked += 1
        hits = template_comparisons(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(settings.BASE_DIR))] = hits
    assert checked > 100
    assert not found, f"Ask the model (a property or enum set) instead: {found}"


def _is_status(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "status") or (
        isinstance(node, ast.Name) and node.id == "status"
    )


def _is_string_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_string_literal(element) for element in node.elts)
    return False


def code_comparisons(source: str) -> list[int]:
    """Line numbers where `source` compares `.status` (or a `status` variable) with a string literal."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(map(_is_status, operands)) and any(map(_is_string_literal, operands)):
                lines.append(node.lineno)
    return lines


def _rule_modules():
    for app in APPS:
        root = Path(settings.BASE_DIR) / app
        for name in RULE_MODULES:
            module, package = root / f"{name}.py", root / name
            if module.is_file():
                yield module
            if package.is_dir():
                yield from package.rglob("*.py")


def test_the_code_check_finds_a_status_comparison():
    assert code_comparisons('if placement.status != "proposed":\n    pass\n') == [1]
    assert code_comparisons('x = 1\nok = placement.status not in ("active", "ended")\n') == [2]
    assert code_comparisons('if "ended" == citizen.status:\n    pass\n') == [1]
    assert not code_comparisons("if placement.status == PlacementStatus.ACTIVE:\n    pass\n")
    assert not code_comparisons('if placement.awaits_answer and kind == "visit":\n    pass\n')


def test_no_view_service_or_selector_compares_a_status_with_a_string():
    found = {}
    modules = list(_rule_modules())
    assert len(modules) > 20
    assert any(path.name == "views.py" and path.parent.name == "portal" for path in modules)
    for path in modules:
        lines = code_comparisons(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(settings.BASE_DIR))] = lines
    assert not found, f"Ask the model (a property or enum set) instead: {found}"
