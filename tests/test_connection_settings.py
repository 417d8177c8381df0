"""Persistent database connections only where they are bounded (issue 18: the development server, a thread per
request, kept a connection per thread and used up PostgreSQL's connections with DATABASE_CONN_MAX_AGE=60)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.test_deploy import PRODUCTION_ENV

SCRIPT = (
    "import sys; sys.argv = {argv!r}; from mentorship import settings as s; "
    "print(s.DATABASES['default']['CONN_MAX_AGE'])"
)


def conn_max_age(argv: list[str], **env: str) -> int:
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    result = subprocess.run(  # noqa: S603 - fixed argv, our own settings module
        [sys.executable, "-c", SCRIPT.format(argv=argv)],
        cwd=settings.BASE_DIR,
        env={**base, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        # The development server (make run's Procfile.dev): never a kept connection, even when asked for one.
        (["manage.py", "runserver", "127.0.0.1:8000", "--noreload"], {}, 0),
        (["manage.py", "runserver"], {"DATABASE_CONN_MAX_AGE": "60"}, 0),
        (["manage.py", "migrate"], {"DJANGO_DEBUG": "true", "DATABASE_CONN_MAX_AGE": "60"}, 0),
        # gunicorn (production, the load test): a bounded pool, so connections are kept by default.
        ([".venv/bin/gunicorn", "mentorship.wsgi"], {}, 60),
        (["/usr/lib/python3/site-packages/gunicorn/__main__.py", "mentorship.wsgi"], {}, 60),
        ([".venv/bin/gunicorn", "mentorship.wsgi"], {"DATABASE_CONN_MAX_AGE": "0"}, 0),
        # Celery, management commands, the tests: a connection per unit of work unless set.
        ([".venv/bin/celery", "-A", "mentorship", "worker"], {}, 0),
        (["manage.py", "seed_demo"], {"DATABASE_CONN_MAX_AGE": "30"}, 30),
    ],
)
def test_connection_lifetime_is_safe_for_every_way_the_product_starts(argv, env, expected):
    assert conn_max_age(argv, **env) == expected


def test_a_negative_lifetime_stops_start_up():
    with pytest.raises(AssertionError, match="DATABASE_CONN_MAX_AGE=-1 is below the minimum 0"):
        conn_max_age(["manage.py", "check"], DATABASE_CONN_MAX_AGE="-1")
