"""Poison-control lines by country, and the one for a person's time zone."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import Field

from speciosa.refdata.base import Model, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources

POISON_CONTROL_FILE = "poison_control.yaml"


class PoisonLine(Model):
    """A country's poison-control line. `zones`: IANA zone names, or prefixes ending in "/"."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    label: str
    line: str
    zones: tuple[str, ...] = Field(min_length=1)
    sources: SourceIds

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


def poison_line_for(zone: str) -> PoisonLine | None:
    """The line for the country of an IANA time zone, or None when no country here matches it."""
    return next((line for line in poison_lines() if line.covers(zone)), None)


def poison_control_words(zone: str) -> str:
    """The line to call from this time zone, or every line with "or your local emergency number"."""
    line = poison_line_for(zone)
    if line is not None:
        return line.line
    listed = "; ".join(f"in {line.label}, {line.line}" for line in poison_lines())
    return f"{listed}; elsewhere, your local poison centre or emergency number"
