"""The permission matrix: every URL pattern × every role, against an expected answer.

Each app lists its URLs in `<app>/tests/matrix.py` as `MATRIX = {"namespace:name": Row(...)}`; the
project's own URLs are in tests/matrix.py. A row gives, per role, the answer to a request with a
method the view accepts, and which methods the view accepts (`methods`, GET only unless declared).
Object URLs give `kwargs(world)`, which builds a real object of the first jobcenter (and of company A,
for portal URLs), so the other jobcenter's user (and leader B) attack a real foreign object and must
get 404 for it.

From a row and a method, `Row.expected` derives the answer:
- a role refused before the view runs (anonymous: 302 to the login page; too little role: 403) gets
  that refusal for every method, also one the view does not accept: the role check comes first;
- otherwise a method the view does not accept answers 405. That includes another tenant's object
  (404 for an accepted method): the object is looked up inside the view, after the method check, and
  405 is the same for a foreign object and an absent one, so it reveals nothing;
- an accepted GET answers the row's status; an accepted POST answers 404 where the row says 404, and
  otherwise anything below 500 that is no refusal (`ANY_ANSWER`: not 403, 404 or 405): the walk posts
  no form data, so a form page answers with its errors (200 or 400) and an action with its redirect.

A row's `methods` is a declaration the walk checks, never trusts: a view that takes POST although its
row says GET only answers its POST with something other than 405 and fails, and so does a view that
refuses the POST its row declares. A new URL therefore fails until its row says what it takes.

The walk proves that a role's refused requests (GET, POST and DELETE) together changed nothing in the
database.
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

GET_ONLY = ("GET",)
GET_POST = ("GET", "POST")
POST_ONLY = ("POST",)

# The expected answer of an accepted POST that is not refused: anything below 500 but 403, 404 and 405.
ANY_ANSWER = None


def refused_by_role(role: str, status: int) -> bool:
    """True for an answer given before the view runs: the login redirect (anonymous) or 403."""
    return status == 403 or (role == "anonymous" and status == 302)


@dataclass(frozen=True)
class Row:
    """Expected answer per role to a request with a method the view accepts. `default` applies to
    roles not named in `statuses`. `methods` are the HTTP methods the view accepts (HEAD comes with GET)."""

    statuses: dict[str, int] = field(default_factory=dict)
    default: int = 200
    kwargs: Callable[[object], dict] | None = None
    query: str = ""
    methods: tuple[str, ...] = GET_ONLY
    # Posting here ends the client's session (logout): the walk posts it last.
    ends_session: bool = False
    # Roles whose answer the view gives before its method check, the same for every method (Django's
    # LoginView sends a logged-in user on; PasswordResetConfirmView first judges the link).
    before_method_check: tuple[str, ...] = ()

    def status(self, role: str) -> int:
        return self.statuses.get(role, self.default)

    def expected(self, role: str, method: str = "GET") -> int | None:
        """The status `role` must get for `method`; ANY_ANSWER (None) for an accepted, allowed POST."""
        status = self.status(role)
        if refused_by_role(role, status) or role in self.before_method_check:
            return status
        if method not in self.methods:
            return 405
        if method == "GET" or status == 404:
            return status
        return ANY_ANSWER

    def refuses(self, role: str, method: str) -> bool:
        """True when `role`'s `method` request is turned away (login, 403, 404 or 405)."""
        expected = self.expected(role, method)
        return expected is not ANY_ANSWER and (expected in (403, 404, 405) or refused_by_role(role, expected))

    def may_write(self, role: str) -> bool:
        """True when `role` may POST here. Every other POST is turned away and must change nothing."""
        return self.expected(role, "POST") is ANY_ANSWER


def row(
    default: int = 200,
    *,
    kwargs=None,
    query: str = "",
    methods=GET_ONLY,
    ends_session=False,
    before_method_check=(),
    **statuses,
) -> Row:
    unknown = (set(statuses) | set(before_method_check)) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles in matrix row: {sorted(unknown)}")
    unknown_methods = set(methods) - {"GET", "POST"}
    if not methods or unknown_methods:
        raise ValueError(f"A matrix row accepts GET and/or POST, not {methods}")
    return Row(
        statuses=statuses,
        default=default,
        kwargs=kwargs,
        query=query,
        methods=tuple(methods),
        ends_session=ends_session,
        before_method_check=tuple(before_method_check),
    )


# Common shapes. Anonymous users are redirected to the login page (302).
def staff_only(
    *, kwargs=None, query: str = "", object_of_jobcenter: bool = False, methods=GET_ONLY, **overrides: int
) -> Row:
    """Coordinator-app pages for coordinators, jobcenter admins and caseworkers."""
    statuses = {"anonymous": 302, "leader_a": 403, "leader_b": 403, "superuser": 403}
    if object_of_jobcenter:
        statuses["other_jobcenter"] = 404
    statuses.update(overrides)
    return row(200, kwargs=kwargs, query=query, methods=methods, **statuses)


def coordinators_only(
    *, kwargs=None, query: str = "", object_of_jobcenter: bool = False, methods=GET_ONLY, **overrides: int
) -> Row:
    statuses = {"caseworker": 403, **overrides}
    return staff_only(kwargs=kwargs, query=query, object_of_jobcenter=object_of_jobcenter, methods=methods, **statuses)


def leaders_only(
    *, kwargs=None, query: str = "", object_of_company: bool = False, methods=GET_ONLY, **overrides: int
) -> Row:
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
    return row(200, kwargs=kwargs, query=query, methods=methods, **statuses)


def public(**overrides: int) -> Row:
    return row(200, **overrides)
