"""JSON from outside is read with a limit on its depth: a clear error naming the field, never a
RecursionError, and everything a journal file holds reads as before."""

import pytest

from speciosa.core.errors import InvalidInput
from speciosa.core.json_text import MAX_DEPTH, json_loads


def test_a_text_as_deep_as_the_limit_reads_as_json_would():
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = json_loads(deepest, field="body")
    for _ in range(MAX_DEPTH - 1):
        (value,) = value
    assert value == []


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a": ' * 100_000, "[" * 100_000 + "]" * 100_000])
def test_a_text_nested_far_deeper_is_refused_naming_the_field(text):
    with pytest.raises(InvalidInput) as refused:
        json_loads(text, field="file")
    (error,) = refused.value.errors
    assert error.field == "file" and f"more than {MAX_DEPTH} levels deep" in error.message


def test_broken_json_still_says_where_it_breaks_and_bytes_must_be_utf8():
    with pytest.raises(InvalidInput, match=r"body: is not valid JSON \(line 1, column 14"):
        json_loads('{"amount": 3,,}', field="body")
    with pytest.raises(InvalidInput, match="body: is not UTF-8 text"):
        json_loads(b"\xff\xfe\x00\x81 binary", field="body")
    assert json_loads(b'{"note": "\\u00e9 [not nested]"}', field="body") == {"note": "é [not nested]"}
