"""Random instances and a brute-force exact solver to check the engine against (no Django)."""

from __future__ import annotations

import itertools
import math
import random

from matching.engine import Host, Problem, assignment_violations, make_problem


def seeded(seed: int) -> random.Random:
    """A reproducible generator for test instances (not for anything secret)."""
    return random.Random(seed)  # noqa: S311


def random_problem(
    rng: random.Random,
    *,
    max_candidates: int = 6,
    max_hosts: int = 3,
    max_capacity: int = 3,
    density: float | None = None,
    minimums: bool = True,
    allow_empty: bool = True,
    require_all: bool | None = None,
    decimals: int | None = 3,
) -> Problem:
    n = rng.randint(0, max_candidates)
    m = rng.randint(0, max_hosts)
    density = rng.uniform(0.2, 1.0) if density is None else density
    hosts = []
    for j in range(m):
        capacity = rng.randint(0, max_capacity)
        min_group = rng.randint(0, capacity) if minimums else 0
        hosts.append(
            Host(id=f"h{j}", capacity=capacity, min_group=min_group, allow_empty=allow_empty and rng.random() < 0.5)
        )
    candidates = [f"c{i}" for i in range(n)]
    scores = []
    for cid in candidates:
        for host in hosts:
            if rng.random() < density:
                score = rng.random()
                scores.append((cid, host.id, round(score, decimals) if decimals is not None else score))
    rng.shuffle(scores)
    return make_problem(
        candidates=candidates,
        hosts=hosts,
        scores=scores,
        require_all_assigned=rng.random() < 0.25 if require_all is None else require_all,
    )


def brute_force(problem: Problem) -> tuple[int, float] | None:
    """Best (assigned count, sum of scores) over every assignment, or None when none is feasible."""
    options: dict[str, list[tuple[str | None, float]]] = {cid: [(None, 0.0)] for cid in problem.candidates}
    for cid, hid, score in problem.scores:
        options[cid].append((hid, score))
    best: tuple[int, float] | None = None
    for choice in itertools.product(*(options[cid] for cid in problem.candidates)):
        assignment = {cid: hid for cid, (hid, _) in zip(problem.candidates, choice, strict=True) if hid is not None}
        if assignment_violations(problem, assignment):
            continue
        value = (len(assignment), math.fsum(score for hid, score in choice if hid is not None))
        if best is None or value[0] > best[0] or (value[0] == best[0] and value[1] > best[1]):
            best = value
    return best
