"""Trends: charts of daily grams (with a 7-day mean), grams per dose, doses per day, pain/PEG, lanes
of medications, substances and symptoms, and liver tests; each with a sentence and a table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.urls import reverse

from speciosa.journal import services

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> dict[str, ET.Element]:
    found = {}
    for markup in re.findall(r"<svg .*?</svg>", html, flags=re.S):
        root = ET.fromstring(markup)
        found[root.get("aria-labelledby").split("-")[0]] = root
    return found


def table_cells(html: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table class="striped" id="{table_id}-table">(.*?)</table>', html, flags=re.S).group(
        1
    )
    body = table.split("<tbody>")[1]
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def logged(alice, frozen_now):
    """Two doses today, one three days ago, and check-ins with pain and PEG."""
    services.dose_create(user=alice, amount=3, now=frozen_now, taken_at=frozen_now - timedelta(hours=2))
    services.dose_create(user=alice, amount=1.5, now=frozen_now)
    services.dose_create(user=alice, amount=4, now=frozen_now, taken_at=frozen_now - timedelta(days=3))
    services.entry_create(
        user=alice,
        kind="checkins",
        now=frozen_now,
        values={"at": frozen_now, "pain_now": 6, "peg_pain": 5, "peg_enjoyment": 4, "peg_activity": 6},
    )
    services.entry_create(
        user=alice,
        kind="checkins",
        now=frozen_now,
        values={"at": frozen_now - timedelta(hours=1), "pain_now": 3},
    )


CHARTS = {"grams", "lanes", "perdose", "doses", "pain"}


@pytest.mark.parametrize("days", [30, 90, 365])
def test_each_window_draws_one_bar_per_day_and_a_table_with_the_same_numbers(alice_client, logged, days):
    html = alice_client.get(reverse("web:trends") + f"?days={days}").content.decode()
    charts = svgs(html)
    assert set(charts) == CHARTS
    for name in ("grams", "doses"):
        bars = [rect for rect in charts[name].iter(f"{SVG}rect") if rect.get("class") == "bar"]
        assert len(bars) == days
        rows = table_cells(html, name)
        assert len(rows) == days
        assert [row[1] for row in rows] == [bar.get("data-value") for bar in bars]
    # 8.5 g over the 4 days since 4 March, when the journal began:
    assert table_cells(html, "grams")[-1] == [
        "Sat 7 Mar 2026",
        "4.5",
        "2.12",
    ]
    assert table_cells(html, "grams")[-4] == ["Wed 4 Mar 2026", "4", "4"]  # the journal's first day
    assert table_cells(html, "doses")[-1] == ["Sat 7 Mar 2026", "2"]
    assert table_cells(html, "perdose")[-1] == ["Sat 7 Mar 2026", "2.25"]
    assert table_cells(html, "pain")[-1] == ["Sat 7 Mar 2026", "4.5", "5"]


def test_every_chart_is_an_image_labelled_by_its_title_and_its_summary_with_a_table(alice_client, logged):
    html = alice_client.get(reverse("web:trends")).content.decode()
    for name, root in svgs(html).items():
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{name}-title {name}-summary"
        assert root.find(f"{SVG}title").text
        assert re.search(rf'<p class="chart-summary" id="{name}-summary">[^<]+\.</p>', html)
        assert f'id="{name}-table"' in html
    assert html.count("Show these numbers as a table") == len(CHARTS)


def test_chart_text_is_sized_in_css_pixels_not_by_a_viewbox(alice_client, logged):
    """Without a viewBox the SVG is not scaled, so 13 px text stays 13 px on a 320 px phone."""
    for root in svgs(alice_client.get(reverse("web:trends")).content.decode()).values():
        assert root.get("viewBox") is None and root.get("width") == "100%"


def test_the_grams_chart_draws_the_seven_day_mean_over_the_bars(alice_client, logged):
    html = alice_client.get(reverse("web:trends")).content.decode()
    grams = svgs(html)["grams"]
    means = [line for line in grams.iter(f"{SVG}line") if line.get("class") == "line mean"]
    assert len(means) == 3  # 4, 5, 6 and 7 March are joined; days before the journal have no mean
    assert "7-day mean" in html


def test_the_window_defaults_to_30_days_and_the_switcher_marks_the_current_one(alice_client, logged):
    for query in ("", "?days=7", "?days=abc"):
        response = alice_client.get(reverse("web:trends") + query)
        assert response.status_code == 200 and response.context["span"].days == 30
    html = alice_client.get(reverse("web:trends") + "?days=90").content.decode()
    assert re.search(r'href="\?days=90"[^>]*aria-current="page"', html)
    assert 'href="?days=30"' in html and 'href="?days=365"' in html and 'href="?range=all"' in html


def test_since_the_first_entry_starts_on_the_first_logged_day(alice_client, logged):
    response = alice_client.get(reverse("web:trends") + "?range=all")
    assert response.context["span"].first.isoformat() == "2026-03-04"
    assert re.search(r'href="\?range=all"[^>]*aria-current="page"', response.content.decode())
    assert len(table_cells(response.content.decode(), "grams")) == 4


def test_custom_dates_show_exactly_those_days_and_keep_them_in_the_form(alice_client, logged):
    html = alice_client.get(reverse("web:trends") + "?from=2026-03-03&to=2026-03-05").content.decode()
    assert [row[0] for row in table_cells(html, "grams")] == [
        "Tue 3 Mar 2026",
        "Wed 4 Mar 2026",
        "Thu 5 Mar 2026",
    ]
    assert 'name="from" value="2026-03-03"' in html and 'name="to" value="2026-03-05"' in html
    assert '<details class="custom-range" open>' in html


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("?from=2026-03-05&to=2026-03-01", "From", "must be on or before the last day"),
        ("?from=someday&to=2026-03-01", "From", "is not a date"),
        ("?from=2026-03-01&to=2026-03-09", "To", "must not be after today"),
        ("?from=2025-01-01&to=2026-03-01", "From", "covers more than 366 days"),
        ("?from=2026-03-01", "To", "give the last day too"),
    ],
)
def test_a_wrong_custom_span_names_the_field_and_falls_back_to_30_days(
    alice_client, logged, query, field, words
):
    response = alice_client.get(reverse("web:trends") + query)
    html = response.content.decode()
    assert response.status_code == 200 and response.context["span"].days == 30
    alert = re.search(r'<p class="range-error" id="trends-error" role="alert">(.*?)</p>', html, re.S).group(1)
    assert f"<strong>{field}</strong>" in alert and words in alert
    input_id = "trends-from" if field == "From" else "trends-to"
    assert re.search(rf'id="{input_id}"[^>]*aria-invalid="true"', html, re.S)


def test_an_empty_journal_shows_empty_charts_that_say_so(alice_client, frozen_now):
    html = alice_client.get(reverse("web:trends")).content.decode()
    assert html.count("Nothing logged in this span") == 4  # grams, grams per dose, doses, pain
    assert "No liver tests" in html


def test_the_summary_counts_the_window(alice_client, logged):
    summary = alice_client.get(reverse("web:trends")).context["summary"]
    assert summary == {
        "total_grams": "8.5",
        "dose_days": 2,
        "mean_grams_on_dose_days": "4.25",
        "checkin_days": 1,
    }


def test_a_medication_is_a_bar_from_its_start_to_its_stop_beside_the_kratom_days(alice, alice_client, logged):
    services.entry_create(
        user=alice,
        kind="medications",
        values={"name": "Oxycodone", "started_on": date(2026, 3, 1), "stopped_on": date(2026, 3, 5)},
    )
    html = alice_client.get(reverse("web:trends")).content.decode()
    lanes = svgs(html)["lanes"]
    [bar] = [rect for rect in lanes.iter(f"{SVG}rect") if rect.get("class") == "span"]
    assert (bar.get("data-start"), bar.get("data-end")) == ("2026-03-01", "2026-03-05")
    kratom = next(g for g in lanes.iter(f"{SVG}g") if g.get("data-lane") == "kratom")
    dose_days = [r.get("data-day") for r in kratom.iter(f"{SVG}rect") if "mark" in r.get("class")]
    assert dose_days == ["2026-03-04", "2026-03-07"]
    assert "Oxycodone (1 Mar 2026 to 5 Mar 2026): kratom on 1 of its 5 days here." in html


def test_liver_tests_appear_with_their_upper_limit_when_the_journal_has_them(alice, alice_client, logged):
    services.entry_create(
        user=alice,
        kind="labs",
        values={
            "taken_on": date(2026, 3, 2),
            "test": "ALT",
            "value": 84,
            "unit": "U/L",
            "reference_high": 56,
        },
    )
    html = alice_client.get(reverse("web:trends")).content.decode()
    labs = svgs(html)["labs"]
    [dot] = [c for c in labs.iter(f"{SVG}circle")]
    assert (dot.get("data-value"), dot.get("data-times-limit")) == ("84", "1.5") and "above" in dot.get(
        "class"
    )
    assert table_cells(html, "labs") == [
        ["Mon 2 Mar 2026", "ALT (alanine aminotransferase)", "84 U/L", "56 U/L", "1.5×"]
    ]
    assert "ALT above its upper limit of 56 U/L in 1 of 1 results" in html
