"""gunicorn as the load test runs it, for a benchmark that measures through HTTP.

    with gunicorn(log_name="closed-loop-gunicorn.log", ready_path="/__floor__/") as server:
        ... requests to server.base ...
        cpu = proc_cpu(server.pids)

BENCH_HOST/BENCH_PORT (default 127.0.0.1:8765) and BENCH_WORKERS x BENCH_THREADS (default 3 x 2) as in
benchmarks/loadtest/env.sh; the settings module is the caller's DJANGO_SETTINGS_MODULE. The context waits
until `ready_path` answers 200 (at most 20 s), lists the master's and the workers' pids, and stops gunicorn
when it ends. The error log goes to MENTORSHIP_VAR_DIR (default var/) under `log_name`.
"""

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    base: str  # http://host:port
    workers: str
    threads: str
    pids: list[int]  # the master and its workers


def proc_cpu(pids: list[int]) -> float:
    """User + system CPU seconds the processes have used so far (from /proc); a gone process counts 0."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def process_and_children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout  # noqa: S603, S607
    return [pid] + [int(p) for p in out.split()]


@contextlib.contextmanager
def gunicorn(*, log_name: str, ready_path: str) -> Iterator[Server]:
    import requests

    host, port = os.environ.get("BENCH_HOST", "127.0.0.1"), os.environ.get("BENCH_PORT", "8765")
    base = f"http://{host}:{port}"
    workers, threads = os.environ.get("BENCH_WORKERS", "3"), os.environ.get("BENCH_THREADS", "2")
    log = Path(os.environ.get("MENTORSHIP_VAR_DIR", ROOT / "var")) / log_name
    process = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/gunicorn"), "mentorship.wsgi", "--bind", f"{host}:{port}", "--workers", workers,
         "--threads", threads, "--keep-alive", "5", "--access-logfile", "/dev/null", "--error-logfile", str(log)],
        cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}{ready_path}", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {process.returncode}; see {log}")
            time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not answer {base}{ready_path} within 20 s; see {log}")
        yield Server(base=base, workers=workers, threads=threads, pids=process_and_children(process.pid))
    finally:
        process.terminate()
        process.wait(timeout=30)
