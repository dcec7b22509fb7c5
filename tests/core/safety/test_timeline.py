"""The dose timeline on Today: expected onset, peak and end bands from the sources' time courses, what
is active now, the earliest sensible redose, and the milligrams of alkaloids in a dose."""

from __future__ import annotations

from datetime import timedelta

import pytest

from speciosa.core.safety.timeline import alkaloid_mg, dose_timeline
from speciosa.refdata import thresholds, time_courses
from tests.core.safety.builders_b import NOW, ago, dose, journal, product, view_of


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def test_a_powder_dose_gets_the_onset_peak_and_end_bands_the_sources_span():
    taken = dose(ago(minutes=30))
    course = time_courses()["powder"]

    [entry] = dose_timeline(view_of(journal(doses=[taken])))

    assert entry.dose == taken
    assert entry.form == "powder"
    assert entry.onset.start == taken.taken_at + minutes(course.onset_minutes.low)
    assert entry.onset.end == taken.taken_at + minutes(course.onset_minutes.high)
    assert entry.peak.start == taken.taken_at + minutes(course.peak_minutes.low)
    assert entry.peak.end == taken.taken_at + minutes(course.peak_minutes.high)
    assert entry.ends.start == taken.taken_at + minutes(course.duration_minutes.low)
    assert entry.ends.end == taken.taken_at + minutes(course.duration_minutes.high)
    assert entry.active_now
    assert entry.phase == "coming on"
    assert "psychonautwiki-journal-bundle" in entry.sources and "tanna-2022" in entry.sources


def test_the_earliest_redose_is_after_the_expected_peak():
    taken = dose(ago(minutes=30))

    [entry] = dose_timeline(view_of(journal(doses=[taken])))

    assert entry.earliest_redose_at == entry.peak.end
    assert entry.earliest_redose_at >= taken.taken_at + minutes(thresholds().redose_before_peak_minutes.value)


def test_capsules_are_shifted_later_by_the_capsule_delay():
    caps = product(form="capsules")
    taken = dose(ago(minutes=30), of=caps)
    delay = time_courses()["capsules"].delay_minutes
    powder = time_courses()["powder"]

    [entry] = dose_timeline(view_of(journal(products=[caps], doses=[taken])))

    assert delay > 0
    assert entry.form == "capsules"
    assert entry.onset.start == taken.taken_at + minutes(powder.onset_minutes.low + delay)
    assert entry.earliest_redose_at == taken.taken_at + minutes(powder.peak_minutes.high + delay)


def test_a_dose_is_active_until_the_latest_end_any_source_gives_and_not_after():
    longest = time_courses()["powder"].duration_minutes.high

    [at_end] = dose_timeline(view_of(journal(doses=[dose(NOW - minutes(longest))])))
    [after] = dose_timeline(view_of(journal(doses=[dose(NOW - minutes(longest + 1))])))

    assert at_end.active_now and at_end.phase == "wearing off"
    assert not after.active_now and after.phase == "expected to be over"


@pytest.mark.parametrize(
    ("minutes_ago", "phase"),
    [
        (1, "before it is expected to start"),
        (30, "coming on"),
        (60, "around its expected peak"),
        (200, "wearing off"),
    ],
)
def test_the_phase_says_where_a_dose_is_expected_to_be(minutes_ago, phase):
    [entry] = dose_timeline(view_of(journal(doses=[dose(ago(minutes=minutes_ago))])))

    assert entry.phase == phase


def test_only_the_doses_of_the_last_24_hours_are_on_the_timeline_oldest_first():
    old, edge, later, latest = (dose(ago(hours=h)) for h in (24.1, 24, 3, 1))

    entries = dose_timeline(view_of(journal(doses=[latest, old, later, edge])))

    assert [e.dose for e in entries] == [edge, later, latest]


def test_a_list_of_doses_with_their_products_and_now_works_without_a_view():
    caps = product(form="capsules")
    doses = [dose(ago(hours=2), of=caps), dose(ago(hours=30)), dose(NOW + minutes(5))]

    [entry] = dose_timeline(doses, {caps.uid: caps}, NOW)

    assert entry.product == caps and entry.form == "capsules"


def test_a_list_of_doses_needs_now():
    with pytest.raises(ValueError, match="needs `now`"):
        dose_timeline([dose(ago(hours=1))])


def test_time_courses_can_be_passed_in():
    custom = {**time_courses(), "powder": time_courses()["capsules"]}
    taken = dose(ago(minutes=10))

    [entry] = dose_timeline([taken], {}, NOW, custom)

    assert entry.onset.start == taken.taken_at + minutes(custom["powder"].onset_minutes.low)


def test_alkaloid_milligrams_are_grams_times_percent_times_ten_with_the_assumption_stated():
    leaf = product(mitragynine_percent=1.6, seven_oh_percent=0.02)

    mg = alkaloid_mg(dose(ago(hours=1), 5.0, leaf), leaf)

    assert mg is not None
    assert mg.mitragynine_mg == pytest.approx(80.0)
    assert mg.seven_oh_mg == pytest.approx(1.0)
    assert "grams × % by weight × 10" in mg.assumption


def test_alkaloid_milligrams_need_a_product_with_an_alkaloid_figure():
    plain, metals_only = product(), product(lead_ppm=0.1)

    assert alkaloid_mg(dose(ago(hours=1)), None) is None
    assert alkaloid_mg(dose(ago(hours=1), of=plain), plain) is None
    assert alkaloid_mg(dose(ago(hours=1), of=metals_only), metals_only) is None


def test_a_product_with_only_a_mitragynine_figure_gives_no_seven_oh_figure():
    leaf = product(mitragynine_percent=1.4)

    mg = alkaloid_mg(dose(ago(hours=1), 2.0, leaf), leaf)

    assert mg is not None and mg.mitragynine_mg == pytest.approx(28.0) and mg.seven_oh_mg is None


def test_the_timeline_carries_the_alkaloid_milligrams_of_each_dose():
    leaf = product(mitragynine_percent=1.5)

    [entry] = dose_timeline(view_of(journal(products=[leaf], doses=[dose(ago(hours=1), 4.0, leaf)])))

    assert entry.alkaloids is not None and entry.alkaloids.mitragynine_mg == pytest.approx(60.0)
