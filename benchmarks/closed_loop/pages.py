"""The pages of the closed-loop benchmark (run.py) and of its in-process CPU twin (benchmarks/page_cpu.py), by
the names benchmarks/loadtest/query_counts.py gives them."""

PAGES = [
    "/ (coordinator)",
    "/borgere/",
    "/borgere/[id]/",
    "/borgere/[id]/tidslinje/",
    "/mentorer/",
    "/matchning/borger/[id]/",
    "/rapporter/resultater/",
    "/ (leader)",
    "/portal/forloeb/",
]
