"""Pure-Python matching core: exact assignment solvers and pair scoring. No Django import here.

``python -m matching.engine PROBLEM.json`` runs the solver on a JSON problem (see ``cli.py``).
"""

from .problem import (
    STATUS_INFEASIBLE,
    STATUS_OPTIMAL,
    Conflict,
    Host,
    Problem,
    ProblemError,
    Result,
    SolverError,
    assignment_value,
    assignment_violations,
    make_problem,
    parse_problem,
)


def __getattr__(name: str):
    # The solvers load OR-Tools and SciPy (about a second); only pay for it when solving.
    if name == "solve":
        from .solver import solve

        return solve
    raise AttributeError(name)


__all__ = [
    "STATUS_INFEASIBLE",
    "STATUS_OPTIMAL",
    "Conflict",
    "Host",
    "Problem",
    "ProblemError",
    "Result",
    "SolverError",
    "assignment_value",
    "assignment_violations",
    "make_problem",
    "parse_problem",
    "solve",
]
