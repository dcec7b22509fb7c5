"""The Trends charts are valid SVG on one shared time axis, draw one bar per day, and their tables
carry the same numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from speciosa.journal.trends import Interval, LabPoint, LabSeries, Lane, Mark
from speciosa.web.presenters import charts

SVG = "{http://www.w3.org/2000/svg}"


def days(count: int, last: date = date(2026, 3, 7)) -> list[date]:
    return [last - timedelta(days=count - 1 - i) for i in range(count)]


def parse(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def pct(value: str) -> float:
    assert value.endswith("%")
    return float(value[:-1])


def bar(chart_id="grams", count=3, values=None, **options) -> charts.Chart:
    values = values if values is not None else [float(i % 4) for i in range(count)]
    return charts.bar_chart(
        chart_id,
        days(len(values)),
        values,
        title="Grams per day",
        summary="S.",
        unit="g",
        column="Grams",
        **options,
    )


def test_a_bar_chart_is_an_image_labelled_by_its_title_and_the_summary_beside_it():
    chart = bar(values=[1.5, 0, 4], span="last 3 days")
    root = parse(chart)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "grams-title grams-summary"
    assert root.find(f"{SVG}title").text == "Grams per day, last 3 days"
    assert chart.summary == "S." and chart.title == "Grams per day"


def test_a_chart_has_no_viewbox_so_its_text_keeps_its_css_size_at_any_width():
    root = parse(bar())
    assert root.get("viewBox") is None and root.get("width") == "100%"
    assert int(root.get("height")) == charts.HEIGHT


@pytest.mark.parametrize("count", [30, 90, 365])
def test_a_bar_chart_draws_one_bar_per_day_even_on_days_with_nothing(count):
    root = parse(bar(count=count))
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]
    assert len(bars) == count
    assert [b.get("data-day") for b in bars] == [day.isoformat() for day in days(count)]
    assert sum(1 for b in bars if float(b.get("height")) == 0) == count // 4 + (1 if count % 4 else 0)


def test_day_positions_are_shares_of_the_width_in_order():
    bars = [r for r in parse(bar(count=10)).iter(f"{SVG}rect") if r.get("class") == "bar"]
    lefts = [pct(b.get("x")) for b in bars]
    assert lefts == sorted(lefts) and 0 <= lefts[0] < 10 and 90 <= lefts[-1] < 100
    assert all(pct(b.get("x")) + pct(b.get("width")) <= 100 for b in bars)


def test_taller_bars_mean_larger_values_and_stay_inside_the_chart():
    root = parse(bar(values=[2, 8, 5]))
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights[1] > heights[2] > heights[0] > 0
    for rect in root.iter(f"{SVG}rect"):
        assert float(rect.get("y")) >= 0 and float(rect.get("y")) + float(rect.get("height")) <= charts.HEIGHT


def test_the_bar_table_carries_the_same_numbers_as_the_bars_and_the_mean():
    chart = bar(values=[0.0, 3.25, 12.5, 1 / 3], mean=[None, 3.25, 7.875, 4.0], mean_name="7-day mean")
    bars = [r for r in parse(chart).iter(f"{SVG}rect")]
    assert chart.columns == ["Day", "Grams", "7-day mean"]
    assert (
        [row[1] for row in chart.rows] == [b.get("data-value") for b in bars] == ["0", "3.25", "12.5", "0.33"]
    )
    assert [row[2] for row in chart.rows] == ["—", "3.25", "7.88", "4"]
    assert chart.rows[0][0] == "Wed 4 Mar 2026"
    assert bars[2].find(f"{SVG}title").text == "Fri 6 Mar 2026: 12.5 g; 7-day mean 7.88 g"


def test_the_mean_is_a_line_from_day_to_day_that_breaks_where_there_is_no_mean():
    chart = bar(values=[1, 2, 3, 4], mean=[None, 2, 2.5, 3], mean_name="7-day mean")
    segments = [line for line in parse(chart).iter(f"{SVG}line") if line.get("class") == "line mean"]
    assert len(segments) == 2
    assert pct(segments[0].get("x1")) == pytest.approx(charts.x_mid(1, 4))
    assert ("mean", "7-day mean") in chart.legend


def test_a_span_with_nothing_logged_says_so():
    chart = bar(values=[0.0] * 30)
    assert "Nothing logged in this span" in chart.svg
    ET.fromstring(chart.svg)


def test_text_in_a_chart_is_escaped():
    chart = charts.bar_chart(
        "g", days(2), [1, 2], title='<script>"x" & y</script>', summary="s", unit="g", column="Grams"
    )
    assert parse(chart).find(f"{SVG}title").text == '<script>"x" & y</script>'
    assert "<script>" not in chart.svg


def test_a_line_chart_breaks_on_days_without_an_answer_and_marks_every_answer():
    values = [5.0, None, 6.0, 7.0, None]
    peg = [None, None, 4.33, None, None]
    chart = charts.line_chart(
        "pain",
        days(5),
        [charts.Series("Pain now", values, "pain"), charts.Series("PEG score", peg, "peg")],
        title="t",
        summary="s",
        top=10,
    )
    root = parse(chart)
    pain_lines = [line for line in root.iter(f"{SVG}line") if line.get("class") == "line pain"]
    assert len(pain_lines) == 1  # only days 3 and 4 are next to each other
    dots = list(root.iter(f"{SVG}circle"))
    assert [(c.get("data-day"), c.get("data-value")) for c in dots if "pain" in c.get("class")] == [
        ("2026-03-03", "5"),
        ("2026-03-05", "6"),
        ("2026-03-06", "7"),
    ]
    assert [c.get("data-value") for c in dots if "peg" in c.get("class")] == ["4.33"]
    assert chart.columns == ["Day", "Pain now", "PEG score"]
    assert chart.rows[2] == ["Thu 5 Mar 2026", "6", "4.33"]
    assert chart.rows[1] == ["Wed 4 Mar 2026", "—", "—"]


def test_a_line_chart_with_a_fixed_top_puts_zero_at_the_bottom_and_the_top_at_the_top():
    chart = charts.line_chart(
        "p", days(2), [charts.Series("Pain now", [0, 10], "pain")], title="t", summary="s", top=10
    )
    dots = list(parse(chart).iter(f"{SVG}circle"))
    assert float(dots[0].get("cy")) == pytest.approx(charts.TOP + charts.PLOT_H)
    assert float(dots[1].get("cy")) == pytest.approx(charts.TOP)


def test_a_line_chart_without_a_fixed_top_ends_at_a_round_number_over_the_highest_value():
    chart = charts.line_chart(
        "d", days(2), [charts.Series("Grams per dose", [2, 4.2], "perdose")], title="t", summary="s", unit="g"
    )
    labels = [t.text for t in parse(chart).iter(f"{SVG}text") if "day" not in t.get("class")]
    assert labels[:3] == ["0", "2.5", "5 g"]


@pytest.mark.parametrize(
    ("peak", "top"), [(0, 1), (0.4, 0.5), (3, 5), (7.5, 10), (12, 20), (23, 25), (101, 200)]
)
def test_the_scale_ends_at_a_round_number_at_or_above_the_peak(peak, top):
    assert charts.nice_ceiling(peak) == top


def test_mismatched_days_and_values_are_refused():
    with pytest.raises(ValueError):
        charts.bar_chart("g", days(3), [1, 2], title="t", summary="s", unit="g", column="Grams")


@pytest.mark.parametrize(("peak", "top"), [(0, 2), (1, 2), (3, 4), (4, 4), (7, 8)])
def test_a_chart_of_counts_has_whole_ticks(peak, top):
    chart = charts.bar_chart(
        "d", days(2), [0, peak], title="t", summary="s", unit="doses", column="Doses", counts=True
    )
    ticks = [t.text for t in parse(chart).iter(f"{SVG}text") if t.get("class") == "tick"]
    assert ticks[:3] == ["0", str(top // 2), f"{top} doses"]


def test_the_time_axis_names_the_first_and_last_day_at_the_edges():
    labels = [t for t in parse(bar(count=30)).iter(f"{SVG}text") if "day" in t.get("class")]
    assert (labels[0].text, labels[0].get("x"), labels[0].get("text-anchor")) == ("6 Feb", "0", "start")
    assert (labels[-1].text, labels[-1].get("x"), labels[-1].get("text-anchor")) == ("7 Mar", "100%", "end")
    assert len(labels) == charts.DAY_LABELS


def lanes_chart() -> charts.Chart:
    span = days(10)
    medication = Lane(
        "medication-1",
        "medication",
        "Oxycodone (medication)",
        intervals=[Interval(span[2], span[5], False, False, span[2], span[5], 3)],
    )
    kratom = Lane("kratom", "kratom", "Kratom doses", marks=[Mark(span[4], 2, "2 doses, 6 g", 2)])
    return charts.lanes_chart("lanes", span, [kratom, medication], title="Lanes", summary="s")


def test_a_medication_bar_covers_exactly_its_days_on_the_shared_axis():
    root = parse(lanes_chart())
    [bar_] = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "span"]
    assert (bar_.get("data-start"), bar_.get("data-end")) == ("2026-02-28", "2026-03-03")
    assert pct(bar_.get("x")) == pytest.approx(charts.x_left(2, 10))
    assert pct(bar_.get("x")) + pct(bar_.get("width")) == pytest.approx(charts.x_left(6, 10))
    [mark] = [r for r in root.iter(f"{SVG}rect") if "mark" in (r.get("class") or "")]
    assert charts.x_left(2, 10) < pct(mark.get("x")) < charts.x_left(6, 10)


def test_the_lanes_table_lists_each_interval_and_each_marked_day():
    chart = lanes_chart()
    assert chart.columns == ["Lane", "Days", "What"]
    assert chart.rows == [
        ["Kratom doses", "Mon 2 Mar 2026", "2 doses, 6 g"],
        [
            "Oxycodone (medication)",
            "Sat 28 Feb 2026 to Tue 3 Mar 2026",
            "from Sat 28 Feb 2026, to Tue 3 Mar 2026",
        ],
    ]


def test_a_liver_test_is_drawn_as_a_multiple_of_its_upper_limit_with_the_limit_as_a_line():
    span = days(30)
    alt = LabSeries(
        "ALT",
        "ALT (alanine aminotransferase)",
        "U/L",
        [
            LabPoint(span[3], 28, "U/L", 56, False, 0.5),
            LabPoint(span[20], 84, "U/L", 56, True, 1.5),
        ],
        "ALT above its upper limit",
    )
    chart = charts.lab_chart("labs", span, [alt], title="Liver tests", summary="One sentence.")
    root = parse(chart)
    [limit] = [line for line in root.iter(f"{SVG}line") if line.get("class") == "limit"]
    dots = list(root.iter(f"{SVG}circle"))
    assert [d.get("data-times-limit") for d in dots] == ["0.5", "1.5"]
    assert float(dots[1].get("cy")) < float(limit.get("y1")) < float(dots[0].get("cy"))
    assert "above" in dots[1].get("class") and "within" in dots[0].get("class")
    assert chart.rows[1] == ["Thu 26 Feb 2026", "ALT (alanine aminotransferase)", "84 U/L", "56 U/L", "1.5×"]
