"""Prints the load test's table for BENCHMARKS.md: per page p50/p95 (locust), req/s, failures, and the
query count and in-process SQL time from query_counts.py (largest jobcenter / a small one).

    .venv/bin/python benchmarks/loadtest/report.py var/bench/loadtest
"""

import csv
import json
import sys
from pathlib import Path


def main(directory: str) -> None:
    out = Path(directory)
    queries = json.loads((out / "queries.json").read_text()) if (out / "queries.json").exists() else {}
    rows = list(csv.DictReader((out / "locust_stats.csv").open()))
    print("| page | requests | failures | p50 ms | p95 ms | max ms | req/s | queries (large/small) | SQL ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        name = row["Name"]
        q = queries.get(name, {})
        large, small = q.get("jc001", {}), q.get("jc060", {})
        count = f"{large.get('queries', '')}/{small.get('queries', '')}" if q else ""
        label = "**all**" if name == "Aggregated" else f"`{name}`"
        print(
            f"| {label} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {row['95%']} | "
            f"{float(row['Max Response Time']):.0f} | {float(row['Requests/s']):.2f} | {count} "
            f"| {large.get('sql_ms', '')} |"
        )
    work = out / "work_pages.json"
    if work.exists():
        summary = json.loads(work.read_text())
        print(
            f"| **all pages while working** (no log-in, no `(start)`) | {summary['requests']} | "
            f"{summary['failures']} | "
            f"{summary['p50']:.0f} | {summary['p95']:.0f} | {summary['max']:.0f} | | | |"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/bench/loadtest")
