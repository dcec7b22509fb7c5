"""The journal document: speciosa's export and import format, version 1.

These pydantic models are the one definition of the format. docs/journal-format.schema.json is
generated from them (`speciosa schema`) and a test keeps the two equal. Entries are identified by
`uid`, so importing a document twice adds nothing the second time.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationInfo,
    field_validator,
)

from speciosa.core.insights import experiment as ex
from speciosa.core.limits import MAX_DOSE_GRAMS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_STANDARD_DRINKS
from speciosa.core.limits import MAX_THERAPY_MINUTES as MAX_MINUTES
from speciosa.core.taper import scales
from speciosa.core.units import Unit
from speciosa.core.vocab import LabTest, ProductForm, SubstanceKind, SymptomSeverity, TherapyKind, Vein

FORMAT_NAME: Literal["speciosa-journal"] = "speciosa-journal"
FORMAT_VERSION: Literal[1] = 1


#: Dates and times outside these years are typing mistakes (and overflow date arithmetic).
FIRST_YEAR, LAST_YEAR = 1900, 2200


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must include a time zone offset, e.g. 2026-03-01T08:30:00+00:00")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be between the years {FIRST_YEAR} and {LAST_YEAR}")
    return value


def _plausible_day(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be between the years {FIRST_YEAR} and {LAST_YEAR}")
    return value


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


Moment = Annotated[datetime, AfterValidator(_aware)]
Day = Annotated[date, AfterValidator(_plausible_day)]
Note = Annotated[str, Field(max_length=MAX_NOTE_CHARS), AfterValidator(_no_nul)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS), AfterValidator(_no_nul)]
ShortText = Annotated[str, Field(max_length=MAX_NAME_CHARS), AfterValidator(_no_nul)]
Score = Annotated[int, Field(ge=0, le=10)]
Ppm = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
Count = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Drinks = Annotated[float, Field(gt=0, le=MAX_STANDARD_DRINKS, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    uid: UUID
    note: Note = ""


#: A local time of day as HH:MM, 24-hour.
CLOCK_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def clock_time(value: str | None) -> time | None:
    """An HH:MM (as CLOCK_TIME checks it) as a time of day; None stays None."""
    return time.fromisoformat(value) if value else None


class ProfileRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: str = "UTC"
    teaspoon_grams: Annotated[float, Field(gt=0, le=20, allow_inf_nan=False)] | None = None
    pregnant: bool = Field(
        False, description="Pregnant or may be: raises a standing warning (neonatal withdrawal)"
    )
    breastfeeding: bool = Field(
        False, description="Breastfeeding: raises a standing warning (what passes to the baby is unstudied)"
    )
    country: str = Field(
        "",
        pattern=r"^([A-Z]{2})?$",
        description=(
            "ISO 3166 code of the country whose emergency and poison-control numbers to show (ZZ: other); "
            "empty: read from the time zone"
        ),
    )
    region: str = Field(
        "",
        pattern=r"^([A-Z]{2})?$",
        description="USPS code of the US state the person lives in (legal-status lookup); empty: not set",
    )
    checkin_reminder: str | None = Field(
        None,
        pattern=CLOCK_TIME,
        description="Local time (HH:MM, 24-hour) of the daily check-in reminder in the calendar; null: none",
    )


class ProductRecord(Record):
    name: Name
    vendor: ShortText = ""
    form: ProductForm = ProductForm.POWDER
    vein: Vein = Vein.UNKNOWN
    strain: ShortText = ""
    batch: ShortText = ""
    grams_per_capsule: Annotated[float, Field(gt=0, le=10, allow_inf_nan=False)] | None = None
    purchased_on: Day | None = None
    mitragynine_percent: Percent | None = Field(
        None, description="Mitragynine, % by weight, from a lab report"
    )
    seven_oh_percent: Percent | None = Field(
        None, description="7-hydroxymitragynine, % by weight, from a lab report"
    )
    total_alkaloids_percent: Percent | None = Field(None, description="Total alkaloids, % by weight")
    lead_ppm: Ppm | None = Field(None, description="Lead, µg per g (ppm), from a lab report")
    arsenic_ppm: Ppm | None = Field(None, description="Arsenic, µg per g (ppm), from a lab report")
    cadmium_ppm: Ppm | None = Field(None, description="Cadmium, µg per g (ppm), from a lab report")
    mercury_ppm: Ppm | None = Field(None, description="Mercury, µg per g (ppm), from a lab report")
    nickel_ppm: Ppm | None = Field(None, description="Nickel, µg per g (ppm), from a lab report")
    tamc_cfu_per_gram: Count | None = Field(None, description="Total aerobic microbial count, CFU per g")
    tymc_cfu_per_gram: Count | None = Field(None, description="Total yeast and mould count, CFU per g")
    salmonella_detected: bool | None = Field(None, description="Salmonella found (None: not tested)")
    e_coli_detected: bool | None = Field(None, description="E. coli found (None: not tested)")
    lab_report: ShortText = Field("", description="Which lab report the figures come from (lab, id, date)")
    archived: bool = False

    @property
    def has_lab_figures(self) -> bool:
        return any(getattr(self, name) is not None for name in LAB_FIELDS)


#: Product fields that come from a lab report (certificate of analysis).
LAB_FIELDS = (
    "mitragynine_percent",
    "seven_oh_percent",
    "total_alkaloids_percent",
    "lead_ppm",
    "arsenic_ppm",
    "cadmium_ppm",
    "mercury_ppm",
    "nickel_ppm",
    "tamc_cfu_per_gram",
    "tymc_cfu_per_gram",
    "salmonella_detected",
    "e_coli_detected",
)


class DoseRecord(Record):
    taken_at: Moment
    grams: Annotated[float, Field(gt=0, le=MAX_DOSE_GRAMS, allow_inf_nan=False)]
    amount: Annotated[float, Field(gt=0, allow_inf_nan=False)] = Field(description="As entered, in `unit`")
    unit: Unit = Unit.GRAMS
    product_uid: UUID | None = None
    is_estimate: bool = False
    conversion: Note = Field("", description="How `amount unit` became `grams`")


class SideEffectRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="A code from speciosa/refdata/data/side_effects.yaml")
    severity: SymptomSeverity = SymptomSeverity.MILD
    text: ShortText = ""


class CheckInRecord(Record):
    at: Moment
    pain_now: Score | None = None
    peg_pain: Score | None = Field(None, description="PEG item 1: average pain")
    peg_enjoyment: Score | None = Field(None, description="PEG item 2: interference with enjoyment of life")
    peg_activity: Score | None = Field(None, description="PEG item 3: interference with general activity")
    sleep_quality: Score | None = None
    mood: Score | None = None
    energy: Score | None = None
    side_effects: list[SideEffectRecord] = []


class MedicationRecord(Record):
    name: Name
    purpose: ShortText = ""
    dose_text: ShortText = ""
    schedule: ShortText = ""
    started_on: Day | None = None
    stopped_on: Day | None = None

    @field_validator("stopped_on")
    @classmethod
    def stops_after_it_starts(cls, stopped_on: date | None, info: ValidationInfo) -> date | None:
        started_on = info.data.get("started_on")
        if started_on and stopped_on and stopped_on < started_on:
            raise ValueError("is before the start date")
        return stopped_on


class SubstanceRecord(Record):
    at: Moment
    kind: SubstanceKind = SubstanceKind.OTHER
    substance: Name
    standard_drinks: Drinks | None = Field(None, validate_default=True)
    amount_text: ShortText = ""

    @field_validator("standard_drinks")
    @classmethod
    def alcohol_counts_drinks(cls, drinks: float | None, info: ValidationInfo) -> float | None:
        if info.data.get("kind") is SubstanceKind.ALCOHOL and drinks is None:
            raise ValueError("alcohol needs the number of standard drinks")
        return drinks


class TherapyRecord(Record):
    at: Moment
    kind: TherapyKind
    minutes: Annotated[int, Field(gt=0, le=MAX_MINUTES)]


class LabRecord(Record):
    taken_on: Day
    test: LabTest
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    unit: ShortText
    reference_low: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    reference_high: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None

    @field_validator("reference_high")
    @classmethod
    def range_is_in_order(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("reference_low")
        if high is not None and low is not None and low > high:
            raise ValueError("is below the low end of the range")
        return high


Grams = Annotated[float, Field(gt=0, le=MAX_DOSE_GRAMS, allow_inf_nan=False)]
#: What an experiment's option is: kratom (with grams a day), a non-drug therapy, or no kratom.
OptionKind = Literal["kratom", "therapy", "none"]
OPTION_KINDS: tuple[str, ...] = ("kratom", "therapy", "none")


class ExperimentRecord(BaseModel):
    """An N-of-1 experiment: the person's plan comparing option A with option B in randomised blocks
    (speciosa.core.insights.experiment). Not a journal entry but a plan; its schedule is replayed
    from `order`, so it reads the same after an import. Its state and result are read from the
    journal's check-ins and findings, so they are not stored here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uid: UUID
    question: Name
    a_kind: OptionKind
    a_label: Name
    a_grams: Grams | None = Field(
        None, validate_default=True, description="Grams a day in the plan (a kratom option only)"
    )
    b_kind: OptionKind
    b_label: Name
    b_grams: Grams | None = Field(
        None, validate_default=True, description="Grams a day in the plan (a kratom option only)"
    )
    start_on: Day
    block_days: Annotated[int, Field(ge=ex.MIN_BLOCK_DAYS, le=ex.MAX_BLOCK_DAYS)]
    pairs: Annotated[int, Field(ge=ex.MIN_PAIRS, le=ex.MAX_PAIRS)]
    washout_days: Annotated[int, Field(ge=0, description="Settling days at the start of each block")]
    seed: Annotated[int, Field(ge=-(2**63), lt=2**63, description="The seed the order was drawn with")]
    order: str = Field(
        pattern=r"^(AB|BA)+$", description="The option of each block, one AB or BA per pair, e.g. ABBAABBA"
    )
    usual_grams: Grams | None = Field(
        None,
        validate_default=True,
        description="The recent usual grams a day when it was planned (needed for a kratom option)",
    )
    ended: Literal["", "early"] = Field("", description="early: ended before the planned end")
    ended_on: Day | None = Field(None, validate_default=True, description="The day it was ended early")
    created_at: Moment | None = Field(None, description="When it was planned (empty: when imported)")

    @field_validator("washout_days")
    @classmethod
    def washout_leaves_days(cls, washout: int, info: ValidationInfo) -> int:
        block_days = info.data.get("block_days")
        if block_days is not None and washout > block_days - 2:
            raise ValueError("must leave at least 2 measured days in each block (at most block_days - 2)")
        return washout

    @field_validator("order")
    @classmethod
    def one_pair_of_blocks_each(cls, order: str, info: ValidationInfo) -> str:
        pairs = info.data.get("pairs")
        if pairs is not None and len(order) != 2 * pairs:
            raise ValueError(f"must hold one AB or BA for each of the {pairs} pairs")
        return order

    @field_validator("usual_grams")
    @classmethod
    def kratom_within_the_usual_amount(cls, usual: float | None, info: ValidationInfo) -> float | None:
        for key in ("a", "b"):
            kind, grams = info.data.get(f"{key}_kind"), info.data.get(f"{key}_grams")
            if kind == "kratom" and grams is not None and (usual is None or grams > usual):
                raise ValueError(
                    f"is needed with a kratom option and must be at least {key}_grams: an experiment never "
                    "plans more kratom than the recent usual amount"
                )
        return usual

    @field_validator("ended_on")
    @classmethod
    def ends_when_it_ended(cls, ended_on: date | None, info: ValidationInfo) -> date | None:
        ended, start_on = info.data.get("ended"), info.data.get("start_on")
        if (ended == "early") != (ended_on is not None):
            raise ValueError("is the day it was ended early: given exactly when `ended` is early")
        if ended_on is not None and start_on is not None and ended_on < start_on:
            raise ValueError("is before start_on")
        return ended_on

    @field_validator("a_grams", "b_grams")
    @classmethod
    def grams_for_kratom_only(cls, grams: float | None, info: ValidationInfo) -> float | None:
        kind = info.data.get(f"{str(info.field_name)[0]}_kind")
        if kind == "kratom" and grams is None:
            raise ValueError("is required for a kratom option: grams a day in the plan")
        if kind is not None and kind != "kratom" and grams is not None:
            raise ValueError("is only for a kratom option")
        return grams


Instrument = Literal["sows", "dsm5"]


class SelfCheckRecord(Record):
    """A self-report questionnaire as answered: the SOWS (16 answers, 0-4 each; withdrawal now) or the
    DSM-5 self-check (11 answers, 0 no or 1 yes; the past 12 months). The items and scoring are in
    speciosa/refdata/data/questionnaires.yaml; the total is computed, not stored."""

    at: Moment
    instrument: Instrument = Field(description="sows: withdrawal now; dsm5: dependence self-check")
    answers: list[StrictInt] = Field(description="One answer per item, in the questionnaire's order")

    @field_validator("answers")
    @classmethod
    def one_answer_per_item(cls, answers: list[int], info: ValidationInfo) -> list[int]:
        instrument = info.data.get("instrument")
        if instrument is not None:
            errors = scales.answer_errors(instrument, answers)
            if errors:
                raise ValueError("; ".join(f"{e.field}: {e.message}" for e in errors))
        return answers


TaperEventKind = Literal["pause", "resume", "hold", "slow", "bad_day", "end"]


class TaperEventRecord(BaseModel):
    """Something the person did to a taper plan on a day: pause, resume, hold the step (`days` more),
    slow the rest, mark a bad day (which pauses it), or end it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    day: Day
    kind: TaperEventKind
    days: Annotated[int, Field(ge=0, le=28, description="For hold: how many more days")] = 0
    note: ShortText = ""
    at: Moment | None = Field(None, description="When it was recorded (empty: when imported)")


class TaperRecord(BaseModel):
    """A taper plan: where it starts and how it goes down (speciosa.core.taper.schedule), and what the
    person did since. Its steps and progress are replayed from these fields, the doses and the SOWS
    scores, so they are not stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uid: UUID
    start_on: Day
    start_grams: Grams = Field(description="The daily amount it starts from, in grams")
    pace: Literal["standard", "gentle"] = "standard"
    percent: Annotated[float, Field(gt=0, lt=50, description="Each step's cut, % of the current amount")]
    hold_days: Annotated[int, Field(ge=7, le=28, description="Days each step is held at least")]
    measure: Literal["g", "tsp"] = Field("g", description="What the person measures with")
    measure_grams: Annotated[
        float, Field(gt=0, le=5, allow_inf_nan=False, description="One measuring unit, in grams")
    ]
    doses_per_day: Annotated[int, Field(ge=1, le=12)] = 1
    long_term: bool = Field(False, description="More than a year of daily use: at most about 10% a month")
    target_grams: Annotated[float, Field(ge=0, le=MAX_DOSE_GRAMS, allow_inf_nan=False)] = 0.0
    product_uid: UUID | None = Field(None, description="The product in use when it was planned")
    mitragynine_percent: Percent | None = Field(
        None, description="That product's mitragynine, % by weight, from its lab report"
    )
    events: list[TaperEventRecord] = []
    created_at: Moment | None = Field(None, description="When it was planned (empty: when imported)")

    @field_validator("target_grams")
    @classmethod
    def target_below_start(cls, target: float, info: ValidationInfo) -> float:
        start = info.data.get("start_grams")
        if start is not None and target >= start:
            raise ValueError("must be below start_grams: a taper goes down")
        return target


class JournalDocument(BaseModel):
    """A whole journal. `format` and `version` say how to read the rest."""

    model_config = ConfigDict(extra="forbid", title="speciosa journal, version 1")

    format: Literal["speciosa-journal"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    exported_at: Moment | None = None
    profile: ProfileRecord = ProfileRecord()
    products: list[ProductRecord] = []
    doses: list[DoseRecord] = []
    checkins: list[CheckInRecord] = []
    medications: list[MedicationRecord] = []
    substances: list[SubstanceRecord] = []
    therapies: list[TherapyRecord] = []
    labs: list[LabRecord] = []
    selfchecks: list[SelfCheckRecord] = []
    experiments: list[ExperimentRecord] = []
    tapers: list[TaperRecord] = []


#: The kinds of entry, in the order they are imported (products before the doses that use them).
ENTRY_KINDS: tuple[str, ...] = (
    "products",
    "doses",
    "checkins",
    "medications",
    "substances",
    "therapies",
    "labs",
    "selfchecks",
)


#: The lists of plans a document holds beside its entries (imported after them).
PLAN_KINDS: tuple[str, ...] = ("experiments", "tapers")


def json_schema() -> dict[str, object]:
    schema = JournalDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://speciosa.invalid/schema/journal-v1.json"
    return schema
