"""`make run`'s embedded default: with no DATABASE_URL the product runs on SQLite, and the demo data must load
there. The rest of the suite runs on PostgreSQL, where a query that SQLite refuses (an ORDER BY inside a UNION,
say) passes unnoticed; this test runs migrate and seed_demo as `make run` does, on a fresh SQLite database in
a temporary directory, in a child process with no DATABASE_URL or REDIS_URL (so the broker is the embedded one
too)."""

import os
import subprocess
import sys

from django.conf import settings

# What the child must not inherit from the test run: it would point the child at PostgreSQL, Redis or the test
# settings instead of the embedded defaults.
NOT_INHERITED = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DATABASE_TEST_NAME", "EMAIL_BACKEND"}

# The reads every request and the start page make through mentorship.prepared, which on SQLite runs the queryset
# itself instead of its compiled SQL: a coordinator's user, memberships, waiting lists and to-do counts.
START_PAGE = """
from django_scopes import scope, scopes_disabled
from accounts.backends import ModelWithMembershipsBackend
from accounts.models import Membership, Role
from reports.next_steps import waiting_on
from reports.selectors import coordinator_todo
with scopes_disabled():
    membership = Membership.objects.filter(role=Role.COORDINATOR).select_related("jobcenter").first()
    user = ModelWithMembershipsBackend().get_user(membership.user_id)
with scope(jobcenter=membership.jobcenter):
    lists = waiting_on(jobcenter=membership.jobcenter, role=membership.role, user=user)
    todo = coordinator_todo(jobcenter=membership.jobcenter)
print(f"start page: {len(lists)} lists, {sum(item.count for item in todo)} to do, {len(user.active_memberships)}")
"""


def test_migrate_and_the_demo_data_run_on_the_embedded_sqlite_default(tmp_path):
    for folder in ("broker/queue", "broker/control", "mail"):
        (tmp_path / folder).mkdir(parents=True)
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    env.update(MENTORSHIP_VAR_DIR=str(tmp_path), DJANGO_DEBUG="true", DJANGO_SETTINGS_MODULE="mentorship.settings")
    outputs = []
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"], ["shell", "--no-imports", "-c", START_PAGE]):
        done = subprocess.run(  # noqa: S603 - our own manage.py, no shell
            [sys.executable, "manage.py", *command],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
        assert done.returncode == 0, f"manage.py {command[0]} failed:\n{done.stderr[-4000:]}"
        outputs.append(done.stdout)
    assert (tmp_path / "db.sqlite3").stat().st_size > 0
    assert "demodata for matching er klar" in outputs[1]
    assert outputs[2].startswith("start page: 5 lists, "), outputs[2]
