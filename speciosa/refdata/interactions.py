"""Interaction classes (kratom with a medicine, substance or drink), on a severity scale aligned
with TripSit's words. Which classes a typed name belongs to is speciosa.refdata.name_reading's job."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import (
    Grade,
    Model,
    RefdataError,
    SourceIds,
    check_citations,
    check_unique,
    parse,
    read,
)
from speciosa.refdata.loader import Source, sources
from speciosa.refdata.tokens import words

INTERACTIONS_FILE = "interactions.yaml"

SeverityCode = Literal["dangerous", "unsafe", "caution", "unknown", "low_risk"]
FactBaseRating = Literal["HIGH", "MOD-HIGH", "MOD", "LOW", "UNKNOWN", "INFORMATIONAL", "NOT_RATED"]

#: How the fact base's proposed severities (shared/facts/kratom-facts.md §4.2) map onto the scale.
#: INFORMATIONAL and NOT_RATED (classes the fact base does not grade) take the severity the class's
#: own text justifies.
FACT_BASE_TO_SEVERITY: dict[str, SeverityCode] = {
    "HIGH": "dangerous",
    "MOD-HIGH": "unsafe",
    "MOD": "caution",
    "LOW": "low_risk",
    "UNKNOWN": "unknown",
}


class SeverityLevel(Model):
    """One step of the scale. `order` 0 is the worst; `tripsit_status` names TripSit's matching status."""

    code: SeverityCode
    order: int
    label: str
    tripsit_status: str
    definition: str
    sources: SourceIds


#: The severity scale, worst first. The words follow TripSit's combination chart
#: (combo_definitions.json); TripSit's three "Low Risk" statuses (decrease, no synergy, synergy) are
#: one step here. "Unknown" ranks above "low risk": no data is not a reassurance.
SEVERITY_SCALE: dict[str, SeverityLevel] = {
    level.code: level
    for level in (
        SeverityLevel(
            code="dangerous",
            order=0,
            label="Dangerous",
            tripsit_status="Dangerous",
            definition=(
                "Serious harm, including death, has been seen with this combination or with its mechanism "
                "(an FDA class warning). Avoid the combination; if you cannot, talk to your prescriber now."
            ),
            sources=("tripsit-drugs",),
        ),
        SeverityLevel(
            code="unsafe",
            order=1,
            label="Unsafe",
            tripsit_status="Unsafe",
            definition="A considerable risk of physical harm. Avoid the combination where you can.",
            sources=("tripsit-drugs",),
        ),
        SeverityLevel(
            code="caution",
            order=2,
            label="Caution",
            tripsit_status="Caution",
            definition=(
                "A plausible mechanism with case reports or a measured effect on drug levels. Often not "
                "harmful, but it can be, especially at high amounts: watch for the signs named and check "
                "with a pharmacist."
            ),
            sources=("tripsit-drugs",),
        ),
        SeverityLevel(
            code="unknown",
            order=3,
            label="Unknown",
            tripsit_status="Unknown",
            definition=(
                "No human data on the combination. Unknown is not the same as harmless: ask a pharmacist."
            ),
            sources=("tripsit-drugs",),
        ),
        SeverityLevel(
            code="low_risk",
            order=4,
            label="Low risk",
            tripsit_status="Low Risk (Decrease, No Synergy or Synergy)",
            definition=(
                "Unlikely to cause harm beyond what each causes alone at the amounts studied; effects may "
                "still add up."
            ),
            sources=("tripsit-drugs",),
        ),
    )
}


class AmountGate(Model):
    """A class that matters only in larger amounts (caffeine): a logged substance counts when the
    milligrams in its amount text add up to `threshold` (a name in thresholds.yaml) or more on one local
    day, or when it is one of the `regardless_for` names, high-dose by nature (caffeine pills)."""

    threshold: str
    regardless_for: tuple[str, ...] = ()


class InteractionClass(Model):
    """A class of medicines or substances and what combining it with kratom means.

    `members`: lower-case generic and brand names matched as whole words. `fact_base_rating`: the
    severity the fact base proposes; `severity` follows FACT_BASE_TO_SEVERITY unless `deviation`
    says why not."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    members: tuple[str, ...] = Field(min_length=1)
    severity: SeverityCode
    fact_base_rating: FactBaseRating
    deviation: str = ""
    mechanism: str
    what_to_do: str
    grade: Grade
    sources: SourceIds
    amount_gate: AmountGate | None = None

    @model_validator(mode="after")
    def members_are_lower_case_and_unique(self) -> InteractionClass:
        for member in self.members:
            if member != member.strip().lower() or not words(member):
                raise ValueError(f"interaction class {self.id!r}: member {member!r} must be lower case words")
        if len({words(m) for m in self.members}) != len(self.members):
            raise ValueError(f"interaction class {self.id!r} lists a member twice")
        return self

    @model_validator(mode="after")
    def severity_follows_the_fact_base_or_says_why(self) -> InteractionClass:
        mapped = FACT_BASE_TO_SEVERITY.get(self.fact_base_rating)
        if mapped is not None and mapped != self.severity and not self.deviation:
            raise ValueError(
                f"interaction class {self.id!r}: fact base {self.fact_base_rating} maps to {mapped!r}, "
                f"not {self.severity!r}; explain in `deviation`"
            )
        return self

    @property
    def level(self) -> SeverityLevel:
        return SEVERITY_SCALE[self.severity]


class InteractionsFile(Model):
    version: Literal[1]
    interaction_classes: tuple[InteractionClass, ...]


def parse_interactions(data: Any, known: dict[str, Source]) -> list[InteractionClass]:
    loaded: InteractionsFile = parse(INTERACTIONS_FILE, InteractionsFile, data)
    check_unique(INTERACTIONS_FILE, loaded.interaction_classes, lambda c: c.id, "interaction class id")
    check_citations(INTERACTIONS_FILE, loaded.interaction_classes, known)
    for cls in loaded.interaction_classes:
        if cls.severity not in SEVERITY_SCALE:  # pragma: no cover - the Literal already guards it
            raise RefdataError(f"{INTERACTIONS_FILE}: {cls.id!r} has severity {cls.severity!r}")
    return list(loaded.interaction_classes)


@cache
def interaction_classes() -> list[InteractionClass]:
    """Every interaction class, in file order (worst-first ordering is interactions_for's job)."""
    return parse_interactions(read(INTERACTIONS_FILE), sources())
