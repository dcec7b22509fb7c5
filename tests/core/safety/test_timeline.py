"""The dose timeline on Today: expected onset, peak and end bands from the sources' time courses, what
is active now, when the last dose is expected to peak (never a time to take more), that mitragynine stays
in the blood for days, and the milligrams of alkaloids in a dose."""

from __future__ import annotations

from datetime import timedelta

import pytest

from speciosa.core.safety import timeline as timeline_module
from speciosa.core.safety.timeline import STAYS_IN_BLOOD, alkaloid_mg, dose_timeline, tmax_minutes
from speciosa.refdata import time_courses
from tests.core.safety.builders import NOW, ago, dose, journal, product, view_of


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


def test_a_dose_is_expected_to_peak_about_an_hour_after_it_the_median_published_tmax():
    taken = dose(ago(minutes=30))

    [entry] = dose_timeline(view_of(journal(doses=[taken])))

    assert tmax_minutes() == 60
    assert entry.expected_peak_at == taken.taken_at + minutes(60)
    assert entry.peak.start <= entry.expected_peak_at <= entry.peak.end


def test_the_timeline_offers_no_time_to_take_more():
    [entry] = dose_timeline(view_of(journal(doses=[dose(ago(minutes=30))])))

    assert not hasattr(entry, "earliest_redose_at")
    assert "redose" not in " ".join(vars(timeline_module)).lower()


def test_the_timeline_says_mitragynine_stays_in_the_blood_for_days_and_sedatives_later_still_add_up():
    assert "stays in the blood for days" in STAYS_IN_BLOOD and "43-68 hours" in STAYS_IN_BLOOD
    assert "sedatives taken later still add to it" in STAYS_IN_BLOOD


def test_the_peak_shown_comes_from_blood_levels_not_psychonautwikis_peak_phase_length():
    powder = time_courses()["powder"]

    assert (powder.peak_minutes.low, powder.peak_minutes.high) == (45, 90)
    assert powder.onset_minutes.low == 10, "the grade-D 5-10 minute onset does not widen the shown onset"


def test_capsules_are_shifted_later_by_the_capsule_delay():
    caps = product(form="capsules")
    taken = dose(ago(minutes=30), of=caps)
    delay = time_courses()["capsules"].delay_minutes
    powder = time_courses()["powder"]

    [entry] = dose_timeline(view_of(journal(products=[caps], doses=[taken])))

    assert delay > 0
    assert entry.form == "capsules"
    assert entry.onset.start == taken.taken_at + minutes(powder.onset_minutes.low + delay)
    assert entry.expected_peak_at == taken.taken_at + minutes(60 + delay)


def test_a_dose_is_active_until_the_latest_end_any_source_gives_and_not_after():
    longest = time_courses()["powder"].duration_minutes.high

    [at_end] = dose_timeline(view_of(journal(doses=[dose(NOW - minutes(longest))])))
    [after] = dose_timeline(view_of(journal(doses=[dose(NOW - minutes(longest + 1))])))

    assert at_end.active_now and at_end.phase == "felt effects fading"
    assert not after.active_now and after.phase == "felt effects expected to have faded; still in the blood"


@pytest.mark.parametrize(
    ("minutes_ago", "phase"),
    [
        (1, "before felt effects are expected"),
        (30, "coming on"),
        (60, "around its expected peak"),
        (200, "felt effects fading"),
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
