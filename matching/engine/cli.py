"""``python -m matching.engine PROBLEM.json`` (or ``-`` for standard input).

Prints one JSON object on stdout and exits 0, whether the problem is feasible or not. Malformed
input (not JSON, unknown or duplicate id, negative capacity, score out of range, min_group above
capacity, ...) exits 2 with one line on stderr and nothing on stdout. A solver failure exits 1,
also with one line on stderr.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from .problem import ProblemError, SolverError, parse_problem

USAGE = "usage: python -m matching.engine PROBLEM.json  (or - to read standard input)"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def _error(stderr: TextIO, message: str) -> None:
    # One line, whatever the message holds.
    stderr.write("error: " + " ".join(str(message).split()) + "\n")


def main(
    argv: list[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    argv = sys.argv[1:] if argv is None else argv
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if len(argv) != 1 or argv[0] in {"-h", "--help"}:
        _error(stderr, USAGE)
        return 2
    try:
        if argv[0] == "-":
            text = stdin.read()
        else:
            with open(argv[0], encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        _error(stderr, f"cannot read {argv[0]}: {exc.strerror if isinstance(exc, OSError) else exc}")
        return 2
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        _error(stderr, f"not valid JSON: {exc}")
        return 2

    try:
        problem = parse_problem(data)
    except ProblemError as exc:
        _error(stderr, str(exc))
        return 2
    from .solver import solve  # OR-Tools and SciPy load slowly: not for a malformed problem

    try:
        result = solve(problem)
    except SolverError as exc:
        _error(stderr, f"solver failed: {exc}")
        return 1
    except Exception as exc:  # a bug: still one line, never a traceback in an integration's log
        _error(stderr, f"internal error: {type(exc).__name__}: {exc}")
        return 1
    stdout.write(json.dumps(result.to_json()) + "\n")
    return 0
