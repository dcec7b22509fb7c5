"""Legal status of kratom and 7-OH products by place: US federal, US states, US localities and countries
(shared/facts/kratom-facts.md §5 and §7). Every entry has an as-of date and a confidence; laws change,
so anything below high confidence is shown with "verify locally". A place not listed has no entry: it is
never called legal.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Model, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources
from speciosa.refdata.search_docs import SearchDoc

LEGAL_FILE = "legal.yaml"

Status = Literal["legal", "regulated", "restricted", "banned", "unclear"]
Confidence = Literal["high", "medium", "low"]
PlaceKind = Literal["country", "us_state", "us_locality"]

#: Statuses in the order a list shows them (the strictest first), with a label and what each means.
STATUSES: tuple[tuple[Status, str, str], ...] = (
    ("banned", "Banned", "the natural leaf is prohibited or controlled"),
    ("restricted", "Restricted", "some products or sales are banned, or an agency rule applies"),
    ("regulated", "Regulated", "legal with conditions such as an age limit or a 7-OH limit"),
    ("legal", "Legal", "no kratom-specific law was found"),
    ("unclear", "Unclear", "reports conflict or could not be verified"),
)

KIND_LABELS: dict[str, str] = {"country": "Country", "us_state": "US state", "us_locality": "US locality"}

#: The words shown with every entry below high confidence.
VERIFY_LOCALLY = "Verify locally"


class LegalPlace(Model):
    """One place's status. `code`: ISO 3166 (country), USPS (us_state) or a slug (us_locality, whose
    `state` is its USPS code); `leaf` and `seven_oh`: what it says about the natural leaf and 7-OH
    products; `since`: a date or year as the sources give it; `as_of`: the date of our information."""

    kind: PlaceKind
    code: str = Field(pattern=r"^([A-Z]{2}|us-[a-z]{2}-[a-z0-9-]+)$")
    name: str
    aliases: tuple[str, ...] = ()
    state: str = Field("", pattern=r"^([A-Z]{2})?$")
    status: Status
    leaf: str
    seven_oh: str
    conditions: tuple[str, ...] = ()
    since: str = ""
    as_of: date
    confidence: Confidence
    sources: SourceIds
    notes: str = ""

    @model_validator(mode="after")
    def locality_has_state(self) -> LegalPlace:
        if (self.kind == "us_locality") != bool(self.state):
            raise ValueError(f"{self.code}: a us_locality names its state, and only a locality does")
        return self

    @property
    def verify_locally(self) -> bool:
        """True below high confidence: the app then says "verify locally"."""
        return self.confidence != "high"

    @property
    def status_label(self) -> str:
        return next(label for status, label, _ in STATUSES if status == self.status)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def anchor(self) -> str:
        """The id of the entry on /learn/legal/ (unique: a country and a US state may share a code)."""
        return f"{self.kind}-{self.code}".lower().replace("_", "-")

    @property
    def title(self) -> str:
        """The name as a list shows it: "San Diego, CA", "California (US state)", "Canada"."""
        if self.kind == "us_locality":
            return f"{self.name}, {self.state}"
        if self.kind == "us_state":
            return f"{self.name} (US state)"
        return self.name

    @property
    def restricts(self) -> bool:
        """True when the place bans or restricts kratom or 7-OH products."""
        return self.status in ("banned", "restricted")


class LegalFile(Model):
    version: Literal[1]
    places: tuple[LegalPlace, ...] = Field(min_length=1)


def parse_legal(data: Any, known: dict[str, Source]) -> list[LegalPlace]:
    loaded: LegalFile = parse(LEGAL_FILE, LegalFile, data)
    check_unique(LEGAL_FILE, loaded.places, lambda p: (p.kind, p.code), "place")
    check_citations(LEGAL_FILE, loaded.places, known)
    return list(loaded.places)


@cache
def legal_places() -> list[LegalPlace]:
    """Every place with an entry, in file order."""
    return parse_legal(read(LEGAL_FILE), sources())


def federal() -> LegalPlace:
    """The US federal entry."""
    return next(p for p in legal_places() if p.kind == "country" and p.code == "US")


def us_states() -> list[LegalPlace]:
    return [p for p in legal_places() if p.kind == "us_state"]


def state_choices() -> list[tuple[str, str]]:
    """(USPS code, name) of every US state and D.C., by name: what the profile's region may hold.
    Listed whether or not an entry exists here (no entry is shown as "no entry", never "legal")."""
    return sorted(US_STATES.items(), key=lambda item: item[1])


def documents() -> list[SearchDoc]:
    """One search document per entry, pointing at its anchor on /learn/legal/."""
    docs = []
    for place in legal_places():
        text = " ".join(
            part
            for part in (
                place.name,
                *place.aliases,
                place.kind_label,
                f"status {place.status_label}",
                place.leaf,
                place.seven_oh,
                *place.conditions,
                place.notes,
                f"as of {place.as_of.isoformat()}",
                f"confidence {place.confidence}",
            )
            if part
        )
        docs.append(
            SearchDoc(
                kind="legal",
                key=place.anchor,
                title=f"Kratom legal status: {place.title}",
                url=f"/learn/legal/#{place.anchor}",
                text=text,
                sources=place.sources,
            )
        )
    return docs


#: USPS codes of the 50 states and D.C. (the values a profile's region may hold).
US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "Washington, D.C.", "FL": "Florida",
    "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri",
    "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
    "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
