"""The clinician summary's "Cutting down" section: the person's own plan, the SOWS totals without a
label, and the latest DSM-5 self-check named as a self-check, on a summary that stays one page."""

from __future__ import annotations

from datetime import date

import pytest

from speciosa.journal.report_data import report_summary
from speciosa.reports.base import period_of
from tests.reports.taper_journal import build_taper_journal
from tests.reports.test_pdf import first_page_opens, pages_of, pdf_of, poppler, text_of  # noqa: F401


def test_the_summary_carries_the_plan_the_sows_range_and_the_latest_dsm5_self_check(alice, frozen_now):
    build_taper_journal(alice, frozen_now)

    taper = report_summary(user=alice, start=date(2026, 2, 8), end=date(2026, 3, 7), now=frozen_now).taper

    assert taper is not None and taper.plan is not None
    assert (taper.plan.start_grams, taper.plan.start_on, taper.plan.state) == (
        12,
        date(2026, 2, 25),
        "paused",
    )
    assert (taper.plan.current_step, taper.plan.target_grams) == (2, 9.75)
    assert "withdrawal score rose from 9 to 24" in taper.plan.pause_reason
    assert taper.plan.finish_on is not None and taper.plan.finish_on > date(2026, 3, 7)
    assert taper.plan.over_days > 0
    assert taper.sows is not None
    assert (taper.sows.latest, taper.sows.lowest, taper.sows.highest, taper.sows.count) == (24, 9, 24, 3)
    assert taper.dsm5 is not None
    assert (taper.dsm5.count, taper.dsm5.of, taper.dsm5.band) == (4, 11, "Moderate")
    assert taper.dsm5.words == "self-check, not a diagnosis"


def test_a_period_before_any_plan_or_self_check_has_no_taper_section(alice, frozen_now):
    build_taper_journal(alice, frozen_now)

    summary = report_summary(user=alice, start=date(2026, 1, 1), end=date(2026, 1, 31), now=frozen_now)

    assert summary.taper is None


def test_a_journal_without_a_plan_or_self_checks_has_none(alice, frozen_now):
    assert (
        report_summary(user=alice, start=date(2026, 2, 8), end=date(2026, 3, 7), now=frozen_now).taper is None
    )


@pytest.mark.usefixtures("poppler")
def test_the_pdf_shows_the_taper_section_and_stays_one_page(alice, frozen_now, tmp_path):
    build_taper_journal(alice, frozen_now)
    period = period_of(user=alice, start=date(2026, 2, 8), end=date(2026, 3, 7), now=frozen_now)

    pdf = pdf_of(alice, period, frozen_now, tmp_path)
    text = text_of(pdf)

    assert "Cutting down (the person's own plan and self-checks)" in text
    assert "Taper plan from 12 g a day, starting 25 Feb 2026, to 0 g (stopping)" in text
    assert "Paused at step 2 of 26, target 9.75 g a day" in text
    assert "latest 24 on 4 Mar 2026; 3 scores in the period, lowest 9, highest 24" in text
    assert "no kratom cut-offs" in text
    assert "self-check, not a diagnosis" in text and "4 of 11 (moderate)" in text
    assert not any(word in text.lower() for word in (" safe ", "recommended"))
    assert first_page_opens(pdf, tmp_path)
    assert pages_of(pdf) == 1
