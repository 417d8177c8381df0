"""Benchmark: the weekly follow-up fan-out for N active placements (default 100,000), sent by one Celery worker
with 2 pool processes and Django's no-op mail backend (or, with --smtp, a local aiosmtpd sink), on PostgreSQL
and Redis. The weekly reminder is one message per person listing their placements; two data shapes:

- `--shape shared` (the country's shape): 200 job consultants and 1,000 company mentors share the placements,
  so 100,000 placements make 1,200 messages (one consultant lists 500 placements, a company mentor 100);
- `--shape one-each`: every placement has its own job consultant and company mentor, so 100,000 placements
  make 200,000 messages of one placement each (the old per-placement count, the send path's worst case).

Prints: rows created, seconds from the fan-out until every row is sent, messages per second, rows created by a
re-run (must be 0), and peak RSS (VmHWM) per worker process.

    createdb -h 127.0.0.1 -U postgres bench_notifications
    .venv/bin/python benchmarks/notifications_fanout.py --shape one-each \
        --database postgres://postgres@127.0.0.1:5432/bench_notifications --redis redis://127.0.0.1:6379/7
    .venv/bin/python benchmarks/notifications_fanout.py --shape one-each --placements 10000 --smtp

The database is migrated and seeded on the first run of a shape (each shape has its own jobcenter; seeding
100,000 placements takes a minute or two). --smtp runs use jobcenters of their own (a smaller --placements
suits them: the sink takes a few thousand messages a second).
"""

import argparse
import logging
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
    parser.add_argument("--shape", choices=["shared", "one-each"], default="one-each")
    parser.add_argument("--smtp", action="store_true", help="send over SMTP to a local aiosmtpd sink")
    return parser.parse_args()


def configure(args) -> None:
    os.environ["DATABASE_URL"] = args.database
    os.environ["REDIS_URL"] = args.redis
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.notifications_settings"
    import django

    django.setup()


# Each shape (and the smaller SMTP runs) has its own jobcenter: (municipality code, slug).
SHAPES = {
    ("shared", False): ("998", "benchmark"),
    ("one-each", False): ("997", "benchmark-hver"),
    ("shared", True): ("996", "benchmark-smtp"),
    ("one-each", True): ("995", "benchmark-hver-smtp"),
}


def seed(count: int, shape: str, smtp: bool):
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter, User
    from citizens.models import Citizen, Placement, PlacementType, TargetGroup
    from companies.models import Company, CompanyMentor

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        code, slug = SHAPES[(shape, smtp)]
        jobcenter, _ = Jobcenter.objects.get_or_create(
            municipality_code=code, defaults={"name": f"Jobcenter {slug}", "slug": slug}
        )
        have = Placement.objects.filter(jobcenter=jobcenter, status="active").count()
        if have >= count:
            _coordinators(jobcenter)
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
        shared = shape == "shared"
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
            if not shared:  # one consultant and one company mentor per placement
                consultants = User.objects.bulk_create(
                    [
                        User(email=f"k{slug}{start + i}@bench.dk", full_name=f"Konsulent {start + i}", password="!")  # noqa: S106 (unusable)
                        for i in range(size)
                    ]
                )
                mentors = CompanyMentor.objects.bulk_create(
                    [
                        CompanyMentor(
                            company=companies[(start + i) % 1000],
                            email=f"m{slug}{start + i}@bench.dk",
                            full_name=f"Mentor {start + i}",
                        )
                        for i in range(size)
                    ]
                )
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
                        company_mentor=mentors[(start + i) % 1000] if shared else mentors[i],
                        placement_type=placement_type,
                        responsible=consultants[(start + i) % 200] if shared else consultants[i],
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
        _coordinators(jobcenter)
    return jobcenter


def _coordinators(jobcenter) -> None:
    """Every placement's job consultant is a coordinator of the jobcenter: a reminder goes only to someone who may
    act on it (notifications.fanout._may_act), so without the role a consultant's reminders would go to nobody."""
    from accounts.models import Membership, Role, User

    missing = User.objects.filter(responsible_placements__jobcenter=jobcenter).exclude(memberships__jobcenter=jobcenter)
    Membership.objects.bulk_create(
        [
            Membership(user_id=pk, jobcenter=jobcenter, role=Role.COORDINATOR)
            for pk in missing.values_list("pk", flat=True).distinct()
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )


class _Sink:
    """Counts the messages an aiosmtpd server accepts (250 OK for every one)."""

    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        return "250 OK"


def start_sink():
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # aiosmtpd logs every command at INFO (to this process's console under DJANGO_DEBUG): 20,000 messages made the
    # sink, not the sending, the bottleneck.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    handler = _Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return _SinkHandle(controller, handler, port)


class _SinkHandle:
    def __init__(self, controller, handler, port):
        self.controller, self.handler, self.port = controller, handler, port

    @property
    def received(self) -> int:
        return self.handler.received

    def stop(self) -> None:
        self.controller.stop()


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


def backend_pids(connection, *, own: bool) -> list[int]:
    with connection.cursor() as cursor:
        if own:
            cursor.execute("SELECT pg_backend_pid()")
        else:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND backend_type = 'client backend'"
            )
        return [row[0] for row in cursor.fetchall()]


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

    jobcenter = seed(args.placements, args.shape, args.smtp)
    sink = None
    if args.smtp:
        sink = start_sink()
        os.environ["BENCH_SMTP_PORT"] = str(sink.port)
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
        # The pool processes' CPU so far (starting, importing; the URL conf is loaded before they fork, see
        # mentorship.celery): the figures below count from the tick, as a worker that was already running would.
        pool_pids = children(worker.pid)
        pool_cpu_before = sum(cpu_seconds(pid) for pid in pool_pids)
        own_backend = backend_pids(connection, own=True)[0]
        insert_cpu_before = cpu_seconds(own_backend)
        started = time.monotonic()
        machine_started = machine_cpu()
        created = weekly_reminders_run(jobcenter=jobcenter, period=period, on=now.date(), now=now)
        created_at = time.monotonic() - started
        insert_cpu = cpu_seconds(own_backend) - insert_cpu_before
        with scopes_disabled():
            pending = Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP, status=MessageStatus.PENDING)
            while pending.exists():
                time.sleep(0.25)
                if time.monotonic() - started > 600:
                    raise SystemExit("Gave up after 600 s")
            total = time.monotonic() - started
            busy, iowait, idle = (end - start for end, start in zip(machine_cpu(), machine_started, strict=True))
            sent = Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP, status=MessageStatus.SENT).count()
        # The worker's PostgreSQL backends (persistent connections, DATABASE_CONN_MAX_AGE below): their CPU is the
        # database's share of sending, whatever else the machine runs.
        sending_pg_cpu = sum(cpu_seconds(pid) for pid in backend_pids(connection, own=False))
        pids = [worker.pid, *children(worker.pid)]
        rss = {pid: peak_rss_mb(pid) for pid in pids}
        cpu = {pid: cpu_seconds(pid) for pid in pids}
        load = os.getloadavg()
        rerun = len(weekly_reminders_create(jobcenter_id=jobcenter.pk, period=period, on=now.date(), now=now))
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
        log.close()
        if sink is not None:
            sink.stop()
    backend = f"SMTP to a local aiosmtpd sink ({sink.received} received)" if sink else "no-op mail backend"
    print(f"data shape:                    {args.shape} ({SHAPES[(args.shape, args.smtp)][1]})")
    print(f"placements (active):           {args.placements}")
    print(f"rows created by the fan-out:   {created}  (INSERT ... SELECT in {created_at:.2f} s)")
    print(f"rows sent:                     {sent}")
    print(f"fan-out + all batches sent:    {total:.1f} s  ({args.concurrency} pool processes, {backend})")
    print(f"messages per second:           {sent / total:.0f} from the tick, {sent / (total - created_at):.0f} sending")
    print(f"rows created by a re-run:      {rerun}")
    for pid, megabytes in rss.items():
        role = "main" if pid == worker.pid else "pool"
        print(f"worker {role} {pid}: peak RSS {megabytes:.0f} MB, CPU {cpu[pid]:.1f} s")
    pool_cpu = sum(seconds for pid, seconds in cpu.items() if pid in pool_pids) - pool_cpu_before
    print(
        f"pool CPU per message:          {pool_cpu / max(sent, 1) * 1000:.3f} ms (from the tick; "
        f"{pool_cpu_before:.1f} s before it)"
    )
    print(f"PostgreSQL CPU, INSERT:        {insert_cpu:.1f} s (its backend)")
    print(f"PostgreSQL CPU, sending:       {sending_pg_cpu:.1f} s (the worker's backends)")
    cost = pool_cpu + insert_cpu + sending_pg_cpu
    print(
        f"CPU of the work (pool + PG):   {cost:.1f} s, {cost / max(sent, 1) * 1e6:.0f} µs per message; on 2 idle "
        f"cores at least {cost / 2:.1f} s"
    )
    print(
        f"machine CPU during the run:    busy {busy:.1f} s, I/O wait {iowait:.1f} s, idle {idle:.1f} s "
        f"(all processes: workers, PostgreSQL, Redis, anything else running)"
    )
    print(f"load average at the end:       {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
