import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "mentor.favrskov.dk",
    "DATABASE_URL": "postgres://mentor@db.internal:5432/mentor",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "MENTORSHIP_CPR_KEY": "cHJvZHVjdGlvbi1saWtlLWNwci1rZXktMzItYnl0ZXM=",
    "MENTORSHIP_CPR_HASH_KEY": secrets.token_urlsafe(32),
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "mentorship.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_embedded_default_checks_its_database_without_warnings(tmp_path):
    # `make run` migrates the SQLite default, which runs the database checks: no warning may show there.
    env = {"DJANGO_DEBUG": "true", "MENTORSHIP_VAR_DIR": str(tmp_path)}
    result = run_manage("check", "--database", "default", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG='maybe' is not a boolean"),
        ("SESSION_IDLE_TIMEOUT_MINUTES", "ten", "SESSION_IDLE_TIMEOUT_MINUTES='ten' is not a whole number"),
        ("EMAIL_PORT", "0", "EMAIL_PORT=0 is below the minimum 1"),
        ("EMAIL_BACKEND", "pigeon", "EMAIL_BACKEND='pigeon' must be one of"),
        ("DJANGO_SECRET_KEY", "short", "DJANGO_SECRET_KEY must be at least 50 characters long"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is not a valid database URL"),
    ],
)
def test_bad_setting_stops_start_up_with_a_clear_message(variable, value, message):
    result = run_manage("check", env={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_missing_secret_key_stops_start_up():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.django_db
def test_pages_send_csp_with_nonce_and_security_headers(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    nonce = next(token for token in directives["script-src"].split() if token.startswith("'nonce-"))
    assert "'unsafe-inline'" not in policy
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    # Every script on the page carries the nonce of this response.
    html = response.content.decode()
    assert html.count("<script") >= 1
    assert html.count("<script") == html.count(f'nonce="{nonce[7:-1]}"')
    assert "style=" not in html
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_httponly_and_samesite(client, world):
    from accounts.tests.factories import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": world.caseworker.email, "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_production_cookies_are_secure():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG)",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "True", "True", "False"]
