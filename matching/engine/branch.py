""" "None or at least k" by branch and bound over the min-cost flow, exact.

A host that may stay empty or take between k and its capacity is a disjunction. Relax every such
host to "0 up to capacity" and the problem is one min-cost flow (:mod:`.flow`), whose optimum bounds
every assignment the problem allows. When the relaxation's answer leaves a host h with 1 to k - 1
candidates, the problem splits in two that together allow exactly what it allowed:

    h closed:  capacity 0
    h opened:  a hard minimum of k (the flow's lower bound)

Each part is again a flow with some hosts closed and some opened, so it bounds its own part. Nodes
are taken best bound first; the first node whose flow answer respects every "none or at least k"
host is optimal, because no other node's bound (and so no assignment below it) is better. Children
are never better than their parent, so the search ends; it stops early after ``node_limit`` flows and
returns None, and the caller hands the problem to the MILP (:mod:`.milp`), so a hard instance still
gets a proven optimum, only later.

All flows use one integer score scale K, so their optima are compared on the same integer
objective (count, sum of round(score * K)): the answer is optimal within ``assigned_count / K`` in
the sum of scores, as for a single flow, and exact in the count. For the 50 x 10 Kalundborg cohort a
node costs about 0.2 ms and the search a handful of nodes (``benchmarks/matching_solver.py``).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from .flow import FlowAnswer, scale_for, solve_flow
from .indexed import Indexed

NODE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class BranchAnswer:
    feasible: bool
    chosen: np.ndarray | None
    nodes: int
    scale: int


def _value(answer: FlowAnswer, weights: np.ndarray) -> tuple[int, int]:
    return int(answer.chosen.sum()), int(weights[answer.chosen].sum())


def search_budget(ix: Indexed) -> int:
    """How many flows the search may solve before the MILP would have been the cheaper choice.

    A cost model, fitted on random families measured with benchmarks/matching_solver.py (section e):
    HiGHS costs about 20 + 8 * pairs / (candidates + hosts) flows of the same problem (20-40 for
    sparse data, 50-70 for a dense 50 x 10 cohort, over 200 for 30,000 pairs), counted in root
    flows; a node's flow has lower bounds and costs about twice a root's. The search gets a quarter
    of that, so a search that settles costs at most about half the MILP, and one that gives up
    adds at most about half the MILP's time before the MILP runs. Deterministic (no clock), so the
    same problem always takes the same route; never above NODE_LIMIT.
    """
    milp_in_flows = 20 + 8 * len(ix.pair_s) // max(1, ix.n + ix.m)
    return min(NODE_LIMIT, milp_in_flows // 4)


def never_opened(ix: Indexed) -> np.ndarray:
    """The "none or at least k" hosts with fewer allowed candidates than k: they can only stay empty.

    Closing them (capacity 0) before the first flow removes no assignment the problem allows, and
    on sparse data (a host scored for a handful of candidates) it settles most broken groups without
    a single branch.
    """
    degree = np.bincount(ix.pair_h, minlength=ix.m)
    return ix.none_or_at_least & (degree < ix.min_group)


def root_capacity(ix: Indexed) -> np.ndarray:
    """The problem's capacities with the hosts that can never be opened closed."""
    capacity = ix.capacity.copy()
    capacity[never_opened(ix)] = 0
    return capacity


def groups_broken(ix: Indexed, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The "none or at least k" hosts the chosen pairs give 1 to k - 1 candidates, and every host's load."""
    load = np.bincount(ix.pair_h[chosen], minlength=ix.m)
    return np.flatnonzero(ix.none_or_at_least & (load > 0) & (load < ix.min_group)), load


def solve_branch_and_bound(
    ix: Indexed, *, relaxed: FlowAnswer | None = None, node_limit: int | None = None
) -> BranchAnswer | None:
    """The optimum under "none or at least k", or None when ``node_limit`` flows did not settle it.

    ``relaxed`` is the root's flow answer when the caller has solved it already with
    :func:`root_capacity` (it is reused when it was solved with the scale the search uses).
    """
    node_limit = NODE_LIMIT if node_limit is None else node_limit
    n_active = int((ix.candidate_degree > 0).sum())
    scale = scale_for(n_active, 2 + ix.n + ix.m)
    weights = np.rint(ix.pair_s * scale).astype(np.int64)
    base_capacity = root_capacity(ix)
    base_lower = np.minimum(ix.hard_min, base_capacity)
    solved = 0

    def bound(capacity: np.ndarray, lower: np.ndarray) -> FlowAnswer | None:
        nonlocal solved
        solved += 1
        answer = solve_flow(ix, capacity=capacity, lower=lower, scale=scale)
        if answer.feasible and answer.scale != scale:
            raise _ScaleChanged
        return answer if answer.feasible else None

    try:
        if relaxed is not None and relaxed.feasible and relaxed.scale == scale:
            root = relaxed
            solved = 1  # the root's flow, solved by the caller
        else:
            root = bound(base_capacity, base_lower)
        if root is None:
            return BranchAnswer(feasible=False, chosen=None, nodes=solved, scale=scale)
        # Max-heap on (count, weight) through negation; the counter keeps the order stable.
        count, weight = _value(root, weights)
        heap = [(-count, -weight, 0, base_capacity, base_lower, root)]
        order = 1
        while heap:
            _, _, _, capacity, lower, answer = heapq.heappop(heap)
            violators, load = groups_broken(ix, answer.chosen)
            if not len(violators):
                return BranchAnswer(feasible=True, chosen=answer.chosen, nodes=solved, scale=scale)
            if solved >= node_limit:
                return None
            # Branch on the host furthest from a legal group: the split changes the most there.
            host = int(violators[np.argmin(load[violators] - ix.min_group[violators])])
            closed = capacity.copy()
            closed[host] = 0
            opened = lower.copy()
            opened[host] = min(int(ix.min_group[host]), int(capacity[host]))
            for child_capacity, child_lower in ((closed, lower), (capacity, opened)):
                child = bound(child_capacity, child_lower)
                if child is not None:
                    count, weight = _value(child, weights)
                    heapq.heappush(heap, (-count, -weight, order, child_capacity, child_lower, child))
                    order += 1
        return BranchAnswer(feasible=False, chosen=None, nodes=solved, scale=scale)
    except _ScaleChanged:
        return None


class _ScaleChanged(Exception):
    """OR-Tools refused the cost range and the flow shrank K: the nodes would not compare."""
