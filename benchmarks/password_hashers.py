"""Benchmark: CPU cost of one password hash with Django's own hasher parameters (PBKDF2, Argon2, scrypt).

Each hasher is the class in django.contrib.auth.hashers with its default parameters (what
`make_password` and a log-in's `check_password` use); CPU seconds are the process's own
(time.process_time), so other work on the machine shows in the wall time but hardly in the CPU time.
Argon2 needs argon2-cffi, which the product does not install: run with it on the path, e.g.

    python3 -m venv /tmp/argon && /tmp/argon/bin/pip install argon2-cffi
    PYTHONPATH=/tmp/argon/lib/python3.11/site-packages .venv/bin/python benchmarks/password_hashers.py --runs 15
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    arguments = parser.parse_args()

    from django.conf import settings

    settings.configure()
    from django.contrib.auth import hashers

    candidates = [hashers.PBKDF2PasswordHasher(), hashers.Argon2PasswordHasher(), hashers.ScryptPasswordHasher()]
    print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {arguments.runs} hashes each")
    print(f"{'hasher':<14} {'parameters':<46} {'CPU p50':>9} {'CPU min':>9} {'wall p50':>9}")
    for hasher in candidates:
        salt = hasher.salt()
        try:
            hasher.encode("warm-up", salt)
        except ValueError as exc:  # the hasher's library is not installed
            print(f"{hasher.algorithm:<14} skipped: {exc}")
            continue
        parameters = {
            "pbkdf2_sha256": lambda h: f"{h.iterations:,} iterations",
            "argon2": lambda h: f"time {h.time_cost}, memory {h.memory_cost} KiB, parallelism {h.parallelism}",
            "scrypt": lambda h: f"n {h.work_factor}, r {h.block_size}, p {h.parallelism}",
        }[hasher.algorithm](hasher)
        cpu, wall = [], []
        for n in range(arguments.runs):
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            hasher.encode(f"mentor-skala-{n}", salt)
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started_wall)
        print(
            f"{hasher.algorithm:<14} {parameters:<46} {statistics.median(cpu):8.3f}s {min(cpu):8.3f}s "
            f"{statistics.median(wall):8.3f}s"
        )
    print(f"load average (1 min) at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
