"""Benchmark: the CPU one request for a page costs in-process, and where it goes (cProfile).

    source benchmarks/loadtest/env.sh
    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python benchmarks/page_cpu.py [--runs 20] [--profile 25]
        [--pages "/borgere/" ...]

The closed-loop benchmark's pages (benchmarks/closed_loop/run.py), rendered with Django's test client
through the whole middleware stack (production settings, national data set), as jc001's coordinator or
company leader, each page once before measuring. Per page: the median CPU of this process per request
(time.process_time: Python's work, not PostgreSQL's, the figure that hardly depends on the machine's load)
and the query count; with --profile N, the N functions with the most own time over the runs (cProfile adds
its overhead, so the profile's shares count, not its absolute times).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "loadtest"))
sys.path.insert(0, str(ROOT / "benchmarks" / "closed_loop"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", type=int, default=0, help="print the N functions with most own time")
    parser.add_argument("--sort", default="tottime", help="pstats sort key for --profile (tottime, cumulative)")
    parser.add_argument("--match", default="", help="only functions whose file:line(name) matches this regex")
    parser.add_argument("--pages", nargs="*")
    arguments = parser.parse_args()

    import django

    django.setup()
    import query_counts
    from django.db import connection
    from django_scopes import scopes_disabled

    from accounts.models import User
    from accounts.scale import coordinator_email
    from benchmarks.closed_loop.pages import PAGES

    coordinator_pages, leader_pages, leader = query_counts.pages("jc001")
    with scopes_disabled():
        coordinator = User.objects.get(email=coordinator_email("jc001"))
    clients = {"coordinator": query_counts.client_for(coordinator), "leader": query_counts.client_for(leader)}
    urls = {name: ("coordinator", url) for name, url in coordinator_pages}
    urls |= {name: ("leader", url) for name, url in leader_pages if url}
    print(f"load average (1 min) {os.getloadavg()[0]:.2f}; {arguments.runs} runs a page")
    print(f"{'page':<28} {'status':>6} {'queries':>7} {'CPU ms/req':>10} {'min':>6}")
    for name in arguments.pages or PAGES:
        role, url = urls[name]
        client = clients[role]
        response = client.get(url)
        status = response.status_code
        queries: list[str] = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            client.get(url)
        cpus = []
        profiler = cProfile.Profile(time.process_time) if arguments.profile else None  # CPU, not wall
        for _ in range(arguments.runs):
            started = time.process_time()
            if profiler:
                profiler.enable()
            client.get(url)
            if profiler:
                profiler.disable()
            cpus.append((time.process_time() - started) * 1000)
        print(f"{name:<28} {status:>6} {len(queries):>7} {statistics.median(cpus):10.1f} {min(cpus):6.1f}", flush=True)
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(arguments.sort).print_stats(
                arguments.match or ".", arguments.profile
            )
            print(out.getvalue())


if __name__ == "__main__":
    main()
