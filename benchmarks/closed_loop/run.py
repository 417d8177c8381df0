"""Benchmark: every main page in a closed loop (8 clients, no think time) against a floor page, one run.

    source benchmarks/loadtest/env.sh
    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python benchmarks/closed_loop/run.py [--seconds 60] [--clients 8]

gunicorn as in the load test (BENCH_WORKERS x BENCH_THREADS, default 3 x 2, production settings on the
national data set of `make bench-setup`) with one extra URL, the floor: one indexed query for 50 rows
through the same middleware stack (benchmarks/closed_loop/urls.py). For the floor, then each page, then
the floor again, N clients (threads with keep-alive connections, logged in as the coordinator or the
company leader of jc001 past the second factor) request the page back to back for --seconds. Per page:
requests per second, p50/p95, p95 against the floor's (the mean of its two runs), and the CPU the
gunicorn processes used per request (user + system from /proc: the one figure that hardly depends on
what else the machine is doing). Target (issue 24): every page's p95 at most 3x the floor's.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "loadtest"))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.closed_loop.settings"

from benchmarks._gunicorn import gunicorn, proc_cpu  # noqa: E402 (after the path)
from benchmarks.closed_loop.pages import PAGES  # noqa: E402


def cookies() -> tuple[dict, dict, dict]:
    """Session cookies of jc001's coordinator and company leader (past the second factor), and the URLs."""
    import django

    django.setup()
    import query_counts
    from django.conf import settings
    from django_scopes import scopes_disabled

    from accounts.models import User
    from accounts.scale import coordinator_email

    coordinator_pages, leader_pages, leader = query_counts.pages("jc001")
    with scopes_disabled():
        coordinator = User.objects.get(email=coordinator_email("jc001"))
    jars = {}
    for role, user in (("coordinator", coordinator), ("leader", leader)):
        client = query_counts.client_for(user)
        jars[role] = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    urls = {name: ("coordinator", url) for name, url in coordinator_pages}
    urls |= {name: ("leader", url) for name, url in leader_pages if url}
    return jars["coordinator"], jars["leader"], urls


def loop(base: str, path: str, jar: dict, seconds: float, clients: int) -> tuple[list[float], int]:
    import requests

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client():
        session = requests.Session()
        session.cookies.update(jar)
        session.get(base + path, timeout=60)  # warm the connection
        mine, bad = [], 0
        start.wait()
        end = time.perf_counter() + seconds
        while (now := time.perf_counter()) < end:
            response = session.get(base + path, timeout=60, allow_redirects=False)
            mine.append(time.perf_counter() - now)
            bad += response.status_code != 200
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pages", nargs="*", default=PAGES)
    arguments = parser.parse_args()
    coordinator, leader, urls = cookies()
    with gunicorn(log_name="closed-loop-gunicorn.log", ready_path="/__floor__/") as server:
        base, pids = server.base, server.pids
        print(f"gunicorn {server.workers} x {server.threads}, {arguments.clients} clients, {arguments.seconds:.0f} s "
              f"a page; load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")  # fmt: skip
        print(f"{'page':<28} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms/req':>10} {'errors':>6} {'load':>5}")
        floor_run = ("floor", "__floor__", None)
        plan = [floor_run] + [(n, *urls[n]) for n in arguments.pages] + [floor_run]
        floors: list[float] = []
        rows = []
        for name, role, url in plan:
            path = "/__floor__/" if role == "__floor__" else url
            jar = {} if role == "__floor__" else (coordinator if role == "coordinator" else leader)
            cpu = proc_cpu(pids)
            latencies, errors = loop(base, path, jar, arguments.seconds, arguments.clients)
            cpu = proc_cpu(pids) - cpu
            ordered = sorted(latencies)
            p95 = ordered[int(len(ordered) * 0.95)] * 1000
            row = (name, len(ordered) / arguments.seconds, statistics.median(ordered) * 1000, p95,
                   cpu / max(1, len(ordered)) * 1000, errors, os.getloadavg()[0])  # fmt: skip
            if role == "__floor__":
                floors.append(p95)
            rows.append(row)
            print(f"{row[0]:<28} {row[1]:7.1f} {row[2]:7.1f} {row[3]:7.1f} {row[4]:10.1f} {row[5]:6d} {row[6]:5.1f}",
                  flush=True)  # fmt: skip
        floor = statistics.mean(floors)
        print(f"\nfloor p95 {floor:.1f} ms (runs: {', '.join(f'{f:.1f}' for f in floors)}); pages against it:")
        for row in rows[1:-1]:
            flag = "" if row[3] <= 3 * floor else "  over 3x"
            print(f"{row[0]:<28} p95 {row[3]:7.1f} ms  {row[3] / floor:5.1f}x  CPU {row[4]:6.1f} ms/req{flag}")


if __name__ == "__main__":
    main()
