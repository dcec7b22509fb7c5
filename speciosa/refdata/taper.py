"""The taper module's reference data: the two self-report questionnaires (SOWS, the DSM-5 self-check)
item by item with their scoring, and the taper planner's numbers (paces, the long-term cap, rounding,
the pause and referral lines), each with its sources (questionnaires.yaml, taper.yaml)."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Model, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources

QUESTIONNAIRES_FILE = "questionnaires.yaml"
TAPER_FILE = "taper.yaml"

QuestionnaireId = Literal["sows", "dsm5"]


class Answer(Model):
    value: int = Field(ge=0)
    label: str


class ScoreBand(Model):
    """A band of totals, low ≤ total ≤ high, with its label and plain words."""

    low: int = Field(ge=0)
    high: int = Field(ge=0)
    label: str
    words: str
    next: str = ""


class Questionnaire(Model):
    id: QuestionnaireId
    name: str
    short: str
    instructions: str
    answers: tuple[Answer, ...] = Field(min_length=2)
    items: tuple[str, ...] = Field(min_length=1)
    scoring: str
    bands: tuple[ScoreBand, ...] = ()
    sources: SourceIds

    @model_validator(mode="after")
    def bands_cover_every_total(self) -> Questionnaire:
        if self.bands:
            covered = sorted(t for band in self.bands for t in range(band.low, band.high + 1))
            if covered != list(range(self.max_total + 1)):
                raise ValueError(f"the bands of {self.id} must cover 0-{self.max_total} once each")
        return self

    @property
    def max_answer(self) -> int:
        return max(a.value for a in self.answers)

    @property
    def max_total(self) -> int:
        return self.max_answer * len(self.items)

    def band_of(self, total: int) -> ScoreBand | None:
        return next((b for b in self.bands if b.low <= total <= b.high), None)


class QuestionnairesFile(Model):
    version: Literal[1]
    questionnaires: tuple[Questionnaire, ...]


class Pace(Model):
    id: Literal["standard", "gentle"]
    label: str
    percent: float = Field(gt=0, lt=50)
    hold_days: int = Field(ge=7)
    text: str
    sources: SourceIds
    design_choice: bool


class Rule(Model):
    """One number of the follow-up (a sharp rise, a severe score, a referral line) with its reasoning."""

    text: str
    sources: SourceIds
    design_choice: bool


class LongTerm(Rule):
    after_days: int = Field(gt=0)
    percent_per_28_days: float = Field(gt=0, lt=50)
    daily_share: float = Field(gt=0, le=1)


class Rounding(Rule):
    grams_steps: tuple[float, ...] = Field(min_length=1)
    default_grams_step: float = Field(gt=0)
    teaspoon_fraction: float = Field(gt=0, le=1)


class Margin(Rule):
    value: float = Field(gt=0, lt=1)


class SharpRise(Rule):
    points: int = Field(gt=0)
    lookback_days: int = Field(gt=0)


class SevereWithdrawal(Rule):
    points: int = Field(gt=0)
    scores: int = Field(gt=0)
    days: int = Field(gt=0)


class ReferralGrams(Rule):
    value: float = Field(gt=0)
    days: int = Field(gt=0)


class AlcoholDays(Rule):
    """Alcohol logged on at least `days` of the past `of_days` local days."""

    days: int = Field(gt=0)
    of_days: int = Field(gt=0)


class TimeCourse(Rule):
    certainty: str


class TaperFile(Model):
    version: Literal[1]
    paces: tuple[Pace, ...] = Field(min_length=1)
    long_term: LongTerm
    rounding: Rounding
    kept_margin: Margin
    sharp_rise: SharpRise
    severe_withdrawal: SevereWithdrawal
    time_course: TimeCourse
    clinician_daily_grams: ReferralGrams
    heavy_alcohol: AlcoholDays


def parse_questionnaires(data: Any, known: dict[str, Source]) -> dict[str, Questionnaire]:
    loaded: QuestionnairesFile = parse(QUESTIONNAIRES_FILE, QuestionnairesFile, data)
    check_unique(QUESTIONNAIRES_FILE, loaded.questionnaires, lambda q: q.id, "questionnaire id")
    check_citations(QUESTIONNAIRES_FILE, loaded.questionnaires, known)
    return {q.id: q for q in loaded.questionnaires}


def parse_taper(data: Any, known: dict[str, Source]) -> TaperFile:
    loaded: TaperFile = parse(TAPER_FILE, TaperFile, data)
    check_unique(TAPER_FILE, loaded.paces, lambda p: p.id, "pace id")
    check_citations(TAPER_FILE, loaded, known)
    return loaded


@cache
def questionnaires() -> dict[str, Questionnaire]:
    """The SOWS and the DSM-5 self-check, by id."""
    return parse_questionnaires(read(QUESTIONNAIRES_FILE), sources())


def questionnaire(id: str) -> Questionnaire:
    return questionnaires()[id]


@cache
def taper_rules() -> TaperFile:
    """The taper planner's paces and numbers."""
    return parse_taper(read(TAPER_FILE), sources())


def pace(id: str) -> Pace:
    return next(p for p in taper_rules().paces if p.id == id)
