"""Looking up the legal status of a place (pure: no Django, no network; nothing is sent anywhere).

A place is a US state (USPS code or name), a US locality (its name, optionally with its state: "San
Diego, CA"), or a country (ISO 3166 code or name); case and accents do not matter. An answer shows the
most specific entry first and then what also applies: for a locality its state's entry and the federal
one, for a state the federal one. No match means "we have no entry for this place", never "legal".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from speciosa.refdata.legal import STATUSES, US_STATES, LegalPlace, federal, legal_places
from speciosa.refdata.poison_control import OTHER_COUNTRY, poison_line_for

NO_ENTRY = "We have no entry for this place. That does not mean kratom is legal there: check local law."

#: Said with every answer: the person's own place is not the only one that matters.
TRAVEL = "Laws change when you travel: a place you visit or pass through may ban what is legal at home."


@dataclass(frozen=True)
class LegalAnswer:
    """The entries that apply to one place, most specific first (locality, state, federal)."""

    place: LegalPlace
    also: tuple[LegalPlace, ...] = ()

    @property
    def entries(self) -> tuple[LegalPlace, ...]:
        return (self.place, *self.also)

    @property
    def restricts(self) -> bool:
        """True when the place itself bans or restricts kratom or 7-OH products."""
        return self.place.restricts


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces squeezed: "São Paulo" → "sao paulo"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _names(place: LegalPlace) -> set[str]:
    names = {fold(place.name), *(fold(a) for a in place.aliases)}
    if place.kind == "us_state":
        names.add(fold(US_STATES.get(place.code, place.name)))
    return names


def _state_code(text: str) -> str:
    """The USPS code named by `text` (a code or a state's name), or ""."""
    folded = fold(text)
    if folded.upper() in US_STATES:
        return folded.upper()
    by_name = {fold(name): code for code, name in US_STATES.items()}
    by_name.update({"district of columbia": "DC", "washington dc": "DC"})
    return by_name.get(folded, "")


def answer_for(place: LegalPlace) -> LegalAnswer:
    """An entry with what also applies to it: a locality's state and federal, a state's federal."""
    also: list[LegalPlace] = []
    if place.kind == "us_locality":
        state = state_entry(place.state)
        if state is not None:
            also.append(state)
    if place.kind in ("us_locality", "us_state"):
        also.append(federal())
    return LegalAnswer(place=place, also=tuple(also))


def state_entry(code: str) -> LegalPlace | None:
    """The entry of a US state by USPS code, or None when there is none."""
    return next((p for p in legal_places() if p.kind == "us_state" and p.code == code.upper()), None)


def country_entry(code: str) -> LegalPlace | None:
    """The entry of a country by ISO code, or None when there is none."""
    return next((p for p in legal_places() if p.kind == "country" and p.code == code.upper()), None)


def lookup(query: str) -> list[LegalAnswer]:
    """Every entry `query` names, most specific first; [] when we have none.

    "CA" names both California and Canada, so both come back (the state first). "US-CA" or "California"
    names only the state; "San Diego" or "San Diego, CA" the locality (with California and federal)."""
    text = query.strip()
    if not fold(text):
        return []
    places = legal_places()
    found: list[LegalPlace] = []

    # "US-CA", "US CA": a state.
    prefixed = re.fullmatch(r"(?i)us[-\s]+([a-z]{2})", text)
    if prefixed:
        entry = state_entry(prefixed.group(1))
        return [answer_for(entry)] if entry else []

    # "San Diego, CA" or "Kansas City, Missouri": a locality with its state.
    name, _, state_text = text.rpartition(",")
    if name and state_text.strip():
        state = _state_code(state_text)
        if state:
            wanted = fold(name)
            found = [
                p for p in places if p.kind == "us_locality" and p.state == state and wanted in _names(p)
            ]
            return [answer_for(p) for p in found]

    folded = fold(text)
    code = folded.upper() if re.fullmatch(r"[a-z]{2}", folded) else ""
    states = [p for p in places if p.kind == "us_state" and (p.code == code or folded in _names(p))]
    localities = [p for p in places if p.kind == "us_locality" and (folded in _names(p) or folded == p.code)]
    countries = [p for p in places if p.kind == "country" and (p.code == code or folded in _names(p))]
    found = [*localities, *states, *countries]
    return [answer_for(p) for p in found]


def lookup_one(query: str) -> LegalAnswer | None:
    """The first (most specific) answer for `query`, or None."""
    answers = lookup(query)
    return answers[0] if answers else None


def place_of(*, country: str, region: str) -> LegalAnswer | None:
    """The answer for a person's place: the country (ISO code) and, for the US, the region (a USPS code).
    For the US without a known state entry, the federal entry; None when we have no entry."""
    if country == "US" or (not country and region):
        if region:
            state = state_entry(region)
            if state is not None:
                return answer_for(state)
        return LegalAnswer(place=federal())
    if not country:
        return None
    entry = country_entry(country)
    return LegalAnswer(place=entry) if entry else None


def own_place(*, country: str, region: str, zone: str) -> LegalAnswer | None:
    """The answer for a person: the country chosen in Settings, else the one of the time zone (as the
    emergency numbers read it; "Other / not listed" is none), and for the US the state chosen."""
    if country == OTHER_COUNTRY:
        country = ""
    elif not country:
        line = poison_line_for(zone)
        country = line.country if line else ""
    return place_of(country=country, region=region)


def grouped(first: LegalAnswer | None = None) -> list[tuple[str, str, list[LegalPlace]]]:
    """Every entry grouped by status (strictest first): (label, meaning, entries by kind then name).
    `first`: the person's own place, left out here because the page shows it first."""
    mine = {(p.kind, p.code) for p in first.entries} if first else set()
    order = {"country": 0, "us_state": 1, "us_locality": 2}
    groups = []
    for status, label, meaning in STATUSES:
        members = sorted(
            (p for p in legal_places() if p.status == status and (p.kind, p.code) not in mine),
            key=lambda p: (order[p.kind], p.title),
        )
        if members:
            groups.append((label, meaning, members))
    return groups


def place_row(place: LegalPlace) -> dict[str, object]:
    """One entry as the API and the CLI show it (the page shows the same fields)."""
    return {
        "kind": place.kind,
        "code": place.code,
        "name": place.name,
        "state": place.state,
        "status": place.status,
        "leaf": place.leaf,
        "seven_oh": place.seven_oh,
        "conditions": list(place.conditions),
        "since": place.since,
        "as_of": place.as_of.isoformat(),
        "confidence": place.confidence,
        "verify_locally": place.verify_locally,
        "sources": list(place.sources),
        "notes": place.notes,
        "url": f"/learn/legal/#{place.anchor}",
    }
