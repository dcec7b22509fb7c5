"""Product and lab-report rules: 7-OH or enhanced products, heavy metals at your own daily grams,
microbes, the 7-OH share and weight, extract-level mitragynine in a leaf product, and no lab figures."""

from __future__ import annotations

import pytest

from speciosa.core.safety import EntryRef, Severity
from speciosa.core.safety.rules.products import IN_USE_DAYS
from speciosa.refdata import lab_limits
from tests.core.safety.builders import ago, checkin, dose, every_day, journal, local, product, raised

ENHANCED = "product.enhanced"
METAL = "product.heavy_metal"
MICROBIAL = "product.microbial"
SHARE = "product.seven_oh_share"
WEIGHT = "product.seven_oh_weight"
EXTRACT = "product.extract_level"
NO_LAB = "product.no_lab_report"


def used(item, grams: float = 3.0, days_ago: int = 1):
    """A journal in which `item` was dosed once, `days_ago` local days back."""
    return journal(products=[item], doses=[dose(local(days_ago, 9), grams, item)])


# --- product.enhanced -------------------------------------------------------------------------------


def test_any_dose_of_an_enhanced_product_in_the_last_four_weeks_is_a_warning():
    tablet = product("7-OH tablets", form="enhanced")

    [finding] = raised(ENHANCED, used(tablet, 0.1, days_ago=IN_USE_DAYS - 1))

    assert finding.severity is Severity.WARNING
    assert finding.title == "A 7-OH or enhanced product: 7-OH tablets"
    assert "no ceiling on how far it slows breathing" in finding.meaning
    assert "naloxone" in finding.action
    assert {"fda-7oh-2025", "hill-2022"} <= set(finding.sources)
    assert finding.entries == (EntryRef("products", tablet.uid),)


def test_an_enhanced_product_last_dosed_four_weeks_ago_raises_nothing():
    tablet = product("7-OH tablets", form="enhanced")

    assert raised(ENHANCED, used(tablet, 0.1, days_ago=IN_USE_DAYS)) == []


def test_a_leaf_product_is_not_an_enhanced_product():
    assert raised(ENHANCED, used(product(form="powder"))) == []


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("name", "7OH Tabs"),
        ("name", "Hydroxie 7-hydroxy tablets"),
        ("name", "MIT Pseudo shot"),
        ("vendor", "Best 7-OH Co"),
        ("lab_report", "pseudoindoxyl blend, lot 4"),
    ],
)
def test_a_product_whose_name_or_label_says_7_oh_is_enhanced_whatever_form_was_chosen(field, text):
    named = product(text, form="powder") if field == "name" else product(form="powder", **{field: text})

    [finding] = raised(ENHANCED, used(named, 0.1))

    assert finding.severity is Severity.WARNING
    assert "although its form is logged as powder" in finding.meaning


def test_a_lab_report_that_gives_a_7_oh_figure_does_not_make_leaf_enhanced():
    leaf = product(form="powder", lab_report="ACME Labs #12: 7-OH 0.02%, mitragynine 1.5%")

    assert raised(ENHANCED, used(leaf)) == []


def test_leaf_dose_bands_do_not_apply_to_a_product_named_7_oh():
    named = product("7OH Tabs", form="powder")

    assert (
        raised("dose.high_single", journal(products=[named], doses=[dose(ago(hours=1), 20.0, named)])) == []
    )


def test_sedation_logged_within_a_day_after_an_enhanced_dose_is_urgent():
    tablet = product("7-OH shot", form="enhanced")
    taken = dose(ago(hours=5), 0.1, tablet)
    sleepy = checkin(ago(hours=2), "very_hard_to_wake")

    [finding] = raised(ENHANCED, journal(products=[tablet], doses=[taken], checkins=[sleepy]))

    assert finding.severity is Severity.URGENT
    assert finding.title == "Sedation after a 7-OH or enhanced product: 7-OH shot"
    assert "call emergency services now" in finding.action
    assert finding.key == f"{ENHANCED}:{tablet.uid}:sedation:{sleepy.uid}"
    assert EntryRef("checkins", sleepy.uid) in finding.entries


def test_sedation_logged_more_than_a_day_after_the_dose_does_not_make_it_urgent():
    tablet = product("7-OH shot", form="enhanced")
    document = journal(
        products=[tablet],
        doses=[dose(ago(hours=26), 0.1, tablet)],
        checkins=[checkin(ago(hours=1, minutes=59), "drowsiness")],
    )

    [finding] = raised(ENHANCED, document)

    assert finding.severity is Severity.WARNING


def test_an_old_sedation_report_does_not_keep_it_urgent():
    tablet = product("7-OH shot", form="enhanced")
    document = journal(
        products=[tablet],
        doses=[dose(ago(hours=30), 0.1, tablet)],
        checkins=[checkin(ago(hours=25), "drowsiness")],
    )

    [finding] = raised(ENHANCED, document)

    assert finding.severity is Severity.WARNING


def test_a_side_effect_that_is_not_sedation_does_not_make_it_urgent():
    tablet = product("7-OH shot", form="enhanced")
    document = journal(
        products=[tablet], doses=[dose(ago(hours=3), 0.1, tablet)], checkins=[checkin(ago(hours=1), "nausea")]
    )

    [finding] = raised(ENHANCED, document)

    assert finding.severity is Severity.WARNING


# --- product.heavy_metal ----------------------------------------------------------------------------


def lead_limit() -> float:
    return lab_limits().metal("lead").micrograms_per_day


def test_lead_exactly_at_the_daily_limit_raises_nothing():
    leaf = product(lead_ppm=0.5)

    assert raised(METAL, used(leaf, lead_limit() / 0.5)) == []


def test_lead_over_the_daily_limit_at_your_own_daily_grams_is_a_warning_with_the_arithmetic():
    leaf = product("Red Bali", lead_ppm=0.5)

    [finding] = raised(METAL, used(leaf, 15))

    assert finding.severity is Severity.WARNING
    assert finding.title == "Lead in Red Bali above its daily limit"
    assert "0.5 µg/g × 15 g/day = 7.5 µg/day, above the limit of 5 µg/day" in finding.meaning
    assert "USP <2232>" in finding.meaning
    assert "usp-2232" in finding.sources
    assert finding.subject == "lead"
    assert finding.key == f"{METAL}:{leaf.uid}:lead"


def test_the_same_product_is_within_the_limit_at_three_grams_a_day_and_over_it_at_fifteen():
    leaf = product(lead_ppm=1.0)

    assert raised(METAL, used(leaf, 3)) == []
    assert raised(METAL, used(leaf, 15))


def test_the_daily_amount_is_the_mean_of_the_days_the_product_was_used():
    leaf = product(lead_ppm=0.5)
    doses = [dose(local(3, 9), 4, leaf), dose(local(3, 15), 6, leaf), dose(local(1, 9), 20, leaf)]

    [finding] = raised(METAL, journal(products=[leaf], doses=doses))

    assert "0.5 µg/g × 15 g/day = 7.5 µg/day" in finding.meaning


def test_each_metal_over_its_limit_is_its_own_finding():
    leaf = product(lead_ppm=2.0, nickel_ppm=20.0, arsenic_ppm=0.1)

    findings = raised(METAL, used(leaf, 20))

    assert sorted(f.subject for f in findings) == ["lead", "nickel"]
    assert len({f.key for f in findings}) == 2


def test_a_product_not_dosed_in_the_last_four_weeks_is_not_checked():
    assert raised(METAL, used(product(lead_ppm=5.0), 20, days_ago=IN_USE_DAYS)) == []


# --- product.microbial ------------------------------------------------------------------------------


def test_salmonella_detected_is_a_warning_to_stop_using_the_product():
    leaf = product("Green Malay", salmonella_detected=True)

    [finding] = raised(MICROBIAL, used(leaf))

    assert finding.severity is Severity.WARNING
    assert finding.title == "Salmonella found in Green Malay"
    assert "Stop using this product" in finding.action
    assert finding.sources == ("usp-2023",)


@pytest.mark.parametrize("detected", [False, None])
def test_salmonella_not_found_or_not_tested_raises_nothing(detected):
    assert raised(MICROBIAL, used(product(salmonella_detected=detected))) == []


def test_e_coli_detected_is_a_warning():
    [finding] = raised(MICROBIAL, used(product(e_coli_detected=True)))

    assert finding.title.startswith("E. coli found in")


def test_a_total_aerobic_count_at_the_dried_botanical_limit_raises_nothing():
    assert raised(MICROBIAL, used(product(tamc_cfu_per_gram=100_000))) == []


def test_a_total_aerobic_count_over_the_dried_botanical_limit_is_a_caution():
    [finding] = raised(MICROBIAL, used(product(tamc_cfu_per_gram=100_001)))

    assert finding.severity is Severity.CAUTION
    assert "100,001 CFU per gram, above the USP <2023> limit of 100,000" in finding.meaning


def test_yeast_and_mould_over_the_limit_is_a_caution():
    [finding] = raised(MICROBIAL, used(product(tymc_cfu_per_gram=1_001)))

    assert finding.subject == "tymc"


def test_extracts_are_held_to_the_stricter_extract_limits():
    assert raised(MICROBIAL, used(product(form="extract", tamc_cfu_per_gram=10_001)))
    assert raised(MICROBIAL, used(product(form="powder", tamc_cfu_per_gram=10_001))) == []


# --- product.seven_oh_share -------------------------------------------------------------------------


def test_seven_oh_at_two_percent_of_the_alkaloids_raises_nothing():
    assert raised(SHARE, used(product(seven_oh_percent=0.02, total_alkaloids_percent=1.0))) == []


def test_seven_oh_above_two_percent_of_the_alkaloids_is_a_warning_citing_the_kcpa():
    leaf = product("Gold Bali", seven_oh_percent=0.03, total_alkaloids_percent=1.0)

    [finding] = raised(SHARE, used(leaf))

    assert finding.severity is Severity.WARNING
    assert finding.title == "Gold Bali: 7-OH is 3% of its alkaloids"
    assert "cap it at 2%" in finding.meaning
    assert "oklahoma-kcpa" in finding.sources


def test_without_a_total_alkaloid_figure_the_share_is_not_worked_out():
    assert raised(SHARE, used(product(seven_oh_percent=0.5))) == []


# --- product.seven_oh_weight ------------------------------------------------------------------------


def test_seven_oh_just_under_the_florida_line_raises_nothing():
    assert raised(WEIGHT, used(product(seven_oh_percent=0.039))) == []


def test_seven_oh_at_0_04_percent_in_leaf_raises_nothing_as_natural_aged_leaf_reaches_that():
    assert raised(WEIGHT, used(product("Red Bali", seven_oh_percent=0.04))) == []


def test_seven_oh_at_the_dea_line_in_leaf_is_information_near_legal_lines_not_a_spiking_warning():
    [finding] = raised(WEIGHT, used(product("Red Bali", seven_oh_percent=0.05)))

    assert finding.severity is Severity.INFO
    assert "DEA" in finding.meaning and "not a sign of added 7-OH" in finding.meaning
    assert "dea-7oh-2026" in finding.sources


def test_seven_oh_above_the_natural_leaf_range_is_a_warning_that_it_may_be_spiked():
    [finding] = raised(WEIGHT, used(product("Red Bali", seven_oh_percent=0.06)))

    assert finding.severity is Severity.WARNING
    assert "spiking" in finding.meaning and "DEA" in finding.meaning


def test_seven_oh_at_the_florida_2026_line_names_it_with_its_date():
    [finding] = raised(WEIGHT, used(product("Red Bali", seven_oh_percent=0.1)))

    assert "Florida" in finding.meaning and "2026-06-22" in finding.meaning
    assert {"florida-7oh-2026", "dea-7oh-2026"} <= set(finding.sources)


def test_an_extract_at_a_legal_line_is_a_warning_since_the_natural_leaf_range_does_not_apply():
    [finding] = raised(WEIGHT, used(product(form="extract", seven_oh_percent=0.05)))

    assert finding.severity is Severity.WARNING


def test_a_capsule_holding_more_than_1_mg_of_seven_oh_is_flagged_even_below_the_percent_lines():
    capsule = product(form="capsules", seven_oh_percent=0.03, grams_per_capsule=5.0)

    [finding] = raised(WEIGHT, used(capsule))

    assert "about 1.5 mg of 7-OH" in finding.meaning


def test_a_capsule_holding_1_mg_or_less_is_not():
    assert raised(WEIGHT, used(product(form="capsules", seven_oh_percent=0.02, grams_per_capsule=0.5))) == []


# --- product.extract_level --------------------------------------------------------------------------


def test_a_leaf_powder_at_the_top_of_the_extract_range_raises_nothing():
    assert raised(EXTRACT, used(product(mitragynine_percent=3.0))) == []


def test_strong_natural_leaf_up_to_the_top_of_the_tested_range_is_not_called_an_extract():
    assert lab_limits().mitragynine_extract_percent.value == 6.2
    assert raised(EXTRACT, used(product("Super Bali", mitragynine_percent=3.1))) == []
    assert raised(EXTRACT, used(product("Super Bali", mitragynine_percent=6.2))) == []


def test_a_leaf_powder_above_the_tested_leaf_range_looks_like_an_extract():
    [finding] = raised(EXTRACT, used(product("Super Bali", mitragynine_percent=6.5)))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "Super Bali looks like an extract: 6.5% mitragynine"
    assert "about 65 mg of mitragynine" in finding.meaning
    assert "prozialeck-2020" in finding.sources
    assert "take less" not in finding.action.lower()


def test_a_product_logged_as_an_extract_is_not_flagged_for_being_one():
    assert raised(EXTRACT, used(product(form="extract", mitragynine_percent=20))) == []


# --- product.no_lab_report --------------------------------------------------------------------------


def test_a_product_in_use_without_lab_figures_gets_an_info_note():
    leaf = product("Green Malay")

    [finding] = raised(NO_LAB, used(leaf))

    assert finding.severity is Severity.INFO
    assert finding.title == "No lab figures for Green Malay"
    assert "strength and purity are unknown" in finding.meaning
    assert "certificate of analysis" in finding.action


def test_one_lab_figure_is_enough_to_silence_it():
    assert raised(NO_LAB, used(product(mitragynine_percent=1.4))) == []


def test_a_product_not_used_in_the_last_four_weeks_is_left_alone():
    leaf = product()
    document = journal(products=[leaf, product("Never used")], doses=every_day(40, IN_USE_DAYS, 3.0, of=leaf))

    assert raised(NO_LAB, document) == []


def test_product_findings_are_ordered_by_product_name():
    zeta, alpha = product("Zeta"), product("Alpha")
    document = journal(
        products=[zeta, alpha], doses=[dose(local(1, 9), 3, zeta), dose(local(1, 10), 3, alpha)]
    )

    assert [f.title for f in raised(NO_LAB, document)] == [
        "No lab figures for Alpha",
        "No lab figures for Zeta",
    ]
