"""product.extract: an extract is counted in milligrams, not leaf grams."""

from __future__ import annotations

from speciosa.core.safety import EntryRef, Severity
from tests.core.safety.builders import ago, checkin, dose, journal, product, raised

EXTRACT = "product.extract"


def test_any_dose_of_an_extract_is_a_caution_that_leaf_figures_do_not_apply():
    resin = product("Full-spectrum extract", form="extract")
    [finding] = raised(EXTRACT, journal(products=[resin], doses=[dose(ago(hours=3), 1.0, resin)]))
    assert finding.severity is Severity.CAUTION
    assert "plain leaf" in finding.meaning and "milligrams" in finding.action
    assert finding.entries == (EntryRef("products", resin.uid),)


def test_an_extract_dose_holding_as_much_as_a_large_leaf_dose_is_a_warning_with_its_arithmetic():
    resin = product("15x extract", form="extract", mitragynine_percent=10)
    [finding] = raised(EXTRACT, journal(products=[resin], doses=[dose(ago(hours=3), 1.0, resin)]))
    assert finding.severity is Severity.WARNING  # 100 mg, as much as about 5.1 g of 1.95 % leaf
    assert "about 100 mg" in finding.meaning and "5.1 g of leaf" in finding.meaning


def test_a_small_extract_dose_below_the_large_dose_threshold_stays_a_caution():
    resin = product("extract", form="extract", mitragynine_percent=5)
    [finding] = raised(EXTRACT, journal(products=[resin], doses=[dose(ago(hours=3), 1.0, resin)]))
    assert finding.severity is Severity.CAUTION  # 50 mg, about 2.6 g of leaf


def test_sedation_after_an_extract_is_urgent():
    resin = product("extract shot", form="extract")
    taken = dose(ago(hours=5), 1.0, resin)
    [finding] = raised(
        EXTRACT,
        journal(products=[resin], doses=[taken], checkins=[checkin(ago(hours=2), "very_hard_to_wake")]),
    )
    assert finding.severity is Severity.URGENT and "emergency" in finding.action


def test_leaf_powder_is_not_an_extract():
    leaf = product("Green Malay", form="powder")
    assert raised(EXTRACT, journal(products=[leaf], doses=[dose(ago(hours=3), 5.0, leaf)])) == []
