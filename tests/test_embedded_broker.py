"""`make run` has no Redis: a real worker on kombu's filesystem transport must still run tasks."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_worker_runs_a_task_through_the_filesystem_broker(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="mentorship.settings_test",
        DATABASE_URL=database_url(),
        MENTORSHIP_VAR_DIR=str(tmp_path),
    )
    for folder in ("broker/queue", "broker/control"):
        (tmp_path / folder).mkdir(parents=True)
    Session.objects.create(session_key="e" * 32, session_data="", expire_date=timezone.now() - timedelta(hours=1))

    # Send from a separate process configured like `make run` (no REDIS_URL), then let a worker take it.
    send = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from accounts.tasks import clear_expired_sessions; clear_expired_sessions.delay()",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert send.returncode == 0, send.stderr
    assert list((tmp_path / "broker/queue").iterdir()), "the message was not written to the filesystem broker"

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "mentorship", "worker", "--pool", "solo", "--loglevel", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while Session.objects.filter(session_key="e" * 32).exists():
            assert worker.poll() is None, worker.stdout.read().decode()
            assert time.monotonic() < deadline, "the worker did not run the task within 60 s"
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        worker.stdout.close()
