"""Poison-control lines and emergency numbers by country, and the ones for a person: the country
chosen in Settings, else the one of their time zone."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import Field

from speciosa.refdata.base import Model, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources

POISON_CONTROL_FILE = "poison_control.yaml"


#: The country code of "Other / not listed" in Settings: no line of the list, whatever the time zone.
OTHER_COUNTRY = "ZZ"


class EmergencyNumber(Model):
    """A country's emergency number (police, fire, ambulance), as shown and as dialled."""

    number: str
    tel: str = Field(pattern=r"^[0-9]{3,15}$")
    sources: SourceIds


class PoisonLine(Model):
    """A country's poison-control line and emergency number. `zones`: IANA zone names, or prefixes
    ending in "/"; `name`: the country as a list of countries shows it; `call`, `number` and `tel`:
    the line as a tap-to-call link names it, shows it and dials it."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    label: str
    line: str
    zones: tuple[str, ...] = Field(min_length=1)
    sources: SourceIds
    call: str
    number: str
    tel: str = Field(pattern=r"^[0-9]{3,15}$")
    emergency: EmergencyNumber

    def covers(self, zone: str) -> bool:
        return any(zone == z or (z.endswith("/") and zone.startswith(z)) for z in self.zones)


class PoisonControlFile(Model):
    version: Literal[1]
    poison_control: tuple[PoisonLine, ...] = Field(min_length=1)


def parse_poison_control(data: Any, known: dict[str, Source]) -> list[PoisonLine]:
    loaded: PoisonControlFile = parse(POISON_CONTROL_FILE, PoisonControlFile, data)
    check_unique(POISON_CONTROL_FILE, loaded.poison_control, lambda p: p.country, "country")
    check_citations(POISON_CONTROL_FILE, loaded.poison_control, known)
    return list(loaded.poison_control)


@cache
def poison_lines() -> list[PoisonLine]:
    """Every country's poison-control line, in file order."""
    return parse_poison_control(read(POISON_CONTROL_FILE), sources())


def poison_line_for(zone: str, country: str = "") -> PoisonLine | None:
    """The line for `country` (an ISO 3166 code chosen by the person) or, when none was chosen, for the
    country of an IANA time zone; None when no country here matches (or "Other / not listed")."""
    if country:
        return next((line for line in poison_lines() if line.country == country), None)
    return next((line for line in poison_lines() if line.covers(zone)), None)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country with numbers here, by name, then "Other / not listed"."""
    listed = sorted(((line.country, line.name) for line in poison_lines()), key=lambda c: c[1])
    return [*listed, (OTHER_COUNTRY, "Other / not listed")]


def country_codes() -> set[str]:
    """The codes a person may choose: the countries here and "Other / not listed"."""
    return {code for code, _ in country_choices()}


def poison_control_words(zone: str, country: str = "") -> str:
    """The line to call from this country (or time zone), or every line with "or your local
    emergency number"."""
    line = poison_line_for(zone, country)
    if line is not None:
        return line.line
    listed = "; ".join(f"in {line.label}, {line.line}" for line in poison_lines())
    return f"{listed}; elsewhere, your local poison centre or emergency number"
