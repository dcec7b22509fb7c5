"""Names people type for medicines and substances, and what each means.

`names`: brand, combination, street and other names, each meaning one or more generic names
("co-codamol" → codeine + paracetamol; "zaza" → tianeptine), with the countries a brand is sold in.
The generic names are what interaction classes list as members (interactions.yaml), so a combination
product reaches the class of each ingredient. `other_medicines`: common medicines that are in no
interaction class; knowing them keeps a typed name from being read, by a fuzzy match, as a class member
it merely resembles.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Model, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources
from speciosa.refdata.tokens import words

DRUG_NAMES_FILE = "drug_names.yaml"

NameKind = Literal["brand", "combination", "street", "spelling"]
Country = Literal["US", "UK", "CA", "AU", "NZ", "IE"]


def _lower_words(value: str, what: str) -> None:
    if value != value.strip().lower() or not words(value):
        raise ValueError(f"{what} {value!r} must be lower-case words")


class DrugName(Model):
    """A name as people type it and the generic names it means.

    `with_any`: words of which one must also be in the text for the name to count ("dm" counts only
    beside "cough", "robitussin", ...). `not_with`: words that mean the text is something else.
    `one_of`: the name means one of `means`, not all together (slang used for either); every one is
    checked, and the name is shown as "zaza is tianeptine or cannabis"."""

    name: str
    means: tuple[str, ...] = Field(min_length=1)
    kind: NameKind
    countries: tuple[Country, ...] = ()
    with_any: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    one_of: bool = False
    note: str = ""
    sources: SourceIds

    @model_validator(mode="after")
    def lower_case_words(self) -> DrugName:
        _lower_words(self.name, "name")
        for generic in self.means:
            _lower_words(generic, f"{self.name!r}: generic name")
        for word in (*self.with_any, *self.not_with):
            _lower_words(word, f"{self.name!r}: context word")
        return self


class OtherMedicine(Model):
    """A common medicine in no interaction class (its name, and other names for it)."""

    name: str
    also: tuple[str, ...] = ()
    note: str = ""
    sources: SourceIds

    @model_validator(mode="after")
    def lower_case_words(self) -> OtherMedicine:
        for name in (self.name, *self.also):
            _lower_words(name, "other medicine")
        return self


class DrugNamesFile(Model):
    version: Literal[1]
    names: tuple[DrugName, ...]
    other_medicines: tuple[OtherMedicine, ...] = ()


def parse_drug_names(data: Any, known: dict[str, Source]) -> DrugNamesFile:
    loaded: DrugNamesFile = parse(DRUG_NAMES_FILE, DrugNamesFile, data)
    check_unique(DRUG_NAMES_FILE, loaded.names, lambda n: (words(n.name), n.with_any), "name")
    check_unique(
        DRUG_NAMES_FILE,
        [name for m in loaded.other_medicines for name in (m.name, *m.also)],
        words,
        "other medicine",
    )
    check_citations(DRUG_NAMES_FILE, loaded, known)
    return loaded


@cache
def drug_names() -> DrugNamesFile:
    """Every typed name with its generic names, and the common medicines in no interaction class."""
    return parse_drug_names(read(DRUG_NAMES_FILE), sources())
