"""Time course per product form and the pharmacokinetic figures, each source's own numbers kept."""

from speciosa.core.vocab import ProductForm
from speciosa.refdata import pharmacokinetics, time_courses


def span(rows, field):
    ranges = [getattr(r, field) for r in rows if getattr(r, field)]
    return min(r.low for r in ranges), max(r.high for r in ranges)


def test_there_is_a_time_course_for_every_product_form():
    assert set(time_courses()) == {form.value for form in ProductForm}


def test_the_top_level_ranges_are_the_span_of_the_sources():
    powder = time_courses()["powder"]
    assert (powder.onset_minutes.low, powder.onset_minutes.high) == span(powder.per_source, "onset")
    assert (powder.peak_minutes.low, powder.peak_minutes.high) == span(powder.per_source, "peak")
    assert (powder.duration_minutes.low, powder.duration_minutes.high) == span(powder.per_source, "duration")


def test_each_source_keeps_its_own_figures():
    rows = {r.source: r for r in time_courses()["powder"].per_source}
    assert (rows["tripsit-drugs"].onset.low, rows["tripsit-drugs"].onset.high) == (10, 40)
    assert rows["tripsit-drugs"].peak is None
    assert (
        rows["psychonautwiki-journal-bundle"].duration.low,
        rows["psychonautwiki-journal-bundle"].duration.high,
    ) == (120, 240)
    assert "inconsistency" in rows["psychonautwiki-journal-bundle"].text
    assert (rows["tanna-2022"].peak.low, rows["tanna-2022"].peak.high) == (45, 90)


def test_capsules_start_later_and_say_that_the_delay_is_a_design_choice():
    courses = time_courses()
    powder, capsules = courses["powder"], courses["capsules"]
    assert capsules.onset_minutes.low > powder.onset_minutes.low
    assert capsules.peak_minutes.low == powder.peak_minutes.low + capsules.delay_minutes
    assert "speciosa-design" in capsules.sources and "design choice" in capsules.note


def test_forms_without_their_own_figures_say_so():
    for form in ("extract", "enhanced", "other"):
        assert "No source gives a time course" in time_courses()[form].note, form


def facts():
    return {fact.id: fact for fact in pharmacokinetics()}


def test_half_lives_from_each_study_are_kept_apart():
    f = facts()
    assert f["mitragynine-half-life-tanna-2022"].value == 45.3
    assert f["mitragynine-half-life-huestis-2024-single"].value == 43.4
    assert f["mitragynine-half-life-huestis-2024-multiple"].value == 67.9
    assert "Industry-funded" in f["mitragynine-half-life-huestis-2024-single"].text


def test_the_2015_half_life_is_flagged_unreliable():
    trakulsrichai = facts()["mitragynine-half-life-trakulsrichai-2015"]
    assert trakulsrichai.reliable is False and "unreliable" in trakulsrichai.text
    assert all(fact.reliable for fact in pharmacokinetics() if fact is not trakulsrichai)


def test_tmax_is_about_an_hour_and_steady_state_takes_about_a_week():
    tmax = [f for f in pharmacokinetics() if f.analyte == "mitragynine" and f.parameter == "tmax"]
    assert tmax and all(0.75 <= f.value <= 1.3 for f in tmax)
    steady = facts()["mitragynine-steady-state-huestis-2024"]
    assert (steady.low, steady.high, steady.unit) == (8, 9, "days")
