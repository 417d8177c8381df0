"""What a report is: summary sentences, one table (its rows go to the CSV and XLSX exports), a chart and
optional extra tables."""

from dataclasses import dataclass, field

from reports.charts import Chart


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None

    @property
    def export_rows(self) -> list[list]:
        return [*self.rows, *([self.total] if self.total else [])]


@dataclass
class Report:
    summary: list[str]
    table: Table
    chart: Chart | None = None
    extra_tables: list[Table] = field(default_factory=list)
    note: str = ""
