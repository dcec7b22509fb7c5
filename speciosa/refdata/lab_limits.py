"""Limits a lab report (certificate of analysis) is checked against: heavy metals as micrograms a
day (compare the person's actual intake, concentration x grams a day, not the concentration), microbial
limits for botanicals, and the 7-OH and mitragynine figures that flag enhanced products or extracts."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Model, RefdataError, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources

LAB_LIMITS_FILE = "lab_limits.yaml"

Element = Literal["lead", "arsenic", "cadmium", "mercury", "nickel"]
MicrobialTest = Literal["tamc", "tymc", "btgn", "salmonella", "e_coli"]
Material = Literal["dried botanical", "botanical extract", "botanical for boiling water"]


class MetalLimit(Model):
    """A daily intake limit: intake (µg/day) = concentration (µg/g, i.e. ppm) × grams of product a day."""

    element: Element
    micrograms_per_day: float = Field(gt=0)
    basis: str
    sources: SourceIds
    as_of: date | None = None

    def grams_per_day_at(self, micrograms_per_gram: float) -> float | None:
        """How many grams a day of a product with this concentration reach the limit (None for 0 µg/g)."""
        return self.micrograms_per_day / micrograms_per_gram if micrograms_per_gram > 0 else None


class ReferenceLevel(Model):
    """A lead reference level for a group of people (e.g. those who may become pregnant)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    population: str
    micrograms_per_day: float = Field(gt=0)
    basis: str
    sources: SourceIds
    as_of: date | None = None


class MicrobialLimit(Model):
    """A count limit (`max_cfu_per_gram`) or an absence test (`absent_in_grams`), never both."""

    test: MicrobialTest
    material: Material
    max_cfu_per_gram: float | None = Field(default=None, gt=0)
    absent_in_grams: float | None = Field(default=None, gt=0)
    sources: SourceIds

    @model_validator(mode="after")
    def count_or_absence(self) -> MicrobialLimit:
        if (self.max_cfu_per_gram is None) == (self.absent_in_grams is None):
            raise ValueError(
                f"{self.test} for {self.material}: give max_cfu_per_gram or absent_in_grams, not both"
            )
        return self


class Limit(Model):
    """A single figure (`value`) with its unit; a range keeps `low` and `high` too (value = low)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    value: float = Field(ge=0)
    unit: str
    text: str
    sources: SourceIds
    as_of: date | None = None
    low: float | None = Field(default=None, ge=0)
    high: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def range_is_consistent(self) -> Limit:
        if (self.low is None) != (self.high is None):
            raise ValueError(f"limit {self.id!r}: give both low and high, or neither")
        if self.low is not None and self.high is not None and not (self.low == self.value <= self.high):
            raise ValueError(f"limit {self.id!r}: value must equal low, and low must not exceed high")
        return self


class LabLimits(Model):
    heavy_metals: tuple[MetalLimit, ...]
    lead_reference_levels: tuple[ReferenceLevel, ...]
    microbial: tuple[MicrobialLimit, ...]
    seven_oh_share_of_alkaloids_max_percent: Limit
    seven_oh_weight_percent_flags: tuple[Limit, ...] = Field(min_length=1)
    seven_oh_mg_per_article_flag: Limit
    seven_oh_natural_leaf_max_percent: Limit
    mitragynine_extract_percent: Limit

    def metal(self, element: str) -> MetalLimit:
        return next(m for m in self.heavy_metals if m.element == element)

    def microbial_for(self, material: str) -> tuple[MicrobialLimit, ...]:
        return tuple(m for m in self.microbial if m.material == material)


class LabLimitsFile(Model):
    version: Literal[1]
    lab_limits: LabLimits


def parse_lab_limits(data: Any, known: dict[str, Source]) -> LabLimits:
    loaded: LabLimitsFile = parse(LAB_LIMITS_FILE, LabLimitsFile, data)
    limits = loaded.lab_limits
    check_unique(LAB_LIMITS_FILE, limits.heavy_metals, lambda m: m.element, "element")
    check_unique(LAB_LIMITS_FILE, limits.lead_reference_levels, lambda r: r.id, "reference level id")
    check_unique(LAB_LIMITS_FILE, limits.microbial, lambda m: (m.test, m.material), "microbial test")
    check_unique(LAB_LIMITS_FILE, limits.seven_oh_weight_percent_flags, lambda f: f.id, "7-OH flag id")
    check_citations(LAB_LIMITS_FILE, limits, known)
    missing = {"lead", "arsenic", "cadmium", "mercury", "nickel"} - {m.element for m in limits.heavy_metals}
    if missing:
        raise RefdataError(f"{LAB_LIMITS_FILE}: no limit for {sorted(missing)}")
    return limits


@cache
def lab_limits() -> LabLimits:
    """Heavy-metal, microbial, 7-OH and mitragynine limits for checking a product's lab report."""
    return parse_lab_limits(read(LAB_LIMITS_FILE), sources())
