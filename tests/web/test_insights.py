from datetime import timedelta

from django.urls import reverse

from speciosa.journal import services


def test_the_insights_page_shows_relief_after_a_dose_with_its_interval_and_n(alice, alice_client, frozen_now):
    for day in range(8):
        at = frozen_now - timedelta(days=day + 1)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at - timedelta(minutes=30), "pain_now": 7}
        )
        services.dose_create(user=alice, amount=3, taken_at=at)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at + timedelta(hours=2), "pain_now": 5 - day % 2}
        )
    page = alice_client.get(reverse("web:insights")).content.decode()
    assert "Across 8 before/after pairs, pain eased by 2.5 points" in page
    assert "over 2 g, up to 5 g" in page


def test_an_empty_journal_says_there_is_not_enough_data_yet(alice_client):
    page = alice_client.get(reverse("web:insights")).content.decode()
    assert "Not enough data yet" in page
    assert "Associations, not causes" in page


def test_the_peg_chart_of_a_long_journal_shows_its_last_two_years_of_weeks():
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from speciosa.core.insights.data import CheckInRecord, JournalRecords
    from speciosa.core.insights.report import insights
    from speciosa.web.views.insights import PEG_CHART_WEEKS, _charts

    start = datetime(2020, 1, 6, 20, tzinfo=UTC)
    checkins = [CheckInRecord(start + timedelta(days=d), 5, 5, 5, 5) for d in range(3 * 365)]
    found = insights(JournalRecords(ZoneInfo("UTC"), checkins=checkins))
    assert len(found.peg.weeks) > PEG_CHART_WEEKS
    (chart, svg) = next((c, s) for c, s in _charts(found) if c.id == "pegtrend")
    assert chart.title == "PEG-3 by week, the last two years"
    assert len(chart.rows) == PEG_CHART_WEEKS
    assert chart.rows[-1][0] != chart.rows[0][0]


def test_relief_per_gram_is_drawn_month_by_month_and_listed_in_the_months_table(
    alice, alice_client, frozen_now
):
    for day in range(0, 60, 4):
        at = frozen_now - timedelta(days=day + 1)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at - timedelta(minutes=30), "pain_now": 7}
        )
        services.dose_create(user=alice, amount=2, taken_at=at)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at + timedelta(hours=2), "pain_now": 5}
        )
    page = alice_client.get(reverse("web:insights")).content.decode()
    assert "Relief per gram, by month (from before/after pairs)" in page
    assert '<th scope="col">Relief per gram</th>' in page
    assert '1.00 <span class="muted">(' in page  # 2 points eased by 2 g, with its interval
