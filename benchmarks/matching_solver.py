"""Matching solver benchmark (in-process; the PostgreSQL-loading parts come with the Django layer).

Run from the project root:  .venv/bin/python benchmarks/matching_solver.py [--quick] [--compare-library]

(a) 50 candidates x 10 companies, at least 4 each: median solve time (target < 5 ms).
(b) 5,000 citizens x 2,000 mentors with capacities, 50-200 scored mentors per citizen: solve time
    (target < 1 s).
(c) The same instances with a greedy baseline (best pair first) and, with --compare-library, the PyPI
    `matching` library's hospital-resident solver (resident-optimal stable matching): time and how
    much worse their result is. That library installs a top-level package called `matching`, which
    would shadow this project's app, so it is never installed in the project's .venv: the flag creates
    a throwaway venv under /tmp (LIBRARY_VENV), installs the pinned version there with pip, and runs
    the library in a subprocess of that venv's interpreter.
(d) Scoring one citizen against 10,000 mentors (no database).
(e) "None or at least k" families, sparse to dense (the sparsest: 500 x 50, capacities 10-40,
    density 0.01, k = 4): the solver's time against the MILP alone on the same instances, and
    which route it took. Target: never slower than the MILP alone.
"""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `matching` must be this project's app, not the PyPI library

from matching.engine import Host, assignment_violations, make_problem, solve  # noqa: E402
from matching.engine.indexed import Indexed  # noqa: E402
from matching.engine.milp import solve_milp  # noqa: E402
from matching.engine.scoring import CitizenProfile, MentorProfile, Weights, rank_mentors  # noqa: E402

LIBRARY_PIN = "matching==1.4.3"
LIBRARY_VENV = Path(tempfile.gettempdir()) / "mentorship-bench-matching-venv"
COMPARE_LIBRARY = "--compare-library" in sys.argv

HR_SCRIPT = r"""
import json, sys, threading, time, warnings
warnings.simplefilter("ignore")
from matching.games import HospitalResident
data = json.load(sys.stdin)
out = {}

def run():  # the library's algorithm recurses once per proposal: give it a deep stack
    started = time.perf_counter()
    game = HospitalResident.create_from_dictionaries(data["resident_prefs"], data["hospital_prefs"], data["capacities"])
    matching = game.solve(optimal="resident")
    out["seconds"] = time.perf_counter() - started
    out["assignment"] = {r.name: h.name for h, residents in matching.items() for r in residents}

sys.setrecursionlimit(10_000_000)
threading.stack_size(1 << 30)
thread = threading.Thread(target=run)
thread.start()
thread.join()
print(json.dumps(out))
"""


def rng_for(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - reproducible benchmark data


CPU_TIMES: list[float] = []


def timed(function, runs: int) -> tuple[float, object]:
    """Median wall time; the median CPU time goes to CPU_TIMES[-1] (fairer on a busy machine)."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    CPU_TIMES.append(statistics.median(cpu))
    return statistics.median(times), result


def cohort(seed: int, *, allow_empty: bool):
    rng = rng_for(seed)
    candidates = [f"c{i}" for i in range(50)]
    hosts = [Host(id=f"firma{j}", capacity=6, min_group=4, allow_empty=allow_empty) for j in range(10)]
    scores = [(c, h.id, round(rng.random(), 3)) for c in candidates for h in hosts if rng.random() < 0.7]
    return make_problem(candidates=candidates, hosts=hosts, scores=scores)


# (label, candidates, hosts, capacities, density of allowed pairs, k); three seeds each.
FAMILIES = [
    ("sparse 500x50 cap 10-40 d 0.01", 500, 50, (10, 40), 0.01, (4, 4)),
    ("sparse 500x50 cap 5-15 d 0.01", 500, 50, (5, 15), 0.01, (4, 4)),
    ("500x50 cap 10-40 d 0.02", 500, 50, (10, 40), 0.02, (4, 4)),
    ("500x50 cap 10-40 d 0.05", 500, 50, (10, 40), 0.05, (4, 4)),
    ("200x40 cap 4-8 d 0.05 k 4-6", 200, 40, (4, 8), 0.05, (4, 6)),
    ("1000x100 cap 10-40 d 0.01 k 4-6", 1000, 100, (10, 40), 0.01, (4, 6)),
    ("50x10 cap 6 d 0.7 (the cohort)", 50, 10, (6, 6), 0.7, (4, 4)),
]


def family(seed: int, n: int, m: int, capacities: tuple[int, int], density: float, k: tuple[int, int]):
    rng = rng_for(seed)
    candidates = [f"c{i}" for i in range(n)]
    hosts = []
    for j in range(m):
        capacity = rng.randint(*capacities)
        hosts.append(Host(id=f"h{j}", capacity=capacity, min_group=min(capacity, rng.randint(*k)), allow_empty=True))
    scores = [(c, h.id, round(rng.random(), 3)) for c in candidates for h in hosts if rng.random() < density]
    return make_problem(candidates=candidates, hosts=hosts, scores=scores)


def municipality(seed: int, citizens: int, mentors: int, per_citizen: tuple[int, int]):
    rng = rng_for(seed)
    candidates = [f"b{i}" for i in range(citizens)]
    hosts = [Host(id=f"m{j}", capacity=rng.randint(1, 4)) for j in range(mentors)]
    scores = []
    for cid in candidates:
        for j in rng.sample(range(mentors), rng.randint(*per_citizen)):
            scores.append((cid, f"m{j}", round(rng.random(), 4)))
    return make_problem(candidates=candidates, hosts=hosts, scores=scores)


def greedy(problem) -> dict[str, str]:
    """Best-scored pair first, while the candidate is free and the host has a seat."""
    room = {host.id: host.capacity for host in problem.hosts}
    assignment: dict[str, str] = {}
    for cid, hid, _ in sorted(problem.scores, key=lambda entry: -entry[2]):
        if cid not in assignment and room[hid] > 0:
            assignment[cid] = hid
            room[hid] -= 1
    return assignment


def library_python() -> Path | None:
    """The throwaway venv's interpreter with the library installed (created on first use)."""
    python = LIBRARY_VENV / "bin" / "python"
    marker = LIBRARY_VENV / ".installed"
    if marker.exists() and marker.read_text() == LIBRARY_PIN:
        return python
    print(f"  creating {LIBRARY_VENV} with {LIBRARY_PIN} (once) ...")
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(LIBRARY_VENV)], check=True)  # noqa: S603
        subprocess.run(  # noqa: S603 - pip of the venv we just made
            [str(python), "-m", "pip", "install", "--quiet", LIBRARY_PIN], check=True, timeout=600
        )
    except (subprocess.SubprocessError, OSError) as error:
        print(f"  could not install {LIBRARY_PIN} in {LIBRARY_VENV}: {error}")
        return None
    marker.write_text(LIBRARY_PIN)
    return python


def hospital_resident(problem, timeout: float) -> tuple[float, dict[str, str]] | None:
    by_candidate: dict[str, list[tuple[float, str]]] = {}
    by_host: dict[str, list[tuple[float, str]]] = {}
    for cid, hid, score in problem.scores:
        by_candidate.setdefault(cid, []).append((score, hid))
        by_host.setdefault(hid, []).append((score, cid))
    payload = {
        "resident_prefs": {c: [h for _, h in sorted(v, key=lambda x: (-x[0], x[1]))] for c, v in by_candidate.items()},
        "hospital_prefs": {h: [c for _, c in sorted(v, key=lambda x: (-x[0], x[1]))] for h, v in by_host.items()},
        "capacities": {host.id: host.capacity for host in problem.hosts if host.id in by_host},
    }
    python = library_python()
    if python is None:
        return None
    with tempfile.TemporaryDirectory() as elsewhere:
        try:
            completed = subprocess.run(  # noqa: S603 - the throwaway venv's interpreter, isolated (-I)
                [str(python), "-I", "-c", HR_SCRIPT],
                input=json.dumps(payload),
                capture_output=True,
                text=True,
                cwd=elsewhere,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            print(f"  matching.HospitalResident did not finish within {timeout:.0f} s")
            return None
    if completed.returncode:
        print("  matching.HospitalResident failed: " + completed.stderr.strip().splitlines()[-1])
        return None
    output = json.loads(completed.stdout)
    return output["seconds"], output["assignment"]


def value(problem, assignment) -> tuple[int, float]:
    score = {(c, h): s for c, h, s in problem.scores}
    return len(assignment), math.fsum(score[(c, h)] for c, h in assignment.items())


def compare(label, problem, optimum, hr_timeout):
    best_count, best_objective = optimum
    rows = []
    seconds, assignment = timed(lambda: greedy(problem), 1)
    rows.append(("greedy", seconds, assignment))
    if COMPARE_LIBRARY:
        hr = hospital_resident(problem, hr_timeout)
        if hr is not None:
            rows.append(("matching.HospitalResident", hr[0], hr[1]))
    else:
        print(f"  {label}: matching.HospitalResident SKIPPED (pass --compare-library to run it in a /tmp venv)")
    for name, seconds, assignment in rows:
        count, objective = value(problem, assignment)
        broken = len(assignment_violations(problem, assignment))
        print(
            f"  {label}: {name:27s} {seconds * 1000:9.1f} ms  assigned {count} ({count - best_count:+d})  "
            f"objective {objective:.3f} ({(objective - best_objective) / max(best_objective, 1e-9) * 100:+.2f} %)"
            + (f"  BREAKS {broken} hard constraints" if broken else "")
        )


def main() -> None:
    quick = "--quick" in sys.argv
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {sys.version.split()[0]}; medians of repeated in-process runs; load average {load:.1f}\n")

    print("(a) 50 candidates x 10 companies, capacity 6, at least 4 each (target < 5 ms)")
    for allow_empty, label in ((False, "hard minimum 4      "), (True, "none or at least 4  ")):
        problem = cohort(50, allow_empty=allow_empty)
        seconds, result = timed(lambda problem=problem: solve(problem), 50 if quick else 300)
        print(
            f"  {label}: {seconds * 1000:7.2f} ms (CPU {CPU_TIMES[-1] * 1000:.2f} ms)  "
            f"[{result.method}, {result.extra.get('nodes', 1)} flows] assigned {result.assigned_count}, "
            f"objective {result.objective:.3f}"
        )
        optimum = (result.assigned_count, result.objective)
        if allow_empty:
            ix = Indexed.of(problem)
            milp_seconds, _ = timed(lambda ix=ix: solve_milp(ix), 20 if quick else 100)
            print(f"  {label}: {milp_seconds * 1000:7.2f} ms with the MILP alone (HiGHS; the fallback)")
            spread = []
            for seed in range(100, 120):
                other = cohort(seed, allow_empty=True)
                other_seconds, other_result = timed(lambda other=other: solve(other), 11)
                spread.append((other_seconds, other_result.method, other_result.extra.get("nodes", 1)))
            spread.sort()
            print(
                f"  {label}: 20 more seeds: median {spread[10][0] * 1000:.2f} ms, "
                f"slowest {spread[-1][0] * 1000:.2f} ms "
                f"({spread[-1][1]}, {spread[-1][2]} flows); methods "
                + ", ".join(sorted({f"{method}" for _, method, _ in spread}))
            )
    compare("hard minimum 4", cohort(50, allow_empty=False), (50, solve(cohort(50, allow_empty=False)).objective), 60)

    print("\n(b) 5,000 citizens x 2,000 mentors (capacities 1-4), 50-200 scored mentors each (target < 1 s)")
    started = time.perf_counter()
    problem = municipality(7, 5000, 2000, (50, 200))
    build = time.perf_counter() - started
    seconds, result = timed(lambda: solve(problem), 3 if quick else 7)
    print(f"  {len(problem.scores)} scored pairs, {sum(h.capacity for h in problem.hosts)} seats")
    print(f"  make_problem (validate + index): {build:.2f} s (includes generating the data)")
    print(
        f"  solve: {seconds * 1000:.0f} ms (CPU {CPU_TIMES[-1] * 1000:.0f} ms)  "
        f"[{result.method}] assigned {result.assigned_count}, "
        f"objective {result.objective:.3f}, score scale {result.extra.get('score_scale')}"
    )
    optimum = (result.assigned_count, result.objective)

    print("\n(c) the same instance: greedy and the `matching` library against the optimum")
    compare("5000x2000", problem, optimum, 120 if quick else 600)
    middle = municipality(8, 1000, 400, (20, 60))
    middle_result = solve(middle)
    compare("1000x400 ", middle, (middle_result.assigned_count, middle_result.objective), 120)

    print("\n(d) suggestions: scoring one citizen against 10,000 mentors (no database)")
    rng = rng_for(3)
    needs = ["økonomi", "bolig", "sociale færdigheder", "misbrug", "beskæftigelse", "sundhed", "netværk"]
    slots = [f"{d}-{p}" for d in ("man", "tir", "ons", "tor", "fre") for p in ("fm", "em")]
    mentors = [
        MentorProfile(
            id=f"m{j}",
            competences=frozenset(rng.sample(needs, rng.randint(1, 5))),
            languages=frozenset({"da", *rng.sample(["ar", "en", "so", "uk", "tr"], rng.randint(0, 2))}),
            gender=rng.choice(["female", "male"]),
            age=rng.randint(22, 70),
            availability=frozenset(rng.sample(slots, rng.randint(2, 8))),
            location=(55.5 + rng.random(), 9.5 + rng.random() * 2),
            capacity=rng.randint(1, 5),
            active=rng.randint(0, 4),
            corps=rng.choice(["full_time", "part_time"]),
        )
        for j in range(10_000)
    ]
    citizen = CitizenProfile(
        id="b1",
        needs=("økonomi", "bolig", "misbrug"),
        languages=("ar", "da"),
        wished_gender="female",
        wished_age=(30, 55),
        availability=frozenset(slots[:4]),
        location=(56.16, 10.2),
    )
    weights = Weights(distance=5)
    seconds, ranked = timed(lambda: rank_mentors(citizen, mentors, weights, top=10), 5 if quick else 15)
    print(f"  rank_mentors: {seconds * 1000:.0f} ms (CPU {CPU_TIMES[-1] * 1000:.0f} ms)")
    print(f"  best score {ranked[0].score:.3f}: {ranked[0].explanations}")

    print('\n(e) "none or at least k" families: solve() against the MILP alone (CPU ms, medians; target: never slower)')
    worst = 0.0
    for label, n, m, capacities, density, k in FAMILIES:
        for seed in (1, 2, 3):
            problem = family(seed, n, m, capacities, density, k)
            timed(lambda problem=problem: solve(problem), 3 if quick else 7)
            solved, result = CPU_TIMES[-1], solve(problem)
            timed(lambda problem=problem: solve_milp(Indexed.of(problem)), 3 if quick else 7)
            alone = CPU_TIMES[-1]
            worst = max(worst, solved / alone)
            route = result.method + (f" {result.extra['nodes']} flows" if "nodes" in result.extra else "")
            if "broken" in result.extra:
                searched = " (searched first)" if result.extra["searched"] else ""
                route += f", {result.extra['broken']} broken{searched}"
            print(
                f"  {label:<33} seed {seed}: {solved * 1000:7.1f} ms  MILP alone {alone * 1000:7.1f} ms  "
                f"({solved / alone:4.2f}x)  [{route}]",
                flush=True,
            )
    print(f"  slowest against the MILP alone: {worst:.2f}x")


if __name__ == "__main__":
    main()
