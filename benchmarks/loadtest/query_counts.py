"""Queries per page on the seed_scale data: the load test's pages, rendered in-process with Django's test
client through the whole middleware stack, as the coordinator and the leader of the largest jobcenter
(jc001, about 12 % of the country) and of a small one. Prints the query count, the SQL time and the
wall time (median of --runs), and with --json writes them for report.py.

    source benchmarks/loadtest/env.sh && .venv/bin/python benchmarks/loadtest/query_counts.py [--runs 5]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")


def busiest(queryset, field: str) -> dict:
    """The row of `field` (e.g. "citizen_id") that has the most rows in `queryset`, with its count as `n`."""
    from django.db.models import Count

    return queryset.values(field).order_by().annotate(n=Count("id")).order_by("-n").first()


def pages(slug: str):
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter, Membership, Role
    from citizens.models import Citizen, FollowUp, Placement
    from companies.models import Company
    from corps.models import Mentor

    with scopes_disabled():
        jobcenter = Jobcenter.objects.get(slug=slug)
        # A citizen with many follow-ups (the timeline's worst case), a referred one, a busy mentor.
        busy = busiest(FollowUp.objects.filter(jobcenter=jobcenter), "citizen_id")
        citizen = busy["citizen_id"]
        referred = Citizen.objects.filter(jobcenter=jobcenter, status="referred").order_by("id").first().pk
        mentor = Mentor.objects.filter(jobcenter=jobcenter, status="active").order_by("id").first().pk
        company = Company.objects.filter(jobcenter=jobcenter).order_by("id").first()
        placement = Placement.objects.filter(jobcenter=jobcenter, status="active").order_by("id").first().pk
        leader = Membership.objects.get(jobcenter=jobcenter, role=Role.COMPANY_LEADER, company=company).user
        portal_placement = Placement.objects.filter(company=company, status="active").order_by("id").first()
    coordinator_pages = [
        ("/ (coordinator)", "/"),
        ("/borgere/", "/borgere/"),
        ("/borgere/?q=", "/borgere/?q=Hansen"),
        ("/borgere/?status=", "/borgere/?status=active"),
        ("/borgere/?side=", "/borgere/?side=20"),
        ("/borgere/[id]/", f"/borgere/{citizen}/"),
        ("/borgere/[id]/tidslinje/", f"/borgere/{citizen}/tidslinje/"),
        ("/borgere/forloeb/[id]/", f"/borgere/forloeb/{placement}/"),
        ("/mentorer/", "/mentorer/"),
        ("/mentorer/?status=", "/mentorer/?status=active&capacity=free"),
        ("/mentorer/[id]/", f"/mentorer/{mentor}/"),
        ("/matchning/borger/[id]/", f"/matchning/borger/{referred}/"),
        ("/virksomheder/", "/virksomheder/"),
        ("/virksomheder/[id]/", f"/virksomheder/{company.pk}/"),
        ("/borgere/opfoelgning/mangler/", "/borgere/opfoelgning/mangler/"),
        ("/kurser/", "/kurser/"),
    ] + [(f"/rapporter/{s}/", f"/rapporter/{s}/") for s in ("resultater", "ventetid", "mentorkorps", "virksomheder",
                                                            "progression")]  # fmt: skip
    leader_pages = [
        ("/ (leader)", "/"),
        ("/portal/forloeb/", "/portal/forloeb/"),
        ("/portal/forloeb/[id]/", f"/portal/forloeb/{portal_placement.pk}/" if portal_placement else None),
        ("/portal/mentorer/", "/portal/mentorer/"),
        ("/portal/frikoeb/", "/portal/frikoeb/"),
        ("/portal/virksomhed/", "/portal/virksomhed/"),
        ("/portal/kurser/", "/portal/kurser/"),
    ]
    return coordinator_pages, leader_pages, leader


def client_for(user):
    from benchmarks._verified_client import verified_client

    # The user's oldest confirmed device: a data set on which an older benchmark added devices still works.
    return verified_client(user, SERVER_NAME="localhost", raise_request_exception=False)


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection

    spent: list[float] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    response = client.get(url)
    status = response.status_code
    walls, sqls, counts = [], [], []
    for _ in range(runs):
        spent.clear()
        with connection.execute_wrapper(timed):
            started = time.perf_counter()
            response = client.get(url)
            walls.append((time.perf_counter() - started) * 1000)
        sqls.append(sum(spent))
        counts.append(len(spent))
    return {
        "status": status,
        "queries": max(counts),
        "sql_ms": round(statistics.median(sqls), 1),
        "wall_ms": round(statistics.median(walls), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--jobcenters", default="jc001,jc060", help="slugs: a large and a small jobcenter")
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django_scopes import scopes_disabled

    from accounts.models import User
    from accounts.scale import coordinator_email

    results: dict = {}
    print(f"PostgreSQL {connection.pg_version if connection.vendor == 'postgresql' else '-'}; load {os.getloadavg()}")
    print(f"{'page':<34} {'jobcenter':<8} {'status':>6} {'queries':>7} {'SQL ms':>8} {'wall ms':>8}")
    for slug in arguments.jobcenters.split(","):
        coordinator_pages, leader_pages, leader = pages(slug)
        with scopes_disabled():
            coordinator = User.objects.get(email=coordinator_email(slug))
        for user, page_list in ((coordinator, coordinator_pages), (leader, leader_pages)):
            client = client_for(user)
            for name, url in page_list:
                if url is None:
                    continue
                m = measure(client, url, arguments.runs)
                results.setdefault(name, {})[slug] = {**m, "url": url}
                print(f"{name:<34} {slug:<8} {m['status']:>6} {m['queries']:>7} {m['sql_ms']:>8} {m['wall_ms']:>8}")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
