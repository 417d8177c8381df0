"""Benchmark: the citizen list and one citizen's timeline with 100,000 citizens and 1,000,000 follow-ups.

Needs a PostgreSQL server. Creates (or reuses) its own database, fills it once with bulk inserts
(COPY), then renders the pages in-process through the whole middleware stack with Django's test
client, as a logged-in coordinator (access-log writes included), and prints the timings.

    .venv/bin/python benchmarks/citizens_scale.py                 # postgres://postgres@127.0.0.1:5432/bench_citizens
    BENCH_DATABASE_URL=postgres://... .venv/bin/python benchmarks/citizens_scale.py --rebuild

Target: under 150 ms per page.
"""

import argparse
import datetime
import io
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CITIZENS = 100_000
FOLLOW_UPS = 1_000_000
BUSY_FOLLOW_UPS = 500  # one citizen with many follow-ups (the timeline shows the latest 200)
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_citizens"


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings_test")
    import django

    django.setup()


def ensure_database(url: str, rebuild: bool) -> None:
    import dj_database_url

    config = dj_database_url.parse(url)
    env = {**os.environ, "PGPASSWORD": config.get("PASSWORD") or ""}
    args = ["-h", config["HOST"] or "127.0.0.1", "-p", str(config["PORT"] or 5432), "-U", config["USER"] or "postgres"]
    if rebuild:
        subprocess.run(["dropdb", "--if-exists", *args, config["NAME"]], env=env, check=True)  # noqa: S603, S607
    exists = subprocess.run(  # noqa: S603
        ["psql", *args, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{config['NAME']}'", "postgres"],  # noqa: S607, S608
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(["createdb", *args, config["NAME"]], env=env, check=True)  # noqa: S603, S607


def fill() -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter, Membership, Role, User
    from citizens import cpr
    from citizens.models import Citizen, MentorAgreement, Placement, PlacementType, TargetGroup
    from citizens.services import vocabulary_defaults_ensure
    from companies.models import Company, CompanyMentor

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        jobcenter, _ = Jobcenter.objects.get_or_create(
            municipality_code="710", defaults={"name": "Jobcenter Favrskov", "slug": "favrskov"}
        )
        coordinator, _ = User.objects.get_or_create(
            email="bench@favrskov.demo", defaults={"full_name": "Bench Koordinator"}
        )
        Membership.objects.get_or_create(user=coordinator, jobcenter=jobcenter, defaults={"role": Role.COORDINATOR})
        if Citizen.objects.filter(jobcenter=jobcenter).count() >= CITIZENS:
            busy = Citizen.objects.filter(jobcenter=jobcenter, name="Travl Borger").first()
            typical = Citizen.objects.filter(jobcenter=jobcenter).order_by("id")[5000]
            return {"jobcenter": jobcenter, "coordinator": coordinator, "busy": busy, "typical": typical}
        print("Filling the database (once) ...", flush=True)
        started = time.perf_counter()
        vocabulary_defaults_ensure(actor=None, jobcenter=jobcenter)
        groups = list(TargetGroup.objects.filter(jobcenter=jobcenter).values_list("id", flat=True))
        placement_type = PlacementType.objects.filter(jobcenter=jobcenter).first()
        company, _ = Company.objects.get_or_create(
            jobcenter=jobcenter, cvr="29402814", defaults={"name": "Hammel Maskinfabrik A/S"}
        )
        mentor, _ = CompanyMentor.objects.get_or_create(
            company=company, email="m@x.dk", defaults={"full_name": "Mentor"}
        )
        rng = random.Random(1)  # noqa: S311
        first = ["Mads", "Sofie", "Ahmad", "Line", "Jonas", "Fatima", "Kasper", "Mette", "Omar", "Camilla"]
        last = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"]
        today = timezone.localdate()
        now = timezone.now()
        with transaction.atomic():
            buffer = io.StringIO()
            for i in range(CITIZENS):
                name = "Travl Borger" if i == 0 else f"{rng.choice(first)} {rng.choice(last)} {i}"
                referred = today - datetime.timedelta(days=rng.randint(0, 730))
                status = rng.choice(["referred", "active", "active", "ended"])
                outcome, outcome_on = ("ordinary_job", referred.isoformat()) if status == "ended" else ("", r"\N")
                if i % 5 == 0:  # every fifth with a CPR number
                    k = i // 5  # (birth year, serial) is unique per citizen
                    born = datetime.date(1960 + k // 10000, 1 + k % 12, 1 + k % 28)
                    number = f"{born:%d%m%y}{k % 10000:04d}"
                    digest, token, birth = cpr.search_hash(number), cpr.encrypt(number), born.isoformat()
                else:
                    digest, token, birth = "", "", r"\N"
                buffer.write(
                    "\t".join(
                        [
                            str(jobcenter.pk),
                            name,
                            birth,
                            digest,
                            token,
                            "20304050",
                            "",
                            "",
                            "8450",
                            str(rng.choice(groups)),
                            str(coordinator.pk),
                            referred.isoformat(),
                            "",
                            "",
                            "",
                            "",
                            "",
                            r"\N",
                            status,
                            outcome,
                            outcome_on,
                            str(coordinator.pk),
                            now.isoformat(),
                            now.isoformat(),
                        ]
                    )
                    + "\n"
                )
            buffer.seek(0)
            with connection.cursor() as cursor:
                copy_columns = (
                    "jobcenter_id, name, birth_date, cpr_hash, cpr_encrypted, phone, email, address, postcode, "
                    "target_group_id, caseworker_id, referred_on, referral_reason, wish_gender, wish_age_band, "
                    "wish_text, caseworker_view, wish_language_id, status, outcome, outcome_on, created_by_id, "
                    "created_at, updated_at"
                )
                with cursor.cursor.copy(f"COPY citizens_citizen ({copy_columns}) FROM STDIN") as copy:
                    copy.write(buffer.getvalue())
            citizen_ids = list(Citizen.objects.filter(jobcenter=jobcenter).order_by("id").values_list("id", flat=True))
            busy_id = citizen_ids[0]
            # A placement and an agreement for every tenth citizen (and the busy one).
            placements = [
                Placement(
                    jobcenter=jobcenter,
                    citizen_id=cid,
                    company=company,
                    company_mentor=mentor,
                    placement_type=placement_type,
                    responsible=coordinator,
                    status="active",
                    starts_on=today - datetime.timedelta(days=60),
                    ends_on=today + datetime.timedelta(days=60),
                    tasks="Lager",
                    hours_per_week=8,
                    last_follow_up_on=today - datetime.timedelta(days=rng.randint(0, 20)),
                )
                for cid in citizen_ids[::10]
            ]
            Placement.objects.bulk_create(placements, batch_size=5000)
            MentorAgreement.objects.bulk_create(
                [
                    MentorAgreement(
                        jobcenter=jobcenter,
                        citizen_id=cid,
                        status="draft",
                        goal="Mål",
                        mentor_tasks="Opgaver",
                        starts_on=today - datetime.timedelta(days=30),
                        ends_on=today + datetime.timedelta(days=120),
                        hours_total=40,
                        complaint_guidance="Klagevejledning",
                    )
                    for cid in citizen_ids[::10]
                ],
                batch_size=5000,
            )
            placement_of = dict(Placement.objects.filter(jobcenter=jobcenter).values_list("citizen_id", "id"))
            buffer = io.StringIO()
            remaining = FOLLOW_UPS - BUSY_FOLLOW_UPS
            for n in range(FOLLOW_UPS):
                cid = (
                    busy_id
                    if n < BUSY_FOLLOW_UPS
                    else citizen_ids[(n - BUSY_FOLLOW_UPS) * len(citizen_ids) // remaining]
                )
                day = today - datetime.timedelta(days=rng.randint(0, 700))
                pid = placement_of.get(cid)
                buffer.write(
                    f"{jobcenter.pk}\t{cid}\t{pid if pid else chr(92) + 'N'}\tvisit\t{day.isoformat()}\t\t"
                    f"Ugentligt besøg, alt vel.\t\t\\N\t{'1.5' if n % 3 == 0 else '0'}\t\t\\N\tjobcenter\t"
                    f"{coordinator.pk}\t{now.isoformat()}\n"
                )
            buffer.seek(0)
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(
                    "COPY citizens_followup (jobcenter_id, citizen_id, placement_id, kind, occurred_on, participants, "
                    "notes, next_action, next_action_on, mentor_hours, hours_confirmed_by, hours_confirmed_at, "
                    "recorded_as, author_id, created_at) FROM STDIN"
                ) as copy,
            ):
                while chunk := buffer.read(1 << 20):
                    copy.write(chunk)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"  filled in {time.perf_counter() - started:.0f} s", flush=True)
        return {
            "jobcenter": jobcenter,
            "coordinator": coordinator,
            "busy": Citizen.objects.get(pk=busy_id),
            "typical": Citizen.objects.get(pk=citizen_ids[5000]),
        }


def measure(client, url: str, runs: int = 30) -> dict:
    """Wall-clock, this process's CPU time and time spent waiting for SQL, medians over `runs`.

    On a shared machine the wall clock includes waiting for a CPU; process CPU + SQL time is then the
    better estimate of what the page costs."""
    from django.db import connection

    for _ in range(3):
        response = client.get(url, SERVER_NAME="localhost")
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    wall, cpu, sql, queries = [], [], [], []

    def timed(execute, statement, params, many, context):
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    for _ in range(runs):
        spent: list[float] = []
        with connection.execute_wrapper(timed):
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(url, SERVER_NAME="localhost")
            cpu.append((time.process_time() - cpu_start) * 1000)
            wall.append((time.perf_counter() - wall_start) * 1000)
        sql.append(sum(spent))
        queries.append(len(spent))
    return {
        "wall": statistics.median(wall),
        "wall_p95": sorted(wall)[int(runs * 0.95) - 1],
        "cpu": statistics.median(cpu),
        "sql": statistics.median(sql),
        "queries": max(queries),
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and refill the benchmark database")
    arguments = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, arguments.rebuild)
    setup_django(url)

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_scopes import scopes_disabled

    from citizens.models import Citizen, FollowUp
    from conftest import login_verified

    data = fill()
    with scopes_disabled():
        citizens = Citizen.objects.filter(jobcenter=data["jobcenter"]).count()
        follow_ups = FollowUp.objects.filter(jobcenter=data["jobcenter"]).count()
        busy_count = FollowUp.objects.filter(citizen=data["busy"]).count()
        typical_count = FollowUp.objects.filter(citizen=data["typical"]).count()
        TOTPDevice.objects.filter(user=data["coordinator"]).delete()
    client = Client()
    with scopes_disabled():
        login_verified(client, data["coordinator"])
    print(f"PostgreSQL {connection.pg_version}; {citizens:,} citizens, {follow_ups:,} follow-ups")
    cases = [
        ("citizen list, page 1", reverse("citizens:list")),
        ("citizen list, page 200", reverse("citizens:list") + "?side=200"),
        ("citizen list, name search 'Hansen 12'", reverse("citizens:list") + "?q=Hansen+12"),
        ("citizen list, status=active", reverse("citizens:list") + "?status=active"),
        (
            f"timeline, typical citizen ({typical_count} follow-ups)",
            reverse("citizens:timeline", args=[data["typical"].pk]),
        ),
        (
            f"timeline, busiest citizen ({busy_count} follow-ups, 200 shown)",
            reverse("citizens:timeline", args=[data["busy"].pk]),
        ),
        ("placements without follow-up (8 days)", reverse("citizens:follow_up_overdue")),
    ]
    print(f"load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = (
        f"{'page':<62} {'wall':>8} {'wall p95':>9} {'CPU':>8} {'SQL':>8} {'CPU+SQL':>8} {'queries':>7} {'bytes':>8}"
    )
    print(header)
    for label, url in cases:
        m = measure(client, url)
        print(
            f"{label:<62} {m['wall']:6.1f}ms {m['wall_p95']:7.1f}ms {m['cpu']:6.1f}ms {m['sql']:6.1f}ms "
            f"{m['cpu'] + m['sql']:6.1f}ms {m['queries']:7d} {m['bytes']:8,}"
        )


if __name__ == "__main__":
    main()
