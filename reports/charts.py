"""Horizontal bar charts drawn on the server as SVG: no JavaScript and no style attributes (the CSP
forbids both), only SVG presentation attributes. Each chart has a <title> and a <desc> and is always
shown next to a table with the same numbers: the chart is a picture of the table."""

from dataclasses import dataclass

from mentorship.numbers import dk_number

# Colour-blind-safe (Okabe-Ito), dark enough against white for the 3:1 non-text contrast of WCAG 1.4.11.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#6B5B00", "#000000"]
WIDTH = 640
LABEL_WIDTH = 200
VALUE_SPACE = 64
BAR = 16
GAP = 4
GROUP_GAP = 12
TOP = 8
MAX_CATEGORIES = 15


@dataclass(frozen=True)
class Bar:
    x: int
    y: float
    width: float
    height: int
    colour: str
    value_label: str
    label: str  # "category, series: value" for the tooltip


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, str]]  # y of the group's middle, category
    legend: list[tuple[str, str]]  # colour, series name
    axis_x: int
    truncated: bool


def _number(value) -> str:
    if value is None:
        return "–"
    return dk_number(value, None if isinstance(value, int) else 1, trim=True)


def bar_chart(*, title: str, description: str, categories: list[str], series: list[tuple[str, list]]) -> Chart | None:
    """Bars for each category (one per series), scaled to the largest value. At most 15 categories are
    drawn; the table under the chart has all rows."""
    if not categories or not series:
        return None
    truncated = len(categories) > MAX_CATEGORIES
    categories = categories[:MAX_CATEGORIES]
    largest = max((float(v) for _name, values in series for v in values[:MAX_CATEGORIES] if v), default=0.0)
    scale = (WIDTH - LABEL_WIDTH - VALUE_SPACE) / largest if largest > 0 else 0
    bars, labels = [], []
    group_height = len(series) * BAR + (len(series) - 1) * GAP
    y = TOP
    for index, category in enumerate(categories):
        for position, (name, values) in enumerate(series):
            value = values[index] if index < len(values) else None
            width = round(float(value or 0) * scale, 1)
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y + position * (BAR + GAP),
                    width=max(width, 1.0) if value else 0.0,
                    height=BAR,
                    colour=COLOURS[position % len(COLOURS)],
                    value_label=_number(value),
                    label=f"{category}, {name}: {_number(value)}"
                    if len(series) > 1
                    else f"{category}: {_number(value)}",
                )
            )
        labels.append((y + group_height / 2, category if len(category) <= 30 else category[:29] + "…"))
        y += group_height + GROUP_GAP
    return Chart(
        title=title,
        description=description,
        width=WIDTH,
        height=int(y),
        bars=bars,
        labels=labels,
        legend=[(COLOURS[i % len(COLOURS)], name) for i, (name, _values) in enumerate(series)],
        axis_x=LABEL_WIDTH,
        truncated=truncated,
    )
