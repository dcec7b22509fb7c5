"""Every entry in every reference-data file has provenance, and no text makes a claim we must not make."""

import re

import pytest
from pydantic import BaseModel

from speciosa.refdata import (
    AmountGate,
    Band,
    LabLimits,
    Range,
    Source,
    Thresholds,
    cited_source_ids,
    cited_sources,
    sources,
)
from speciosa.refdata.base import walk
from speciosa.refdata.claims import QUOTED_FIELDS, Claim
from speciosa.refdata.drug_names import DrugNamesFile
from speciosa.refdata.faq import FaqFile, Group, Page
from speciosa.refdata.guide import Link, Section, TableSpec, Topic
from speciosa.refdata.provenance import entries, reference_data
from speciosa.refdata.red_flag_phrases import Context, Negation, RedFlagPhrases
from speciosa.refdata.red_flags import ActionLevel
from speciosa.refdata.taper import Answer, ScoreBand, TaperFile

#: Models that are values or containers inside an entry, not entries: they carry no sources of their
#: own because the entry holding them does (a Band inside a DoseContext, a Range inside a TimeCourse).
VALUE_TYPES = (
    Range,
    Band,
    Thresholds,
    LabLimits,
    Source,
    ActionLevel,
    AmountGate,
    DrugNamesFile,
    RedFlagPhrases,
    Negation,
    Context,
    Answer,
    ScoreBand,
    TaperFile,
    FaqFile,
    Group,
    Page,
    Topic,
    Section,
    Link,
    TableSpec,
)


def test_every_data_set_loads_and_holds_entries():
    for name, data in reference_data().items():
        assert list(walk(data)), f"{name} is empty"


def test_every_entry_names_at_least_one_known_source():
    known = set(sources())
    checked = 0
    for model in entries():
        if isinstance(model, VALUE_TYPES):
            continue
        fields = type(model).model_fields
        assert "sources" in fields or "source" in fields, f"{type(model).__name__} has no sources field"
        cited = list(getattr(model, "sources", ())) + ([model.source] if "source" in fields else [])
        assert cited, f"{model!r} cites nothing"
        assert set(cited) <= known, f"{model!r} cites unknown {set(cited) - known}"
        checked += 1
    assert checked > 150


def test_every_source_in_sources_yaml_is_cited_by_some_entry_or_rule():
    from speciosa.core.safety import all_rules

    by_rules = {source for registered in all_rules() for source in registered.sources}
    assert set(sources()) - cited_source_ids() - by_rules == set()


def test_the_sources_page_lists_cited_sources_in_file_order():
    listed = [s.id for s in cited_sources()]
    assert listed == [s for s in sources() if s in set(listed)]
    assert "grundmann-2017" in listed and "tripsit-drugs" in listed


def _texts(model: BaseModel) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        values = value if isinstance(value, tuple) else (value,)
        found.extend((name, v) for v in values if isinstance(v, str))
    return found


#: Claims refdata must never make: that an amount is safe or recommended, or that kratom treats or
#: cures anything. Vendor claims are the one place marketing words are quoted (as claims).
FORBIDDEN = [
    r"\bsafe\b",
    r"\bsafe (dose|amount|level)",
    r"\brecommended (dose|amount)",
    r"\bis safe\b",
    r"\btreats\b",
    r"\bcures?\b",
    r"\bcured\b",
    r"\bkratom (helps|heals|relieves)\b",
]


def test_no_text_calls_an_amount_safe_or_recommended_or_says_kratom_treats_anything():
    offending = []
    for model in [*entries(), *sources().values()]:
        for field, text in _texts(model):
            if field == "vendor_claims":
                continue
            if isinstance(model, Claim) and field in QUOTED_FIELDS:  # the claim checker's quoted claims
                continue
            for pattern in FORBIDDEN:
                if re.search(pattern, text, flags=re.IGNORECASE):
                    offending.append(f"{type(model).__name__}.{field}: {pattern} in {text[:80]!r}")
    assert offending == []


@pytest.mark.parametrize(
    "text",
    ["A safe dose is 3 g", "The recommended dose", "Kratom is safe", "kratom treats pain", "a cure for pain"],
)
def test_the_wording_check_would_catch_a_claim(text):
    assert any(re.search(p, text, flags=re.IGNORECASE) for p in FORBIDDEN)


def test_vendor_claims_stay_in_their_own_field():
    from speciosa.refdata import strains, veins

    for claim in [*veins(), *strains()]:
        assert claim.vendor_claims and claim.evidence
        assert "vendor-claims" in claim.sources
