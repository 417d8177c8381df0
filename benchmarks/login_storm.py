"""Benchmark: log-in storms, password and TOTP, on the national data set (seed_scale).

    source benchmarks/loadtest/env.sh
    .venv/bin/python benchmarks/login_storm.py profile             # one log-in in-process: queries and CPU per step
    .venv/bin/python benchmarks/login_storm.py storm --users 16 64 # gunicorn as in the load test, N at once

`profile` walks one coordinator's log-in through the whole middleware stack with Django's test client
(the production settings of env.sh): GET the login page, POST the password, GET and POST the TOTP page,
GET the start page. Per step it prints the queries (and their SQL with -v), this process's CPU time, and
how many password hashes ran and what they cost; "around the hash" is the step's CPU minus its hashes.

`storm` starts gunicorn as the load test does (3 workers x 2 threads, BENCH_WORKERS/BENCH_THREADS) and
lets N clients log in at the same moment (a barrier), each a different user of the data set (coordinators
and caseworkers of the largest jobcenters, all with password `mentor-skala-2026` and a TOTP device),
each doing GET login, POST password, GET + POST TOTP, GET start page. It prints the time until the
last one is in, the per-log-in p50/p95, and the CPU gunicorn's processes used (user + system, from
/proc) per log-in. A TOTP code is accepted once per device and time step, so each storm takes users
no earlier storm of the same run used.
"""

import argparse
import contextlib
import cProfile
import os
import pstats
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

from benchmarks._gunicorn import gunicorn, proc_cpu  # noqa: E402 (after the path)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def users(count: int, skip: int = 0) -> list[str]:
    """E-mails of `count` two-factor users of the data set, the largest jobcenters first."""
    from accounts.scale import EMAIL_DOMAIN, coordinator_email

    emails = []
    for n in range(1, 99):
        slug = f"jc{n:03d}"
        emails += [coordinator_email(slug, 1), coordinator_email(slug, 2)]
        emails += [f"sagsbehandler{i}@{slug}.{EMAIL_DOMAIN}" for i in (1, 2, 3)]
    return emails[skip : skip + count]


class HashMeter:
    """Counts the password hashes (PBKDF2) and the CPU they take, by wrapping the hasher's encode."""

    def __init__(self):
        from django.contrib.auth import hashers

        self.count, self.cpu = 0, 0.0
        hasher = hashers.get_hasher("default")
        original = type(hasher).encode
        meter = self

        def encode(self, password, salt, iterations=None):
            started = time.process_time()
            try:
                return original(self, password, salt, iterations)
            finally:
                meter.count += 1
                meter.cpu += time.process_time() - started

        type(hasher).encode = encode


def profile(verbose: bool, runs: int, with_cprofile: bool) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.scale import SCALE_PASSWORD, totp_token

    meter = HashMeter()
    steps: dict[str, list[tuple[float, float, int, list[str]]]] = {}
    emails = users(runs + 1, skip=200)  # users the storms below do not take first
    profiler = cProfile.Profile() if with_cprofile else None
    print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {runs} log-ins (after one warm-up)")
    # One client (so one handler, as a gunicorn worker has: a new Client would load the middleware again,
    # and WhiteNoise's scan of the static files alone costs 90 ms), its cookies cleared per log-in.
    client = Client(SERVER_NAME="localhost")
    for number, email in enumerate(emails):
        client.cookies.clear()
        queries: list[str] = []

        def log(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        def step(name, call, client=client, queries=queries, number=number):
            queries.clear()
            hashes_before, hash_cpu_before = meter.count, meter.cpu
            started = time.process_time()
            if profiler and number:
                profiler.enable()
            with connection.execute_wrapper(log):
                response = call()
            if profiler and number:
                profiler.disable()
            cpu = time.process_time() - started
            if response.status_code not in (200, 302):
                raise SystemExit(f"{name}: {response.status_code}")
            if number:  # the first log-in warms the caches
                steps.setdefault(name, []).append(
                    (cpu, meter.cpu - hash_cpu_before, meter.count - hashes_before, list(queries))
                )
            return response

        page = step("GET /konto/login/", lambda client=client: client.get("/konto/login/"))
        token = CSRF.search(page.content.decode()).group(1)
        step(
            "POST password",
            lambda client=client, token=token, email=email: client.post(
                "/konto/login/", {"username": email, "password": SCALE_PASSWORD, "csrfmiddlewaretoken": token}
            ),
        )
        page = step("GET /konto/tofaktor/", lambda client=client: client.get("/konto/tofaktor/"))
        token = CSRF.search(page.content.decode()).group(1)
        step(
            "POST TOTP",
            lambda client=client, token=token, email=email: client.post(
                "/konto/tofaktor/", {"token": totp_token(email), "csrfmiddlewaretoken": token}
            ),
        )
        step("GET / (start page)", lambda client=client: client.get("/"))
    print(f"{'step':<22} {'queries':>7} {'CPU ms':>8} {'hashes':>6} {'hash ms':>8} {'around ms':>9}")
    total_around = 0.0
    for name, samples in steps.items():
        cpu = statistics.median(s[0] for s in samples) * 1000
        hash_cpu = statistics.median(s[1] for s in samples) * 1000
        around = statistics.median(s[0] - s[1] for s in samples) * 1000
        total_around += around
        print(f"{name:<22} {max(len(s[3]) for s in samples):>7} {cpu:8.1f} {max(s[2] for s in samples):>6} "
              f"{hash_cpu:8.1f} {around:9.1f}")  # fmt: skip
        if verbose:
            for sql in samples[-1][3]:
                print(f"      {sql[:150]}")
    print(f"{'log-in, around the hash':<22} {'':>7} {total_around:8.1f} ms of CPU in this process (plus PostgreSQL's)")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def storm(sizes: list[int]) -> None:
    import requests

    from accounts.scale import SCALE_PASSWORD, totp_token

    with gunicorn(log_name="login-storm-gunicorn.log", ready_path="/healthz/") as server:
        base, pids = server.base, server.pids
        print(f"gunicorn {server.workers} workers x {server.threads} threads; load average (1 min) "
              f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")  # fmt: skip
        header = ("log-ins", "all in", "p50", "p95", "max", "server CPU", "per log-in", "load")
        print(" ".join(f"{h:>{w}}" for h, w in zip(header, (7, 8, 7, 7, 7, 10, 10, 5), strict=True)))
        used = 0
        for size in sizes:
            emails = users(size, skip=used)
            used += size
            barrier = threading.Barrier(size + 1)
            times: list[float] = []
            failures: list[str] = []

            def one(email, barrier=barrier, times=times, failures=failures):
                session = requests.Session()
                try:
                    page = session.get(f"{base}/konto/login/", timeout=120)
                    token = CSRF.search(page.text).group(1)
                    barrier.wait()
                    started = time.perf_counter()
                    credentials = {"username": email, "password": SCALE_PASSWORD, "csrfmiddlewaretoken": token}
                    page = session.post(f"{base}/konto/login/", data=credentials, timeout=120)
                    token = CSRF.search(page.text).group(1)
                    page = session.post(f"{base}/konto/tofaktor/", timeout=120,
                                        data={"token": totp_token(email), "csrfmiddlewaretoken": token})  # fmt: skip
                    if page.status_code != 200 or page.url.rstrip("/") != base:  # the start page
                        failures.append(f"{email}: {page.status_code} {page.url}")
                    times.append(time.perf_counter() - started)
                except Exception as error:  # reported, the storm goes on
                    failures.append(f"{email}: {error!r}")
                    if not barrier.broken:
                        barrier.abort()

            workers_ = [threading.Thread(target=one, args=(email,)) for email in emails]
            for worker in workers_:
                worker.start()
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=120)
            cpu_before = proc_cpu(pids)
            started = time.perf_counter()
            for worker in workers_:
                worker.join()
            wall = time.perf_counter() - started
            cpu = proc_cpu(pids) - cpu_before
            if failures:
                print(f"  {len(failures)} failed, e.g. {failures[:2]}")
            ordered = sorted(times)
            p95 = ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)] if ordered else float("nan")
            print(f"{size:>7} {wall:7.2f}s {statistics.median(ordered):6.2f}s {p95:6.2f}s {ordered[-1]:6.2f}s "
                  f"{cpu:9.2f}s {cpu / size * 1000:8.0f}ms {os.getloadavg()[0]:5.1f}")  # fmt: skip
            time.sleep(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["profile", "storm"])
    parser.add_argument("--users", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    arguments = parser.parse_args()
    if arguments.mode == "profile":
        profile(arguments.verbose, arguments.runs, arguments.cprofile)
    else:
        storm(arguments.users)


if __name__ == "__main__":
    main()
