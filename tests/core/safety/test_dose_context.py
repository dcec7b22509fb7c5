"""A dose in context before saving: each source's bands side by side, the person's usual amount, and
the findings the new dose would raise."""

from __future__ import annotations

import re

import pytest

from speciosa.core.safety.dose_context import dose_in_context, preview_findings, recent_dose_grams
from speciosa.refdata import dose_context
from tests.core.safety.builders import ago, dose, every_day, journal, local, product, view_of


def words_for(grams: float, context_id: str) -> str:
    result = dose_in_context(grams, "powder")
    return next(p.words for p in result.places if p.context_id == context_id)


def test_every_source_is_placed_side_by_side_in_the_file_order_never_merged():
    result = dose_in_context(4.0, "powder")

    assert result.bands_apply
    assert [p.context_id for p in result.places] == [c.id for c in dose_context()]
    assert len({p.source for p in result.places}) == len(result.places)


def test_a_band_is_reported_in_the_sources_own_words():
    assert words_for(4.0, "psychonautwiki-page") == 'reported as "common" (3–5 g) by PsychonautWiki page'
    assert words_for(4.0, "tripsit") == 'reported as "strong" (3–6 g) by TripSit factsheet'


def test_a_source_whose_bands_overlap_names_both():
    assert (
        words_for(4.5, "erowid") == 'reported as "common" (3–5 g) and "strong" (4–8 g) by Erowid dose chart'
    )


def test_an_amount_above_a_sources_highest_band_says_so():
    assert words_for(10.0, "tripsit") == 'above the highest band of TripSit factsheet, "strong" (3–6 g)'


def test_an_amount_below_a_sources_lowest_band_says_so():
    assert words_for(0.2, "tripsit") == 'below the lowest band of TripSit factsheet, "light" (0.5–1.5 g)'


def test_an_open_ended_band_reads_as_or_more():
    assert words_for(9.0, "psychonautwiki-page") == 'reported as "heavy" (8 g or more) by PsychonautWiki page'


def test_a_study_finding_says_whether_the_dose_falls_within_what_it_observed():
    words = words_for(9.0, "fda-sad-2024-nausea")

    assert words.startswith("FDA single-dose study")
    assert (
        'within "range tested in one sitting" (1–12 g) and "passing nausea or vomiting reported" (8–12 g)'
        in words
    )


def test_outside_a_finding_it_says_outside():
    assert 'outside "most common per dose (49% of people)" (1–3 g)' in words_for(
        4.0, "garcia-romeu-2020-most-common"
    )


@pytest.mark.parametrize("form", ["extract", "enhanced", "other"])
def test_leaf_bands_are_not_applied_to_extracts_or_enhanced_products(form):
    result = dose_in_context(1.0, form)

    assert not result.bands_apply
    assert result.places == ()
    assert "The published bands are for plain leaf" in result.note


def test_no_form_means_plain_leaf():
    assert dose_in_context(3.0, None).bands_apply


@pytest.mark.parametrize(
    ("grams", "words"),
    [
        (3.0, "About your usual amount (3 g, the middle of your doses over the last four weeks)."),
        (3.3, "About your usual amount"),
        (4.5, "50% more than your usual amount"),
        (6.0, "About 2.0 times your usual amount"),
        (1.5, "50% less than your usual amount"),
    ],
)
def test_the_dose_is_compared_with_the_persons_usual_amount(grams, words):
    result = dose_in_context(grams, "powder", [2.0, 3.0, 3.0, 4.0, 9.0])

    assert result.usual_grams == 3.0
    assert result.versus_usual.startswith(words)


def test_without_history_there_is_nothing_to_compare_with():
    assert dose_in_context(3.0, "powder").versus_usual.startswith("Not enough doses")


def test_history_can_be_given_as_dose_records():
    assert dose_in_context(3.0, "powder", [dose(ago(days=1), 2.0), dose(ago(days=2), 4.0)]).usual_grams == 3.0


def test_the_usual_amount_comes_from_the_four_weeks_before_today():
    doses = [*every_day(40, 29, 9.0), *every_day(28, 1, 3.0), dose(local(0, 8), 9.0)]

    assert set(recent_dose_grams(view_of(journal(doses=doses)))) == {3.0}


def test_no_context_wording_calls_a_dose_safe_or_recommended():
    texts = []
    for grams in (0.2, 1, 3, 5, 8, 15, 30):
        for form in ("powder", "extract", "enhanced"):
            result = dose_in_context(grams, form, [3.0])
            texts += [result.note, result.versus_usual, *(p.words for p in result.places)]

    assert not [t for t in texts if re.search(r"\b(safe|recommended)\b", t, re.IGNORECASE)]


# --- preview_findings -------------------------------------------------------------------------------


def test_a_new_large_dose_previews_the_high_dose_finding():
    view = view_of(journal(doses=every_day(10, 1, 3.0)))

    preview = preview_findings(view, dose(ago(minutes=1), 8.0))

    assert "dose.high_single" in {f.code for f in preview}


def test_an_ordinary_dose_previews_nothing_new():
    view = view_of(journal(doses=every_day(10, 1, 3.0, per_day=2)))

    assert preview_findings(view, dose(ago(minutes=1), 3.0)) == []


def test_a_finding_already_raised_is_not_previewed_again():
    view = view_of(journal(doses=[dose(local(0, 6), 8.0), dose(local(0, 8), 8.0)]))

    codes = {f.code for f in preview_findings(view, dose(ago(minutes=1), 1.0))}

    assert "dose.daily_total_high" not in codes


def test_a_first_dose_of_a_new_product_previews_the_new_product_note():
    old, new = product("Red Bali"), product("Green Malay")
    view = view_of(journal(products=[old, new], doses=every_day(10, 1, 3.0, of=old)))

    preview = preview_findings(view, dose(ago(minutes=1), 3.0, new))

    assert {"dose.new_product", "product.no_lab_report"} <= {f.code for f in preview}


def test_previewing_changes_nothing_in_the_journal():
    document = journal(doses=every_day(3, 1, 3.0))
    before = document.model_dump()

    preview_findings(view_of(document), dose(ago(minutes=1), 20.0))

    assert document.model_dump() == before
