"""Walks every URL pattern as every role, reading and writing, and compares the answers with the matrix.

For each role, in one world: every URL the role may read is read (GET); then every refused request is
sent (a GET or POST the role may not make, a POST to a view that takes only GET, a GET to one that takes
only POST, a DELETE to one that takes GET and POST) and the content of every table must be unchanged
afterwards; then every POST the role may make is sent (without form data) and must not fail or be
refused. See tests/permissions.py for how a row's expectations follow.
"""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.template.backends.django import Template
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from companies.models import Company
from conftest import login_verified
from tests.database_state import changed_tables, table_fingerprints
from tests.permissions import ANY_ANSWER, ROLES, refused_by_role

pytestmark = pytest.mark.django_db

LOCAL_APPS = [config.name for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR]

ERROR_PAGES = frozenset({"403.html", "404.html"})

# Tables a refused request may legitimately write, each with the reason. The session: every request of a
# logged-in user, refused or not, saves its session again once the last save is SESSION_REFRESH_SECONDS
# old (the idle timeout), which a slow walk can reach; it holds no domain data. (Refused requests write no
# access-log, activity-log or Axes rows: those tables are compared like every other.)
MAY_CHANGE_WHEN_REFUSED = frozenset({"django_session"})


def collect_matrix() -> dict:
    matrix = dict(importlib.import_module("tests.matrix").MATRIX)
    for app in LOCAL_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.matrix")
        except ModuleNotFoundError as error:
            if error.name not in (f"{app}.tests", f"{app}.tests.matrix"):  # an app without tests has no rows
                raise
            continue
        overlap = set(matrix) & set(module.MATRIX)
        assert not overlap, f"URL names listed twice in the matrix: {overlap}"
        matrix.update(module.MATRIX)
    return matrix


def walk(resolver: URLResolver, namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"


def project_url_names() -> set[str]:
    # Django admin's own URLs have their own matrix (tests/test_admin*.py): its pages are generated per model.
    return {name for name in walk(get_resolver()) if not name.startswith("admin:")}


MATRIX = collect_matrix()


def test_every_url_is_in_the_matrix():
    names = project_url_names()
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert not missing, f"URLs without a permission-matrix row: {missing}"
    assert not stale, f"Matrix rows for URLs that do not exist: {stale}"


def test_every_row_lets_some_role_past_the_role_check():
    """Which methods a view takes is checked against the answers of the roles that pass the role check
    (a method it does not take answers 405). A row that refuses every role would leave its declared
    methods unchecked. (A row whose roles are all answered before the method check, like Django's
    password-reset link, says so with `before_method_check`.)"""
    unchecked = sorted(name for name, row in MATRIX.items() if all(refused_by_role(r, row.status(r)) for r in ROLES))
    assert not unchecked, f"Rows whose methods no role can check: {unchecked}"


def test_the_fingerprints_name_a_changed_table(world):
    before = table_fingerprints()
    assert changed_tables(before, table_fingerprints()) == []
    Company.objects.filter(pk=world.company_a.pk).update(name="Hammel Maskinfabrik ApS")
    assert changed_tables(before, table_fingerprints()) == [Company._meta.db_table]


@pytest.fixture
def rendering(monkeypatch):
    """Rendering templates is most of what a request costs, and the walk is about who gets what answer, which
    the view decides before it renders. So the walk renders each error page once per role (they are the same
    for every URL) and no other page: tests/test_danish_on_every_page.py renders every page of this matrix as
    every role that may open it (a template that fails fails there), and tests/browser/test_axe_sweep.py opens
    each in Chromium. The view still runs in full. A template rendered without a request (an e-mail, a
    calendar file) always renders."""
    error_pages_seen: set[str] = set()
    render = Template.render

    def render_when_useful(self, context=None, request=None):
        name = self.origin.template_name
        if request is not None:
            if name not in ERROR_PAGES or name in error_pages_seen:
                return ""
            error_pages_seen.add(name)
        return render(self, context, request)

    monkeypatch.setattr(Template, "render", render_when_useful)


def client_for(role: str, world) -> Client:
    client = Client()
    users = {
        "coordinator": world.coordinator,
        "caseworker": world.caseworker,
        "jobcenter_admin": world.jobcenter_admin,
        "leader_a": world.leader_a,
        "leader_b": world.leader_b,
        "other_jobcenter": world.other_coordinator,
        "superuser": world.superuser,
    }
    if role != "anonymous":
        login_verified(client, users[role])
    return client


def _answer(client: Client, method: str, url: str):
    """The response, or the exception the view raised (inside a savepoint, so the walk goes on)."""
    try:
        with transaction.atomic():
            return getattr(client, method.lower())(url)
    except Exception as error:  # every failure is reported with its URL, and the walk goes on
        return error


def _mismatch(role: str, method: str, name: str, url: str, response, expected: int | None) -> str | None:
    if isinstance(response, Exception):
        return f"{method} {name} ({url}): raised {response!r}"
    status = response.status_code
    if expected is ANY_ANSWER:
        # The role passed the same checks on GET, so a refusal here means the POST path checks differently.
        if status >= 500 or status in (403, 404, 405):
            return f"{method} {name} ({url}): expected an answer below 500 that is no refusal, got {status}"
        return None
    if status != expected:
        return f"{method} {name} ({url}): expected {expected}, got {status}"
    if role == "anonymous" and status == 302 and refused_by_role(role, expected):
        login = resolve_url(settings.LOGIN_URL)
        if not response["Location"].startswith(login):
            return f"{method} {name} ({url}): expected a redirect to {login}, got one to {response['Location']}"
    return None


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, world, rendering):
    client = client_for(role, world)
    urls = {}
    for name, row in sorted(MATRIX.items()):
        kwargs = row.kwargs(world) if row.kwargs else {}
        urls[name] = reverse(name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    mismatches = []

    def check(method: str, name: str) -> None:
        url = urls[name]
        expected = MATRIX[name].expected(role, method)
        problem = _mismatch(role, method, name, url, _answer(client, method, url), expected)
        if problem:
            mismatches.append(problem)

    # Reads first (a page a role may see logs the read), then every refused request, which together must
    # change nothing, then the writes. A method the view does not take: POST for a view that takes only
    # GET, GET for one that takes only POST, and DELETE (which no view takes) for one that takes both.
    reads, refusals, writes = [], [], []
    for name, row in MATRIX.items():
        (refusals if row.refuses(role, "GET") else reads).append(("GET", name))
        (writes if row.may_write(role) else refusals).append(("POST", name))
        if set(row.methods) == {"GET", "POST"}:
            refusals.append(("DELETE", name))
    writes.sort(key=lambda request: MATRIX[request[1]].ends_session)  # the logout last

    for method, name in reads:
        check(method, name)
    before = table_fingerprints(MAY_CHANGE_WHEN_REFUSED)
    for method, name in refusals:
        check(method, name)
    changed = changed_tables(before, table_fingerprints(MAY_CHANGE_WHEN_REFUSED))
    for method, name in writes:
        check(method, name)

    assert not mismatches and not changed, (
        f"As {role}:\n"
        + "\n".join(mismatches)
        + (f"\nTables changed by refused requests: {', '.join(changed)}" if changed else "")
    )
