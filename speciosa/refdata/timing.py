"""Time course per product form (onset, peak, duration, each source's own figures kept) and the
human pharmacokinetics of mitragynine and 7-OH."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.core.vocab import ProductForm
from speciosa.refdata.base import (
    Model,
    Range,
    RefdataError,
    SourceIds,
    check_citations,
    check_unique,
    parse,
    read,
)
from speciosa.refdata.loader import Source, sources

TIME_COURSES_FILE = "time_courses.yaml"
PHARMACOKINETICS_FILE = "pharmacokinetics.yaml"

#: How the top-level ranges of a TimeCourse are formed from its sources (stated in every note too).
SPAN_RULE = (
    "Each range runs from the lowest figure any source gives to the highest (the span of the sources), "
    "shifted later by `delay_minutes` where a form has one."
)


class TimeCourseSource(Model):
    """One source's own figures, in minutes after the dose; None where the source gives none."""

    source: str
    onset: Range | None = None
    peak: Range | None = None
    duration: Range | None = None
    text: str


class TimeCourse(Model):
    """Expected onset, peak and duration (minutes after a dose) for one product form.

    The ranges are the span of `per_source` (see SPAN_RULE), plus `delay_minutes` for a form whose
    figures are another form's shifted later (capsules). `sources` back the form-level note."""

    form: ProductForm
    onset_minutes: Range
    peak_minutes: Range
    duration_minutes: Range
    per_source: tuple[TimeCourseSource, ...] = Field(min_length=1)
    delay_minutes: float = Field(default=0, ge=0)
    note: str
    sources: SourceIds


class TimeCourseSpec(Model):
    """A form as written in the file: its own sources, or another form's shifted by a delay."""

    form: ProductForm
    per_source: tuple[TimeCourseSource, ...] = ()
    based_on: ProductForm | None = None
    delay_minutes: float = Field(default=0, ge=0)
    note: str
    sources: SourceIds

    @model_validator(mode="after")
    def either_own_figures_or_based_on(self) -> TimeCourseSpec:
        if bool(self.per_source) == (self.based_on is not None):
            raise ValueError(
                f"time course {self.form}: give either per_source or based_on, not both or neither"
            )
        return self


class PkFact(Model):
    """One published pharmacokinetic figure. `value` is the figure reported, or the lower end of a
    reported range (then `low` and `high` hold the range). `reliable` is False when a later source
    flags the figure (the text says why)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    analyte: Literal["mitragynine", "7-OH"]
    parameter: Literal["half_life", "tmax", "steady_state", "concentration_ratio"]
    value: float = Field(ge=0)
    low: float | None = Field(default=None, ge=0)
    high: float | None = Field(default=None, ge=0)
    unit: str
    text: str
    reliable: bool = True
    sources: SourceIds


class TimeCoursesFile(Model):
    version: Literal[1]
    time_courses: tuple[TimeCourseSpec, ...]


class PharmacokineticsFile(Model):
    version: Literal[1]
    pharmacokinetics: tuple[PkFact, ...]


def _span(ranges: list[Range], delay: float, form: str, what: str) -> Range:
    if not ranges:
        raise RefdataError(f"{TIME_COURSES_FILE}: no source gives a {what} figure for {form}")
    return Range(low=min(r.low for r in ranges) + delay, high=max(r.high for r in ranges) + delay)


def _build(spec: TimeCourseSpec, specs: dict[ProductForm, TimeCourseSpec]) -> TimeCourse:
    base = spec
    if spec.based_on is not None:
        base = specs.get(spec.based_on)  # type: ignore[assignment]
        if base is None or base.based_on is not None:
            raise RefdataError(
                f"{TIME_COURSES_FILE}: {spec.form} is based on {spec.based_on}, which has no own figures"
            )
    rows = base.per_source
    delay = spec.delay_minutes
    return TimeCourse(
        form=spec.form,
        onset_minutes=_span([r.onset for r in rows if r.onset], delay, spec.form, "onset"),
        peak_minutes=_span([r.peak for r in rows if r.peak], delay, spec.form, "peak"),
        duration_minutes=_span([r.duration for r in rows if r.duration], delay, spec.form, "duration"),
        per_source=rows,
        delay_minutes=delay,
        note=spec.note,
        sources=spec.sources,
    )


def parse_time_courses(data: Any, known: dict[str, Source]) -> dict[str, TimeCourse]:
    loaded: TimeCoursesFile = parse(TIME_COURSES_FILE, TimeCoursesFile, data)
    check_unique(TIME_COURSES_FILE, loaded.time_courses, lambda t: t.form, "form")
    check_citations(TIME_COURSES_FILE, loaded.time_courses, known)
    missing = set(ProductForm) - {t.form for t in loaded.time_courses}
    if missing:
        raise RefdataError(f"{TIME_COURSES_FILE}: no time course for forms {sorted(missing)}")
    specs = {t.form: t for t in loaded.time_courses}
    return {str(spec.form): _build(spec, specs) for spec in loaded.time_courses}


def parse_pharmacokinetics(data: Any, known: dict[str, Source]) -> list[PkFact]:
    loaded: PharmacokineticsFile = parse(PHARMACOKINETICS_FILE, PharmacokineticsFile, data)
    check_unique(PHARMACOKINETICS_FILE, loaded.pharmacokinetics, lambda p: p.id, "fact id")
    check_citations(PHARMACOKINETICS_FILE, loaded.pharmacokinetics, known)
    return list(loaded.pharmacokinetics)


@cache
def time_courses() -> dict[str, TimeCourse]:
    """Onset, peak and duration by form value ("powder", "capsules", …), with each source's figures."""
    return parse_time_courses(read(TIME_COURSES_FILE), sources())


@cache
def pharmacokinetics() -> list[PkFact]:
    """Published half-lives, Tmax and steady-state figures for mitragynine and 7-OH, each with its source."""
    return parse_pharmacokinetics(read(PHARMACOKINETICS_FILE), sources())
