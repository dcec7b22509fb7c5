"""The dose preview's compact strip: the grams, how many source scales use which of their own band names,
the person's usual amount and how many findings the dose would raise, in words that stay the sources'."""

from __future__ import annotations

import re

import pytest

from speciosa.core.safety.dose_context import dose_in_context
from speciosa.journal.doses import BandMark, source_bands
from speciosa.refdata import dose_context
from speciosa.web.presenters.dose_preview import DosePreview, SourceRow

SCALES = sum(1 for entry in dose_context() if entry.kind == "bands")


def preview_of(grams: float, *, history: list[float] = (), form: str | None = None) -> DosePreview:  # type: ignore[assignment]
    context = dose_in_context(grams, form, history=history)
    rows = [SourceRow(s.title, s.kind, None, s.bands, s.words, s.text) for s in source_bands(context)]
    return DosePreview(grams=grams, context=context, rows=rows)


def test_the_strip_counts_the_source_scales_by_their_own_band_names_most_common_first():
    text = preview_of(3).scales_text
    assert text.startswith(f"4 of {SCALES} source scales call it “")
    assert set(re.findall(r"“([^”]+)”", text)) == {"light", "common"}, "only the two names most used"


def test_a_dose_past_every_band_of_some_scales_says_how_many_put_it_above_their_highest_band():
    text = preview_of(16).scales_text
    assert f"of {SCALES} source scales call it “heavy”" in text
    assert "3 put it above their highest band" in text


def test_a_dose_below_the_lowest_band_of_one_scale_says_so_in_the_singular():
    assert "1 puts it below its lowest band" in preview_of(1).scales_text


def test_a_dose_outside_every_scale_counts_the_scales_it_falls_outside():
    above = [
        SourceRow(
            f"Scale {n}", "bands", None, (BandMark("strong", "5–8 g", False),), "above the highest band", ""
        )
        for n in (1, 2)
    ]
    study = SourceRow("A study", "finding", None, (BandMark("observed", "1–10 g", False),), "outside", "")
    preview = DosePreview(grams=20, context=None, rows=[*above, study])
    assert preview.scales_text == "2 of 2 source scales put it above their highest band"


def test_for_another_form_the_strip_says_the_leaf_bands_do_not_apply():
    preview = DosePreview(grams=1, context=dose_in_context(1, "extract"), rows=[])
    assert preview.scales_text == "the published bands are for plain leaf only, not this product's form"


@pytest.mark.parametrize(("history", "words"), [([4, 4, 5], "your usual 4 g"), ([], "no usual amount yet")])
def test_the_strip_names_the_persons_usual_amount_or_that_there_is_none_yet(history, words):
    assert preview_of(3, history=history).usual_text == words


def test_the_strip_counts_the_findings_the_dose_would_raise():
    assert preview_of(3).findings_text == "no new findings"


@pytest.mark.parametrize("grams", [0.2, 1, 3, 5, 8, 16, 40])
def test_the_strip_never_calls_an_amount_safe_or_recommended(grams):
    preview = preview_of(grams, history=[4])
    words = f"{preview.scales_text} {preview.usual_text} {preview.findings_text}"
    assert not re.search(r"\bsafe|recommend|should|start with|take less", words, re.IGNORECASE)
