"""Every CSV speciosa writes guards text a spreadsheet would run as a formula, and reading takes the
guard off again: the rule is a bijection, so any text survives the round trip exactly."""

from hypothesis import given
from hypothesis import strategies as st

from speciosa.core.csv_cells import csv_cell, csv_value

RUNS_AS_A_FORMULA = ("=", "+", "-", "@", "\t", "\r")
#: Text that starts the ways that matter (formula starts, guards, guards of guards) more often than chance.
texts = st.one_of(
    st.text(),
    st.builds(
        lambda start, rest: start + rest, st.sampled_from([*RUNS_AS_A_FORMULA, "'", "''", "'="]), st.text()
    ),
)


@given(texts)
def test_reading_a_written_cell_gives_back_exactly_the_text(text):
    assert csv_value(csv_cell(text)) == text


@given(texts)
def test_no_written_cell_starts_the_way_a_formula_does(text):
    assert not csv_cell(text).startswith(RUNS_AS_A_FORMULA)


@given(st.one_of(st.integers(), st.floats(allow_nan=False)))
def test_numbers_negative_ones_too_are_written_as_numbers(number):
    assert csv_cell(number) == number


def test_a_formula_is_written_as_text_and_a_guard_of_its_own_is_kept():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("'=1+1") == "''=1+1"
    assert csv_cell("'quoted'") == "''quoted'"
    assert csv_value("'plain") == "'plain"  # not written by speciosa: left as it is
