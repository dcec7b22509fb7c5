"""Vein colours and strain names: what vendors claim beside what the evidence shows.

Vendor claims are quoted as claims (the `vendor_claims` field is the one place refdata repeats
marketing words); `evidence` says what is actually known: no controlled evidence that vein or strain
predicts effects, and alkaloid content varies more between batches than labels suggest."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import Field

from speciosa.core.vocab import Vein
from speciosa.refdata.base import Grade, Model, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources

VEINS_FILE = "veins.yaml"


class VeinClaim(Model):
    vein: Vein
    vendor_claims: str
    evidence: str
    grade: Grade
    sources: SourceIds


class StrainClaim(Model):
    """A strain name as sold. `aliases` are other spellings or names a label may use (lower case)."""

    strain: str
    aliases: tuple[str, ...] = ()
    vendor_claims: str
    evidence: str
    grade: Grade
    sources: SourceIds


class VeinsFile(Model):
    version: Literal[1]
    veins: tuple[VeinClaim, ...]
    strains: tuple[StrainClaim, ...] = Field(min_length=1)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def parse_veins(data: Any, known: dict[str, Source]) -> tuple[list[VeinClaim], list[StrainClaim]]:
    loaded: VeinsFile = parse(VEINS_FILE, VeinsFile, data)
    check_unique(VEINS_FILE, loaded.veins, lambda v: v.vein, "vein")
    check_unique(VEINS_FILE, loaded.strains, lambda s: s.strain.lower(), "strain")
    check_citations(VEINS_FILE, (loaded.veins, loaded.strains), known)
    return list(loaded.veins), list(loaded.strains)


@cache
def _loaded() -> tuple[list[VeinClaim], list[StrainClaim]]:
    return parse_veins(read(VEINS_FILE), sources())


def veins() -> list[VeinClaim]:
    """Each vein colour with the vendor claim and the evidence."""
    return _loaded()[0]


def strains() -> list[StrainClaim]:
    """Each common strain name with the vendor claim and the evidence."""
    return _loaded()[1]


def strain_named(name: str) -> StrainClaim | None:
    """The strain whose name or alias appears, as whole words, in a product name ("Red Maeng Da 250 g");
    the longest match wins, so "Ultra Enhanced Indo" is an enhanced product, not plain Indo."""
    words = f" {_words(name)} "
    best: tuple[int, StrainClaim] | None = None
    for claim in strains():
        for candidate in (claim.strain, *claim.aliases):
            found = _words(candidate)
            if f" {found} " in words and (best is None or len(found) > best[0]):
                best = (len(found), claim)
    return best[1] if best else None
