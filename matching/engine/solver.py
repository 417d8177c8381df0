"""Pick the right exact solver for a problem and turn its answer into a Result.

- No "none or at least k" host: one OR-Tools min-cost flow (:mod:`.flow`).
- Otherwise: first the same flow with those hosts relaxed to "0 up to capacity". The relaxation
  allows every assignment the problem allows, so when its (lexicographically optimal) answer
  happens to give each such host 0 or at least k, that answer is optimal for the problem too.
  Hosts with fewer allowed candidates than k are closed before that flow (they can only stay
  empty). If the answer still breaks groups, the choice is made there, before any search: a branch
  and bound over the same flow (:mod:`.branch`) when the groups it breaks are few enough to settle
  within its budget (``branch.search_budget``, a fraction of what the MILP costs for a problem of
  that shape), else HiGHS's mixed-integer program (:mod:`.milp`) at once. A search that runs out
  of its budget still hands over to the MILP, so every answer is exact.
"""

from __future__ import annotations

import math

import numpy as np

from .branch import groups_broken, root_capacity, search_budget, solve_branch_and_bound
from .diagnose import diagnose, reason_for
from .flow import solve_flow
from .indexed import Indexed
from .milp import solve_milp
from .problem import STATUS_INFEASIBLE, STATUS_OPTIMAL, Problem, Result


def _infeasible(ix: Indexed, method: str) -> Result:
    conflict = diagnose(ix)
    return Result(
        status=STATUS_INFEASIBLE,
        assignment={},
        unassigned=ix.problem.candidates,
        assigned_count=0,
        objective=0.0,
        reason=reason_for(conflict),
        conflict=conflict,
        method=method,
    )


def _optimal(ix: Indexed, chosen: np.ndarray, method: str, **extra) -> Result:
    problem = ix.problem
    picked = np.flatnonzero(chosen)
    host_of = dict(zip(ix.pair_c[picked].tolist(), ix.pair_h[picked].tolist(), strict=True))
    assignment = {problem.candidates[c]: problem.hosts[host_of[c]].id for c in sorted(host_of)}
    unassigned = tuple(cid for i, cid in enumerate(problem.candidates) if i not in host_of)
    return Result(
        status=STATUS_OPTIMAL,
        assignment=assignment,
        unassigned=unassigned,
        assigned_count=len(assignment),
        objective=round(math.fsum(ix.pair_s[picked].tolist()), 9),
        method=method,
        extra=extra,
    )


def solve(problem: Problem, *, time_limit: float | None = None) -> Result:
    """The assignment that places as many candidates as possible, then maximises the sum of scores.

    ``problem`` must come from :func:`make_problem` / :func:`parse_problem` (validated).
    ``time_limit`` (seconds) bounds the MILP only (the branch and bound stops at its node limit and
    hands over to the MILP); running out raises SolverError rather than returning an answer not
    proven optimal.
    """
    ix = Indexed.of(problem)
    answer = solve_flow(ix, capacity=root_capacity(ix))
    if not answer.feasible:
        # The relaxation allows more than the problem, so the problem is infeasible too.
        return _infeasible(ix, "flow")
    if not ix.none_or_at_least.any():
        return _optimal(ix, answer.chosen, "flow", score_scale=answer.scale)
    broken = len(groups_broken(ix, answer.chosen)[0])
    if not broken:
        return _optimal(ix, answer.chosen, "flow", score_scale=answer.scale)
    # Decide before searching: settling b broken groups takes at least about 2b + 1 flows (each group
    # closed or opened once, and the node that settles), so when even that exceeds the budget the
    # MILP is the faster exact route and the search is never started.
    budget = search_budget(ix)
    search = 2 * broken + 1 <= budget
    searched = solve_branch_and_bound(ix, relaxed=answer, node_limit=budget) if search else None
    if searched is not None:
        if not searched.feasible:
            return _infeasible(ix, "branch")
        return _optimal(ix, searched.chosen, "branch", score_scale=searched.scale, nodes=searched.nodes)
    exact = solve_milp(ix, time_limit=time_limit)
    if not exact.feasible:
        return _infeasible(ix, "milp")
    # "broken": groups the relaxation broke; "searched": whether the search ran (and gave up) first.
    return _optimal(ix, exact.chosen, "milp", broken=broken, searched=search)
