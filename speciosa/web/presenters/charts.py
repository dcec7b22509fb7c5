"""Server-rendered SVG charts for the Trends page: small pure functions, no JavaScript.

The numbers come from the journal layer (speciosa.journal.trends); this module only draws them.
Every chart shares one time axis: a day's x position is the same fraction of the width in every
chart and lane, so a medication's bar lines up with the days of kratom doses above it.

The SVGs have no viewBox. Horizontal positions are percentages of the width and vertical ones are
CSS pixels, so a chart fills any width (a 320 px phone, a 1,200 px desktop) while its text keeps its
CSS font size instead of shrinking with the drawing. Each chart is an image (`role="img"`) labelled
by its title and the one-sentence summary printed under it, and carries a table of the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape

from speciosa.journal.trends import LabSeries, Lane

SVG_NS = "http://www.w3.org/2000/svg"
#: Pixels above the plot (for the top tick's label), of the plot, and below it (for the day labels).
TOP, PLOT_H, BOTTOM = 22, 150, 26
HEIGHT = TOP + PLOT_H + BOTTOM
#: One lane: its label, then its bar.
LANE_H, LANE_LABEL, LANE_BAR = 44, 15, 16
#: How many day labels the time axis carries (first, last and evenly between), at most.
DAY_LABELS = 5


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a value (or nothing) for each day."""

    name: str
    values: Sequence[float | None]
    css_class: str


@dataclass(frozen=True)
class Chart:
    """An SVG chart, the sentence that sums it up, and the table that says the same in numbers."""

    id: str
    title: str
    summary: str
    svg: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class of the swatch, text)


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


def x_left(index: int, count: int) -> float:
    """Where day `index` of `count` begins, in percent of the width."""
    return 100.0 * index / max(count, 1)


def x_mid(index: int, count: int) -> float:
    """The middle of day `index` of `count`, in percent of the width."""
    return 100.0 * (index + 0.5) / max(count, 1)


def _pct(value: float) -> str:
    return f"{value:.3f}%"


def _y(value: float, top: float) -> float:
    return TOP + PLOT_H - (value / top) * PLOT_H if top else TOP + PLOT_H


def _frame(chart_id: str, title: str, height: int, body: list[str], *, days: int, span: str = "") -> str:
    """The SVG: an image labelled by its title (with the span, when given) and the summary under it."""
    title = f"{title}, {span}" if span else title
    return (
        f'<svg xmlns="{SVG_NS}" class="chart" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-summary" data-days="{days}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _grid(top: float, ticks: Sequence[float], unit: str) -> tuple[list[str], list[str]]:
    """Grid lines (drawn under the data) and their labels (drawn over it, on a halo)."""
    lines, labels = [], []
    for tick in ticks:
        y = _y(tick, top)
        lines.append(f'<line class="grid" x1="0" x2="100%" y1="{y:.1f}" y2="{y:.1f}"/>')
        text = number(tick, places=3) + (f" {counted(tick, unit)}" if unit and tick == ticks[-1] else "")
        labels.append(f'<text class="tick" x="2" y="{y - 4:.1f}">{escape(text)}</text>')
    return lines, labels


def day_axis(days: Sequence[date], y: float) -> list[str]:
    """Day labels under a chart: the first and last day and up to three between, evenly spaced."""
    count = len(days)
    if not count:
        return []
    marks = (
        sorted({round(i * (count - 1) / (DAY_LABELS - 1)) for i in range(DAY_LABELS)}) if count > 1 else [0]
    )
    parts = []
    for position, index in enumerate(marks):
        # The labels between the ends and the middle are "minor": a narrow screen hides them (trends.css).
        minor = " minor" if len(marks) == DAY_LABELS and position in (1, 3) else ""
        if index == 0:
            x, anchor = "0", "start"
        elif index == count - 1:
            x, anchor = "100%", "end"
        else:
            x, anchor = _pct(x_mid(index, count)), "middle"
        parts.append(
            f'<line class="axis-mark{minor}" x1="{_pct(x_mid(index, count))}" '
            f'x2="{_pct(x_mid(index, count))}" '
            f'y1="{y - 18:.1f}" y2="{y - 14:.1f}"/>'
            f'<text class="tick day{minor}" x="{x}" y="{y:.1f}" text-anchor="{anchor}">'
            f"{escape(short_day(days[index]))}</text>"
        )
    return parts


def _empty_note(text: str = "Nothing logged in this span") -> str:
    return (
        f'<text class="empty" x="50%" y="{TOP + PLOT_H / 2:.1f}" text-anchor="middle">{escape(text)}</text>'
    )


def _segments(values: Sequence[float | None], top: float, css_class: str) -> list[str]:
    """A line through consecutive days with a value, as straight segments (a gap breaks it)."""
    parts = []
    count = len(values)
    for index in range(1, count):
        before, value = values[index - 1], values[index]
        if before is None or value is None:
            continue
        parts.append(
            f'<line class="line {css_class}" x1="{_pct(x_mid(index - 1, count))}" y1="{_y(before, top):.2f}" '
            f'x2="{_pct(x_mid(index, count))}" y2="{_y(value, top):.2f}"/>'
        )
    return parts


def bar_chart(
    chart_id: str,
    days: Sequence[date],
    values: Sequence[float],
    *,
    title: str,
    summary: str,
    unit: str,
    column: str,
    counts: bool = False,
    mean: Sequence[float | None] | None = None,
    mean_name: str = "",
    span: str = "",
) -> Chart:
    """One bar per day (a zero-height bar on days with nothing) on a scale from 0, and optionally a
    line through `mean` (a rolling mean) over the bars. `counts` keeps the scale's ticks whole."""
    if len(days) != len(values) or (mean is not None and len(mean) != len(days)):
        raise ValueError("one value per day")
    peak = max([*values, *(v for v in (mean or []) if v is not None)], default=0.0)
    top = float(count_ceiling(peak)) if counts else nice_ceiling(peak)
    lines, labels = _grid(top, [0.0, top / 2, top], unit)
    body = list(lines)
    count = len(days)
    width = 100.0 / max(count, 1)
    for index, (day, value) in enumerate(zip(days, values, strict=True)):
        height = (value / top) * PLOT_H
        tip = f"{day_label(day)}: {number(value)} {counted(value, unit)}"
        if mean is not None:
            tip += f"; {mean_name.lower()} {number(mean[index])} {unit}"
        body.append(
            f'<rect class="bar" x="{_pct(x_left(index, count) + width * 0.12)}" '
            f'y="{TOP + PLOT_H - height:.2f}" '
            f'width="{_pct(width * 0.76)}" height="{height:.2f}" data-day="{day.isoformat()}" '
            f'data-value="{number(value)}"><title>{escape(tip)}</title></rect>'
        )
    legend = [("bar", f"{column} each day")]
    if mean is not None:
        body.extend(_segments(mean, top, "mean"))
        legend.append(("mean", mean_name))
    if peak == 0:
        body.append(_empty_note())
    body += labels + day_axis(days, HEIGHT - 6)
    columns = ["Day", column] + ([mean_name] if mean is not None else [])
    rows = [
        [day_label(day), number(value)] + ([number(mean[i])] if mean is not None else [])
        for i, (day, value) in enumerate(zip(days, values, strict=True))
    ]
    svg = _frame(chart_id, title, HEIGHT, body, days=count, span=span)
    return Chart(chart_id, title, summary, svg, columns, rows, legend)


def line_chart(
    chart_id: str,
    days: Sequence[date],
    series: Sequence[Series],
    *,
    title: str,
    summary: str,
    top: float | None = None,
    unit: str = "",
    span: str = "",
) -> Chart:
    """Lines on a scale from 0 to `top` (fixed, or a round number over the highest value); a day
    without a value breaks the line, and every value has a dot."""
    for line in series:
        if len(line.values) != len(days):
            raise ValueError("one value per day in every series")
    count = len(days)
    known = [v for line in series for v in line.values if v is not None]
    scale = top if top is not None else nice_ceiling(max(known, default=0.0))
    lines, labels = _grid(scale, [0.0, scale / 2, scale], unit)
    body = list(lines)
    radius = 3 if count <= 31 else 2.2 if count <= 120 else 1.6
    for line in series:
        body.extend(_segments(line.values, scale, line.css_class))
        for index, (day, value) in enumerate(zip(days, line.values, strict=True)):
            if value is None:
                continue
            body.append(
                f'<circle class="dot {line.css_class}" cx="{_pct(x_mid(index, count))}" '
                f'cy="{_y(value, scale):.2f}" r="{radius}" data-day="{day.isoformat()}" '
                f'data-value="{number(value)}"><title>{escape(day_label(day))}: {escape(line.name)} '
                f"{number(value)}{escape(unit and ' ' + unit)}</title></circle>"
            )
    if not known:
        body.append(_empty_note())
    body += labels + day_axis(days, HEIGHT - 6)
    rows = [[day_label(day), *(number(line.values[i]) for line in series)] for i, day in enumerate(days)]
    columns = ["Day", *(line.name for line in series)]
    legend = [(line.css_class, line.name) for line in series]
    svg = _frame(chart_id, title, HEIGHT, body, days=count, span=span)
    return Chart(chart_id, title, summary, svg, columns, rows, legend)


def lanes_chart(
    chart_id: str, days: Sequence[date], lanes: Sequence[Lane], *, title: str, summary: str, span: str = ""
) -> Chart:
    """One row per lane on the shared time axis: a bar for each interval (a medication's days) and a
    mark on each day with something logged (darker for more)."""
    count = len(days)
    index_of = {day: i for i, day in enumerate(days)}
    body: list[str] = []
    rows: list[list[str]] = []
    for number_, lane in enumerate(lanes):
        top = number_ * LANE_H
        bar_y = top + LANE_LABEL + 6
        body.append(
            f'<g class="lane {lane.group}" data-lane="{escape(lane.id)}" data-label="{escape(lane.label)}">'
            f'<rect class="track" x="0" y="{bar_y}" width="100%" height="{LANE_BAR}"/>'
        )
        for interval in lane.intervals:
            first, last = index_of[interval.first], index_of[interval.last]
            began = f"from {day_label(interval.started_on)}" if interval.started_on else "start not recorded"
            ended = f"to {day_label(interval.stopped_on)}" if interval.stopped_on else "no stop date"
            when = f"{began}, {ended}"
            body.append(
                f'<rect class="span" x="{_pct(x_left(first, count))}" y="{bar_y}" '
                f'width="{_pct(x_left(last + 1, count) - x_left(first, count))}" height="{LANE_BAR}" '
                f'data-start="{interval.first.isoformat()}" data-end="{interval.last.isoformat()}" '
                f'data-open-start="{str(interval.open_start).lower()}" '
                f'data-open-end="{str(interval.open_end).lower()}">'
                f"<title>{escape(lane.label)}: {escape(when)}</title></rect>"
            )
            rows.append([lane.label, f"{day_label(interval.first)} to {day_label(interval.last)}", when])
        width = 100.0 / max(count, 1)
        for mark in lane.marks:
            index = index_of.get(mark.day)
            if index is None:
                continue
            body.append(
                f'<rect class="mark level-{mark.level}" x="{_pct(x_left(index, count) + width * 0.1)}" '
                f'y="{bar_y + 2}" width="{_pct(width * 0.8)}" height="{LANE_BAR - 4}" '
                f'data-day="{mark.day.isoformat()}" data-count="{mark.count}">'
                f"<title>{escape(day_label(mark.day))}: {escape(lane.label)}, {escape(mark.text)}"
                "</title></rect>"
            )
            rows.append([lane.label, day_label(mark.day), mark.text])
        body.append(
            f'<text class="tick lane-label" x="2" y="{top + LANE_LABEL}">{escape(lane.label)}</text></g>'
        )
    height = LANE_H * len(lanes) + BOTTOM
    body += day_axis(days, height - 6)
    svg = _frame(chart_id, title, height, body, days=count, span=span)
    groups = {lane.group for lane in lanes}
    legend = [("mark", "Kratom that day (darker: more doses)")]
    if "medication" in groups:
        legend.append(("span", "Medication taken, from its start and stop dates"))
    if "substance" in groups:
        legend.append(("substance", "Other substance logged that day"))
    if "symptom" in groups:
        legend.append(("symptom", "Symptoms that day (darker: more or worse)"))
    return Chart(chart_id, title, summary, svg, ["Lane", "Days", "What"], rows, legend)


#: How each liver test is drawn in the lab chart: (css class, dot shape).
LAB_STYLES = {"ALT": "alt", "AST": "ast", "ALP": "alp", "bilirubin": "bili"}


def lab_chart(
    chart_id: str,
    days: Sequence[date],
    labs: Sequence[LabSeries],
    *,
    title: str,
    summary: str,
    span: str = "",
) -> Chart:
    """Liver tests on the shared time axis, each result as a multiple of its upper limit of normal
    (so tests in different units share one scale), with a dashed line at the limit (1×). Results
    above their limit are drawn as `above`; a result without a recorded limit is only in the table."""
    count = len(days)
    index_of = {day: i for i, day in enumerate(days)}
    ratios = [p.times_limit for series in labs for p in series.points if p.times_limit is not None]
    scale = nice_ceiling(max([*ratios, 1.0]) * 1.15)
    body: list[str] = []
    labels: list[str] = []
    for tick in (0.0, 1.0, scale):
        y = _y(tick, scale)
        body.append(
            f'<line class="{"limit" if tick == 1 else "grid"}" x1="0" x2="100%" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        text = "upper limit" if tick == 1 else f"{number(tick)}× limit" if tick else "0"
        labels.append(f'<text class="tick" x="2" y="{y - 4:.1f}">{text}</text>')
    for series in labs:
        css = LAB_STYLES.get(series.test, "alt")
        placed = [
            (index_of[p.day], p, ratio)
            for p in series.points
            if p.day in index_of and (ratio := p.times_limit) is not None
        ]
        for (before, _, a), (after, _, b) in zip(placed, placed[1:], strict=False):
            body.append(
                f'<line class="line lab {css}" x1="{_pct(x_mid(before, count))}" y1="{_y(a, scale):.2f}" '
                f'x2="{_pct(x_mid(after, count))}" y2="{_y(b, scale):.2f}"/>'
            )
        for index, point, ratio in placed:
            x, y = _pct(x_mid(index, count)), _y(ratio, scale)
            state = "above" if point.above else "within"
            body.append(
                f'<circle class="dot lab {css} {state}" cx="{x}" cy="{y:.2f}" r="4.5" '
                f'data-test="{escape(series.test)}" data-day="{point.day.isoformat()}" '
                f'data-value="{number(point.value)}" data-times-limit="{number(ratio)}">'
                f"<title>{escape(day_label(point.day))}: {escape(series.label)} {number(point.value)} "
                f"{escape(point.unit)} ({number(ratio)}× its upper limit)</title></circle>"
            )
            if point.above:
                labels.append(
                    f'<text class="tick value" x="{x}" y="{y - 9:.2f}" text-anchor="middle">'
                    f"{escape(series.test)} {number(point.value)}</text>"
                )
    body += labels + day_axis(days, HEIGHT - 6)
    rows = [
        [
            day_label(p.day),
            series.label,
            f"{number(p.value)} {p.unit}",
            "—" if p.upper_limit is None else f"{number(p.upper_limit)} {p.unit}",
            "—" if p.times_limit is None else f"{number(p.times_limit)}×",
        ]
        for series in labs
        for p in series.points
    ]
    rows.sort(key=lambda row: (date_of(row[0]), row[1]))
    svg = _frame(chart_id, title, HEIGHT, body, days=count, span=span)
    legend = [(LAB_STYLES.get(series.test, "alt"), series.test) for series in labs]
    legend.append(("limit", "Upper limit of normal, from each lab report"))
    columns = ["Day", "Test", "Result", "Upper limit", "Times the limit"]
    return Chart(chart_id, title, summary, svg, columns, rows, legend)


def date_of(label: str) -> date:
    """The day of a `day_label` (for sorting table rows)."""
    return datetime.strptime(label, "%a %d %b %Y").date()  # noqa: DTZ007 - a calendar day, no time
