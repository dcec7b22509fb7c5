"""A CSV export imports back exactly: whatever a note says (a formula, a guard, quotes, line breaks),
the file a spreadsheet opens runs nothing, and reading it gives back the note as it was typed."""

import csv
import io
import uuid
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from speciosa.core import journal_format as fmt
from speciosa.journal import transfer
from speciosa.journal.csv_rows import csv_lines

RUNS_AS_A_FORMULA = ("=", "+", "-", "@", "\t", "\r")
notes = st.one_of(
    st.text(max_size=200),
    st.builds(lambda start, rest: start + rest, st.sampled_from([*RUNS_AS_A_FORMULA, "'", "''"]), st.text()),
).filter(lambda note: "\x00" not in note)


def dose(note: str, conversion: str) -> fmt.DoseRecord:
    at = datetime(2026, 3, 1, 8, tzinfo=UTC)
    return fmt.DoseRecord(uid=uuid.uuid4(), taken_at=at, grams=2, amount=2, note=note, conversion=conversion)


@settings(max_examples=200, deadline=None)
@given(note=notes, conversion=notes)
def test_any_note_survives_a_csv_round_trip_and_no_cell_starts_a_formula(note, conversion):
    written = dose(note, conversion)
    text = "".join(csv_lines("doses", [written]))
    (row,) = csv.DictReader(io.StringIO(text))
    assert not any(cell.startswith(RUNS_AS_A_FORMULA) for cell in row.values())
    (read,) = transfer.journal_parse(text, filename="doses.csv").document.doses
    assert (read.note, read.conversion) == (note, conversion)
