"""Dose and timing rules: a large single dose, a redose before the peak, a high day (against the
sources and against the person's own baseline), and the first dose of a new product or batch."""

from __future__ import annotations

import re

import pytest

from speciosa.core.safety import EntryRef, Severity, rule_for
from speciosa.core.safety.rules._common import amount
from speciosa.core.safety.rules.doses import BASELINE_MIN_DAYS, BASELINE_MULTIPLE
from speciosa.refdata import sources, thresholds
from tests.core.safety.builders import ago, dose, every_day, journal, local, product, raised


def limit(name: str) -> float:
    return getattr(thresholds(), name).value


HIGH = "dose.high_single"
REDOSE = "dose.redose_before_peak"
DAY_HIGH = "dose.daily_total_high"
BASELINE = "dose.daily_total_above_baseline"
NEW = "dose.new_product"


# --- dose.high_single -------------------------------------------------------------------------------


def test_a_dose_just_under_the_high_mark_raises_nothing():
    assert raised(HIGH, journal(doses=[dose(ago(hours=1), limit("high_single_dose_grams") - 0.1)])) == []


def test_a_dose_at_the_high_mark_is_a_caution_citing_grundmann_and_the_fda_study():
    taken = dose(ago(hours=1), limit("high_single_dose_grams"))

    [finding] = raised(HIGH, journal(doses=[taken]))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "A large single dose: 5 g"
    assert "5 g or more per dose (Grundmann 2017)" in finding.meaning
    assert "from 8 g" in finding.meaning
    assert {"grundmann-2017", "fda-sad-2024"} <= set(finding.sources)
    assert finding.entries == (EntryRef("doses", taken.uid),)
    assert finding.at == taken.taken_at
    assert finding.grade == "B"


def test_a_dose_just_under_the_very_high_mark_is_still_a_caution():
    [finding] = raised(HIGH, journal(doses=[dose(ago(hours=1), limit("very_high_single_dose_grams") - 0.1)]))

    assert finding.severity is Severity.CAUTION


def test_a_dose_at_the_very_high_mark_is_a_warning_that_says_what_to_do_if_breathing_slows():
    [finding] = raised(HIGH, journal(doses=[dose(ago(hours=1), limit("very_high_single_dose_grams"))]))

    assert finding.severity is Severity.WARNING
    assert finding.title == "A very large single dose: 15 g"
    assert "sedation or stupor" in finding.meaning
    assert "naloxone" in finding.action
    assert "prozialeck-2012" in finding.sources


@pytest.mark.parametrize("form", ["powder", "capsules", "tea"])
def test_leaf_forms_are_judged_by_the_leaf_marks(form):
    leaf = product(form=form)

    assert raised(HIGH, journal(products=[leaf], doses=[dose(ago(hours=1), 6, leaf)]))


@pytest.mark.parametrize("form", ["extract", "enhanced", "other"])
def test_extracts_enhanced_and_unknown_forms_are_left_to_the_product_rules(form):
    strong = product(form=form)

    assert raised(HIGH, journal(products=[strong], doses=[dose(ago(hours=1), 20, strong)])) == []


def test_a_large_dose_just_over_a_day_ago_no_longer_counts():
    assert raised(HIGH, journal(doses=[dose(ago(hours=24, minutes=1), 8)])) == []


def test_a_large_dose_exactly_a_day_ago_still_counts():
    assert raised(HIGH, journal(doses=[dose(ago(hours=24), 8)]))


def test_several_large_doses_make_one_finding_about_the_biggest_listing_them_all():
    first, biggest, small = dose(ago(hours=9), 6), dose(ago(hours=5), 9), dose(ago(hours=1), 2)

    [finding] = raised(HIGH, journal(doses=[first, biggest, small]))

    assert finding.title == "A large single dose: 9 g"
    assert finding.subject == str(biggest.uid)
    assert finding.entries == (EntryRef("doses", first.uid), EntryRef("doses", biggest.uid))
    assert "1 other dose in the last 24 hours" in finding.meaning


# --- dose.redose_before_peak ------------------------------------------------------------------------


def test_a_second_dose_59_minutes_after_the_first_is_a_caution_that_gives_no_time_to_take_more():
    first, second = dose(ago(hours=2)), dose(ago(hours=1, minutes=1))

    [finding] = raised(REDOSE, journal(doses=[first, second]))

    assert finding.severity is Severity.CAUTION
    assert "59 minutes after" in finding.meaning
    assert "still rising" in finding.action
    assert not re.search(r"\b(wait|hour|before taking more|redose)\b", finding.action, re.IGNORECASE)
    assert finding.entries == (EntryRef("doses", first.uid), EntryRef("doses", second.uid))
    assert finding.subject == str(second.uid)
    assert {"tanna-2022", "huestis-2024"} <= set(finding.sources)


def test_a_second_dose_exactly_at_the_peak_time_raises_nothing():
    minutes = limit("redose_before_peak_minutes")

    assert raised(REDOSE, journal(doses=[dose(ago(minutes=minutes + 5)), dose(ago(minutes=5))])) == []


def test_capsules_get_longer_because_they_start_later():
    caps = product(form="capsules")
    window = limit("redose_before_peak_minutes") + 15

    def pair(gap: float):
        return journal(
            products=[caps], doses=[dose(ago(minutes=gap + 1), of=caps), dose(ago(minutes=1), of=caps)]
        )

    assert raised(REDOSE, pair(window - 1))
    assert raised(REDOSE, pair(window)) == []


def test_a_single_dose_raises_nothing():
    assert raised(REDOSE, journal(doses=[dose(ago(minutes=10))])) == []


def test_a_redose_more_than_a_day_ago_is_history_not_a_finding():
    assert raised(REDOSE, journal(doses=[dose(ago(hours=26)), dose(ago(hours=25, minutes=30))])) == []


def test_a_recent_dose_soon_after_one_just_over_a_day_ago_still_counts():
    assert raised(REDOSE, journal(doses=[dose(ago(hours=24, minutes=20)), dose(ago(hours=23, minutes=50))]))


def test_several_stacked_doses_are_counted_in_one_finding():
    doses = [dose(ago(minutes=m)) for m in (100, 70, 40, 10)]

    [finding] = raised(REDOSE, journal(doses=doses))

    assert "3 times in the last 24 hours" in finding.meaning
    assert len(finding.entries) == 4


# --- dose.daily_total_high --------------------------------------------------------------------------


def test_a_day_at_exactly_the_daily_mark_raises_nothing():
    total = limit("daily_total_high_grams")

    assert raised(DAY_HIGH, journal(doses=[dose(local(0, 6), total / 2), dose(local(0, 8), total / 2)])) == []


def test_a_day_just_over_the_daily_mark_is_a_warning():
    total = limit("daily_total_high_grams") + 0.1
    doses = [dose(local(0, 6), 7.5), dose(local(0, 8), total - 7.5)]

    [finding] = raised(DAY_HIGH, journal(doses=doses))

    assert finding.severity is Severity.WARNING
    assert finding.title == f"A high total for the day: {amount(total)} today"
    assert finding.subject == "2026-03-07"
    assert "No study gives a daily ceiling" in finding.meaning
    assert "speciosa-design" in finding.sources


def test_yesterday_evening_and_this_morning_add_up_over_the_last_24_hours():
    doses = [dose(local(1, 20), 10), dose(local(0, 7), 6)]

    [finding] = raised(DAY_HIGH, journal(doses=doses))

    assert finding.title == "A high total for the day: 16 g in the last 24 hours"
    assert finding.entries == tuple(EntryRef("doses", d.uid) for d in doses)


def test_a_dose_just_over_24_hours_ago_is_not_part_of_the_rolling_total():
    assert raised(DAY_HIGH, journal(doses=[dose(ago(hours=24, minutes=1), 10), dose(ago(hours=1), 6)])) == []


def test_above_the_clinician_mark_the_action_says_to_plan_with_a_clinician():
    doses = [dose(local(0, h), 7) for h in (6, 7, 8)]

    [finding] = raised(DAY_HIGH, journal(doses=doses))

    assert "plan any change with a clinician" in finding.action
    assert "weiss-2021" in finding.sources


def test_just_over_the_daily_mark_but_under_the_clinician_mark_does_not_mention_a_clinician():
    [finding] = raised(DAY_HIGH, journal(doses=[dose(local(0, 6), 8), dose(local(0, 8), 8)]))

    assert "clinician" not in finding.action


# --- dose.daily_total_above_baseline ----------------------------------------------------------------


def usual_days(grams: float = 4.0, days: int = BASELINE_MIN_DAYS) -> list:
    return every_day(days, 1, grams)


def test_today_at_one_and_a_half_times_the_usual_day_is_a_caution():
    today = [dose(local(0, 7), 3), dose(local(0, 9), 4 * BASELINE_MULTIPLE - 3)]

    [finding] = raised(BASELINE, journal(doses=[*usual_days(), *today]))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "Today well above your usual: 6 g against about 4 g"
    assert "1.5 times your usual daily amount" in finding.meaning
    assert f"on {BASELINE_MIN_DAYS} days" in finding.meaning
    assert finding.entries == tuple(EntryRef("doses", d.uid) for d in today)


def test_today_just_under_one_and_a_half_times_the_usual_day_raises_nothing():
    assert raised(BASELINE, journal(doses=[*usual_days(), dose(local(0, 7), 5.9)])) == []


def test_too_few_days_with_doses_give_no_baseline():
    history = usual_days(days=BASELINE_MIN_DAYS - 1)

    assert raised(BASELINE, journal(doses=[*history, dose(local(0, 7), 20)])) == []


def test_the_baseline_is_the_median_day_so_one_big_day_does_not_move_it():
    history = [*usual_days(), dose(local(9, 8), 40)]

    [finding] = raised(BASELINE, journal(doses=[*history, dose(local(0, 7), 6)]))

    assert "against about 4 g" in finding.title


def test_days_more_than_four_weeks_ago_are_not_part_of_the_baseline():
    old = every_day(35, 29, 1.0)

    assert raised(BASELINE, journal(doses=[*old, dose(local(0, 7), 6)])) == []


def test_days_without_doses_do_not_pull_the_baseline_down():
    sparse = every_day(27, 21, 4.0)

    assert raised(BASELINE, journal(doses=[*sparse, dose(local(0, 7), 5)])) == []


# --- dose.new_product -------------------------------------------------------------------------------


def test_the_first_dose_of_a_new_product_of_unknown_strength_is_a_caution():
    old, new = product("Red Bali"), product("Green Malay")
    history = every_day(10, 1, 4.0, of=old)
    first = dose(ago(hours=2), 4.0, new)

    [finding] = raised(NEW, journal(products=[old, new], doses=[*history, first]))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "First dose of a new product, Green Malay"
    assert "about tenfold" in finding.meaning
    assert (
        "no mitragynine figure" in finding.meaning
        and "usual dose over the last four weeks" in finding.meaning
    )
    assert finding.subject == str(new.uid)
    assert finding.entries == (EntryRef("products", new.uid), EntryRef("doses", first.uid))
    assert finding.at == first.taken_at


def test_the_new_product_finding_tells_no_amount_to_take():
    new = product("Green Malay")
    [finding] = raised(NEW, journal(products=[new], doses=[dose(ago(hours=2), 4.0, new)]))

    assert not re.search(r"\d+ ?%|start (low|lower)|take less|of your usual amount", finding.action)


def test_a_first_dose_of_a_product_with_a_mitragynine_figure_is_an_info_note_with_its_milligrams():
    old, new = product("Red Bali"), product("Green Malay", mitragynine_percent=1.2)
    history = every_day(10, 1, 4.0, of=old)

    [finding] = raised(NEW, journal(products=[old, new], doses=[*history, dose(ago(hours=2), 2.0, new)]))

    assert finding.severity is Severity.INFO
    assert "held about 24 mg" in finding.meaning
    assert "no mitragynine figure" not in finding.meaning


def test_a_new_batch_of_the_same_product_is_called_a_new_batch():
    first_batch = product("Red Maeng Da", batch="RMD-0412")
    second_batch = product("Red Maeng Da", batch="RMD-0927")
    history = every_day(10, 1, 3.0, of=first_batch)

    [finding] = raised(
        NEW,
        journal(products=[first_batch, second_batch], doses=[*history, dose(ago(hours=1), 3, second_batch)]),
    )

    assert finding.title == "First dose of a new batch of Red Maeng Da"
    assert "(batch RMD-0927)" in finding.meaning


def test_a_product_dosed_before_the_last_day_is_not_new():
    red = product()
    doses = [dose(ago(hours=25), of=red), dose(ago(hours=1), of=red)]

    assert raised(NEW, journal(products=[red], doses=doses)) == []


def test_a_first_dose_more_than_a_day_ago_no_longer_raises_the_note():
    red = product()

    assert raised(NEW, journal(products=[red], doses=[dose(ago(hours=24, minutes=1), of=red)])) == []


def test_the_very_first_product_with_no_history_says_nothing_of_a_usual_dose():
    red = product(mitragynine_percent=1.5)

    [finding] = raised(NEW, journal(products=[red], doses=[dose(ago(hours=1), 5, red)]))

    assert finding.severity is Severity.INFO
    assert "Your usual dose" not in finding.meaning


def test_doses_without_a_product_are_not_new_products():
    assert raised(NEW, journal(doses=[dose(ago(hours=1))])) == []


def test_every_dose_rule_is_registered_with_known_sources():
    known = sources()
    for code in (HIGH, REDOSE, DAY_HIGH, BASELINE, NEW):
        registered = rule_for(code)
        assert registered is not None
        assert set(registered.sources) <= set(known)
        assert registered.checks and registered.title
