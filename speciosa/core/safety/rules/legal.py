"""Legal status: an info finding when the person's place bans or restricts kratom or 7-OH products.

The place is the country chosen in Settings, else the one read from the time zone (as the emergency
numbers read it), and for the US the state chosen in Settings (else the federal entry). The finding gives
the entry's as-of date and confidence, says "verify locally" below high confidence, and reminds the
person that laws change when they travel. Nothing is sent anywhere: the lookup is local reference data.
"""

from __future__ import annotations

from collections.abc import Iterator

from speciosa.core.legal import TRAVEL, own_place
from speciosa.core.safety.findings import Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import evidence_grade
from speciosa.core.safety.view import JournalView
from speciosa.refdata.legal import VERIFY_LOCALLY, LegalPlace

CODE = "legal.place"

#: The rule's own sources (the registry needs some); each finding cites its entry's sources.
SOURCES = ("us-state-kratom-bans-2025", "fda-7oh-2025", "dea-7oh-2026")


def describe(place: LegalPlace) -> str:
    """One entry in words: status, what it covers, conditions, since, as of and confidence."""
    parts = [
        f"{place.title}: {place.status_label.lower()}.",
        f"Leaf: {place.leaf}",
        f"7-OH products: {place.seven_oh}",
    ]
    if place.conditions:
        parts.append("Conditions: " + "; ".join(place.conditions) + ".")
    if place.since:
        parts.append(f"Since {place.since}.")
    parts.append(f"Our information is as of {place.as_of.isoformat()}, confidence {place.confidence}.")
    return " ".join(parts)


@rule(
    CODE,
    title="Legal status where you live",
    checks=(
        "Looks at the profile's country (chosen in Settings, else read from the time zone) and, for the US, "
        "its state. When our legal data says that place bans or restricts kratom or 7-OH products, raises an "
        "information finding with the entry's as-of date and confidence. A place without an entry raises "
        "nothing."
    ),
    sources=SOURCES,
    design_choice=(
        "Information only, never a warning: the law is not a health risk, and our entries can be out of "
        "date. Below high confidence the finding says to verify locally."
    ),
)
def check(view: JournalView) -> Iterator[Finding]:
    answer = own_place(country=view.country, region=view.region, zone=view.tz.key)
    if answer is None or not answer.restricts:
        return
    place = answer.place
    also = " ".join(describe(p) for p in answer.also)
    verify = f" {VERIFY_LOCALLY}: this entry is not high confidence." if place.verify_locally else ""
    yield Finding(
        code=CODE,
        severity=Severity.INFO,
        title=f"Kratom is {place.status_label.lower()} in {place.name}",
        meaning=(describe(place) + verify + (f" Also: {also}" if also else "")).strip(),
        action=(
            "Check the current law where you are before you buy, carry or order kratom or 7-OH products. "
            + TRAVEL
            + " See Learn, Legal status, for every entry and its sources."
        ),
        grade=evidence_grade(place.sources),
        sources=place.sources,
        subject=place.anchor,
    )
