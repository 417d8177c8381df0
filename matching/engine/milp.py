""" "None or at least k" as a mixed-integer program, solved by HiGHS through scipy.optimize.milp.

SciPy bundles its own HiGHS build. Do not use the ``highspy`` package instead: it cannot be loaded
in the same process as OR-Tools.

Variables: x_e in {0, 1} per allowed pair, y_h in {0, 1} per "none or at least k" host (open).

    sum_h x_ch <= 1 (= 1 when all must be assigned)         for each candidate c
    hard_min_h <= sum_c x_ch <= capacity_h                     for each other host h
    min_group_h * y_h <= sum_c x_ch <= capacity_h * y_h        for each "none or at least k" host

Objective: maximise sum_e (M + score_e) x_e with M = n + 1 > any sum of scores, so the number
assigned comes first and the sum of scores second. HiGHS runs with mip_rel_gap = 0 and its
default absolute gap of 1e-6, so the sum of scores is optimal within 1e-6 (the count is exact:
it moves the objective by at least M >= 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from .indexed import Indexed
from .problem import SolverError

# scipy.optimize.milp status codes
_OPTIMAL, _INFEASIBLE = 0, 2


@dataclass(frozen=True, slots=True)
class MilpAnswer:
    feasible: bool
    chosen: np.ndarray | None


def solve_milp(ix: Indexed, *, time_limit: float | None = None) -> MilpAnswer:
    n, m = ix.n, ix.m
    pairs = len(ix.pair_s)
    semi = np.flatnonzero(ix.none_or_at_least)
    k = len(semi)
    semi_column = np.full(m, -1, dtype=np.int64)
    semi_column[semi] = pairs + np.arange(k)
    variables = pairs + k

    # Candidate rows: at most (exactly) one host each.
    rows = [ix.pair_c]
    cols = [np.arange(pairs)]
    vals = [np.ones(pairs)]
    low = [np.full(n, 1.0 if ix.problem.require_all_assigned else 0.0)]
    high = [np.ones(n)]

    # Host rows, one per host: load - capacity * y <= 0 / hard_min <= load <= capacity.
    host_row = n + np.arange(m)
    rows.append(host_row[ix.pair_h])
    cols.append(np.arange(pairs))
    vals.append(np.ones(pairs))
    upper_host = ix.capacity.astype(float)
    upper_host[semi] = 0.0
    lower_host = ix.hard_min.astype(float)
    lower_host[semi] = -np.inf
    rows.append(host_row[semi])
    cols.append(semi_column[semi])
    vals.append(-ix.capacity[semi].astype(float))
    low.append(lower_host)
    high.append(upper_host)

    # Extra rows for the semi hosts: load - min_group * y >= 0.
    semi_row = n + m + np.arange(k)
    member = ix.none_or_at_least[ix.pair_h]
    rows.append(semi_row[np.searchsorted(semi, ix.pair_h[member])])
    cols.append(np.flatnonzero(member))
    vals.append(np.ones(int(member.sum())))
    rows.append(semi_row)
    cols.append(semi_column[semi])
    vals.append(-ix.min_group[semi].astype(float))
    low.append(np.zeros(k))
    high.append(np.full(k, np.inf))

    # Strengthening rows x_ch - y_h <= 0 for the semi hosts: implied by the rows above for integer
    # points, but they tighten the LP relaxation a lot (HiGHS then branches far less).
    members = np.flatnonzero(member)
    vub_row = n + m + k + np.arange(len(members))
    rows += [vub_row, vub_row]
    cols += [members, semi_column[ix.pair_h[members]]]
    vals += [np.ones(len(members)), -np.ones(len(members))]
    low.append(np.full(len(members), -np.inf))
    high.append(np.zeros(len(members)))

    if variables == 0:  # HiGHS wants at least one variable: nothing to choose, only to check
        feasible = all((row_low <= 0).all() for row_low in low)
        return MilpAnswer(feasible=feasible, chosen=np.zeros(0, dtype=bool) if feasible else None)

    matrix = csr_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n + m + k + len(members), variables),
    )
    objective = np.concatenate([-((n + 1) + ix.pair_s), np.zeros(k)])
    options: dict[str, object] = {"mip_rel_gap": 0.0, "presolve": True}
    if time_limit is not None:
        options["time_limit"] = time_limit
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, np.concatenate(low), np.concatenate(high)),
        integrality=np.ones(variables),
        bounds=Bounds(np.zeros(variables), np.ones(variables)),
        options=options,
    )
    if result.status == _INFEASIBLE:
        return MilpAnswer(feasible=False, chosen=None)
    if result.status != _OPTIMAL or result.x is None:
        raise SolverError(f"HiGHS MILP did not prove optimality: {result.message}")
    return MilpAnswer(feasible=True, chosen=result.x[:pairs] > 0.5)
