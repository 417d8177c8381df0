"""Walks every URL pattern as every role and compares the status with the expected matrix."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import login_verified
from tests.permissions import ROLES

pytestmark = pytest.mark.django_db

LOCAL_APPS = [config.name for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR]


def collect_matrix() -> dict:
    matrix = dict(importlib.import_module("tests.matrix").MATRIX)
    for app in LOCAL_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.matrix")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tests.matrix":
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
    # Django admin's own URLs are covered by tests/test_admin.py: its pages are generated per model.
    return {name for name in walk(get_resolver()) if not name.startswith("admin:")}


MATRIX = collect_matrix()


def test_every_url_is_in_the_matrix():
    names = project_url_names()
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert not missing, f"URLs without a permission-matrix row: {missing}"
    assert not stale, f"Matrix rows for URLs that do not exist: {stale}"


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


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, world):
    client = client_for(role, world)
    mismatches = []
    for name, expectation in sorted(MATRIX.items()):
        kwargs = expectation.kwargs(world) if expectation.kwargs else {}
        url = reverse(name, kwargs=kwargs) + (f"?{expectation.query}" if expectation.query else "")
        status = client.get(url).status_code
        if status != expectation.expected(role):
            mismatches.append(f"{name} ({url}): expected {expectation.expected(role)}, got {status}")
    assert not mismatches, f"As {role}:\n" + "\n".join(mismatches)
