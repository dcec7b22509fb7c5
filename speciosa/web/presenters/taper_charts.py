"""The taper pages' charts, drawn on the server like the Trends charts (speciosa.web.presenters.charts):
a plan's staircase of daily targets with the grams logged as dots, and the withdrawal score (SOWS) on
the same days under it. Pure drawing: the numbers come from speciosa.journal.taper."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from html import escape

from speciosa.web.presenters import charts
from speciosa.web.presenters.charts import HEIGHT, PLOT_H, TOP, Chart

SOWS_TOP = 64.0


def span_days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _y(value: float, top: float) -> float:
    return TOP + PLOT_H - (value / top) * PLOT_H if top else TOP + PLOT_H


def _pct(value: float) -> str:
    return f"{value:.3f}%"


def staircase(
    chart_id: str,
    days: Sequence[date],
    targets: Sequence[float | None],
    *,
    logged: Mapping[date, float] | None = None,
    projected_from: date | None = None,
    today: date | None = None,
    title: str,
    summary: str,
) -> Chart:
    """Each day's target as a flat tread (a step down is a riser), dashed from `projected_from` on
    (the days ahead, if nothing pauses the plan); grams logged as dots; a line at today."""
    if len(days) != len(targets):
        raise ValueError("one target per day")
    logged = logged or {}
    count = len(days)
    shown = [v for v in targets if v is not None] + [logged[d] for d in days if d in logged]
    top = charts.nice_ceiling(max(shown, default=0.0))
    body: list[str] = []
    labels: list[str] = []
    for tick in (0.0, top / 2, top):
        y = _y(tick, top)
        body.append(f'<line class="grid" x1="0" x2="100%" y1="{y:.1f}" y2="{y:.1f}"/>')
        text = charts.number(tick, places=3) + (" g" if tick == top else "")
        labels.append(f'<text class="tick" x="2" y="{y - 4:.1f}">{escape(text)}</text>')
    # Runs of days with the same target (and the same side of the projection line).
    runs: list[tuple[int, int, float, bool]] = []
    for index, (day, value) in enumerate(zip(days, targets, strict=True)):
        if value is None:
            continue
        ahead = projected_from is not None and day >= projected_from
        if runs and runs[-1][1] == index - 1 and runs[-1][2] == value and runs[-1][3] == ahead:
            runs[-1] = (runs[-1][0], index, value, ahead)
        else:
            runs.append((index, index, value, ahead))
    previous: tuple[int, int, float, bool] | None = None
    for first, last, value, ahead in runs:
        css = "target ahead" if ahead else "target"
        y = _y(value, top)
        if previous is not None and previous[1] == first - 1 and previous[2] != value:
            x = _pct(charts.x_left(first, count))
            before = _y(previous[2], top)
            body.append(f'<line class="line riser {css}" x1="{x}" x2="{x}" y1="{before:.2f}" y2="{y:.2f}"/>')
        tip = (
            f"{charts.day_label(days[first])} to {charts.day_label(days[last])}: "
            f"target {charts.number(value)} g"
        )
        body.append(
            f'<line class="line tread {css}" x1="{_pct(charts.x_left(first, count))}" '
            f'x2="{_pct(charts.x_left(last + 1, count))}" y1="{y:.2f}" y2="{y:.2f}" '
            f'data-from="{days[first].isoformat()}" data-to="{days[last].isoformat()}" '
            f'data-value="{charts.number(value)}"><title>{escape(tip)}</title></line>'
        )
        previous = (first, last, value, ahead)
    if today is not None and days and days[0] <= today <= days[-1]:
        x = _pct(charts.x_mid((today - days[0]).days, count))
        body.append(f'<line class="today-mark" x1="{x}" x2="{x}" y1="{TOP - 6}" y2="{TOP + PLOT_H}"/>')
    radius = 3.5 if count <= 60 else 2.5
    for index, day in enumerate(days):
        if day not in logged:
            continue
        grams = logged[day]
        body.append(
            f'<circle class="dot logged" cx="{_pct(charts.x_mid(index, count))}" cy="{_y(grams, top):.2f}" '
            f'r="{radius}" data-day="{day.isoformat()}" data-value="{charts.number(grams)}">'
            f"<title>{escape(charts.day_label(day))}: {charts.number(grams)} g logged</title></circle>"
        )
    body += labels + charts.day_axis(days, HEIGHT - 6)
    svg = (
        f'<svg xmlns="{charts.SVG_NS}" class="chart staircase" width="100%" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-summary" data-days="{count}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>' + "".join(body) + "</svg>"
    )
    legend = [("target", "Your plan's daily target"), ("target ahead", "Days ahead, if nothing pauses it")]
    if projected_from is None:
        legend = legend[:1]
    if logged:
        legend.append(("logged", "Grams logged that day"))
    rows = [
        [charts.day_label(day), charts.number(value), charts.number(logged.get(day))]
        for day, value in zip(days, targets, strict=True)
        if day in logged or (today is not None and day <= today)
    ]
    return Chart(chart_id, title, summary, svg, ["Day", "Target (g)", "Logged (g)"], rows, legend)


def sows_by_date(scores: Sequence[tuple[datetime, int]]) -> dict[date, int]:
    """Each day's last SOWS total (the moments are local times)."""
    found: dict[date, int] = {}
    for at, total in sorted(scores, key=lambda s: s[0]):
        found[at.date()] = total
    return found


def sows_chart(
    chart_id: str, days: Sequence[date], scores: Sequence[tuple[datetime, int]], *, title: str, summary: str
) -> Chart:
    """The SOWS totals (0 to 64) on the given days, the last of each day."""
    by_day = sows_by_date(scores)
    values: list[float | None] = [float(by_day[d]) if d in by_day else None for d in days]
    chart = charts.line_chart(
        chart_id,
        days,
        [charts.Series("Withdrawal score (SOWS)", values, "sows")],
        title=title,
        summary=summary,
        top=SOWS_TOP,
    )
    rows = [row for row, value in zip(chart.rows, values, strict=True) if value is not None]
    # Scores are days apart: join each to the next across the days between (drawn under the dots).
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    joins = "".join(
        f'<line class="line sows" x1="{_pct(charts.x_mid(a, len(days)))}" y1="{_y(va, SOWS_TOP):.2f}" '
        f'x2="{_pct(charts.x_mid(b, len(days)))}" y2="{_y(vb, SOWS_TOP):.2f}"/>'
        for (a, va), (b, vb) in zip(known, known[1:], strict=False)
        if b - a > 1
    )
    title_end = chart.svg.index("</title>") + len("</title>")
    svg = chart.svg[:title_end] + joins + chart.svg[title_end:]
    return Chart(chart.id, chart.title, chart.summary, svg, chart.columns, rows, chart.legend)
