"""The progression chart: an SVG line chart computed on the server (no JavaScript, no inline styles:
only SVG presentation attributes, which the CSP allows). The same numbers are always shown in a
table next to it, so the chart is a picture of the table, not the only source."""

from dataclasses import dataclass
from datetime import date

from citizens.selectors import ProgressSeries, ProgressTable

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
# Colour-blind-safe palette (Okabe-Ito) plus dash patterns, so lines differ without colour too.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5", "8 2", "4 4"]


@dataclass(frozen=True)
class ChartLine:
    label: str
    colour: str
    dash: str
    points: str  # "x,y x,y ..."
    dots: list[tuple[float, float, int, str]]  # x, y, score, date label


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: list[ChartLine]
    y_ticks: list[tuple[float, int]]
    x_ticks: list[tuple[float, str]]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int


def progress_chart(table: ProgressTable) -> Chart | None:
    if not table.series:
        return None
    dates = sorted({day for series in table.series for day, _score in series.points})
    first, last = dates[0], dates[-1]
    span = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: date) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return round(LEFT + (day - first).days / span * plot_w, 1)

    def y_of(score: int) -> float:
        return round(TOP + (5 - score) / 4 * plot_h, 1)

    lines = []
    for index, series in enumerate(table.series):
        coordinates = [(x_of(day), y_of(score), score, day.strftime("%d.%m.%Y")) for day, score in series.points]
        lines.append(
            ChartLine(
                label=series.dimension.name,
                colour=COLOURS[index % len(COLOURS)],
                dash=DASHES[index % len(DASHES)],
                points=" ".join(f"{x},{y}" for x, y, _s, _d in coordinates),
                dots=coordinates,
            )
        )
    step = max(1, len(dates) // 6)
    x_ticks = [(x_of(day), day.strftime("%d.%m.%y")) for day in dates[::step]]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        y_ticks=[(y_of(score), score) for score in range(1, 6)],
        x_ticks=x_ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
    )


def chart_of_assessments(assessments) -> Chart | None:
    """The same chart from assessments already loaded with their scores and each score's dimension
    (the portal's placement page prefetches them), so the chart costs no query of its own."""
    points: dict[int, list[tuple[date, int]]] = {}
    dimensions = {}
    for assessment in sorted(assessments, key=lambda a: (a.assessed_on, a.pk)):
        for score in assessment.scores.all():
            dimensions[score.dimension_id] = score.dimension
            points.setdefault(score.dimension_id, []).append((assessment.assessed_on, score.score))
    ordered = sorted(dimensions.values(), key=lambda d: (d.position, d.pk))
    series = [ProgressSeries(d, points[d.pk]) for d in ordered]
    return progress_chart(ProgressTable(dimensions=ordered, rows=[], series=series))
