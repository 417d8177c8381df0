"""The permission matrix: every URL pattern × every role, against an expected status code.

Each app lists its URLs in `<app>/tests/matrix.py` as `MATRIX = {"namespace:name": Row(...)}`; the
project's own URLs are in tests/matrix.py. A row gives the status for each role; object URLs also
give `kwargs(world)` naming an object of the first jobcenter (and of company A, for portal URLs),
so the other jobcenter's user (and leader B) must get 404 for it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "coordinator",
    "caseworker",
    "jobcenter_admin",
    "leader_a",
    "leader_b",
    "other_jobcenter",
    "superuser",
)


@dataclass(frozen=True)
class Row:
    """Expected GET status per role. `default` applies to roles not named in `statuses`."""

    statuses: dict[str, int] = field(default_factory=dict)
    default: int = 200
    kwargs: Callable[[object], dict] | None = None
    query: str = ""

    def expected(self, role: str) -> int:
        return self.statuses.get(role, self.default)


def row(default: int = 200, *, kwargs=None, query: str = "", **statuses: int) -> Row:
    unknown = set(statuses) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles in matrix row: {sorted(unknown)}")
    return Row(statuses=statuses, default=default, kwargs=kwargs, query=query)


# Common shapes. Anonymous users are redirected to the login page (302).
def staff_only(*, kwargs=None, query: str = "", object_of_jobcenter: bool = False, **overrides: int) -> Row:
    """Coordinator-app pages for coordinators, jobcenter admins and caseworkers."""
    statuses = {"anonymous": 302, "leader_a": 403, "leader_b": 403, "superuser": 403}
    if object_of_jobcenter:
        statuses["other_jobcenter"] = 404
    statuses.update(overrides)
    return row(200, kwargs=kwargs, query=query, **statuses)


def coordinators_only(*, kwargs=None, query: str = "", object_of_jobcenter: bool = False, **overrides: int) -> Row:
    statuses = {"caseworker": 403, **overrides}
    return staff_only(kwargs=kwargs, query=query, object_of_jobcenter=object_of_jobcenter, **statuses)


def leaders_only(*, kwargs=None, query: str = "", object_of_company: bool = False, **overrides: int) -> Row:
    """Portal pages: company leaders only; leader B gets 404 for company A's objects."""
    statuses = {
        "anonymous": 302,
        "coordinator": 403,
        "caseworker": 403,
        "jobcenter_admin": 403,
        "other_jobcenter": 403,
        "superuser": 403,
    }
    if object_of_company:
        statuses["leader_b"] = 404
    statuses.update(overrides)
    return row(200, kwargs=kwargs, query=query, **statuses)


def public(**overrides: int) -> Row:
    return row(200, **overrides)
