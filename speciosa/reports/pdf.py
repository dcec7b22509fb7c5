"""The clinician summary: one page (two at most) a clinician reads in a minute, from
`speciosa.journal.report_data.report_summary`. fpdf2 lays it out with DejaVu Sans embedded (the copy
matplotlib ships, so every character the journal holds renders: µ, ≥, –, ✓); the pain and PEG-3 chart
is drawn by matplotlib (Agg) into a PNG in memory. Both are imported only when a PDF is rendered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from speciosa.core.insights.peg import IMPORTANT_FRACTION, IMPORTANT_POINTS
from speciosa.journal.report_data import Pain, ReportSummary, TaperPlanLine, TaperReport, report_summary
from speciosa.reports.base import Exporter, Period

if TYPE_CHECKING:
    from fpdf import FPDF

TITLE = "speciosa — summary for a clinician"
FOOTER = "From the person's own journal; not a medical record; sources in the app"
#: The note under the pain chart (the share link's page prints it too).
IMPORTANT_NOTE = (
    f"Clinically important change: ≥ {IMPORTANT_POINTS:g} points or ≥ {IMPORTANT_FRACTION:.0%} "
    "(Farrar 2001, for 0–10 pain ratings; provisional for the PEG-3, which has no agreed threshold)."
)
FONT = "DejaVu"
#: How many lines each list shows before "and N more in the app" (so the summary stays on two pages).
MOST_SIDE_EFFECTS = 8
MOST_FINDINGS = 8
MOST_MEDICATIONS = 10
MOST_LABS = 10
INK = (30, 30, 30)
MUTED = (95, 95, 95)
RULE = (170, 170, 170)
SEVERITY_INK = {"urgent": (170, 0, 0), "warning": (170, 70, 0), "caution": (120, 90, 0), "info": MUTED}


def render(*, user: Any, period: Period, now: datetime) -> Iterator[bytes]:
    summary = report_summary(user=user, start=period.start, end=period.end, now=now)
    yield pdf_of(summary)


EXPORTERS = (
    Exporter(
        id="clinician-pdf",
        label="Clinician summary (PDF)",
        description=(
            "One or two pages to bring to an appointment: kratom use, pain and PEG-3, side effects, "
            "safety findings, medications with interaction flags, liver labs and questions to discuss."
        ),
        media_type="application/pdf",
        extension="pdf",
        render=render,
    ),
)


def pdf_of(summary: ReportSummary) -> bytes:
    doc = _document(summary)
    doc.add_page()
    _kratom(doc, summary)
    _pain(doc, summary.pain)
    _findings(doc, summary)
    _medications(doc, summary)
    _labs(doc, summary)
    _side_effects(doc, summary)
    _experiments(doc, summary)
    _taper(doc, summary)
    _questions(doc, summary)
    return bytes(doc.output())


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _document(summary: ReportSummary) -> FPDF:
    from fpdf import FPDF

    period = (
        f"Period: {day_words(summary.start)} to {day_words(summary.end)} "
        f"({(summary.end - summary.start).days + 1} days)"
    )
    generated = (
        f"generated {day_words(summary.generated_at.date())} {summary.generated_at:%H:%M} ({summary.zone})"
    )

    class Summary(FPDF):
        def header(self) -> None:
            self.set_font(FONT, "B", 13)
            self.set_text_color(*INK)
            self.cell(0, 6, TITLE, new_x="LMARGIN", new_y="NEXT")
            self.set_font(FONT, "", 8.5)
            self.set_text_color(*MUTED)
            self.cell(0, 4.5, f"{period} · {generated}", new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(*RULE)
            self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
            self.ln(3)

        def footer(self) -> None:
            self.set_y(-11)
            self.set_font(FONT, "", 7.5)
            self.set_text_color(*MUTED)
            self.cell(0, 4, f"{FOOTER} · page {self.page_no()} of {{nb}}", align="C")

    doc = Summary(format="A4")
    doc.set_margins(14, 12, 14)
    doc.set_auto_page_break(True, margin=14)
    fonts = _font_dir()
    doc.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    doc.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    doc.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    doc.set_title(TITLE)
    doc.set_creator("speciosa")
    return doc


# --- building blocks -------------------------------------------------------------------------


def _heading(doc: FPDF, text: str) -> None:
    if doc.get_y() > doc.h - 40:
        doc.add_page()
    doc.ln(1.5)
    doc.set_font(FONT, "B", 10)
    doc.set_text_color(*INK)
    doc.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")


def _text(
    doc: FPDF, text: str, *, size: float = 8.5, style: str = "", color: tuple[int, int, int] = INK
) -> None:
    doc.set_font(FONT, style, size)
    doc.set_text_color(*color)
    doc.multi_cell(0, size * 0.48, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _none(doc: FPDF, text: str) -> None:
    _text(doc, text, color=MUTED, style="I")


def _table(doc: FPDF, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
    from fpdf.fonts import FontFace

    doc.set_font(FONT, "", 8)
    doc.set_text_color(*INK)
    doc.set_draw_color(*RULE)
    with doc.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=3.9,
        padding=(0.6, 1.2),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", color=INK, fill_color=(238, 238, 238)),
        width=doc.epw,
    ) as table:
        for cells in rows:
            row = table.row()
            for value in cells:
                row.cell(value)


def _more(doc: FPDF, shown: int, total: int) -> None:
    if total > shown:
        _none(doc, f"…and {total - shown} more in the app.")


# --- sections --------------------------------------------------------------------------------


def _kratom(doc: FPDF, summary: ReportSummary) -> None:
    use = summary.kratom
    _heading(doc, "Kratom use")
    if not use.doses:
        _none(doc, "No kratom doses logged in this period.")
        return
    figures = (
        f"Mean {num(use.mean_grams_a_day)} g a day · {num(use.doses_a_day)} doses a day · "
        f"doses on {use.dose_days} of {use.days} days · {num(use.total_grams)} g in all"
    )
    _text(doc, figures, size=9.5, style="B")
    _text(doc, f"Trend {use.arrow} {use.trend_words}")
    rows = [("Product", "Form", "Doses", "Grams", "Mitragynine (COA)", "≈ mg mitragynine a day")]
    for p in use.products:
        name = f"{p.name} ({p.vendor})" if p.vendor else p.name
        rows.append(
            (
                name,
                p.form or "–",
                str(p.doses),
                num(p.grams),
                f"{num(p.mitragynine_percent)}%" if p.mitragynine_percent is not None else "not recorded",
                num(p.mitragynine_mg_a_day) if p.mitragynine_mg_a_day is not None else "–",
            )
        )
    doc.ln(0.8)
    _table(doc, rows, (62, 17, 14, 15, 32, 42))
    if any(p.mitragynine_percent is None for p in use.products):
        _none(doc, "Potency is shown only where the person recorded the product's lab (COA) figure.")


def _pain(doc: FPDF, pain: Pain) -> None:
    _heading(doc, "Pain and PEG-3")
    if not pain.checkin_days:
        _none(doc, "No pain or PEG-3 ratings logged in this period.")
        return
    means = []
    if pain.pain_mean is not None:
        means.append(f"mean pain now {num(pain.pain_mean)}/10")
    if pain.peg_mean is not None:
        means.append(f"mean PEG-3 {num(pain.peg_mean)}/10")
    _text(doc, f"Ratings on {pain.checkin_days} days: {', '.join(means)}.")
    if len(pain.days) >= 2:
        doc.image(BytesIO(chart_png(pain)), w=doc.epw, h=doc.epw * 0.27)
    _text(doc, pain.summary)
    _text(
        doc,
        IMPORTANT_NOTE,
        size=7.5,
        color=MUTED,
    )


def _findings(doc: FPDF, summary: ReportSummary) -> None:
    _heading(doc, "Open safety findings")
    if not summary.findings:
        _none(doc, "None open.")
        return
    for finding in summary.findings[:MOST_FINDINGS]:
        doc.set_font(FONT, "B", 8.5)
        doc.set_text_color(*SEVERITY_INK.get(finding.severity, INK))
        doc.cell(19, 4.1, finding.severity.capitalize())
        doc.set_text_color(*INK)
        doc.multi_cell(0, 4.1, finding.title, align="L", new_x="LMARGIN", new_y="NEXT")
        if finding.action:
            doc.set_x(doc.l_margin + 19)
            doc.set_font(FONT, "", 7.5)
            doc.set_text_color(*MUTED)
            doc.multi_cell(
                0, 3.6, f"Shown to the person: {finding.action}", align="L", new_x="LMARGIN", new_y="NEXT"
            )
    _more(doc, MOST_FINDINGS, len(summary.findings))


def _medications(doc: FPDF, summary: ReportSummary) -> None:
    _heading(doc, "Medications during the period")
    if not summary.medications:
        _none(doc, "None on the list.")
        return
    rows = [("Medication", "Dose and schedule", "For", "Dates", "Interaction with kratom")]
    for med in summary.medications[:MOST_MEDICATIONS]:
        rows.append(
            (
                med.name,
                " · ".join(part for part in (med.dose, med.schedule) if part) or "–",
                med.purpose or "–",
                dates_words(med.started_on, med.stopped_on),
                "⚠ " + "; ".join(med.interactions) if med.interactions else "none in the app's table",
            )
        )
    _table(doc, rows, (34, 38, 28, 32, 50))
    _more(doc, MOST_MEDICATIONS, len(summary.medications))


def _labs(doc: FPDF, summary: ReportSummary) -> None:
    _heading(doc, "Liver tests")
    if not summary.labs:
        _none(doc, "No liver tests logged in this period.")
        return
    shown = summary.labs[-MOST_LABS:]
    rows = [("Date", "Test", "Value", "Upper limit", "× upper limit", "")]
    for lab in shown:
        rows.append(
            (
                day_words(lab.day),
                lab.test,
                f"{num(lab.value)} {lab.unit}",
                f"{num(lab.upper_limit)} {lab.unit}" if lab.upper_limit is not None else "not recorded",
                f"{lab.times_limit:.2f}" if lab.times_limit is not None else "–",
                "above" if lab.above else "✓ within",
            )
        )
    _table(doc, rows, (26, 56, 28, 28, 26, 18))
    if len(summary.labs) > len(shown):
        _none(doc, f"The latest {len(shown)} of {len(summary.labs)} results; all in the app.")


def _side_effects(doc: FPDF, summary: ReportSummary) -> None:
    _heading(doc, "Side effects logged, by frequency")
    if not summary.side_effects:
        _none(doc, "None logged in this period.")
        return
    shown = summary.side_effects[:MOST_SIDE_EFFECTS]
    words = " · ".join(
        f"{e.label}: {e.checkins} check-in{'' if e.checkins == 1 else 's'} (worst {e.worst})" for e in shown
    )
    _text(doc, words)
    _more(doc, len(shown), len(summary.side_effects))


def _experiments(doc: FPDF, summary: ReportSummary) -> None:
    if not summary.experiments:
        return
    _heading(doc, "The person's own experiments (N-of-1)")
    for line in summary.experiments:
        _text(
            doc,
            f"{line.question} ({line.state}, {day_words(line.first)} to {day_words(line.last)})",
            style="B",
        )
        _text(doc, f"{line.options}. {line.result}")


def _taper(doc: FPDF, summary: ReportSummary) -> None:
    """Cutting down: the person's own plan, the SOWS totals (no label: no kratom cut-offs) and the latest
    DSM-5 self-check (not a diagnosis), in four lines at most."""
    if summary.taper is None:
        return
    _heading(doc, "Cutting down (the person's own plan and self-checks)")
    for line, style in taper_lines(summary.taper):
        _text(doc, line, style=style)


def taper_lines(taper: TaperReport) -> list[tuple[str, str]]:
    """The taper section's lines as (text, style): the plan, where it stands, the SOWS, the DSM-5."""
    lines: list[tuple[str, str]] = []
    plan = taper.plan
    if plan is not None:
        goal = "0 g (stopping)" if not plan.goal_grams else f"{plan.goal_grams:g} g a day"
        lines.append(
            (
                f"Taper plan from {plan.start_grams:g} g a day, starting {day_words(plan.start_on)}, to "
                f"{goal}: {plan.pace.lower()}; {plan.steps} steps, {plan.doses_per_day} "
                f"dose{'' if plan.doses_per_day == 1 else 's'} a day, measured as {plan.measure}.",
                "B",
            )
        )
        lines.append((_plan_state(plan), ""))
    if taper.sows is not None:
        sows = taper.sows
        spread = (
            f"; {sows.count} scores in the period, lowest {sows.lowest}, highest {sows.highest}"
            if sows.count > 1
            else ""
        )
        lines.append(
            (
                f"Withdrawal (SOWS, self-rated, 0–{sows.max_total}; no kratom cut-offs): latest "
                f"{sows.latest} on {day_words(sows.latest_at.date())}{spread}.",
                "",
            )
        )
    if taper.dsm5 is not None:
        dsm5 = taper.dsm5
        lines.append(
            (
                f"DSM-5 criteria self-check for kratom ({dsm5.words}): {dsm5.count} of {dsm5.of} "
                f"({dsm5.band.lower()}) on {day_words(dsm5.at.date())}.",
                "",
            )
        )
    return lines


def _plan_state(plan: TaperPlanLine) -> str:
    if plan.state in ("finished", "ended"):
        day = plan.ended_on if plan.state == "ended" else plan.finish_on
        words = f"The plan {plan.state}" + (f" on {day_words(day)}" if day else "") + "."
    else:
        words = plan.state.capitalize()
        if plan.current_step is not None and plan.target_grams is not None:
            words += f" at step {plan.current_step} of {plan.steps}, target {plan.target_grams:g} g a day"
        if plan.pause_reason:
            reason = plan.pause_reason.rstrip(".")
            words += f" ({reason[0].lower()}{reason[1:]})"
        if plan.finish_on is not None:
            words += f"; projected last day {day_words(plan.finish_on)} if not paused again"
        words += "."
    if plan.over_days:
        words += f" Days with more logged than the day's target: {plan.over_days}."
    return words


def _questions(doc: FPDF, summary: ReportSummary) -> None:
    _heading(doc, "Questions to discuss")
    if not summary.questions:
        _none(doc, "Nothing in the journal raised a question; the person may bring their own.")
        return
    for question in summary.questions:
        _text(doc, f"•  {question}")


# --- the chart -------------------------------------------------------------------------------


def chart_png(pain: Pain) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    days = [d.day for d in pain.days]
    figure = Figure(figsize=(7.2, 1.95), dpi=170)
    axes = figure.add_axes((0.06, 0.14, 0.68, 0.8))
    pain_days = [(d.day, d.pain) for d in pain.days if d.pain is not None]
    peg_days = [(d.day, d.peg) for d in pain.days if d.peg is not None]
    if pain_days:
        axes.plot(*zip(*pain_days, strict=True), "o", ms=2.2, color="#9aa7b8", label="pain now (day's mean)")
    if peg_days:
        axes.plot(*zip(*peg_days, strict=True), "-", lw=1.2, color="#1f4e79", label="PEG-3 (day's mean)")
    if pain.peg_baseline is not None and pain.important_drop is not None:
        goal = pain.peg_baseline - pain.important_drop
        axes.axhline(pain.peg_baseline, ls="--", lw=0.9, color="#555555", label="PEG-3, first 4 weeks")
        axes.axhspan(0, goal, color="#2e7d32", alpha=0.09, lw=0)
        fall = f"clinically important fall (−{pain.important_drop:.1f})"
        axes.axhline(goal, ls=":", lw=1.1, color="#2e7d32", label=fall)
    axes.set_ylim(0, 10)
    axes.set_xlim(mdates.date2num(days[0]), mdates.date2num(days[-1]))  # type: ignore[no-untyped-call]
    axes.set_yticks([0, 2, 4, 6, 8, 10])
    axes.tick_params(labelsize=6.5, length=2)
    axes.grid(axis="y", lw=0.3, color="#dddddd")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_ylabel("0–10", fontsize=6.5)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))  # type: ignore[no-untyped-call]
    axes.legend(fontsize=6.3, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    out = BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


# --- words -----------------------------------------------------------------------------------


def day_words(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def dates_words(started: date | None, stopped: date | None) -> str:
    since = f"since {day_words(started)}" if started else "start not recorded"
    if stopped:
        return f"{day_words(started)} to {day_words(stopped)}" if started else f"stopped {day_words(stopped)}"
    return since


def num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:.0f}"
