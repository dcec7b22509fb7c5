"""Dose context (each source's bands or findings, side by side), the thresholds rules use, and the
product forms the published bands do or do not apply to."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.core.vocab import ProductForm
from speciosa.refdata.base import Model, RefdataError, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources

DOSE_CONTEXT_FILE = "dose_context.yaml"
THRESHOLDS_FILE = "thresholds.yaml"
FORMS_FILE = "forms.yaml"


class Band(Model):
    """One named band of a source, in grams of plain leaf; an open end is None ("8 g and more")."""

    label: str = Field(min_length=1)
    min_grams: float | None = Field(default=None, ge=0)
    max_grams: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def has_an_end_and_is_ordered(self) -> Band:
        if self.min_grams is None and self.max_grams is None:
            raise ValueError(f"band {self.label!r} has neither min_grams nor max_grams")
        if self.min_grams is not None and self.max_grams is not None and self.min_grams > self.max_grams:
            raise ValueError(f"band {self.label!r}: min_grams is above max_grams")
        return self

    def holds(self, grams: float) -> bool:
        """True when `grams` falls in the band (both ends included)."""
        low = self.min_grams if self.min_grams is not None else 0.0
        return low <= grams and (self.max_grams is None or grams <= self.max_grams)


class DoseContext(Model):
    """What one source says about amounts, kept apart from every other source (never merged).

    `kind` "bands": a source's own light/common/strong scale; "finding": a study's observed figure.
    `source` is the source the entry reports; `sources` holds it and any source for the caveat."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    source: str
    kind: Literal["bands", "finding"]
    title: str
    bands: tuple[Band, ...] = Field(min_length=1)
    text: str
    applies_to: Literal["plain leaf powder"] = "plain leaf powder"
    sources: SourceIds

    @model_validator(mode="after")
    def source_is_among_sources(self) -> DoseContext:
        if self.source not in self.sources:
            raise ValueError(f"dose context {self.id!r}: source {self.source!r} must also be in sources")
        return self

    def bands_holding(self, grams: float) -> tuple[Band, ...]:
        """The bands of this source that `grams` falls in (sources overlap their own bands at times)."""
        return tuple(b for b in self.bands if b.holds(grams))


class Threshold(Model):
    """A number a rule compares against. `design_choice` is True when the value, or the way a rule
    applies it, goes beyond what the sources state: the text then says what was chosen and why."""

    value: float = Field(ge=0)
    unit: str = Field(min_length=1)
    text: str = Field(min_length=1)
    sources: SourceIds
    design_choice: bool


class Thresholds(Model):
    high_single_dose_grams: Threshold
    very_high_single_dose_grams: Threshold
    fda_nausea_single_dose_grams: Threshold
    doses_per_day_dependence: Threshold
    doses_per_week_high: Threshold
    daily_total_high_grams: Threshold
    daily_total_clinician_grams: Threshold
    creep_rise_fraction: Threshold
    creep_window_days: Threshold
    alt_uln_multiple: Threshold
    alp_uln_multiple: Threshold
    alt_with_bilirubin_uln_multiple: Threshold
    bilirubin_uln_multiple: Threshold
    r_ratio_hepatocellular: Threshold
    r_ratio_cholestatic: Threshold
    substance_window_hours: Threshold
    substance_window_hours_occasional: Threshold
    regular_use_days: Threshold
    caffeine_daily_mg: Threshold
    redose_before_peak_minutes: Threshold
    important_pain_change_points: Threshold
    important_pain_change_fraction: Threshold

    def items(self) -> list[tuple[str, Threshold]]:
        """(name, threshold) in declaration order: for docs and the Sources page."""
        return [(name, getattr(self, name)) for name in type(self).model_fields]


class FormInfo(Model):
    """What a product form is, and whether the published (plain-leaf) dose bands apply to it."""

    form: ProductForm
    label: str
    what_it_is: str
    dose_bands_apply: bool
    text: str
    sources: SourceIds


class DoseContextFile(Model):
    version: Literal[1]
    dose_context: tuple[DoseContext, ...]


class ThresholdsFile(Model):
    version: Literal[1]
    thresholds: Thresholds


class SevenOhNames(Model):
    """Patterns that mark a product as 7-OH or enhanced by what it is called (see forms.yaml)."""

    patterns: tuple[str, ...] = Field(min_length=1)
    sources: SourceIds

    @model_validator(mode="after")
    def patterns_compile(self) -> SevenOhNames:
        for pattern in self.patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(
                    f"seven_oh_names: {pattern!r} is not a regular expression: {error}"
                ) from None
        return self

    def names_seven_oh(self, text: str) -> str:
        """The words of `text` that say 7-OH ("7OH"), or "". A mention followed by a measured share
        ("7-OH: 0.02%", "7-OH ND") is a lab figure, which leaf has too, not the product's identity."""
        for pattern in self.patterns:
            for found in re.finditer(pattern, text, re.IGNORECASE):
                if not MEASURED.match(text, found.end()):
                    return found.group(0)
        return ""


#: What follows a 7-OH mention that is a lab figure rather than a name: "0.02%", ": ND", "< LOQ".
MEASURED = re.compile(
    r"\s*[:=]?\s*(?:[<>≤]?\s*\d+(?:[.,]\d+)?\s*%|nd\b|n/d\b|not detected|[<≤]\s*loq|bloq|below)",
    re.IGNORECASE,
)


class FormsFile(Model):
    version: Literal[1]
    seven_oh_names: SevenOhNames
    forms: tuple[FormInfo, ...]


def parse_dose_context(data: Any, known: dict[str, Source]) -> list[DoseContext]:
    loaded: DoseContextFile = parse(DOSE_CONTEXT_FILE, DoseContextFile, data)
    check_unique(DOSE_CONTEXT_FILE, loaded.dose_context, lambda d: d.id, "dose context id")
    check_citations(DOSE_CONTEXT_FILE, loaded.dose_context, known)
    return list(loaded.dose_context)


def parse_thresholds(data: Any, known: dict[str, Source]) -> Thresholds:
    loaded: ThresholdsFile = parse(THRESHOLDS_FILE, ThresholdsFile, data)
    check_citations(THRESHOLDS_FILE, loaded.thresholds, known)
    return loaded.thresholds


def parse_forms_file(data: Any, known: dict[str, Source]) -> FormsFile:
    loaded: FormsFile = parse(FORMS_FILE, FormsFile, data)
    check_unique(FORMS_FILE, loaded.forms, lambda f: f.form, "form")
    check_citations(FORMS_FILE, loaded, known)
    missing = set(ProductForm) - {f.form for f in loaded.forms}
    if missing:
        raise RefdataError(f"{FORMS_FILE}: no entry for forms {sorted(missing)}")
    return loaded


def parse_forms(data: Any, known: dict[str, Source]) -> list[FormInfo]:
    return list(parse_forms_file(data, known).forms)


@cache
def dose_context() -> list[DoseContext]:
    """Each source's dose bands or findings for plain leaf, side by side, in file order."""
    return parse_dose_context(read(DOSE_CONTEXT_FILE), sources())


@cache
def thresholds() -> Thresholds:
    """The numbers the safety rules compare against, each with its sources and design-choice flag."""
    return parse_thresholds(read(THRESHOLDS_FILE), sources())


@cache
def _forms_file() -> FormsFile:
    return parse_forms_file(read(FORMS_FILE), sources())


def forms() -> list[FormInfo]:
    """Every product form (one per ProductForm value), and whether the leaf dose bands apply."""
    return list(_forms_file().forms)


def seven_oh_names() -> SevenOhNames:
    """The patterns that mark a product as 7-OH or enhanced by what it is called."""
    return _forms_file().seven_oh_names


def form_info(form: ProductForm | str) -> FormInfo:
    wanted = ProductForm(form)
    return next(f for f in forms() if f.form == wanted)
