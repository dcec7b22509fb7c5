"""Answers of the safety operations: findings with their sources expanded, the rules, acknowledging,
and the reference data's groupings.

Sources are given whole (id, citation, link, evidence grade), so a program can show where a finding
comes from without a second request. The reference data (/refdata/...) is answered with the refdata
models as they are (speciosa/refdata), grouped here where one answer holds two lists; its entries
cite sources by id, which GET /refdata/sources lists.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from speciosa.api.schemas import InputSchema, Utc
from speciosa.api.wire import Text
from speciosa.refdata import (
    ActionLevel,
    InteractionClass,
    RedFlag,
    SeverityLevel,
    Source,
    StrainClaim,
    VeinClaim,
    sources,
)

#: A finding's severity, lowest first (speciosa.core.safety.Severity; a test keeps the two equal).
FindingSeverity = Literal["info", "caution", "warning", "urgent"]


class SourceOut(Schema):
    id: str
    citation: str
    link: str = Field(description="A DOI, PubMed or official page; empty only for an id no source file holds")
    grade: str = Field(description="Evidence grade A (strongest) to D, as in the fact base")
    as_of: date | None = Field(None, description="The date of the version read, for what can change")
    note: str = Field("", description="Conflicts of interest and caveats")


def source_out(source_id: str) -> SourceOut:
    """A source id with its citation, link and grade (an id the source file lacks is still shown)."""
    found: Source | None = sources().get(source_id)
    if found is None:
        missing = f"{source_id} (not in speciosa's source list)"
        return SourceOut(id=source_id, citation=missing, link="", grade="", as_of=None, note="")
    return SourceOut(
        id=found.id,
        citation=found.citation,
        link=found.link,
        grade=found.grade,
        as_of=found.as_of,
        note=found.note,
    )


def sources_out(source_ids: tuple[str, ...] | list[str]) -> list[SourceOut]:
    return [source_out(source_id) for source_id in source_ids]


class EntryRefOut(Schema):
    kind: str = Field(description="doses, products, checkins, medications, substances, therapies or labs")
    uid: UUID


class RaisedOut(Schema):
    """A finding as the engine raised it (a preview's findings are not stored, so have no state)."""

    key: str = Field(description="Identifies this finding across assessments; acknowledge it by this key")
    symptoms_to_log: list[str] = Field(
        default_factory=list,
        description=(
            "Side-effect codes a red flag read from a note offers to log (POST /findings/log-symptoms)"
        ),
    )
    code: str = Field(description="The stable code of the rule that raised it (see GET /rules)")
    severity: FindingSeverity = Field(description="info, caution, warning or urgent")
    title: str
    meaning: str = Field(description="What it means")
    action: str = Field(description="What to do")
    grade: str = Field(description="Evidence grade A–D of the weakest source the finding leans on")
    sources: list[SourceOut] = Field(description="Where it comes from; never empty")
    entries: list[EntryRefOut] = Field(description="The journal entries it concerns")
    subject: str = Field(description="What the finding is about within its rule: a class, a metal, a product")
    at: Utc | None = Field(description="The time of the newest entry concerned; null for a standing finding")


class FindingOut(RaisedOut):
    first_seen_at: Utc = Field(description="When an assessment first raised it")
    last_seen_at: Utc = Field(description="When an assessment last raised it")
    acknowledged_at: Utc | None = Field(description="When you acknowledged it; null until then")
    active: bool = Field(description="Raised by the latest assessment (false: in the history only)")


class ScopeOut(Schema):
    """What the assessment covered (speciosa.core.safety.scope): show `message` beside the findings."""

    message: str = Field(
        description="One sentence on what the findings are based on, e.g. 'Your newest entry is from "
        "3 March 2023; findings look at the last 90 days (lab results: the last 365 days).' or 'Your "
        "journal has no entries yet.'; never an all-clear"
    )
    window_days: int = Field(description="Days of doses, check-ins, substances and therapies the rules read")
    lab_window_days: int = Field(description="Days of lab results the rules read")
    window_start: Utc = Field(description="The first moment of the timed window (it ends now)")
    lab_window_start: date = Field(description="The first local day of the lab window (it ends today)")
    newest_entry_kind: str | None = Field(
        description="The kind of your newest dose, check-in, substance, therapy or lab result; null if none"
    )
    newest_entry_on: date | None = Field(description="The local day of that entry; null if none")
    entries_in_window: int = Field(description="Entries the windows held: what the rules had to look at")
    window_empty: bool = Field(description="True when the windows held nothing: no rule had entries to read")


class FindingsOut(Schema):
    scope: ScopeOut = Field(description="What this assessment covered")
    findings: list[FindingOut] = Field(description="The current findings, urgent first")


class FindingHistoryQuery(Schema):
    limit: int = Field(200, ge=1, le=1000, description="At most this many findings, most recently seen first")


class AcknowledgeIn(InputSchema):
    key: Text = Field(min_length=1, max_length=255, description="The finding's key, from GET /findings")


class RuleOut(Schema):
    code: str = Field(description="The stable code its findings carry")
    title: str
    checks: str = Field(description="What the rule looks at and when it fires")
    sources: list[SourceOut]
    design_choice: str = Field(description="Where a threshold is speciosa's choice rather than a source's")


# --- reference data groupings -----------------------------------------------------------------


class VeinsOut(Schema):
    veins: list[VeinClaim] = Field(description="Each vein colour: what vendors claim, and the evidence")
    strains: list[StrainClaim] = Field(
        description="Each common strain name: what vendors claim, and the evidence"
    )


class RedFlagsOut(Schema):
    action_levels: list[ActionLevel] = Field(description="How soon to act, most urgent first")
    red_flags: list[RedFlag] = Field(
        description="Symptoms (side-effect codes in `triggers`) that call for action, most urgent first"
    )


class NameQuery(Schema):
    name: str = Field(..., min_length=1, max_length=200, description="A medicine or substance name as typed")


class NameCheckOut(Schema):
    """What speciosa reads in a typed name, before it is saved."""

    typed: str
    read_as: str = Field(
        description="How a misspelling is read (\"we read 'oxycodn' as oxycodone\"), or empty"
    )
    suggestions: list[str] = Field(description="Known names the typed name may be a misspelling of")
    classes: list[str] = Field(description="The interaction classes the name reaches, worst first")
    known: bool = Field(description="Whether any part of the name was recognised")
    needs_confirmation: bool = Field(
        description="Saving it as typed answers 409 until sent again with confirm: true"
    )
    question: str = Field(description='The "did you mean ...?" words, when confirmation is needed')


class InteractionsQuery(Schema):
    name: str = Field(
        "",
        max_length=200,
        description="A medication or substance as written (e.g. 'Oxycodone 5 mg' or 'Percocet'): "
        "only the classes it belongs to, worst first",
    )


class InteractionsOut(Schema):
    name: str = Field(description="The name asked about; empty when every class is listed")
    message: str = Field(description="What the answer means, in words (e.g. a name not in the table)")
    severity_scale: list[SeverityLevel] = Field(
        description="The severity words, worst first (aligned with TripSit's)"
    )
    interaction_classes: list[InteractionClass] = Field(
        description="Every class, or with `name` the classes it belongs to, worst first"
    )


# --- a dose before it is logged -----------------------------------------------------------------


class BandOut(Schema):
    label: str
    range: str = Field(description="The band in grams of plain leaf, as the source reports it")
    holds: bool = Field(description="The dose falls in this band")


class SourceBandsOut(Schema):
    title: str
    kind: str = Field(description="bands (a source's own scale) or finding (a study's observed figure)")
    source: SourceOut
    bands: list[BandOut]
    words: str = Field(description="Where the dose sits on this source's scale, in its own words")
    text: str


class AlkaloidsOut(Schema):
    mitragynine_mg: float | None
    seven_oh_mg: float | None
    assumption: str


class DosePreviewOut(Schema):
    """A dose before it is logged: the same content the dose page and `speciosa log dose --dry-run` show."""

    grams: float
    explanation: str = Field(description="How the amount became grams")
    assumed: bool = Field(
        description="True when the figure rests on an assumption (the typical teaspoon: see /refdata/units)"
    )
    versus_usual: str = Field(description="Against your own usual amount (the median of the last 4 weeks)")
    usual_grams: float | None = Field(description="Your usual amount; null with no doses in the last 4 weeks")
    bands_apply: bool = Field(description="False for a form the published bands say nothing about (extracts)")
    note: str = Field(description="What the sources' figures are and are not")
    sources: list[SourceBandsOut] = Field(description="Each source's figures side by side, never merged")
    findings: list[RaisedOut] = Field(description="The findings logging the dose would raise")
    alkaloids: AlkaloidsOut | None = Field(description="From the product's lab figures, when it has them")
    cited: list[SourceOut] = Field(description="The sources of `note`")
