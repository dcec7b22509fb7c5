"""Dose context side by side, the thresholds rules use, and which forms the leaf bands apply to."""

from speciosa.core.vocab import ProductForm
from speciosa.refdata import dose_context, form_info, forms, thresholds


def by_id():
    return {entry.id: entry for entry in dose_context()}


def test_each_source_keeps_its_own_entry_and_is_never_merged():
    entries = dose_context()
    assert len({e.source for e in entries}) == len(entries)
    assert {
        "psychonautwiki-journal-bundle",
        "psychonautwiki-kratom-page",
        "tripsit-drugs",
        "erowid-kratom-dose",
        "prozialeck-2012",
        "garcia-romeu-2020",
        "grundmann-2017",
        "fda-sad-2024",
        "smith-2024-observation",
    } <= {e.source for e in entries}


def test_every_band_is_for_plain_leaf_powder():
    assert {e.applies_to for e in dose_context()} == {"plain leaf powder"}


def test_tripsit_bands_say_plain_leaf_only_and_sit_below_psychonautwiki():
    entries = by_id()
    tripsit, psychonautwiki = entries["tripsit"], entries["psychonautwiki-page"]
    assert "plain leaf only" in tripsit.text.lower()
    common = {e.id: next(b for b in e.bands if b.label == "common") for e in (tripsit, psychonautwiki)}
    assert (common["tripsit"].min_grams, common["tripsit"].max_grams) == (1.5, 3)
    assert (common["psychonautwiki-page"].min_grams, common["psychonautwiki-page"].max_grams) == (3, 5)


def test_the_2012_review_bands_carry_the_not_pharmacological_fact_caveat():
    review = by_id()["prozialeck-2012-bands"]
    assert "not read these bands as pharmacological fact" in review.text
    assert [b.label for b in review.bands][-1].startswith("sedation")


def test_survey_and_study_findings_keep_their_figures():
    entries = by_id()
    assert "49%" in entries["garcia-romeu-2020-most-common"].text
    assert entries["garcia-romeu-2020-most-common"].bands[0].min_grams == 1
    grundmann = entries["grundmann-2017-adverse"]
    assert grundmann.bands[0].min_grams == 5 and "22 or more doses a week" in grundmann.text
    nausea = next(b for b in entries["fda-sad-2024-nausea"].bands if "nausea" in b.label)
    assert (nausea.min_grams, nausea.max_grams) == (8, 12)
    assert "5.16 g" in entries["smith-2024-observed"].text


def test_a_dose_falls_into_each_sources_bands_separately():
    entries = by_id()
    assert [b.label for b in entries["tripsit"].bands_holding(4)] == ["strong"]
    assert [b.label for b in entries["psychonautwiki-journal"].bands_holding(4)] == ["common"]
    assert [b.label for b in entries["psychonautwiki-journal"].bands_holding(20)] == ["heavy"]


def test_thresholds_hold_the_sourced_numbers():
    t = thresholds()
    assert t.high_single_dose_grams.value == 5 and "grundmann-2017" in t.high_single_dose_grams.sources
    assert t.very_high_single_dose_grams.value == 15
    assert t.fda_nausea_single_dose_grams.value == 8 and t.fda_nausea_single_dose_grams.sources == (
        "fda-sad-2024",
    )
    assert t.doses_per_day_dependence.value == 3 and "singh-2014" in t.doses_per_day_dependence.sources
    assert t.doses_per_week_high.value == 22
    assert t.alt_uln_multiple.value == 5 and t.alp_uln_multiple.value == 2
    assert t.alt_with_bilirubin_uln_multiple.value == 3 and t.bilirubin_uln_multiple.value == 2
    assert {"easl-dili-2019", "acg-dili-2021"} <= set(t.alt_uln_multiple.sources)
    assert t.redose_before_peak_minutes.value == 60
    assert 0 < t.creep_rise_fraction.value < 1
    assert t.caffeine_daily_mg.value == 400 and "fda-caffeine-400" in t.caffeine_daily_mg.sources


def test_every_design_choice_says_so_and_cites_the_design_source():
    for name, threshold in thresholds().items():
        if threshold.design_choice:
            assert "speciosa-design" in threshold.sources, name
            assert "our choice" in threshold.text or "our simplification" in threshold.text, name
        else:
            assert "speciosa-design" not in threshold.sources, name


def test_the_choices_the_sources_do_not_make_are_marked_as_design():
    t = thresholds()
    for name in (
        "daily_total_high_grams",
        "creep_rise_fraction",
        "substance_window_hours",
        "substance_window_hours_occasional",
        "regular_use_days",
        "caffeine_daily_mg",
    ):
        assert getattr(t, name).design_choice, name
    assert not t.fda_nausea_single_dose_grams.design_choice


def test_every_product_form_says_whether_leaf_bands_apply():
    assert {f.form for f in forms()} == set(ProductForm)
    apply = {f.form for f in forms() if f.dose_bands_apply}
    assert apply == {ProductForm.POWDER, ProductForm.CAPSULES, ProductForm.TEA}
    assert not form_info("enhanced").dose_bands_apply
    assert "opioid-overdose risk" in form_info(ProductForm.ENHANCED).text
