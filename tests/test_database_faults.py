"""The web process against a PostgreSQL that cuts its connections or refuses new ones."""

import logging
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.urls import reverse

from notifications.tests.realparts import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _serve(path: str) -> tuple[int, bytes]:
    """One request through the real WSGI handler, as gunicorn calls it: unlike the test client, it runs
    Django's request_started/request_finished connection handling (close_old_connections)."""
    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO=path, HTTP_HOST="localhost", SERVER_NAME="localhost")
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        body = b"".join(response)
    finally:
        response.close()
    return int(statuses[0].split()[0]), body


def _backend_pid() -> int:
    return connection.connection.info.backend_pid


def _terminate(pid: int) -> None:
    """What a PostgreSQL restart does to the web process's connection, from another connection."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


def test_request_after_the_server_cut_the_connection_succeeds(world, monkeypatch):
    url = reverse("corps_public:apply", kwargs={"jobcenter_slug": world.jobcenter.slug})
    # Persistent connections, as under gunicorn (DATABASE_CONN_MAX_AGE); read when a connection opens.
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    assert _serve(url)[0] == 200
    first = _backend_pid()
    assert _serve(url)[0] == 200
    assert _backend_pid() == first  # a persistent connection (CONN_MAX_AGE), the case that used to fail

    _terminate(first)

    status, body = _serve(url)
    assert status == 200, body[:500]
    assert _backend_pid() != first
    assert _serve(reverse("healthz")) == (200, b"ok")
    connection.close()


def test_health_check_says_not_ready_while_the_database_refuses(client, caplog, monkeypatch):
    caplog.set_level(logging.INFO)
    assert client.get(reverse("healthz")).status_code == 200
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", str(free_port()))  # nothing listens there
    try:
        for _ in range(3):
            response = client.get(reverse("healthz"))
            assert (response.status_code, response.content) == (503, b"not ready")
    finally:
        connection.close()
        monkeypatch.undo()

    warnings = [r for r in caplog.records if r.name == "mentorship.views" and r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "not ready" in warnings[0].getMessage()  # once per outage, not per probe
    assert not [r for r in caplog.records if r.exc_info]  # no traceback in the log

    assert client.get(reverse("healthz")).content == b"ok"
    assert any("answers again" in r.getMessage() for r in caplog.records if r.name == "mentorship.views")
