"""Why a problem has no solution, in words (Danish: coordinators read it).

With candidates taking at most one host (exactly one when all must be assigned) and hosts taking
between a lower and an upper number, Hoffman's circulation theorem on the flow network of
:mod:`.flow` leaves only two kinds of obstruction, each a Hall-type deficiency found from a max-flow
min cut (OR-Tools SimpleMaxFlow):

1. minimums: a set D of hosts whose minimums add up to more than the candidates allowed at any
   host in D (s -> candidate 1, candidate -> host unbounded, host -> t its minimum; the hosts on
   the sink side of a minimum cut form D);
2. all assigned: a set X of candidates whose allowed hosts have fewer seats in total than |X|
   (s -> candidate 1, candidate -> host unbounded, host -> t its capacity; the candidates on the
   source side of a minimum cut form X).

(Any cut mixing the two reduces to one of them, so when neither is found the hard constraints can
all be met.) What remains is "none or at least k", which only a MILP decides; its reason names the
hosts concerned.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import max_flow

from .indexed import Indexed
from .problem import Conflict, SolverError

_SHOWN = 5


def _names(ids: tuple[str, ...]) -> str:
    shown = list(ids[:_SHOWN])
    if len(ids) > _SHOWN:
        return ", ".join(shown) + f" og {len(ids) - _SHOWN} flere"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " og " + shown[-1]


def _candidates(count: int) -> str:
    return f"{count} kandidat" if count == 1 else f"{count} kandidater"


def reason_for(conflict: Conflict) -> str:
    """The Danish sentence for a conflict."""
    if conflict.kind == "host_minimum":
        if len(conflict.hosts) == 1:
            return (
                f"Virksomheden {conflict.hosts[0]} skal have mindst {_candidates(conflict.required)}, "
                f"men kun {_candidates(conflict.available)} må placeres der."
            )
        return (
            f"Virksomhederne {_names(conflict.hosts)} skal tilsammen have mindst {_candidates(conflict.required)}, "
            f"men kun {_candidates(conflict.available)} må placeres hos nogen af dem."
        )
    if conflict.kind == "no_allowed_host":
        noun = "kandidaten" if len(conflict.candidates) == 1 else "kandidaterne"
        return (
            f"Alle kandidater skal placeres, men {noun} {_names(conflict.candidates)} "
            "kan ikke placeres hos nogen af virksomhederne."
        )
    if conflict.kind == "host_capacity":
        return (
            "Alle kandidater skal placeres, men "
            + (
                f"kandidaten {conflict.candidates[0]}"
                if conflict.required == 1
                else f"de {conflict.required} kandidater {_names(conflict.candidates)}"
            )
            + f" kan kun placeres hos {_names(conflict.hosts) or 'ingen'}, "
            f"der tilsammen har {conflict.available} {'plads' if conflict.available == 1 else 'pladser'}."
        )
    if conflict.kind == "none_or_at_least":
        return (
            "Alle kandidater kan ikke placeres, når "
            f"{_names(conflict.hosts)} skal have enten ingen eller mindst det angivne antal kandidater."
        )
    raise ValueError(conflict.kind)


def _hall_cut(ix: Indexed, host_cap: np.ndarray, candidates: np.ndarray) -> tuple[int, set[int]]:
    """Max flow s -> candidates (1 each) -> allowed hosts (unbounded) -> t (host_cap).

    Returns the flow value and the source side of a minimum cut (node numbers as below).
    """
    n, m = ix.n, ix.m
    source, sink = 0, 1
    smf = max_flow.SimpleMaxFlow()
    candidate_node = 2 + np.arange(n, dtype=np.int64)
    host_node = 2 + n + np.arange(m, dtype=np.int64)
    keep = host_cap[ix.pair_h] > 0
    tails = np.concatenate(
        [np.full(len(candidates), source), candidate_node[ix.pair_c[keep]], host_node[host_cap > 0]]
    ).astype(np.int64)
    heads = np.concatenate(
        [candidate_node[candidates], host_node[ix.pair_h[keep]], np.full(int((host_cap > 0).sum()), sink)]
    ).astype(np.int64)
    caps = np.concatenate([np.ones(len(candidates)), np.full(int(keep.sum()), n + 1), host_cap[host_cap > 0]]).astype(
        np.int64
    )
    if len(tails) == 0:
        return 0, {source}
    smf.add_arcs_with_capacity(tails, heads, caps)
    status = smf.solve(source, sink)
    if status != smf.OPTIMAL:
        raise SolverError(f"OR-Tools max flow ended with status {status!r}")
    return int(smf.optimal_flow()), set(smf.get_source_side_min_cut())


def diagnose(ix: Indexed) -> Conflict:
    """Find the obstruction of an infeasible problem (see the module docstring)."""
    n = ix.n
    lower = ix.hard_min
    allowed_per_host = np.bincount(ix.pair_h, minlength=ix.m)
    candidate_node = 2 + np.arange(n)
    host_node = 2 + n + np.arange(ix.m)

    # 1. Minimums. A single host first: it reads best.
    single = np.flatnonzero(lower > allowed_per_host)
    if len(single):
        h = int(single[0])
        return Conflict(
            kind="host_minimum",
            hosts=ix.host_ids([h]),
            candidates=ix.candidate_ids(ix.pair_c[ix.pair_h == h]),
            required=int(lower[h]),
            available=int(allowed_per_host[h]),
        )
    active = np.flatnonzero(ix.candidate_degree > 0)
    total_lower = int(lower.sum())
    if total_lower > 0:
        value, source_side = _hall_cut(ix, lower, active)
        if value < total_lower:
            deficient = [h for h in np.flatnonzero(lower > 0) if int(host_node[h]) not in source_side]
            neighbours = np.unique(ix.pair_c[np.isin(ix.pair_h, deficient)])
            return Conflict(
                kind="host_minimum",
                hosts=ix.host_ids(deficient),
                candidates=ix.candidate_ids(neighbours),
                required=int(lower[deficient].sum()),
                available=len(neighbours),
            )

    # 2. Everyone assigned.
    if ix.problem.require_all_assigned:
        homeless = np.flatnonzero(ix.candidate_degree == 0)
        if len(homeless):
            return Conflict(kind="no_allowed_host", candidates=ix.candidate_ids(homeless))
        value, source_side = _hall_cut(ix, ix.capacity, np.arange(n))
        if value < n:
            stuck = [c for c in range(n) if int(candidate_node[c]) in source_side]
            reachable = np.unique(ix.pair_h[np.isin(ix.pair_c, stuck)])
            return Conflict(
                kind="host_capacity",
                hosts=ix.host_ids(reachable),
                candidates=ix.candidate_ids(stuck),
                required=len(stuck),
                available=int(ix.capacity[reachable].sum()),
            )

    # 3. Only "none or at least k" is left.
    return Conflict(kind="none_or_at_least", hosts=ix.host_ids(np.flatnonzero(ix.none_or_at_least)))
