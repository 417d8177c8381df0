"""Every number on the start page and in the reports, computed by the database (COUNT, SUM, AVG,
percentile_cont over GROUP BY, correlated subqueries), never by looping over rows in Python. Each
function costs a fixed number of queries whatever the number of rows; Python only adds up the
database's group counts and sums (a total is the sum of its table's rows), divides two counts into a
rate and lays the results out as a table.

A report is a `Report`: a few summary sentences, one table (columns + rows: the same rows go to the
CSV and XLSX exports), a chart of (part of) the table, and optional extra tables shown on the page.
No report carries a CPR number, a sensitive note, the caseworker's view or any other social field:
citizens appear only as counts.

A package by report (start_page, outcome_report, waiting_report, decline_report, corps_report, company_report,
course_report, progress_report); this module re-exports every public name, so
`from reports import selectors; selectors.x(...)` works as before.
"""

from reports.selectors.company_report import (
    companies_report,
)
from reports.selectors.corps_report import (
    ZERO,
    corps_report,
)
from reports.selectors.course_report import (
    courses_report,
)
from reports.selectors.decline_report import (
    declines_report,
)
from reports.selectors.outcome_report import (
    OUTCOMES,
    outcomes_report,
)
from reports.selectors.progress_report import (
    agreements_for_progress,
    progress_report,
)
from reports.selectors.report import (
    Column,
    Report,
    Table,
)
from reports.selectors.start_page import (
    TodoItem,
    caseworker_todo,
    coordinator_todo,
)
from reports.selectors.waiting_report import (
    WAIT_BUCKETS,
    waiting_report,
)

__all__ = [
    "OUTCOMES",
    "WAIT_BUCKETS",
    "ZERO",
    "Column",
    "Report",
    "Table",
    "TodoItem",
    "agreements_for_progress",
    "caseworker_todo",
    "companies_report",
    "coordinator_todo",
    "corps_report",
    "courses_report",
    "declines_report",
    "outcomes_report",
    "progress_report",
    "waiting_report",
]
