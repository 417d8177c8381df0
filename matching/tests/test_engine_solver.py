"""The solver against second exact methods, and every answer checked for feasibility."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

import matching
from matching.engine import (
    STATUS_INFEASIBLE,
    STATUS_OPTIMAL,
    Host,
    assignment_value,
    assignment_violations,
    make_problem,
    solve,
)
from matching.engine.indexed import Indexed
from matching.engine.milp import solve_milp

from .engine_helpers import brute_force, random_problem, seeded

TOLERANCE = 1e-6


def assert_consistent(problem, result):
    """Feasible, only listed pairs, and the reported numbers match the assignment."""
    assert result.status == STATUS_OPTIMAL
    assert assignment_violations(problem, result.assignment) == []
    count, objective = assignment_value(problem, result.assignment)
    assert result.assigned_count == count
    assert result.objective == pytest.approx(objective, abs=1e-9)
    assert set(result.unassigned) == set(problem.candidates) - set(result.assignment)
    assert len(result.unassigned) + count == len(problem.candidates)


def test_the_app_is_this_project_not_the_pypi_matching_library():
    # The PyPI "matching" library installs a top-level package of the same name; it must never be in .venv
    # (benchmarks/matching_solver.py --compare-library runs it in its own venv under /tmp).
    assert Path(matching.__file__).resolve().parent == Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("seed", range(400))
def test_optimal_against_brute_force(seed):
    problem = random_problem(seeded(seed))
    result = solve(problem)
    best = brute_force(problem)
    if best is None:
        assert result.status == STATUS_INFEASIBLE
        assert result.reason
        assert result.assignment == {}
        assert result.assigned_count == 0
        assert list(result.unassigned) == list(problem.candidates)
        return
    assert_consistent(problem, result)
    assert result.assigned_count == best[0]
    assert result.objective == pytest.approx(best[1], abs=TOLERANCE)


def test_brute_force_seeds_cover_every_path():
    # Guards the test above: the random instances must exercise flow, branch and bound and infeasibility.
    methods = set()
    statuses = set()
    for seed in range(400):
        result = solve(random_problem(seeded(seed)))
        methods.add(result.method)
        statuses.add(result.status)
        if result.status == STATUS_INFEASIBLE:
            methods.add("infeasible-" + result.conflict.kind)
    assert {"flow", "branch", "infeasible-host_minimum", "infeasible-host_capacity"} <= methods
    assert statuses == {STATUS_OPTIMAL, STATUS_INFEASIBLE}


def slot_assignment_optimum(problem):
    """Exact optimum without minimums: linear_sum_assignment on candidates x host seats."""
    slots = [host.id for host in problem.hosts for _ in range(host.capacity)]
    n = len(problem.candidates)
    if not n or not slots:
        return 0, 0.0
    score = {(c, h): s for c, h, s in problem.scores}
    big = n + 1  # one more candidate placed beats any sum of scores
    weight = np.zeros((n, len(slots)))
    for i, cid in enumerate(problem.candidates):
        for j, hid in enumerate(slots):
            if (cid, hid) in score:
                weight[i, j] = big + score[(cid, hid)]
    rows, cols = linear_sum_assignment(weight, maximize=True)
    picked = [(r, c) for r, c in zip(rows, cols, strict=True) if weight[r, c] > 0]
    return len(picked), sum(weight[r, c] - big for r, c in picked)


@pytest.mark.parametrize("seed", range(150))
def test_optimal_against_linear_sum_assignment_without_minimums(seed):
    rng = seeded(1000 + seed)
    problem = random_problem(
        rng, max_candidates=40, max_hosts=8, max_capacity=6, minimums=False, allow_empty=False, require_all=False
    )
    result = solve(problem)
    assert_consistent(problem, result)
    count, objective = slot_assignment_optimum(problem)
    assert result.assigned_count == count
    assert result.objective == pytest.approx(objective, abs=TOLERANCE)


@pytest.mark.parametrize("seed", range(60))
def test_flow_and_milp_agree_on_hard_minimums(seed):
    rng = seeded(5000 + seed)
    problem = random_problem(rng, max_candidates=30, max_hosts=6, max_capacity=8, allow_empty=False, density=0.6)
    result = solve(problem)
    exact = solve_milp(Indexed.of(problem))
    assert exact.feasible == (result.status == STATUS_OPTIMAL)
    if exact.feasible:
        assert_consistent(problem, result)
        ix = Indexed.of(problem)
        assert int(exact.chosen.sum()) == result.assigned_count
        assert float(ix.pair_s[exact.chosen].sum()) == pytest.approx(result.objective, abs=TOLERANCE)


@pytest.mark.parametrize("seed", range(40))
def test_cohorts_with_none_or_at_least_k_are_feasible_and_match_brute_force_size(seed):
    # Kalundborg-shaped but small enough to check by brute force: 7 candidates, 3 companies.
    rng = seeded(9000 + seed)
    hosts = [Host(id=f"h{j}", capacity=4, min_group=rng.randint(2, 3), allow_empty=True) for j in range(3)]
    candidates = [f"c{i}" for i in range(7)]
    scores = [(c, h.id, round(rng.random(), 3)) for c in candidates for h in hosts if rng.random() < 0.8]
    problem = make_problem(candidates=candidates, hosts=hosts, scores=scores)
    result = solve(problem)
    best = brute_force(problem)
    assert_consistent(problem, result)
    assert (result.assigned_count, pytest.approx(result.objective, abs=TOLERANCE)) == best


def test_kalundborg_fifty_over_ten_companies_at_least_four_each():
    rng = seeded(50)
    candidates = [f"c{i}" for i in range(50)]
    hosts = [Host(id=f"firma{j}", capacity=6, min_group=4) for j in range(10)]
    scores = [(c, h.id, round(rng.random(), 3)) for c in candidates for h in hosts if rng.random() < 0.7]
    problem = make_problem(candidates=candidates, hosts=hosts, scores=scores, require_all_assigned=True)
    result = solve(problem)
    assert_consistent(problem, result)
    assert result.assigned_count == 50
    loads = [list(result.assignment.values()).count(h.id) for h in hosts]
    assert min(loads) >= 4
    assert max(loads) <= 6
    exact = solve_milp(Indexed.of(problem))
    assert float(Indexed.of(problem).pair_s[exact.chosen].sum()) == pytest.approx(result.objective, abs=TOLERANCE)


def test_none_or_at_least_k_branches_when_the_relaxation_breaks_it():
    # The relaxation places a, b at h1 and c alone at h2, which needs 0 or 2: h2 is closed or opened.
    problem = make_problem(
        candidates=["a", "b", "c"],
        hosts=[Host("h1", capacity=2), Host("h2", capacity=3, min_group=2, allow_empty=True)],
        scores=[("a", "h1", 0.9), ("b", "h1", 0.9), ("c", "h2", 0.5), ("a", "h2", 0.1)],
    )
    result = solve(problem)
    assert result.method == "branch"
    assert result.extra["nodes"] == 3  # the relaxation and its two children: h2 closed, h2 opened
    # Three placed (a and c at h2) beats two placed with higher scores (h2 closed).
    assert result.assignment == {"a": "h2", "b": "h1", "c": "h2"}
    assert result.objective == pytest.approx(1.5)


@pytest.mark.parametrize("seed", range(120))
def test_branch_and_bound_agrees_with_the_milp_on_none_or_at_least_k(seed):
    # Two exact methods on instances too big for brute force: the same count and sum of scores.
    rng = seeded(30000 + seed)
    capacities = [rng.randint(2, 7) for _ in range(rng.randint(3, 10))]
    hosts = [
        Host(id=f"h{j}", capacity=capacity, min_group=rng.randint(2, capacity), allow_empty=rng.random() < 0.8)
        for j, capacity in enumerate(capacities)
    ]
    candidates = [f"c{i}" for i in range(rng.randint(5, 50))]
    density = rng.uniform(0.2, 0.9)
    scores = [(c, h.id, round(rng.random(), 4)) for c in candidates for h in hosts if rng.random() < density]
    problem = make_problem(candidates=candidates, hosts=hosts, scores=scores, require_all_assigned=rng.random() < 0.2)
    result = solve(problem)
    ix = Indexed.of(problem)
    exact = solve_milp(ix)
    assert exact.feasible == (result.status == STATUS_OPTIMAL)
    if exact.feasible:
        assert_consistent(problem, result)
        assert result.assigned_count == int(exact.chosen.sum())
        assert result.objective == pytest.approx(float(ix.pair_s[exact.chosen].sum()), abs=TOLERANCE)


def test_branch_and_bound_meets_the_milp_in_the_kalundborg_benchmark_shape():
    # The benchmark's instance shape (50 x 10, capacity 6, none or at least 4) over several seeds.
    methods = set()
    for seed in range(50, 62):
        rng = seeded(seed)
        candidates = [f"c{i}" for i in range(50)]
        hosts = [Host(id=f"firma{j}", capacity=6, min_group=4, allow_empty=True) for j in range(10)]
        scores = [(c, h.id, round(rng.random(), 3)) for c in candidates for h in hosts if rng.random() < 0.7]
        problem = make_problem(candidates=candidates, hosts=hosts, scores=scores)
        result = solve(problem)
        methods.add(result.method)
        ix = Indexed.of(problem)
        exact = solve_milp(ix)
        assert_consistent(problem, result)
        assert result.assigned_count == int(exact.chosen.sum())
        assert result.objective == pytest.approx(float(ix.pair_s[exact.chosen].sum()), abs=TOLERANCE)
    assert "branch" in methods


def test_the_milp_takes_over_when_the_search_reaches_its_node_limit(monkeypatch):
    from matching.engine import branch

    problem = make_problem(
        candidates=["a", "b", "c"],
        hosts=[Host("h1", capacity=2), Host("h2", capacity=3, min_group=2, allow_empty=True)],
        scores=[("a", "h1", 0.9), ("b", "h1", 0.9), ("c", "h2", 0.5), ("a", "h2", 0.1)],
    )
    searched = solve(problem)
    monkeypatch.setattr(branch, "NODE_LIMIT", 0)
    fallback = solve(problem)
    assert (searched.method, fallback.method) == ("branch", "milp")
    assert fallback.assignment == searched.assignment == {"a": "h2", "b": "h1", "c": "h2"}


def test_more_assigned_beats_higher_scores():
    problem = make_problem(
        candidates=["a", "b"],
        hosts=[Host("h1", capacity=1), Host("h2", capacity=1)],
        scores=[("a", "h1", 1.0), ("b", "h1", 0.9), ("a", "h2", 0.0)],
    )
    result = solve(problem)
    assert result.assignment == {"a": "h2", "b": "h1"}
    assert result.assigned_count == 2
    assert result.objective == pytest.approx(0.9)


def test_scores_a_ten_millionth_apart_are_told_apart():
    problem = make_problem(
        candidates=["a", "b"],
        hosts=[Host("h1", capacity=1), Host("h2", capacity=1)],
        scores=[("a", "h1", 0.5000001), ("a", "h2", 0.5), ("b", "h1", 0.5), ("b", "h2", 0.5)],
    )
    assert solve(problem).assignment == {"a": "h1", "b": "h2"}


def test_hard_minimum_forces_placement_against_preference():
    problem = make_problem(
        candidates=["a", "b", "c"],
        hosts=[Host("h1", capacity=3), Host("h2", capacity=2, min_group=2)],
        scores=[("a", "h1", 1.0), ("b", "h1", 1.0), ("c", "h1", 1.0), ("a", "h2", 0.1), ("b", "h2", 0.2)],
    )
    result = solve(problem)
    assert result.assignment == {"a": "h2", "b": "h2", "c": "h1"}


@pytest.mark.parametrize(
    ("candidates", "hosts", "scores", "require_all"),
    [
        ([], [], [], False),
        ([], [Host("h1", capacity=2)], [], False),
        (["a"], [], [], False),
        (["a"], [Host("h1", capacity=0)], [("a", "h1", 1.0)], False),
        (["a", "b"], [Host("h1", capacity=2, min_group=2)], [("a", "h1", 0), ("b", "h1", 1)], True),
    ],
)
def test_edge_cases(candidates, hosts, scores, require_all):
    problem = make_problem(candidates=candidates, hosts=hosts, scores=scores, require_all_assigned=require_all)
    assert_consistent(problem, solve(problem))


def test_numpy_scores_are_accepted():
    problem = make_problem(candidates=["a"], hosts=[Host("h1", capacity=1)], scores=[("a", "h1", np.float64(0.25))])
    assert solve(problem).objective == pytest.approx(0.25)


# Reasons -----------------------------------------------------------------------------------------


def test_reason_names_the_host_whose_minimum_cannot_be_met():
    problem = make_problem(
        candidates=["a", "b", "c"],
        hosts=[Host("Vestas", capacity=6, min_group=4), Host("Netto", capacity=6)],
        scores=[("a", "Vestas", 0.5), ("b", "Vestas", 0.5), ("c", "Netto", 0.5)],
    )
    result = solve(problem)
    assert result.status == STATUS_INFEASIBLE
    assert result.reason == "Virksomheden Vestas skal have mindst 4 kandidater, men kun 2 kandidater må placeres der."
    assert result.conflict.kind == "host_minimum"
    assert result.conflict.candidates == ("a", "b")


def test_reason_names_hosts_whose_minimums_cannot_be_met_together():
    # Each host alone is fine (3 allowed, needs 2), together they need 4 of the same 3 candidates.
    candidates = ["a", "b", "c", "d"]
    hosts = [Host("h1", capacity=3, min_group=2), Host("h2", capacity=3, min_group=2), Host("h3", capacity=4)]
    scores = [(c, h, 0.5) for c in ("a", "b", "c") for h in ("h1", "h2")] + [("d", "h3", 0.5)]
    result = solve(make_problem(candidates=candidates, hosts=hosts, scores=scores))
    assert result.status == STATUS_INFEASIBLE
    assert result.conflict.hosts == ("h1", "h2")
    assert (result.conflict.required, result.conflict.available) == (4, 3)
    assert result.reason == (
        "Virksomhederne h1 og h2 skal tilsammen have mindst 4 kandidater, "
        "men kun 3 kandidater må placeres hos nogen af dem."
    )


def test_reason_when_minimums_exceed_all_candidates():
    hosts = [Host(f"h{j}", capacity=6, min_group=4) for j in range(10)]
    candidates = [f"c{i}" for i in range(30)]
    scores = [(c, h.id, 0.5) for c in candidates for h in hosts]
    result = solve(make_problem(candidates=candidates, hosts=hosts, scores=scores))
    assert result.status == STATUS_INFEASIBLE
    assert (result.conflict.required, result.conflict.available) == (40, 30)
    assert "h0, h1, h2, h3, h4 og 5 flere" in result.reason


def test_reason_when_someone_has_no_allowed_host_and_all_must_be_placed():
    problem = make_problem(
        candidates=["a", "b"], hosts=[Host("h1", capacity=5)], scores=[("a", "h1", 0.5)], require_all_assigned=True
    )
    result = solve(problem)
    assert result.status == STATUS_INFEASIBLE
    assert result.reason == (
        "Alle kandidater skal placeres, men kandidaten b kan ikke placeres hos nogen af virksomhederne."
    )


def test_reason_when_seats_run_out_and_all_must_be_placed():
    problem = make_problem(
        candidates=["a", "b", "c", "d"],
        hosts=[Host("h1", capacity=1), Host("h2", capacity=10)],
        scores=[("a", "h1", 0.5), ("b", "h1", 0.5), ("c", "h1", 0.5), ("d", "h2", 0.5)],
        require_all_assigned=True,
    )
    result = solve(problem)
    assert result.status == STATUS_INFEASIBLE
    assert result.conflict.kind == "host_capacity"
    assert result.conflict.candidates == ("a", "b", "c")
    assert result.reason == (
        "Alle kandidater skal placeres, men de 3 kandidater a, b og c kan kun placeres hos h1, "
        "der tilsammen har 1 plads."
    )


def test_reason_when_none_or_at_least_k_blocks_placing_everyone():
    problem = make_problem(
        candidates=["a", "b", "c"],
        hosts=[Host("h1", capacity=2), Host("h2", capacity=5, min_group=3, allow_empty=True)],
        scores=[("a", "h1", 0.5), ("b", "h1", 0.5), ("c", "h2", 0.5), ("b", "h2", 0.5)],
        require_all_assigned=True,
    )
    result = solve(problem)
    assert result.status == STATUS_INFEASIBLE
    # Only b and c may go to h2, fewer than its 3: it is closed before the first flow, which then
    # cannot place everyone, without a search.
    assert result.method == "flow"
    assert result.conflict.kind == "none_or_at_least"
    assert "h2" in result.reason


@pytest.mark.parametrize("seed", range(300))
def test_every_reason_states_a_true_obstruction(seed):
    rng = seeded(20000 + seed)
    problem = random_problem(rng, max_candidates=12, max_hosts=5, max_capacity=4, density=0.35)
    result = solve(problem)
    if result.status == STATUS_OPTIMAL:
        return
    conflict = result.conflict
    allowed = {(c, h) for c, h, _ in problem.scores}
    host = {h.id: h for h in problem.hosts}
    if conflict.kind == "host_minimum":
        neighbours = {c for c, h in allowed if h in conflict.hosts}
        assert conflict.required == sum(host[h].hard_minimum for h in conflict.hosts)
        assert conflict.available == len(neighbours) < conflict.required
    elif conflict.kind == "host_capacity":
        reachable = {h for c, h in allowed if c in conflict.candidates}
        assert set(conflict.hosts) == reachable
        assert conflict.available == sum(host[h].capacity for h in reachable) < conflict.required
        assert conflict.required == len(conflict.candidates)
    elif conflict.kind == "no_allowed_host":
        assert all(not any(c == cid for c, _ in allowed) for cid in conflict.candidates)
    else:
        assert conflict.kind == "none_or_at_least"
        assert problem.require_all_assigned


def test_a_host_with_fewer_allowed_candidates_than_k_is_closed_before_the_first_flow():
    from matching.engine.branch import never_opened, root_capacity

    problem = make_problem(
        candidates=["a", "b", "c", "d"],
        hosts=[
            Host("small", capacity=4, min_group=3, allow_empty=True),
            Host("wide", capacity=4, min_group=2, allow_empty=True),
        ],
        scores=[("a", "small", 0.9), ("b", "small", 0.9), ("a", "wide", 0.1), ("b", "wide", 0.1), ("c", "wide", 0.5)],
    )
    ix = Indexed.of(problem)
    assert never_opened(ix).tolist() == [True, False]
    assert root_capacity(ix).tolist() == [0, 4]
    result = solve(problem)
    # Without the closing, the relaxation would put a and b on "small" (2 < 3) and need a search.
    assert result.method == "flow"
    assert result.assignment == {"a": "wide", "b": "wide", "c": "wide"}


def test_the_search_is_not_started_when_the_relaxation_breaks_more_groups_than_it_could_settle(monkeypatch):
    from matching.engine import branch, solver

    rng = seeded(7)
    candidates = [f"c{i}" for i in range(500)]
    hosts = [Host(f"h{j}", capacity=rng.randint(10, 40), min_group=4, allow_empty=True) for j in range(50)]
    scores = [(c, h.id, round(rng.random(), 3)) for c in candidates for h in hosts if rng.random() < 0.01]
    problem = make_problem(candidates=candidates, hosts=hosts, scores=scores)
    started = []
    monkeypatch.setattr(
        solver, "solve_branch_and_bound", lambda *a, **k: started.append(1) or branch.solve_branch_and_bound(*a, **k)
    )
    result = solve(problem)
    assert result.method == "milp"
    assert result.extra["searched"] is False and 2 * result.extra["broken"] + 1 > branch.search_budget(
        Indexed.of(problem)
    )
    assert started == []
    exact = solve_milp(Indexed.of(problem))
    assert result.assigned_count == int(exact.chosen.sum())
    assert result.objective == pytest.approx(float(Indexed.of(problem).pair_s[exact.chosen].sum()), abs=TOLERANCE)
