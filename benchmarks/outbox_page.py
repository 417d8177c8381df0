"""Benchmark: the coordinator's outbox page with a year of messages (default 200,000 in the jobcenter, as many in
another one), in-process through the whole middleware stack with production settings.

    createdb -h 127.0.0.1 -U postgres bench_outbox
    source benchmarks/loadtest/env.sh
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_outbox REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python benchmarks/outbox_page.py [--messages 200000] [--runs 10] [--explain]

The first run migrates the database and writes the rows in SQL (`generate_series`): 52 weekly periods of
reminders, mostly sent, a few failed, expired and pending (some pending after a mail error), then VACUUM
ANALYZE, as autovacuum would have done long before a coordinator opens the page. Each page (the outbox unfiltered,
page 40, filtered by status, by period and by recipient) is opened twice before measuring; then per page: the
median wall time and SQL time per request, the query count, and the slowest query's share. With --explain, the
plans of the page's queries for the unfiltered page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

OTHER_SLUG = "outbox-bench-other"
SLUG = "outbox-bench"


def ensure_data(messages: int):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter, Membership, Role, User
    from notifications.models import Message

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        jobcenters = []
        for slug, code in ((SLUG, "901"), (OTHER_SLUG, "902")):
            jobcenter, _ = Jobcenter.objects.get_or_create(
                slug=slug, defaults={"name": f"Jobcenter {slug}", "municipality_code": code}
            )
            jobcenters.append(jobcenter)
        coordinator, _ = User.objects.get_or_create(
            email="koordinator@outbox-bench.dk", defaults={"full_name": "Bench Koordinator"}
        )
        Membership.objects.get_or_create(user=coordinator, jobcenter=jobcenters[0], defaults={"role": Role.COORDINATOR})
        if Message.objects.filter(jobcenter=jobcenters[0]).count() >= messages:
            return coordinator
        print(f"Writing {messages:,} messages in each of two jobcenters (once) ...", flush=True)
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for jobcenter in jobcenters:
                # n = 0 is the newest. 52 weeks back; within a week the rows are spread over its Monday morning.
                cursor.execute(
                    """
                    INSERT INTO notifications_message (
                        jobcenter_id, kind, status, recipient_email, recipient_name, is_rendered, subject, body_text,
                        body_html, attachments, items, period, idempotency_key, attempts, last_error, created_at,
                        next_attempt_at, sent_at, expires_at, resends, channel, recipient_phone, sms_encoding,
                        gateway_id, delivery_status, delivery_detail)
                    SELECT %(jobcenter)s, 'weekly_follow_up', s.status, 'person' || (n %% 4000) || '@example.dk',
                           'Person ' || (n %% 4000), false, '', '', '', '[]', '[]',
                           to_char(s.created, 'IYYY-"W"IW'), 'bench:' || n, 1,
                           CASE WHEN s.status IN ('failed', 'pending') AND n %% 2 = 0
                                THEN '421 try again later' ELSE '' END,
                           s.created, s.created + interval '1 hour',
                           CASE WHEN s.status = 'sent' THEN s.created + interval '2 minutes' END,
                           s.created + interval '7 days', 0, 'email', '', '', '', '', ''
                    FROM generate_series(0, %(count)s - 1) AS n
                    CROSS JOIN LATERAL (
                        SELECT now() - (n * interval '1 week' * 52 / %(count)s) AS created,
                               CASE WHEN n < 40 THEN 'pending'
                                    WHEN n %% 100 = 7 THEN 'failed'
                                    WHEN n %% 100 = 8 THEN 'expired'
                                    ELSE 'sent' END AS status
                    ) AS s
                    """,
                    {"jobcenter": jobcenter.pk, "count": messages},
                )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE notifications_message")
        print(f"  {time.perf_counter() - started:.1f} s", flush=True)
    return coordinator


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection

    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    walls, sqls, slowest, counts = [], [], [], []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(((time.perf_counter() - started) * 1000, sql))

    for _ in range(runs):
        spent: list[tuple[float, str]] = []
        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            client.get(url)
        walls.append((time.perf_counter() - started) * 1000)
        sqls.append(sum(ms for ms, _ in spent))
        slowest.append(max(spent))
        counts.append(len(spent))
    worst = sorted(slowest)[len(slowest) // 2]
    return {
        "wall": statistics.median(walls),
        "sql": statistics.median(sqls),
        "queries": max(counts),
        "slowest": worst[0],
        "slowest_sql": " ".join(worst[1].split())[:110],
    }


def explain(client, url: str) -> None:
    from django.db import connection

    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        client.get(url)
    with connection.cursor() as cursor:
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT") or "notifications_message" not in sql:
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF, SUMMARY ON) {sql}", params)
            plan = [row[0] for row in cursor.fetchall()]
            print("\n" + " ".join(sql.split())[:160])
            print("\n".join("   " + line for line in plan[:12]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--explain", action="store_true")
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from benchmarks._verified_client import verified_client
    from notifications.models import Message

    coordinator = ensure_data(arguments.messages)
    client = verified_client(coordinator, SERVER_NAME="localhost", raise_request_exception=True)
    outbox = reverse("notifications:outbox")
    with scopes_disabled():
        period = Message.objects.filter(jobcenter__slug=SLUG).order_by("-id").values_list("period", flat=True)[500]
    pages = {
        "unfiltered": outbox,
        "page 40": f"{outbox}?side=40",
        "failed": f"{outbox}?status=failed",
        "one week": f"{outbox}?period={period}",
        "recipient": f"{outbox}?q=person17@",
    }
    print(f"load average (1 min) {os.getloadavg()[0]:.2f}; {arguments.messages:,} messages; {arguments.runs} runs")
    print(f"{'page':<12} {'queries':>7} {'wall ms':>8} {'SQL ms':>8} {'slowest':>8}  slowest query")
    for name, url in pages.items():
        result = measure(client, url, arguments.runs)
        print(
            f"{name:<12} {result['queries']:>7} {result['wall']:8.1f} {result['sql']:8.1f} "
            f"{result['slowest']:8.1f}  {result['slowest_sql']}"
        )
    if arguments.explain:
        explain(client, outbox)
    print(f"load average (1 min) at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
