"""Issue 20: the status of an agreement, placement, compensation claim, offer or course registration is
written only by its own app's services, which check the move against the model's transitions table.

The scan reads the product code (every *.py outside tests, migrations, demo data and virtualenvs) with
the ast module and finds every status write: `x.status = ...` (also in a tuple assignment),
`setattr(x, "status", ...)`, `.update(status=...)`, `.bulk_update(..., ["status", ...])`, `status=...` given
to a model's constructor or to create/update_or_create/get_or_create, and a `"status": ...` entry of a
dict literal. A write whose value names one of the five enums must be in the owning services module.
A write whose value is not an enum member (a variable) cannot be attributed to a model by reading; it is
allowed only in a services module or on the list below of other models' writes.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_PARTS = {"tests", "migrations", "benchmarks", ".venv", "var", "node_modules", "static", "locale", ".git"}

# enum name (as the product code spells it) -> the modules that may write it.
OWNERS = {
    "AgreementStatus": {"citizens/services/agreement.py"},
    "PlacementStatus": {"citizens/services/placement.py"},
    "ClaimStatus": {"companies/services/claim.py"},
    "OfferStatus": {"matching/services/offer.py"},
    "RegistrationStatus": {
        "courses/services/registration.py",
        "courses/services/waiting_list.py",
        "courses/services/course.py",
    },
    # courses.services._common's alias of RegistrationStatus
    "RS": {"courses/services/registration.py", "courses/services/waiting_list.py", "courses/services/course.py"},
}
WRITE_CALLS = {"update", "create", "update_or_create", "get_or_create"}
READ_CLASSES = {"Q", "When", "Exists", "Count", "Sum", "FilteredRelation"}  # conditions, not writes


def _product_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED_PARTS & set(relative.parts) or relative.name in ("demo.py", "conftest.py"):
            continue
        if relative.parts[0].startswith(".") or relative.name.startswith("test_"):
            continue
        files.append(path)
    return files


def _enums(node: ast.AST | None) -> set[str]:
    """The enum names a value mentions (`AgreementStatus.ACTIVE`, `RS.WAITING if full else RS.REGISTERED`)."""
    if node is None:
        return set()
    return {
        sub.value.id
        for sub in ast.walk(node)
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id in OWNERS
    }


def _status_writes(tree: ast.AST) -> list[tuple[int, ast.AST | None, bool]]:
    """(line, value, changes an existing row) of every status write in a module. A constructor's or
    create()'s status is a new row's first status (an HttpResponse's status too), not a move."""
    writes: list[tuple[int, ast.AST | None, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "status":
                    writes.append((node.lineno, node.value, True))
                elif isinstance(target, ast.Tuple):
                    values = node.value.elts if isinstance(node.value, ast.Tuple) else None
                    for index, element in enumerate(target.elts):
                        if isinstance(element, ast.Attribute) and element.attr == "status":
                            writes.append((node.lineno, values[index] if values else node.value, True))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name == "setattr" and len(node.args) == 3:
                key = node.args[1]
                if not (isinstance(key, ast.Constant) and key.value != "status"):
                    writes.append((node.lineno, node.args[2], True))
            elif name == "bulk_update" and "status" in ast.unparse(node):
                writes.append((node.lineno, None, True))
            elif name in WRITE_CALLS or (name[:1].isupper() and name not in READ_CLASSES):
                for keyword in node.keywords:
                    if keyword.arg == "status":
                        writes.append((node.lineno, keyword.value, name == "update"))
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "status" and _enums(value):
                    writes.append((node.lineno, value, False))
    return writes


def _is_services(relative: str) -> bool:
    return "/services/" in relative or relative.endswith("/services.py") or relative.endswith("_services.py")


# Status writes of other models whose value is a variable or whose module is not a services module
# (none of the five enums): file -> why.
OTHER_MODELS = {
    "notifications/digest.py": "the outbox's messages (MessageStatus), held back for a digest",
}


def test_the_five_status_enums_are_written_only_by_their_own_services():
    offences = []
    seen_owned = set()
    for path in _product_files():
        relative = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        for line, value, moves in _status_writes(tree):
            enums = _enums(value)
            for enum in enums:
                if relative in OWNERS[enum]:
                    seen_owned.add(enum)
                else:
                    offences.append(f"{relative}:{line} writes a {enum} outside {sorted(OWNERS[enum])}")
            if moves and not enums and not _is_services(relative) and relative not in OTHER_MODELS:
                offences.append(f"{relative}:{line} writes a status outside a services module")
    assert offences == []
    # The scan finds the services' own writes, so it is not blind.
    alias = {"RS": "RegistrationStatus"}
    assert {alias.get(enum, enum) for enum in seen_owned} == {alias.get(enum, enum) for enum in OWNERS}


def test_the_scan_finds_every_kind_of_write():
    source = """
a.status = AgreementStatus.ACTIVE
b.status, b.at = PlacementStatus.ENDED, now
setattr(c, "status", ClaimStatus.APPROVED)
Offer.objects.filter(pk=1).update(status=OfferStatus.EXPIRED)
Registration(course=c, status=RS.WAITING if full else RS.REGISTERED)
values = {"status": ClaimStatus.SUBMITTED}
Offer.objects.filter(status=OfferStatus.OFFERED).count()
"""
    writes = _status_writes(ast.parse(source))
    assert sorted(enum for _line, value, _moves in writes for enum in _enums(value)) == [
        "AgreementStatus",
        "ClaimStatus",
        "ClaimStatus",
        "OfferStatus",
        "PlacementStatus",
        "RS",
    ]
