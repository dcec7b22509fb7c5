import json
from pathlib import Path
from uuid import uuid4

import pytest
from pydantic import ValidationError

from speciosa.core.journal_format import DoseRecord, JournalDocument, SubstanceRecord, json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "journal-format.schema.json"


def test_the_documented_json_schema_is_the_one_the_code_uses():
    documented = json.loads(SCHEMA_FILE.read_text())
    assert documented == json_schema(), "run `speciosa schema > docs/journal-format.schema.json`"


def test_an_exported_document_validates_against_the_documented_schema():
    jsonschema = pytest.importorskip("jsonschema")
    document = JournalDocument(
        doses=[DoseRecord(uid=uuid4(), taken_at="2026-03-01T08:30:00-05:00", grams=3, amount=3)],
        substances=[
            SubstanceRecord(
                uid=uuid4(), at="2026-03-01T20:00:00Z", kind="alcohol", substance="beer", standard_drinks=2
            )
        ],
    )
    jsonschema.validate(json.loads(document.model_dump_json()), json.loads(SCHEMA_FILE.read_text()))


def test_times_without_an_offset_are_refused():
    with pytest.raises(ValidationError, match="time zone offset"):
        DoseRecord(uid=uuid4(), taken_at="2026-03-01T08:30:00", grams=3, amount=3)


def test_alcohol_must_say_how_many_standard_drinks():
    with pytest.raises(ValidationError, match="standard_drinks"):
        SubstanceRecord(uid=uuid4(), at="2026-03-01T20:00:00Z", kind="alcohol", substance="wine")


@pytest.mark.parametrize("grams", [0, -2, 250.5, float("nan")])
def test_dose_grams_outside_the_limits_are_refused(grams):
    with pytest.raises(ValidationError):
        DoseRecord(uid=uuid4(), taken_at="2026-03-01T08:30:00Z", grams=grams, amount=1)


def test_notes_longer_than_5000_characters_are_refused_and_unicode_is_kept():
    note = "痛み ✓ " * 1300
    assert len(note) > 5000
    with pytest.raises(ValidationError, match="5000"):
        DoseRecord(uid=uuid4(), taken_at="2026-03-01T08:30:00Z", grams=3, amount=3, note=note)
    assert (
        DoseRecord(uid=uuid4(), taken_at="2026-03-01T08:30:00Z", grams=3, amount=3, note="痛み ✓").note
        == "痛み ✓"
    )
