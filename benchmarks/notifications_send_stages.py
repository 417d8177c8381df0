"""Benchmark: where a weekly reminder's CPU goes in the send path. Sends N one-each weekly reminders (the
fan-out benchmark's data, benchmarks/notifications_fanout.py, seeded on the first run) in-process with
`messages_send` and the no-op mail backend, and prints this thread's CPU per message around each stage (the
claim, the chunk's contexts, render_fast, the e-mail, the journal, the mark) and the CPU of its PostgreSQL
backend. The first chunk is sent before the clock starts (the URL conf, the templates), then gc.freeze() as
the worker does (--no-freeze leaves it out).

    createdb -h 127.0.0.1 -U postgres bench_notifications_stages
    .venv/bin/python benchmarks/notifications_send_stages.py \\
        --database postgres://postgres@127.0.0.1:5432/bench_notifications_stages --placements 10000

Each stage's figure includes the wrapper's own cost (about 0.5 µs a call).
"""

import argparse
import gc
import os
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notifications_fanout as fanout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--placements", type=int, default=10_000)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/bench_notifications_stages")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--no-freeze", dest="freeze", action="store_false", help="leave out gc.freeze()")
    args = parser.parse_args()
    fanout.configure(argparse.Namespace(database=args.database, redis=args.redis))
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from notifications import channels, message_kinds
    from notifications.fanout import WEEKLY_FOLLOWUP, period_of, weekly_reminders_create
    from notifications.journal import SentJournal
    from notifications.models import Message, ReminderRun
    from notifications.services import send
    from texts.selectors import EmailOpenings

    jobcenter = fanout.seed(args.placements, "one-each", False)
    now = timezone.now().astimezone(ZoneInfo("Europe/Copenhagen"))
    period = period_of(now.date())
    with scopes_disabled():
        Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP).delete()
        ReminderRun.objects.filter(jobcenter=jobcenter).delete()
    ids = sorted(weekly_reminders_create(jobcenter_id=jobcenter.pk, period=period, on=now.date(), now=now))
    send.messages_send(ids=ids[:500])
    ids = ids[500:]
    if args.freeze:  # as a Celery worker does once it has loaded (mentorship/celery.py)
        gc.freeze()

    spent: dict[str, float] = {}

    def measure(owner, name: str, label: str) -> None:
        function = getattr(owner, name)

        def measured(*a, **k):
            started = time.thread_time()
            try:
                return function(*a, **k)
            finally:
                spent[label] = spent.get(label, 0.0) + time.thread_time() - started

        setattr(owner, name, measured)

    measure(send, "_claim", "claim: statement and rows")
    measure(send, "_from_row", "  of which building the rows")
    measure(send, "deferred_contexts", "contexts per chunk")
    measure(message_kinds, "weekly_items", "  of which weekly_items")
    measure(EmailOpenings, "context_for", "  of which the opening")
    measure(send, "render_deferred", "render_deferred (render_fast)")
    measure(channels, "email_for", "email_for")
    measure(send._Mailer, "send", "no-op backend")
    measure(SentJournal, "sent", "journal write")
    measure(send, "_mark_sent", "mark")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    backend_before = fanout.cpu_seconds(backend)
    started = time.thread_time()
    outcome = send.messages_send(id_range=(ids[0], ids[-1]))
    total = time.thread_time() - started
    backend_cpu = fanout.cpu_seconds(backend) - backend_before
    sent = max(outcome.sent, 1)
    print(f"sent {outcome.sent}, load {os.getloadavg()[0]:.1f}")
    print(
        f"messages_send CPU: {total / sent * 1e6:.1f} µs a message; "
        f"its PostgreSQL backend {backend_cpu / sent * 1e6:.1f} µs"
    )
    for label, seconds in spent.items():
        print(f"  {label:40s} {seconds / sent * 1e6:6.1f} µs")


if __name__ == "__main__":
    main()
