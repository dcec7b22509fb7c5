"""The Insights page: what the person's own journal says, from speciosa.journal.insights (the same
numbers as GET /api/v1/insights and `speciosa insights`). Charts are drawn by the Trends page's
presenter (speciosa.web.presenters.charts); each sits over the table that says the same in numbers."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from speciosa.core.insights.peg import IMPORTANT_FRACTION, IMPORTANT_POINTS
from speciosa.core.insights.report import Insights
from speciosa.journal import insights as journal_insights
from speciosa.web.presenters import charts

#: Weeks of the PEG-3 table (the most recent).
PEG_WEEKS = 12
#: Weeks of the PEG-3 chart: two years (a longer journal's chart shows its last two; 500 weekly dots
#: would be a smear on a phone).
PEG_CHART_WEEKS = 104


def _charts(found: Insights) -> list[tuple[charts.Chart, str]]:
    drawn = []
    months = found.tolerance.months
    if len(months) >= 2:
        firsts = [date.fromisoformat(m.month + "-01") for m in months]
        drawn.append(
            charts.line_chart(
                "tolerance",
                firsts,
                [
                    charts.Series("Grams a day", [m.grams_per_day for m in months], "perdose"),
                    charts.Series("Pain now (0–10)", [m.pain.value for m in months], "peg"),
                ],
                title="Grams a day and pain, by month",
                summary=found.tolerance.summary,
            )
        )
    if sum(1 for m in months if m.relief_per_gram.value is not None) >= 2:
        firsts = [date.fromisoformat(m.month + "-01") for m in months]
        drawn.append(
            charts.line_chart(
                "pergram",
                firsts,
                [
                    charts.Series(
                        "Pain eased per gram (points)",
                        [m.relief_per_gram.value for m in months],
                        "peg",
                    )
                ],
                title="Relief per gram, by month (from before/after pairs)",
                summary=found.tolerance.summary,
            )
        )
    weeks = found.peg.weeks[-PEG_CHART_WEEKS:]
    if len(weeks) >= 2:
        days = [date.fromisoformat(w.week) for w in weeks]
        series = [charts.Series("PEG-3, weekly mean", [w.peg for w in weeks], "pain")]
        if found.peg.baseline is not None:
            base = found.peg.baseline
            mark = max(0.0, base - min(IMPORTANT_POINTS, IMPORTANT_FRACTION * base))
            series.append(
                charts.Series(
                    "Clinically important improvement from the start (provisional)",
                    [mark] * len(weeks),
                    "peg",
                )
            )
        drawn.append(
            charts.line_chart(
                "pegtrend",
                days,
                series,
                title="PEG-3 by week"
                + (", the last two years" if len(found.peg.weeks) > PEG_CHART_WEEKS else ""),
                summary=found.peg.summary,
                top=10.0,
            )
        )
    return [(chart, mark_safe(chart.svg)) for chart in drawn]  # noqa: S308 - built by charts.py, every text escaped


def insights(request: HttpRequest) -> HttpResponse:
    found = journal_insights.insights_read(user=request.user, now=timezone.now())
    drawn = dict((chart.id, (chart, svg)) for chart, svg in _charts(found))
    context = {
        "nav": "insights",
        "found": found,
        "relief_groups": [g for g in found.relief.groups if g.eased.n],
        "peg_weeks": list(reversed(found.peg.weeks[-PEG_WEEKS:])),
        "months": list(reversed(found.tolerance.months)),
        "tolerance_chart": drawn.get("tolerance"),
        "per_gram_chart": drawn.get("pergram"),
        "peg_chart": drawn.get("pegtrend"),
    }
    return render(request, "web/insights/insights.html", context)
