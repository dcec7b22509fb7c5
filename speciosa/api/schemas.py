"""What /api/v1 reads (`...In`, `...Patch`) and writes (`...Out`).

Input limits reuse the journal format's annotated types (names, notes, scores, percentages), so the
API, the import format and the services agree on every limit; the services check everything again.
A `...Patch` schema has the same fields as its `...In`, all optional: a PATCH changes only the
fields it names. Input schemas refuse unknown fields, so a misspelt field is an error, not a no-op.
This module holds the error shape and the journal entries; schemas_views.py holds the rest (today,
history, trends, profile, undo, tokens, reference data, import, health).
"""

from __future__ import annotations

from copy import copy
from datetime import UTC, date, datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, create_model

from speciosa.api.wire import (
    NUMBER_ONLY,
    Count,
    Day,
    Flag,
    Moment,
    Name,
    Note,
    Percent,
    Ppm,
    Score,
    SearchText,
    ShortText,
    Text,
)
from speciosa.core import scores
from speciosa.core.limits import MAX_NAME_CHARS, MAX_STANDARD_DRINKS, MAX_THERAPY_MINUTES
from speciosa.core.units import Unit
from speciosa.core.vocab import LabTest, ProductForm, SubstanceKind, SymptomSeverity, TherapyKind, Vein
from speciosa.refdata import side_effects as side_effect_vocabulary

#: A finite number above zero (JSON true and false are not numbers here).
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False), NUMBER_ONLY]
#: A moment in an answer, always in UTC ("Z"); the profile's time zone says how to show it.
Utc = Annotated[datetime, AfterValidator(lambda moment: moment.astimezone(UTC))]


# --- errors -----------------------------------------------------------------------------------


class ErrorItem(Schema):
    field: str = Field(
        description="Where the problem is: a field, or a place such as `side_effects.0.code` or "
        "`doses[3].grams`; empty when it concerns the whole request"
    )
    message: str


class ErrorOut(Schema):
    """The one shape of every error this API answers."""

    errors: list[ErrorItem]


# --- building blocks --------------------------------------------------------------------------


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class OutputSchema(Schema):
    model_config = ConfigDict(extra="ignore")


class CreateIn(InputSchema):
    """A new entry; it may bring its own uid, so that sending it again stores nothing new."""

    uid: UUID | None = Field(
        None,
        description="Your own uid for the new entry (a UUID), e.g. made when it was logged offline: "
        "sending the same create again answers the entry already stored (200) instead of a second one",
    )


#: An entry's version, in every answer that holds entries; an entry's own answer has it as its ETag.
VERSION = Field(
    description='Goes up by one with every change; send it back as If-Match: "N" to refuse a change '
    "that would overwrite a newer one (412)"
)


def patch_of(schema: type[InputSchema], name: str, **extra: Any) -> type[InputSchema]:
    """`schema` with every field optional, for PATCH; `extra` adds fields.

    A field left out keeps its value. Only fields that may be null in `schema` accept null; the
    default is never validated, so it only marks the field as left out (`model_fields_set`).
    """
    fields: dict[str, Any] = {}
    for field_name, info in schema.model_fields.items():
        if field_name == "uid":  # an entry's uid never changes
            continue
        optional = copy(info)
        optional.default = None
        optional.default_factory = None
        fields[field_name] = (info.annotation, optional)
    patch: type[InputSchema] = create_model(
        name,
        __base__=InputSchema,
        __module__=__name__,
        __doc__=f"Any fields of {schema.__name__}.",
        **{**fields, **extra},
    )
    return patch


class ListQuery(Schema):
    """Times are ISO 8601 with an offset; write UTC as `Z`, or percent-encode a `+` (%2B) in a URL."""

    start: Moment | None = Field(None, description="Only entries at or after this time")
    end: Moment | None = Field(None, description="Only entries before this time")
    q: SearchText = Field("", description="Search notes and names")
    limit: int = Field(100, ge=1, le=1000, description="At most this many entries, newest first")


class DeletedOut(Schema):
    uid: UUID
    change_id: int | None = Field(description="POST /changes/undo with this id brings the entry back")
    archived: bool = Field(description="True when a product with doses was archived instead of deleted")
    message: str


# --- products ---------------------------------------------------------------------------------


class ProductIn(CreateIn):
    name: Name
    vendor: ShortText = ""
    form: ProductForm = ProductForm.POWDER
    vein: Vein = Vein.UNKNOWN
    strain: ShortText = ""
    batch: ShortText = Field("", description="Batch or lot number")
    grams_per_capsule: Annotated[float, Field(gt=0, le=10, allow_inf_nan=False), NUMBER_ONLY] | None = None
    purchased_on: Day | None = None
    mitragynine_percent: Percent | None = Field(
        None, description="Mitragynine, % by weight, from a lab report"
    )
    seven_oh_percent: Percent | None = Field(
        None, description="7-hydroxymitragynine, % by weight, from a lab report"
    )
    total_alkaloids_percent: Percent | None = Field(
        None, description="Total alkaloids, % by weight, from a lab report"
    )
    lead_ppm: Ppm | None = Field(None, description="Lead, µg per g (ppm), from a lab report")
    arsenic_ppm: Ppm | None = Field(None, description="Arsenic, µg per g (ppm), from a lab report")
    cadmium_ppm: Ppm | None = Field(None, description="Cadmium, µg per g (ppm), from a lab report")
    mercury_ppm: Ppm | None = Field(None, description="Mercury, µg per g (ppm), from a lab report")
    nickel_ppm: Ppm | None = Field(None, description="Nickel, µg per g (ppm), from a lab report")
    tamc_cfu_per_gram: Count | None = Field(
        None, description="Total aerobic microbial count, CFU per g, from a lab report"
    )
    tymc_cfu_per_gram: Count | None = Field(
        None, description="Total yeast and mould count, CFU per g, from a lab report"
    )
    salmonella_detected: Flag | None = Field(None, description="Salmonella found; null: not tested")
    e_coli_detected: Flag | None = Field(None, description="E. coli found; null: not tested")
    lab_report: ShortText = Field("", description="Which lab report the figures come from (lab, id, date)")
    note: Note = ""


ProductPatch = patch_of(ProductIn, "ProductPatch", archived=(Flag, None))


class ProductOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    name: str
    vendor: str
    form: ProductForm
    vein: Vein
    strain: str
    batch: str
    grams_per_capsule: float | None
    purchased_on: date | None
    mitragynine_percent: float | None
    seven_oh_percent: float | None
    total_alkaloids_percent: float | None
    lead_ppm: float | None
    arsenic_ppm: float | None
    cadmium_ppm: float | None
    mercury_ppm: float | None
    nickel_ppm: float | None
    tamc_cfu_per_gram: float | None
    tymc_cfu_per_gram: float | None
    salmonella_detected: bool | None
    e_coli_detected: bool | None
    lab_report: str
    archived: bool
    note: str


class ProductRef(OutputSchema):
    uid: UUID
    name: str


# --- doses ------------------------------------------------------------------------------------


class DoseAmountIn(InputSchema):
    amount: Positive = Field(description="How much, in `unit`")
    unit: Unit = Unit.GRAMS
    product_uid: UUID | None = Field(None, description="The product (needed for capsules)")
    tea_grams: Positive | None = Field(None, description="Grams of leaf brewed (needed for ml of tea)")
    tea_ml: Positive | None = Field(None, description="Millilitres brewed; defaults to the amount drunk")


class DosePreviewIn(DoseAmountIn):
    taken_at: Moment | None = Field(None, description="When, with a time zone offset; defaults to now")
    replacing: UUID | None = Field(
        None, description="The uid of a dose being changed: left out of the journal the preview compares with"
    )


class DoseIn(DoseAmountIn, CreateIn):
    taken_at: Moment | None = Field(None, description="When, with a time zone offset; defaults to now")
    is_estimate: Flag = False
    note: Note = ""
    confirm: Flag = Field(
        False, description="Confirms a dose over 100 g; without it such a dose is answered 409"
    )


DosePatch = patch_of(DoseIn, "DosePatch", taken_at=(Moment, None))


class DoseOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    taken_at: Utc
    grams: float
    amount: float
    unit: Unit
    product: ProductRef | None
    is_estimate: bool
    conversion: str = Field(description="How the amount became grams")
    mitragynine_mg: float | None = Field(
        None, description="Milligrams of mitragynine, from the product's lab figures, or null"
    )
    seven_oh_mg: float | None = Field(
        None, description="Milligrams of 7-OH (7-hydroxymitragynine), from the product's lab figures, or null"
    )
    note: str

    @staticmethod
    def resolve_mitragynine_mg(obj: Any) -> float | None:
        return alkaloid_mg_of(obj, "mitragynine_percent")

    @staticmethod
    def resolve_seven_oh_mg(obj: Any) -> float | None:
        return alkaloid_mg_of(obj, "seven_oh_percent")


def alkaloid_mg(grams: float, percent: float | None) -> float | None:
    """Milligrams of an alkaloid in `grams` of a product holding `percent` of it by weight
    (grams × percent / 100 × 1000 mg, as the dose timeline counts it), rounded to 0.01 mg; None when
    the percentage is unknown."""
    if percent is None:
        return None
    return round(scores.alkaloid_mg(grams, percent), 2)


def alkaloid_mg_of(dose: Any, percent_field: str) -> float | None:
    """`alkaloid_mg` for a stored dose, from its product's lab figure named `percent_field`."""
    product = getattr(dose, "product", None)
    grams = getattr(dose, "grams", None)
    if product is None or grams is None:
        return None
    return alkaloid_mg(grams, getattr(product, percent_field, None))


# --- check-ins --------------------------------------------------------------------------------


class SideEffectIn(InputSchema):
    code: Annotated[Text, Field(max_length=MAX_NAME_CHARS)] = Field(
        description="A code from GET /refdata/side-effects"
    )
    severity: SymptomSeverity = SymptomSeverity.MILD
    text: ShortText = ""


class SideEffectOut(OutputSchema):
    code: str
    label: str
    severity: SymptomSeverity
    text: str

    @staticmethod
    def resolve_label(obj: Any) -> str:
        code = obj["code"] if isinstance(obj, dict) else obj.code
        term = side_effect_vocabulary().get(code)
        return term.label if term else code


class CheckInIn(CreateIn):
    at: Moment | None = Field(None, description="When, with a time zone offset; defaults to now")
    pain_now: Score | None = None
    peg_pain: Score | None = Field(None, description="PEG item 1: average pain in the past week")
    peg_enjoyment: Score | None = Field(None, description="PEG item 2: interference with enjoyment of life")
    peg_activity: Score | None = Field(None, description="PEG item 3: interference with general activity")
    sleep_quality: Score | None = None
    mood: Score | None = None
    energy: Score | None = None
    side_effects: list[SideEffectIn] = Field(
        [], description="A PATCH that gives this list replaces the whole list"
    )
    note: Note = ""


CheckInPatch = patch_of(CheckInIn, "CheckInPatch", at=(Moment, None))


class CheckInOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    at: Utc
    pain_now: int | None
    peg_pain: int | None
    peg_enjoyment: int | None
    peg_activity: int | None
    peg_score: float | None = Field(
        description="PEG-3 score: the mean of its three items, when all are answered"
    )
    sleep_quality: int | None
    mood: int | None
    energy: int | None
    side_effects: list[SideEffectOut]
    note: str


# --- medications, substances, therapies, labs -------------------------------------------------


class MedicationIn(CreateIn):
    name: Name
    purpose: ShortText = Field("", description="What it is for")
    dose_text: ShortText = Field("", description="The dose, as written on the prescription")
    schedule: ShortText = ""
    started_on: Day | None = None
    stopped_on: Day | None = Field(None, description="On or after `started_on` (400 names stopped_on if not)")
    note: Note = ""
    confirm: Flag = Field(
        False,
        description=(
            'Keep a name speciosa asked about (409: "did you mean ...?") exactly as typed; '
            "see GET /refdata/names"
        ),
    )


MedicationPatch = patch_of(MedicationIn, "MedicationPatch")


class MedicationOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    name: str
    purpose: str
    dose_text: str
    schedule: str
    started_on: date | None
    stopped_on: date | None
    note: str


class SubstanceIn(CreateIn):
    at: Moment | None = Field(None, description="When, with a time zone offset; defaults to now")
    kind: SubstanceKind = SubstanceKind.OTHER
    substance: Name
    standard_drinks: (
        Annotated[float, Field(gt=0, le=MAX_STANDARD_DRINKS, allow_inf_nan=False), NUMBER_ONLY] | None
    ) = Field(None, description="Required for alcohol")
    amount_text: ShortText = ""
    note: Note = ""
    confirm: Flag = Field(
        False,
        description=(
            'Keep a name speciosa asked about (409: "did you mean ...?") exactly as typed; '
            "see GET /refdata/names"
        ),
    )


SubstancePatch = patch_of(SubstanceIn, "SubstancePatch", at=(Moment, None))


class SubstanceOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    at: Utc
    kind: SubstanceKind
    substance: str
    standard_drinks: float | None
    amount_text: str
    note: str


class TherapyIn(CreateIn):
    at: Moment | None = Field(None, description="When, with a time zone offset; defaults to now")
    kind: TherapyKind
    minutes: Annotated[int, Field(gt=0, le=MAX_THERAPY_MINUTES), NUMBER_ONLY]
    note: Note = ""


TherapyPatch = patch_of(TherapyIn, "TherapyPatch", at=(Moment, None))


class TherapyOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    at: Utc
    kind: TherapyKind
    minutes: int
    note: str


class LabIn(CreateIn):
    taken_on: Day
    test: LabTest
    value: Annotated[float, Field(ge=0, allow_inf_nan=False), NUMBER_ONLY]
    unit: ShortText | None = Field(
        None, description="Defaults to the test's usual unit (U/L; mg/dL for bilirubin)"
    )
    reference_low: Annotated[float, Field(ge=0, allow_inf_nan=False), NUMBER_ONLY] | None = None
    reference_high: Annotated[float, Field(gt=0, allow_inf_nan=False), NUMBER_ONLY] | None = None
    note: Note = ""


LabPatch = patch_of(LabIn, "LabPatch", unit=(ShortText, None))


class LabOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    taken_on: date
    test: LabTest
    value: float
    unit: str
    reference_low: float | None
    reference_high: float | None
    note: str
