"""The command-line contract: python -m matching.engine PROBLEM.json, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

VALID = {
    "candidates": ["c1", "c2", "c3"],
    "hosts": [
        {"id": "h1", "capacity": 2, "min_group": 1, "allow_empty": False},
        {"id": "h2", "capacity": 1},
    ],
    "scores": [["c1", "h1", 0.8], ["c2", "h1", 0.3], ["c2", "h2", 0.9], ["c3", "h2", 0.5]],
    "require_all_assigned": False,
}


def run(tmp_path, payload, *, raw=False):
    path = tmp_path / "problem.json"
    path.write_text(payload if raw else json.dumps(payload), encoding="utf-8")
    # The project root as working directory: `matching` must be this app, not the PyPI library.
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "matching.engine", str(path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_valid_problem_prints_one_optimal_json_object(tmp_path):
    completed = run(tmp_path, VALID)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout.count("\n") == 1
    assert json.loads(completed.stdout) == {
        "status": "optimal",
        # c2 -> h1 (0.3) frees h2 for c3: all three placed beats c2 -> h2 (0.9) with c3 left out.
        "assignment": {"c1": "h1", "c2": "h1", "c3": "h2"},
        "unassigned": [],
        "assigned_count": 3,
        "objective": 1.6,
        "reason": None,
    }


def test_infeasible_problem_exits_zero_with_a_reason(tmp_path):
    problem = {
        "candidates": ["c1", "c2"],
        "hosts": [{"id": "h1", "capacity": 6, "min_group": 4}],
        "scores": [["c1", "h1", 0.5], ["c2", "h1", 0.5]],
    }
    completed = run(tmp_path, problem)
    assert completed.returncode == 0, completed.stderr
    output = json.loads(completed.stdout)
    assert output["status"] == "infeasible"
    assert output["assignment"] == {}
    assert output["unassigned"] == ["c1", "c2"]
    assert output["assigned_count"] == 0
    assert output["reason"] == "Virksomheden h1 skal have mindst 4 kandidater, men kun 2 kandidater må placeres der."


def test_none_or_at_least_k_through_the_cli(tmp_path):
    problem = {
        "candidates": ["a", "b", "c"],
        "hosts": [{"id": "h1", "capacity": 2}, {"id": "h2", "capacity": 3, "min_group": 2, "allow_empty": True}],
        "scores": [["a", "h1", 0.9], ["b", "h1", 0.9], ["c", "h2", 0.5], ["a", "h2", 0.1]],
    }
    completed = run(tmp_path, problem)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["assignment"] == {"a": "h2", "b": "h1", "c": "h2"}


def with_changes(**changes):
    problem = json.loads(json.dumps(VALID))
    problem.update(changes)
    return problem


def with_host(index, **changes):
    problem = json.loads(json.dumps(VALID))
    problem["hosts"][index].update(changes)
    return problem


MALFORMED = {
    "not json": ("{candidates: [", "not valid JSON"),
    "empty file": ("", "not valid JSON"),
    "NaN literal": (json.dumps(VALID).replace("0.8", "NaN"), "NaN is not valid JSON"),
    "not an object": ([1, 2, 3], "must be a JSON object"),
    "missing scores": ({"candidates": [], "hosts": []}, "missing field 'scores'"),
    "unknown field": (with_changes(require_all=True), "unknown field 'require_all'"),
    "unknown host field": (with_host(0, allow_emtpy=True), "unknown field 'allow_emtpy'"),
    "unknown candidate in scores": (with_changes(scores=[["c9", "h1", 0.5]]), "unknown candidate id 'c9'"),
    "unknown host in scores": (with_changes(scores=[["c1", "h9", 0.5]]), "unknown host id 'h9'"),
    "duplicate candidate id": (with_changes(candidates=["c1", "c2", "c1"]), "duplicate candidate id 'c1'"),
    "duplicate host id": (with_host(1, id="h1"), "duplicate host id 'h1'"),
    "duplicate pair": (with_changes(scores=[["c1", "h1", 0.5], ["c1", "h1", 0.6]]), "duplicate pair"),
    "negative capacity": (with_host(1, capacity=-1), "capacity must be 0 or more"),
    "fractional capacity": (with_host(1, capacity=1.5), "capacity must be a whole number"),
    "capacity of 10^20": (with_host(1, capacity=10**20), f"capacity must be at most 1000000, got {10**20}"),
    "capacity just above the limit": (with_host(1, capacity=1_000_001), "capacity must be at most 1000000"),
    "min_group of 10^20": (with_host(0, min_group=10**20), f"min_group must be at most 1000000, got {10**20}"),
    "negative min_group": (with_host(1, min_group=-2), "min_group must be 0 or more"),
    "min above capacity": (with_host(0, min_group=3), "min_group 3 is above capacity 2"),
    "score above one": (with_changes(scores=[["c1", "h1", 1.01]]), "outside [0, 1]"),
    "score below zero": (with_changes(scores=[["c1", "h1", -0.1]]), "outside [0, 1]"),
    "score not a number": (with_changes(scores=[["c1", "h1", "0.5"]]), "score must be a number"),
    "score is a boolean": (with_changes(scores=[["c1", "h1", True]]), "score must be a number"),
    "short score entry": (with_changes(scores=[["c1", "h1"]]), "must be [candidate, host, score]"),
    "empty id": (with_changes(candidates=[""]), "non-empty string"),
    "allow_empty not boolean": (with_host(0, allow_empty="yes"), "allow_empty must be true or false"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_input_exits_2_with_one_line_on_stderr(tmp_path, case):
    payload, message = MALFORMED[case]
    completed = run(tmp_path, payload, raw=isinstance(payload, str))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("error: ")
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize("arguments", [[], ["a.json", "b.json"], ["/nonexistent/problem.json"]])
def test_bad_arguments_exit_2_with_one_line(arguments):
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "matching.engine", *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("error: ")


def test_reads_standard_input_with_a_dash():
    completed = subprocess.run(
        [sys.executable, "-m", "matching.engine", "-"],
        cwd=PROJECT_ROOT,
        input=json.dumps(VALID),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["assigned_count"] == 3
