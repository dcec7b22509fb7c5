"""Server-rendered SVG charts for the Trends page: small pure functions, no JavaScript.

Every chart is an accessible image (`role="img"`, a `<title>` and a `<desc>` that sums it up) and
carries its own table alternative: the same numbers, formatted by the same function, as rows.
The SVG scales to the width of the screen; colours come from the page's CSS classes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

WIDTH = 400
HEIGHT = 190
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 20, 26
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a value (or nothing) for each day."""

    name: str
    values: Sequence[float | None]
    css_class: str


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the table that says the same thing in numbers."""

    id: str
    title: str
    description: str
    svg: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


def counted(value: float, unit: str) -> str:
    """'1 dose', '2 doses'; units such as 'g' stay as they are."""
    return unit[:-1] if value == 1 and unit.endswith("s") else unit


def number(value: float | None, *, places: int = 2) -> str:
    """How a chart value is written, in the chart and in its table alike ("—" for no value)."""
    if value is None:
        return "—"
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`, for a tidy top of the scale."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power + 1e-9:
            return float(step * power)
    return 10 * power  # pragma: no cover - the loop always returns


def count_ceiling(value: float) -> int:
    """A top for a scale of whole counts: even, so that its middle tick is whole too."""
    top = max(2, math.ceil(value))
    return top + top % 2


def _y(value: float, top: float) -> float:
    return TOP + PLOT_H - (value / top) * PLOT_H


def _frame(chart_id: str, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _axes(days: Sequence[date], top: float, ticks: Sequence[float], unit: str) -> list[str]:
    """Horizontal grid lines with their values, and the first, middle and last day under the plot."""
    parts = []
    for tick in ticks:
        y = _y(tick, top)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        label = escape(number(tick))
        parts.append(f'<text class="tick" x="{LEFT - 4}" y="{y + 3.5:.1f}" text-anchor="end">{label}</text>')
    if unit:
        parts.append(f'<text class="tick unit" x="{LEFT}" y="{TOP - 8}">{escape(unit)}</text>')
    if days:
        slot = PLOT_W / len(days)
        marks = sorted({0, len(days) // 2, len(days) - 1})
        for index in marks:
            x = LEFT + slot * (index + 0.5)
            anchor = (
                "start" if index == 0 and len(days) > 1 else "end" if index == len(days) - 1 else "middle"
            )
            x = LEFT if anchor == "start" else WIDTH - RIGHT if anchor == "end" else x
            parts.append(
                f'<text class="tick" x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
                f"{escape(short_day(days[index]))}</text>"
            )
    return parts


def bar_chart(
    chart_id: str,
    days: Sequence[date],
    values: Sequence[float],
    *,
    title: str,
    unit: str,
    column: str,
    counts: bool = False,
) -> Chart:
    """One bar per day (a zero-height bar on days with nothing), on a scale from 0.

    `counts` is for whole numbers (doses): the scale's ticks stay whole.
    """
    if len(days) != len(values):
        raise ValueError("one value per day")
    peak = max(values, default=0.0)
    top = float(count_ceiling(peak)) if counts else nice_ceiling(peak)
    ticks = [0.0, top / 2, top]
    slot = PLOT_W / max(len(days), 1)
    width = max(slot * 0.78, 0.4)
    body = _axes(days, top, ticks, unit)
    for index, (day, value) in enumerate(zip(days, values, strict=True)):
        height = (value / top) * PLOT_H
        x = LEFT + slot * index + (slot - width) / 2
        body.append(
            f'<rect class="bar" x="{x:.2f}" y="{TOP + PLOT_H - height:.2f}" width="{width:.2f}" '
            f'height="{height:.2f}" data-day="{day.isoformat()}" data-value="{number(value)}">'
            f"<title>{escape(day_label(day))}: {number(value)} {escape(unit)}</title></rect>"
        )
    if peak == 0:
        body.append(_empty_note())
    total = sum(values)
    busy = sum(1 for value in values if value > 0)
    description = (
        f"{len(days)} days from {day_label(days[0])} to {day_label(days[-1])}: "
        f"total {number(total)} {counted(total, unit)}, on {busy} of {len(days)} days; "
        f"highest {number(peak)} {counted(peak, unit)}."
        if days
        else "No days to show."
    )
    rows = [[day_label(day), number(value)] for day, value in zip(days, values, strict=True)]
    return Chart(
        chart_id, title, description, _frame(chart_id, title, description, body), ["Day", column], rows
    )


def line_chart(
    chart_id: str, days: Sequence[date], series: Sequence[Series], *, title: str, top: float = 10.0
) -> Chart:
    """Lines on a fixed 0–`top` scale; a day without a value breaks the line, and every value has a dot."""
    for line in series:
        if len(line.values) != len(days):
            raise ValueError("one value per day in every series")
    slot = PLOT_W / max(len(days), 1)
    radius = 2.2 if len(days) <= 31 else 1.6 if len(days) <= 120 else 1.1
    body = _axes(days, top, [0.0, top / 2, top], "")
    for line in series:
        path: list[str] = []
        dots: list[str] = []
        previous = False
        for index, (day, value) in enumerate(zip(days, line.values, strict=True)):
            if value is None:
                previous = False
                continue
            x, y = LEFT + slot * (index + 0.5), _y(value, top)
            path.append(f"{'L' if previous else 'M'}{x:.2f} {y:.2f}")
            previous = True
            dots.append(
                f'<circle class="dot {line.css_class}" cx="{x:.2f}" cy="{y:.2f}" r="{radius}" '
                f'data-day="{day.isoformat()}" data-value="{number(value)}">'
                f"<title>{escape(day_label(day))}: {escape(line.name)} {number(value)}</title></circle>"
            )
        if path:
            body.append(f'<path class="line {line.css_class}" d="{" ".join(path)}" fill="none"/>')
        body.extend(dots)
    body.extend(_legend(series))
    answered = [sum(1 for v in line.values if v is not None) for line in series]
    if not any(answered):
        body.append(_empty_note())
    parts = []
    for line, count in zip(series, answered, strict=True):
        known = [v for v in line.values if v is not None]
        mean = f", mean {number(sum(known) / len(known))}" if known else ""
        parts.append(f"{line.name}: {count} of {len(days)} days answered{mean}")
    description = f"Scale 0 to {number(top)}. " + "; ".join(parts) + "."
    rows = [
        [day_label(day), *(number(line.values[index]) for line in series)] for index, day in enumerate(days)
    ]
    columns = ["Day", *(line.name for line in series)]
    return Chart(chart_id, title, description, _frame(chart_id, title, description, body), columns, rows)


def _legend(series: Sequence[Series]) -> list[str]:
    parts = []
    x = WIDTH - RIGHT
    for line in reversed(series):
        label = escape(line.name)
        width = 7 * len(line.name) + 18
        x -= width
        y = TOP - 11.5
        parts.append(
            f'<line class="line {line.css_class}" x1="{x}" x2="{x + 12}" y1="{y}" y2="{y}"/>'
            f'<text class="tick legend" x="{x + 15}" y="{TOP - 8}">{label}</text>'
        )
    return parts


def _empty_note() -> str:
    return (
        f'<text class="empty" x="{LEFT + PLOT_W / 2:.1f}" y="{TOP + PLOT_H / 2:.1f}" '
        'text-anchor="middle">Nothing logged in this window</text>'
    )
