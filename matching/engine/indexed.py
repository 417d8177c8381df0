"""The problem as integer-indexed numpy arrays, shared by the flow and MILP solvers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .problem import Problem


@dataclass(frozen=True, slots=True)
class Indexed:
    problem: Problem
    n: int  # candidates
    m: int  # hosts
    pair_c: np.ndarray  # candidate index of each allowed pair
    pair_h: np.ndarray  # host index of each allowed pair
    pair_s: np.ndarray  # score of each allowed pair (float64 in [0, 1])
    capacity: np.ndarray  # per host
    min_group: np.ndarray  # per host
    hard_min: np.ndarray  # per host: the minimum that holds whatever happens
    none_or_at_least: np.ndarray  # per host: bool, 0 or >= min_group (min_group >= 2)
    candidate_degree: np.ndarray  # allowed hosts per candidate

    @classmethod
    def of(cls, problem: Problem) -> Indexed:
        n, m = len(problem.candidates), len(problem.hosts)
        if problem.pair_index is None:
            raise ValueError("build the Problem with make_problem() or parse_problem()")
        pair_c, pair_h, pair_s = problem.pair_index
        hosts = problem.hosts
        return cls(
            problem=problem,
            n=n,
            m=m,
            pair_c=pair_c,
            pair_h=pair_h,
            pair_s=pair_s,
            capacity=np.array([h.capacity for h in hosts], dtype=np.int64),
            min_group=np.array([h.min_group for h in hosts], dtype=np.int64),
            hard_min=np.array([h.hard_minimum for h in hosts], dtype=np.int64),
            none_or_at_least=np.array([h.none_or_at_least for h in hosts], dtype=bool),
            candidate_degree=np.bincount(pair_c, minlength=n),
        )

    def host_ids(self, indices) -> tuple[str, ...]:
        return tuple(self.problem.hosts[int(i)].id for i in indices)

    def candidate_ids(self, indices) -> tuple[str, ...]:
        return tuple(self.problem.candidates[int(i)] for i in indices)
