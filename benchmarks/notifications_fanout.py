"""Benchmark: the weekly follow-up fan-out for N active placements (default 100,000), sent by one Celery worker
with 2 pool processes and Django's no-op mail backend, on PostgreSQL and Redis.

Prints: rows created, seconds from the fan-out until every row is sent, rows created by a re-run (must be 0),
and peak RSS (VmHWM) per worker process.

    createdb -h 127.0.0.1 -U postgres bench_notifications
    .venv/bin/python benchmarks/notifications_fanout.py \
        --database postgres://postgres@127.0.0.1:5432/bench_notifications --redis redis://127.0.0.1:6379/7

The database is migrated and seeded on the first run (seeding 100,000 placements takes a minute or two).
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--placements", type=int, default=100_000)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/bench_notifications")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--concurrency", type=int, default=2)
    return parser.parse_args()


def configure(args) -> None:
    os.environ["DATABASE_URL"] = args.database
    os.environ["REDIS_URL"] = args.redis
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.notifications_settings"
    import django

    django.setup()


def seed(count: int) -> None:
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter, User
    from citizens.models import Citizen, Placement, PlacementType, TargetGroup
    from companies.models import Company, CompanyMentor

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        jobcenter, _ = Jobcenter.objects.get_or_create(
            municipality_code="998", defaults={"name": "Jobcenter Benchmark", "slug": "benchmark"}
        )
        have = Placement.objects.filter(jobcenter=jobcenter, status="active").count()
        if have >= count:
            return jobcenter
        print(f"Seeding {count - have} placements …", flush=True)
        target_group, _ = TargetGroup.objects.get_or_create(
            jobcenter=jobcenter, code="jobparat", defaults={"name": "Jobparat"}
        )
        placement_type, _ = PlacementType.objects.get_or_create(
            jobcenter=jobcenter, code="praktik", defaults={"name": "Virksomhedspraktik"}
        )
        consultants = [
            User.objects.get_or_create(email=f"konsulent{n}@bench.dk", defaults={"full_name": f"Konsulent {n}"})[0]
            for n in range(200)
        ]
        companies = []
        for n in range(1000):
            company, _ = Company.objects.get_or_create(
                jobcenter=jobcenter, name=f"Benchmark {n} ApS", defaults={"cvr": f"{10000000 + n}"}
            )
            companies.append(company)
        mentors = [
            CompanyMentor.objects.get_or_create(
                company=company, email=f"mentor{company.pk}@bench.dk", defaults={"full_name": f"Mentor {company.pk}"}
            )[0]
            for company in companies
        ]
        batch = 5000
        for start in range(have, count, batch):
            size = min(batch, count - start)
            citizens = Citizen.objects.bulk_create(
                [
                    Citizen(
                        jobcenter=jobcenter,
                        name=f"Borger {start + i} Hansen",
                        postcode="8450",
                        target_group=target_group,
                    )
                    for i in range(size)
                ]
            )
            Placement.objects.bulk_create(
                [
                    Placement(
                        jobcenter=jobcenter,
                        citizen=citizen,
                        company=companies[(start + i) % 1000],
                        company_mentor=mentors[(start + i) % 1000],
                        placement_type=placement_type,
                        responsible=consultants[(start + i) % 200],
                        status="active",
                        starts_on=date(2026, 9, 1),
                        ends_on=date(2027, 3, 1),
                        tasks="Lager",
                        hours_per_week=15,
                    )
                    for i, citizen in enumerate(citizens)
                ]
            )
            print(f"  {start + size}", flush=True)
    return jobcenter


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def machine_cpu() -> tuple[float, float, float]:
    """Seconds of (busy, iowait, idle) CPU time summed over all CPUs since boot, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle, iowait = fields[3], fields[4]
    return (sum(fields[:8]) - idle - iowait) / tick, iowait / tick, idle / tick


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def main() -> None:
    args = parse()
    configure(args)
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from mentorship.celery import app
    from notifications.fanout import WEEKLY_FOLLOWUP, period_of, weekly_reminders_create, weekly_reminders_run
    from notifications.models import Message, MessageStatus, ReminderRun

    jobcenter = seed(args.placements)
    # This week: a reminder of a week that is over expires unsent instead of being sent (notifications.kinds).
    now = timezone.now().astimezone(ZoneInfo("Europe/Copenhagen"))
    period = period_of(now.date())
    with scopes_disabled():
        Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP).delete()
        ReminderRun.objects.filter(jobcenter=jobcenter).delete()
    with connection.cursor() as cursor:
        # What autovacuum does in production (it is off on some servers, the CI machines' among them): without
        # it every earlier run's deleted rows stay in the outbox table and its indexes.
        cursor.execute("VACUUM (ANALYZE)")
    connection.close()
    app.control.purge()

    log = tempfile.NamedTemporaryFile(prefix="notifications-bench-worker-", suffix=".log", delete=False)  # noqa: SIM115
    print(f"worker log: {log.name}")
    worker = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "mentorship",
            "worker",
            "--concurrency",
            str(args.concurrency),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(children(worker.pid)) < args.concurrency and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)
        started = time.monotonic()
        machine_started = machine_cpu()
        created = weekly_reminders_run(jobcenter=jobcenter, period=period, on=now.date(), now=now)
        created_at = time.monotonic() - started
        with scopes_disabled():
            pending = Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP, status=MessageStatus.PENDING)
            while pending.exists():
                time.sleep(0.25)
                if time.monotonic() - started > 600:
                    raise SystemExit("Gave up after 600 s")
            total = time.monotonic() - started
            busy, iowait, idle = (end - start for end, start in zip(machine_cpu(), machine_started, strict=True))
            sent = Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP, status=MessageStatus.SENT).count()
        pids = [worker.pid, *children(worker.pid)]
        rss = {pid: peak_rss_mb(pid) for pid in pids}
        cpu = {pid: cpu_seconds(pid) for pid in pids}
        load = os.getloadavg()
        rerun = len(weekly_reminders_create(jobcenter_id=jobcenter.pk, period=period, on=now.date(), now=now))
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
        log.close()
    print(f"placements (active):           {args.placements}")
    print(f"rows created by the fan-out:   {created}  (INSERT ... SELECT in {created_at:.2f} s)")
    print(f"rows sent:                     {sent}")
    print(f"fan-out + all batches sent:    {total:.1f} s  ({args.concurrency} pool processes, no-op mail backend)")
    print(f"rows created by a re-run:      {rerun}")
    for pid, megabytes in rss.items():
        role = "main" if pid == worker.pid else "pool"
        print(f"worker {role} {pid}: peak RSS {megabytes:.0f} MB, CPU {cpu[pid]:.1f} s")
    pool_cpu = sum(seconds for pid, seconds in cpu.items() if pid != worker.pid)
    print(f"pool CPU per message:          {pool_cpu / max(sent, 1) * 1000:.2f} ms")
    print(
        f"machine CPU during the run:    busy {busy:.1f} s, I/O wait {iowait:.1f} s, idle {idle:.1f} s "
        f"(all processes: workers, PostgreSQL, Redis, anything else running)"
    )
    print(f"load average at the end:       {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
