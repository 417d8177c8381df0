"""Benchmark: the start page's to-do list and every report (page and XLSX export) at national scale.

Needs a PostgreSQL server. Uses the national data set of `manage.py seed_scale` (98 jobcenters,
100,000 citizens, 10,000 corps mentors, 5,000 companies, 1,000,000 follow-ups, 300,000 progress
assessments ...), building it once in its own database when that is empty. Then, as the coordinator
of the largest jobcenter (about 12 % of the country), renders each page in-process through the whole
middleware stack with Django's test client (access-log writes included), and prints the medians.

    .venv/bin/python benchmarks/reports.py                # postgres://postgres@127.0.0.1:5432/bench_reports
    BENCH_DATABASE_URL=postgres://... .venv/bin/python benchmarks/reports.py --runs 15
    .venv/bin/python benchmarks/reports.py --explain      # EXPLAIN ANALYZE of each report's slowest query

Target: every report under 500 ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.citizens_scale import ensure_database, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_reports"


def ensure_data() -> None:
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if Jobcenter.objects.exists():
            return
    print("Building the national data set with seed_scale (once) ...", flush=True)
    call_command("seed_scale")


def largest_jobcenter():
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter, Membership, Role

    with scopes_disabled():
        jobcenter = Jobcenter.objects.annotate(n=Count("citizens")).order_by("-n").first()
        membership = (
            Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR, is_active=True)
            .select_related("user")
            .order_by("id")
            .first()
        )
    return jobcenter, membership.user


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection

    for _ in range(2):
        response = client.get(url, SERVER_NAME="localhost")
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    wall, sql, queries = [], [], []

    def timed(execute, statement, params, many, context):
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    for _ in range(runs):
        spent: list[float] = []
        with connection.execute_wrapper(timed):
            started = time.perf_counter()
            client.get(url, SERVER_NAME="localhost")
            wall.append((time.perf_counter() - started) * 1000)
        sql.append(sum(spent))
        queries.append(len(spent))
    return {"p50": statistics.median(wall), "max": max(wall), "sql": statistics.median(sql), "queries": max(queries)}


def explain(client, url: str) -> None:
    """Prints EXPLAIN ANALYZE of the slowest SELECT the page runs."""
    from django.db import connection

    captured = []

    def timed(execute, statement, params, many, context):
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            captured.append((time.perf_counter() - started, statement, params))

    with connection.execute_wrapper(timed):
        client.get(url, SERVER_NAME="localhost")
    for seconds, statement, _params in sorted(captured, reverse=True)[:4]:
        print(f"  {seconds * 1000:7.1f} ms  {statement[:160]}")
    seconds, statement, params = max(
        (c for c in captured if c[1].lstrip().upper().startswith("SELECT")), default=(0, "", ())
    )
    print(f"\n--- {url}: slowest query {seconds * 1000:.1f} ms")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
        for (line,) in cursor.fetchall():
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--only", default="", help="only the pages whose label contains this")
    arguments = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, rebuild=False)
    setup_django(url)

    from django.db import connection
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from benchmarks._verified_client import verified_client
    from citizens.models import Citizen, FollowUp, ProgressScore
    from corps.models import Mentor
    from reports.registry import REPORTS

    ensure_data()
    jobcenter, coordinator = largest_jobcenter()
    with scopes_disabled():
        counts = {
            "citizens": Citizen.objects.filter(jobcenter=jobcenter).count(),
            "follow-ups": FollowUp.objects.filter(jobcenter=jobcenter).count(),
            "corps mentors": Mentor.objects.filter(jobcenter=jobcenter).count(),
            "progress scores": ProgressScore.objects.filter(assessment__jobcenter=jobcenter).count(),
        }
        national = {"citizens": Citizen.objects.count(), "follow-ups": FollowUp.objects.count()}
    with scopes_disabled():
        client = verified_client(coordinator)  # the user's own device: nothing added to the shared data set
    print(f"PostgreSQL {connection.pg_version}; national: {national}")
    print(f"{jobcenter.name} (largest): " + ", ".join(f"{n:,} {label}" for label, n in counts.items()))
    print(f"load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; {arguments.runs} runs per page")
    cases = [("start page (to-do list)", reverse("home"))]
    for spec in REPORTS:
        page = reverse("reports:report", kwargs={"slug": spec.slug})
        cases.append((f"{spec.slug}", page))
        if spec.slug == "resultater":
            for per in ("company", "mentor", "cohort"):
                cases.append((f"{spec.slug} per {per}", f"{page}?per={per}"))
        cases.append((f"{spec.slug} XLSX export", reverse("reports:export_xlsx", kwargs={"slug": spec.slug})))
    cases = [case for case in cases if arguments.only in case[0]]
    print(f"{'page':<34} {'p50':>9} {'max':>9} {'SQL p50':>9} {'queries':>7}")
    for label, page in cases:
        m = measure(client, page, arguments.runs)
        flag = "" if m["p50"] < 500 else "  OVER 500 ms"
        print(f"{label:<34} {m['p50']:7.1f}ms {m['max']:7.1f}ms {m['sql']:7.1f}ms {m['queries']:7d}{flag}", flush=True)
    if arguments.explain:
        for _label, page in cases:
            explain(client, page)


if __name__ == "__main__":
    main()
