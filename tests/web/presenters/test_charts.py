"""The Trends charts are valid SVG, draw one bar per day, and their tables carry the same numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from speciosa.web.presenters import charts

SVG = "{http://www.w3.org/2000/svg}"


def days(count: int, last: date = date(2026, 3, 7)) -> list[date]:
    return [last - timedelta(days=count - 1 - i) for i in range(count)]


def parse(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def test_a_bar_chart_is_valid_svg_with_a_title_and_a_description():
    chart = charts.bar_chart("grams", days(3), [1.5, 0, 4], title="Grams per day", unit="g", column="Grams")
    root = parse(chart)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Grams per day"
    assert "total 5.5 g, on 2 of 3 days; highest 4 g" in root.find(f"{SVG}desc").text
    assert root.get("aria-labelledby") == "grams-title grams-desc"


@pytest.mark.parametrize("count", [30, 90, 365])
def test_a_bar_chart_draws_one_bar_per_day_even_on_days_with_nothing(count):
    values = [float(i % 4) for i in range(count)]
    root = parse(charts.bar_chart("g", days(count), values, title="t", unit="g", column="Grams"))
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]
    assert len(bars) == count
    assert [bar.get("data-day") for bar in bars] == [day.isoformat() for day in days(count)]
    assert sum(1 for bar in bars if float(bar.get("height")) == 0) == count // 4 + (1 if count % 4 else 0)


def test_taller_bars_mean_larger_values_and_stay_inside_the_chart():
    root = parse(charts.bar_chart("g", days(3), [2, 8, 5], title="t", unit="g", column="Grams"))
    heights = [float(rect.get("height")) for rect in root.iter(f"{SVG}rect")]
    assert heights[1] > heights[2] > heights[0] > 0
    for rect in root.iter(f"{SVG}rect"):
        assert float(rect.get("y")) >= 0 and float(rect.get("y")) + float(rect.get("height")) <= charts.HEIGHT


def test_the_bar_table_carries_the_same_numbers_as_the_bars():
    values = [0.0, 3.25, 12.5, 1 / 3]
    chart = charts.bar_chart("g", days(4), values, title="t", unit="g", column="Grams")
    bars = [rect for rect in parse(chart).iter(f"{SVG}rect")]
    assert chart.columns == ["Day", "Grams"]
    assert (
        [row[1] for row in chart.rows]
        == [bar.get("data-value") for bar in bars]
        == ["0", "3.25", "12.5", "0.33"]
    )
    assert chart.rows[0][0] == "Wed 4 Mar 2026"
    assert [bar.find(f"{SVG}title").text for bar in bars][2] == "Fri 6 Mar 2026: 12.5 g"


def test_a_window_with_nothing_logged_says_so():
    chart = charts.bar_chart("g", days(30), [0.0] * 30, title="t", unit="g", column="Grams")
    assert "Nothing logged in this window" in chart.svg
    ET.fromstring(chart.svg)


def test_text_in_a_chart_is_escaped():
    chart = charts.bar_chart("g", days(2), [1, 2], title='<script>"x" & y</script>', unit="g", column="Grams")
    root = parse(chart)
    assert root.find(f"{SVG}title").text == '<script>"x" & y</script>'
    assert "<script>" not in chart.svg


def test_a_line_chart_breaks_on_days_without_an_answer_and_marks_every_answer():
    values = [5.0, None, 6.0, 7.0, None]
    peg = [None, None, 4.33, None, None]
    chart = charts.line_chart(
        "pain",
        days(5),
        [charts.Series("Pain now", values, "pain"), charts.Series("PEG score", peg, "peg")],
        title="t",
    )
    root = parse(chart)
    pain_path = next(p for p in root.iter(f"{SVG}path") if "pain" in p.get("class"))
    assert pain_path.get("d").count("M") == 2  # two runs: day 1, then days 3-4
    dots = [c for c in root.iter(f"{SVG}circle")]
    assert [(c.get("data-day"), c.get("data-value")) for c in dots if "pain" in c.get("class")] == [
        ("2026-03-03", "5"),
        ("2026-03-05", "6"),
        ("2026-03-06", "7"),
    ]
    assert [c.get("data-value") for c in dots if "peg" in c.get("class")] == ["4.33"]
    assert chart.columns == ["Day", "Pain now", "PEG score"]
    assert chart.rows[2] == ["Thu 5 Mar 2026", "6", "4.33"]
    assert chart.rows[1] == ["Wed 4 Mar 2026", "—", "—"]
    assert "Pain now: 3 of 5 days answered, mean 6" in chart.description


def test_a_line_chart_uses_a_fixed_zero_to_ten_scale():
    chart = charts.line_chart("p", days(2), [charts.Series("Pain now", [0, 10], "pain")], title="t")
    dots = list(parse(chart).iter(f"{SVG}circle"))
    assert float(dots[0].get("cy")) == pytest.approx(charts.TOP + charts.PLOT_H)
    assert float(dots[1].get("cy")) == pytest.approx(charts.TOP)


@pytest.mark.parametrize(
    ("peak", "top"), [(0, 1), (0.4, 0.5), (3, 5), (7.5, 10), (12, 20), (23, 25), (101, 200)]
)
def test_the_scale_ends_at_a_round_number_at_or_above_the_peak(peak, top):
    assert charts.nice_ceiling(peak) == top


def test_mismatched_days_and_values_are_refused():
    with pytest.raises(ValueError):
        charts.bar_chart("g", days(3), [1, 2], title="t", unit="g", column="Grams")


@pytest.mark.parametrize(("peak", "top"), [(0, 2), (1, 2), (3, 4), (4, 4), (7, 8)])
def test_a_chart_of_counts_has_whole_ticks(peak, top):
    root = parse(
        charts.bar_chart("d", days(2), [0, peak], title="t", unit="doses", column="Doses", counts=True)
    )
    ticks = [
        t.text
        for t in root.iter(f"{SVG}text")
        if t.get("text-anchor") == "end" and "unit" not in t.get("class")
    ]
    assert ticks[:3] == ["0", str(top // 2), str(top)]
