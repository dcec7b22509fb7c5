"""Trends: charts of daily grams, doses per day and pain/PEG, each with a table of the same numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

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


@pytest.mark.parametrize("days", [30, 90, 365])
def test_each_window_draws_one_bar_per_day_and_a_table_with_the_same_numbers(alice_client, logged, days):
    html = alice_client.get(reverse("web:trends") + f"?days={days}").content.decode()
    charts = svgs(html)
    assert set(charts) == {"grams", "doses", "pain"}
    for name in ("grams", "doses"):
        bars = [rect for rect in charts[name].iter(f"{SVG}rect") if rect.get("class") == "bar"]
        assert len(bars) == days
        rows = table_cells(html, name)
        assert len(rows) == days
        assert [row[1] for row in rows] == [bar.get("data-value") for bar in bars]
    assert table_cells(html, "grams")[-1] == ["Sat 7 Mar 2026", "4.5"]
    assert table_cells(html, "grams")[-4] == ["Wed 4 Mar 2026", "4"]
    assert table_cells(html, "doses")[-1] == ["Sat 7 Mar 2026", "2"]
    assert table_cells(html, "pain")[-1] == ["Sat 7 Mar 2026", "4.5", "5"]


def test_every_chart_has_a_title_a_description_and_a_table_alternative(alice_client, logged):
    html = alice_client.get(reverse("web:trends")).content.decode()
    for name, root in svgs(html).items():
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title").text
        assert root.find(f"{SVG}desc").text
        assert f'id="{name}-table"' in html
    assert html.count("<details>") == 3 and html.count("Show these numbers as a table") == 3


def test_the_window_defaults_to_30_days_and_the_switcher_marks_the_current_one(alice_client, logged):
    for query in ("", "?days=7", "?days=abc"):
        response = alice_client.get(reverse("web:trends") + query)
        assert response.status_code == 200 and response.context["days"] == 30
    html = alice_client.get(reverse("web:trends") + "?days=90").content.decode()
    assert re.search(r'href="\?days=90"[^>]*aria-current="page"', html)
    assert 'href="?days=30"' in html and 'href="?days=365"' in html


def test_an_empty_journal_shows_empty_charts_that_say_so(alice_client, frozen_now):
    html = alice_client.get(reverse("web:trends")).content.decode()
    assert html.count("Nothing logged in this window") == 3


def test_the_summary_counts_the_window(alice_client, logged):
    summary = alice_client.get(reverse("web:trends")).context["summary"]
    assert summary == {
        "total_grams": "8.5",
        "dose_days": 2,
        "mean_grams_on_dose_days": "4.25",
        "checkin_days": 1,
    }
