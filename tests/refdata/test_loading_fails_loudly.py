"""A wrong data file fails at load with an error that names the file and the entry: an unknown
source id, a duplicate id, an entry without sources, or a red flag whose trigger is not a side effect."""

import copy

import pytest

from speciosa.refdata import side_effects, sources
from speciosa.refdata.base import RefdataError, read
from speciosa.refdata.dosing import parse_dose_context, parse_forms, parse_thresholds
from speciosa.refdata.interactions import parse_interactions
from speciosa.refdata.lab_limits import parse_lab_limits
from speciosa.refdata.loader import parse_side_effects, parse_sources
from speciosa.refdata.red_flags import parse_red_flags
from speciosa.refdata.timing import parse_pharmacokinetics, parse_time_courses
from speciosa.refdata.veins import parse_veins


def data(name):
    return copy.deepcopy(read(name))


def test_an_unknown_source_id_fails_naming_the_entry():
    raw = data("dose_context.yaml")
    raw["dose_context"][0]["sources"] = ["psychonautwiki-journal-bundle", "made-up-2099"]
    with pytest.raises(RefdataError, match=r"dose_context.yaml.*psychonautwiki-journal.*made-up-2099"):
        parse_dose_context(raw, sources())


def test_an_entry_without_sources_fails():
    raw = data("interactions.yaml")
    raw["interaction_classes"][0]["sources"] = []
    with pytest.raises(RefdataError, match="interactions.yaml"):
        parse_interactions(raw, sources())


def test_an_entry_missing_its_sources_field_fails():
    raw = data("red_flags.yaml")
    del raw["red_flags"][0]["sources"]
    with pytest.raises(RefdataError, match="red_flags.yaml"):
        parse_red_flags(raw, sources(), side_effects())


def test_a_duplicate_source_id_fails():
    raw = data("sources.yaml")
    raw["sources"].append(dict(raw["sources"][0]))
    with pytest.raises(RefdataError, match="duplicate source id 'grundmann-2017'"):
        parse_sources(raw)


def test_a_duplicate_entry_id_fails():
    raw = data("pharmacokinetics.yaml")
    raw["pharmacokinetics"].append(dict(raw["pharmacokinetics"][0]))
    with pytest.raises(RefdataError, match="duplicate fact id"):
        parse_pharmacokinetics(raw, sources())


def test_a_duplicate_side_effect_code_fails():
    raw = data("side_effects.yaml")
    raw["side_effects"].append(dict(raw["side_effects"][0]))
    with pytest.raises(RefdataError, match="duplicate side-effect code 'nausea'"):
        parse_side_effects(raw, sources())


def test_a_source_listed_twice_in_one_entry_fails():
    raw = data("veins.yaml")
    raw["veins"][0]["sources"] = ["vendor-claims", "vendor-claims"]
    with pytest.raises(RefdataError, match="lists a source twice"):
        parse_veins(raw, sources())


def test_a_red_flag_trigger_that_is_not_a_side_effect_fails():
    raw = data("red_flags.yaml")
    raw["red_flags"][0]["triggers"].append("glowing_ears")
    with pytest.raises(RefdataError, match="glowing_ears"):
        parse_red_flags(raw, sources(), side_effects())


def test_a_missing_threshold_fails():
    raw = data("thresholds.yaml")
    del raw["thresholds"]["redose_before_peak_minutes"]
    with pytest.raises(RefdataError, match="redose_before_peak_minutes"):
        parse_thresholds(raw, sources())


def test_a_misspelt_field_fails_instead_of_being_ignored():
    raw = data("lab_limits.yaml")
    raw["lab_limits"]["heavy_metals"][0]["micrograms_a_day"] = 5
    with pytest.raises(RefdataError, match="micrograms_a_day"):
        parse_lab_limits(raw, sources())


def test_a_product_form_without_a_time_course_fails():
    raw = data("time_courses.yaml")
    raw["time_courses"] = [t for t in raw["time_courses"] if t["form"] != "tea"]
    with pytest.raises(RefdataError, match="tea"):
        parse_time_courses(raw, sources())


def test_a_product_form_without_form_info_fails():
    raw = data("forms.yaml")
    raw["forms"] = [f for f in raw["forms"] if f["form"] != "enhanced"]
    with pytest.raises(RefdataError, match="enhanced"):
        parse_forms(raw, sources())


def test_a_severity_off_the_mapping_needs_a_stated_reason():
    raw = data("interactions.yaml")
    opioids = next(c for c in raw["interaction_classes"] if c["id"] == "opioids")
    opioids["severity"] = "caution"
    with pytest.raises(RefdataError, match="explain in `deviation`"):
        parse_interactions(raw, sources())


def test_a_band_with_no_end_fails():
    raw = data("dose_context.yaml")
    raw["dose_context"][0]["bands"][0] = {"label": "anything"}
    with pytest.raises(RefdataError, match="neither min_grams nor max_grams"):
        parse_dose_context(raw, sources())


def test_a_link_that_is_not_https_fails():
    raw = data("sources.yaml")
    raw["sources"][0]["link"] = "http://example.org/paper"
    with pytest.raises(RefdataError, match="link"):
        parse_sources(raw)
