"""The hand-off of a committed cohort: 500 citizens over 50 companies, one message (and inbox item) per leader
per company, listing its citizens (issue 22: queued in under a second).

Run from the project root:
    DJANGO_DEBUG=1 .venv/bin/python benchmarks/handoffs_cohort.py [--database-url URL] [--runs N] [--leaders K]

Default database: postgres://postgres@127.0.0.1:5432/bench_handoffs (created and migrated on first run; the
data is seeded once and reused). Measured: `matching.handoffs.cohort_proposed` for the cohort's 500 proposed
placements, exactly what `matching.services.cohort_commit` calls after creating them, inside a transaction
that is rolled back after each run (so every run writes the same rows into an empty outbox): rendering and
writing 50 × K outbox rows and inbox items. Wall and this process's CPU times are medians; the database
server's CPU is not in the CPU time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_handoffs"
SLUG = "bench-handoffs"
COMPANIES = 50
CITIZENS = 500


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--leaders", type=int, default=2, help="leaders per company (each gets the message)")
    return parser.parse_args()


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed(leaders: int):
    """A jobcenter with 50 companies (`leaders` leaders each), a cohort and its 500 proposed placements (once)."""
    from accounts.models import Jobcenter, Membership, Role, User
    from citizens.models import Citizen, Placement, PlacementType, TargetGroup
    from companies.models import Company
    from matching.models import Cohort

    jobcenter = Jobcenter.objects.filter(slug=SLUG).first()
    if jobcenter is None:
        print(f"seeding {SLUG}: {COMPANIES} companies, {CITIZENS} citizens (once)")
        jobcenter = Jobcenter.objects.create(name="Benchmark hand-offs", municipality_code="987", slug=SLUG)
        coordinator = User.objects.create(email=f"koordinator@{SLUG}.example", full_name="Karen Koordinator")
        Membership.objects.create(user=coordinator, jobcenter=jobcenter, role=Role.COORDINATOR)
        group = TargetGroup.objects.create(jobcenter=jobcenter, code="aktivitetsparat", name="Aktivitetsparat")
        kind = PlacementType.objects.create(jobcenter=jobcenter, code="praktik", name="Virksomhedspraktik")
        companies = Company.objects.bulk_create(
            [
                Company(jobcenter=jobcenter, name=f"Virksomhed {i:02d} A/S", cvr=f"{40000000 + i * 7:08d}")
                for i in range(COMPANIES)
            ]
        )
        starts = date.today() + timedelta(days=14)
        cohort = Cohort.objects.create(
            jobcenter=jobcenter,
            name="Benchmarkholdet",
            placement_type=kind,
            starts_on=starts,
            ends_on=starts + timedelta(days=90),
            hours_per_week=Decimal("10"),
            tasks="Lager",
            responsible=coordinator,
        )
        citizens = Citizen.objects.bulk_create(
            [Citizen(jobcenter=jobcenter, name=f"Borger{i} Efternavn", target_group=group) for i in range(CITIZENS)]
        )
        Placement.objects.bulk_create(
            [
                Placement(
                    jobcenter=jobcenter,
                    citizen=citizen,
                    company=companies[i % COMPANIES],
                    placement_type=kind,
                    responsible=coordinator,
                    starts_on=cohort.starts_on,
                    ends_on=cohort.ends_on,
                    tasks="Lager",
                    hours_per_week=Decimal("10"),
                )
                for i, citizen in enumerate(citizens)
            ]
        )
    for company in Company.objects.filter(jobcenter=jobcenter).order_by("pk"):
        have = Membership.objects.filter(jobcenter=jobcenter, company=company).count()
        for n in range(have, leaders):
            user = User.objects.create(email=f"leder{n}.{company.pk}@{SLUG}.example", full_name=f"Leder {n}")
            Membership.objects.create(user=user, jobcenter=jobcenter, role=Role.COMPANY_LEADER, company=company)
    return jobcenter


def main() -> None:
    arguments = _arguments()
    _ensure_database(arguments.database_url)
    _setup(arguments.database_url)
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scope, scopes_disabled

    from citizens.models import Placement
    from inbox.models import InboxItem
    from matching import handoffs
    from matching.models import Cohort
    from notifications.models import Message

    with scopes_disabled():  # seeding a benchmark jobcenter from outside any request
        jobcenter = _seed(arguments.leaders)

    class Rollback(Exception):
        pass

    walls, cpus, counts = [], [], None
    with scope(jobcenter=jobcenter):
        cohort = Cohort.objects.select_related("placement_type").get(jobcenter=jobcenter)
        for _ in range(arguments.runs):
            # As cohort_commit holds them: each placement with its citizen and company in memory.
            placements = list(Placement.objects.filter(jobcenter=jobcenter).select_related("citizen", "company"))
            try:
                with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    handoffs.cohort_proposed(cohort=cohort, placements=placements)
                    walls.append(time.perf_counter() - started)
                    cpus.append(time.process_time() - started_cpu)
                    query_count = len(queries.captured_queries)
                    counts = (
                        Message.objects.filter(jobcenter=jobcenter).count(),
                        InboxItem.objects.filter(jobcenter=jobcenter).count(),
                        query_count,
                    )
                    raise Rollback
            except Rollback:
                pass
    messages, items, query_count = counts
    print(
        f"cohort_proposed: {len(placements)} placements over {COMPANIES} companies, {arguments.leaders} leaders each: "
        f"{messages} messages, {items} inbox items, {query_count} queries; "
        f"median wall {statistics.median(walls) * 1000:.0f} ms, CPU {statistics.median(cpus) * 1000:.0f} ms "
        f"({arguments.runs} runs; slowest wall {max(walls) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
