"""Capacities and hard minimums as one min-cost flow (OR-Tools SimpleMinCostFlow).

Network (nodes: source s, sink t, one per candidate, one per host)::

    s -> candidate      capacity 1, cost 0
    candidate -> host   capacity 1, cost -(M + w)   for every allowed pair, w = round(score * K)
    host -> t           capacity capacity - lower, cost 0
    s -> t              capacity n, cost 0          ("nobody": absent when all must be assigned)

Hard minimums are lower bounds on host -> t. The standard lower-bound transformation moves them
into the supplies: s supplies every active candidate's unit (n_active), each host demands its
``lower`` and t demands the rest (n_active - sum of lower). A supply that cannot be routed means
the minimums cannot be met: OR-Tools answers INFEASIBLE, and :mod:`.diagnose` says why.

Lexicographic objective. Without hard minimums, OR-Tools' ``solve_max_flow_with_min_cost`` is
lexicographic by itself: a maximum flow (as many candidates as possible) of minimum cost, with
costs -w; no "nobody" arc and no M. With hard minimums the supplies must be met exactly instead:
every unit of flow leaves s, either through a candidate (one assignment, cost -(M + w)) or through
the "nobody" arc (cost 0). With M = n_active * K + 1, one more assignment is worth more than any
difference in the sum of scores (at most n_active * K), so a min-cost flow first maximises the
number assigned, then the sum of the integer scores.

Precision. Scores are rounded to integers w = round(score * K), |score - w / K| <= 1 / (2K). Let A
be our answer and B any feasible assignment with as many candidates (the count is exact: M is
exact integer arithmetic). Then S(A) >= W(A)/K - |A|/(2K) >= W(B)/K - |A|/(2K) >= S(B) - |A|/K, so
the objective is optimal within ``assigned_count / K``. K is 10**9 unless the network is so large
that costs times (nodes + 1) — OR-Tools' cost-scaling factor — could overflow int64; then K
shrinks (it stays at or above 10**6 up to about a million candidates and hosts) and
``Result.extra["score_scale"]`` says which K was used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from .indexed import Indexed
from .problem import SolverError

MAX_SCALE = 10**9
# Leave a factor 4 of headroom below int64 for OR-Tools' cost scaling by (number of nodes + 1).
_COST_LIMIT = 2**62 // 4


@dataclass(frozen=True, slots=True)
class FlowAnswer:
    feasible: bool
    chosen: np.ndarray | None  # bool mask over the allowed pairs
    scale: int


def scale_for(n_active: int, nodes: int) -> int:
    """The largest K for which every cost of the network stays clear of int64 overflow."""
    max_abs_cost = _COST_LIMIT // (nodes + 1)
    return max(1, min(MAX_SCALE, (max_abs_cost - 1) // (n_active + 1)))


def solve_flow(
    ix: Indexed,
    *,
    capacity: np.ndarray | None = None,
    lower: np.ndarray | None = None,
    scale: int | None = None,
) -> FlowAnswer:
    """Lexicographically optimal assignment under capacities and hard minimums.

    "None or at least k" hosts are relaxed to "0 up to capacity" (the caller checks the answer).
    ``capacity`` and ``lower`` (per host) replace the problem's capacities and hard minimums, and
    ``scale`` fixes K: the branch and bound (:mod:`.branch`) solves many such variants and compares
    their optima, which needs the same integer scores in all of them.
    """
    n, m = ix.n, ix.m
    active = ix.candidate_degree > 0
    n_active = int(active.sum())
    capacity = ix.capacity if capacity is None else capacity
    lower = np.minimum(ix.hard_min if lower is None else lower, capacity)
    total_lower = int(lower.sum())
    require_all = ix.problem.require_all_assigned
    if total_lower > n_active or (require_all and n_active < n):
        return FlowAnswer(feasible=False, chosen=None, scale=0)

    source, sink = 0, 1
    candidate_node = 2 + np.arange(n, dtype=np.int64)
    host_node = 2 + n + np.arange(m, dtype=np.int64)
    nodes = 2 + n + m
    pairs = len(ix.pair_s)
    active_nodes = candidate_node[active]
    with_minimums = total_lower > 0
    if scale is None:
        scale = scale_for(n_active if with_minimums else 0, nodes)

    while True:
        weights = np.rint(ix.pair_s * scale).astype(np.int64)
        pair_cost = -(n_active * scale + 1 + weights) if with_minimums else -weights
        tails = [np.full(n_active, source, dtype=np.int64), candidate_node[ix.pair_c], host_node]
        heads = [active_nodes, host_node[ix.pair_h], np.full(m, sink, dtype=np.int64)]
        caps = [np.ones(n_active, dtype=np.int64), np.ones(pairs, dtype=np.int64), capacity - lower]
        costs = [np.zeros(n_active, dtype=np.int64), pair_cost, np.zeros(m, dtype=np.int64)]
        if with_minimums and not require_all:
            tails.append(np.array([source], dtype=np.int64))
            heads.append(np.array([sink], dtype=np.int64))
            caps.append(np.array([n_active], dtype=np.int64))
            costs.append(np.zeros(1, dtype=np.int64))

        mcf = min_cost_flow.SimpleMinCostFlow()
        mcf.add_arcs_with_capacity_and_unit_cost(
            np.concatenate(tails), np.concatenate(heads), np.concatenate(caps), np.concatenate(costs)
        )
        supplies = np.zeros(nodes, dtype=np.int64)
        supplies[source] = n_active
        supplies[sink] = -(n_active - total_lower)
        supplies[host_node] = -lower
        mcf.set_nodes_supplies(np.arange(nodes, dtype=np.int64), supplies)
        if with_minimums:
            status = mcf.solve()
        else:
            # No lower bounds: OR-Tools' own lexicographic mode, a maximum flow (the most
            # candidates) of minimum cost, without the big-M and about twice as fast.
            status = mcf.solve_max_flow_with_min_cost()
            if status == mcf.OPTIMAL and require_all and mcf.maximum_flow() < n_active:
                status = mcf.INFEASIBLE

        if status == mcf.OPTIMAL:
            flows = mcf.flows(np.arange(n_active, n_active + pairs, dtype=np.int64))
            return FlowAnswer(feasible=True, chosen=flows > 0, scale=scale)
        if status == mcf.INFEASIBLE:
            return FlowAnswer(feasible=False, chosen=None, scale=scale)
        if status == mcf.BAD_COST_RANGE and scale > 1000:
            scale //= 16
            continue
        raise SolverError(f"OR-Tools min-cost flow ended with status {status!r}")
