"""What a value must look like on the wire, and the OpenAPI document saying so.

pydantic, left to itself, reads JSON `false` as 0.0, `"5"` as 5, `0` as 1970-01-01 and `?start=0.5` as
half a second past 1970. The API's schemas use these types instead: a number is a JSON number (never
true, false or text), a flag is true or false, a time is ISO 8601 text with an offset, a day is
YYYY-MM-DD, both in the years 1900 to 2200, and text holds no NUL character. Each rule is also stated
in the document (type, format, pattern, bounds), so a program can check a request before sending it.
The journal format's types (speciosa.core.journal_format) still hold the limits themselves.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from speciosa.core import journal_format as fmt
from speciosa.core.journal_format import FIRST_YEAR, LAST_YEAR

assert (FIRST_YEAR, LAST_YEAR) == (1900, 2200), "YEAR below spells these years out"
YEAR = r"(19\d\d|2[01]\d\d|2200)"
#: ISO 8601 (RFC 3339 and the forms pydantic reads): 2026-03-01T08:30:00+01:00, seconds optional.
MOMENT_PATTERN = rf"^{YEAR}-\d\d-\d\d[Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:?\d\d)$"
DAY_PATTERN = rf"^{YEAR}-\d\d-\d\d$"
NO_NUL_PATTERN = r"^[^\x00]*$"
YEARS = f"between the years {FIRST_YEAR} and {LAST_YEAR}"


def _written(pattern: str, rule: str) -> Any:
    """A check that a value is text matching `pattern` (the whole of it), refused with `rule`."""
    whole = re.compile(pattern.removeprefix("^").removesuffix("$"))

    def check(value: Any) -> Any:
        if not isinstance(value, str) or not whole.fullmatch(value):
            raise ValueError(f"must be {rule}, {YEARS}")
        return value

    return check


def checked_by_journal(**rules: Any) -> Any:
    """Rules the journal layer checks itself (answering every field's error at once), stated in the
    document only, e.g. `checked_by_journal(minimum=1, maximum=12)`."""
    return Field(json_schema_extra=rules)


def json_number(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    if isinstance(value, str):
        raise ValueError("must be a valid number, not text")
    if not isinstance(value, int | float):
        raise ValueError("must be a valid number")
    return value


def json_flag(value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


#: A moment: ISO 8601 text with a time zone offset (Z for UTC).
Moment = Annotated[
    fmt.Moment,
    BeforeValidator(
        _written(MOMENT_PATTERN, "ISO 8601 text with a time zone offset, such as 2026-03-01T08:30:00+01:00")
    ),
    Field(
        json_schema_extra={"pattern": MOMENT_PATTERN},
        description=f"ISO 8601 with a time zone offset (Z for UTC), {YEARS}",
    ),
]
#: A day: YYYY-MM-DD.
Day = Annotated[
    fmt.Day,
    BeforeValidator(_written(DAY_PATTERN, "a day written YYYY-MM-DD, such as 2026-03-01")),
    Field(json_schema_extra={"pattern": DAY_PATTERN}, description=f"YYYY-MM-DD, {YEARS}"),
]
#: Refuses anything but a JSON number. It goes last, after the bounds: `Annotated[float, Field(gt=0,
#: allow_inf_nan=False), NUMBER_ONLY]`. Bounds added after it would reach the document as pydantic's
#: own words (`gt`) rather than JSON Schema's (`exclusiveMinimum`).
NUMBER_ONLY = BeforeValidator(json_number)
#: A JSON number (an integer or a fraction), finite; never true, false or text.
Number = Annotated[float, Field(allow_inf_nan=False), NUMBER_ONLY]
#: A JSON integer (5.0 is read as 5, 5.5 is refused); never true, false or text.
Whole = Annotated[int, NUMBER_ONLY]
#: JSON true or false, nothing else.
Flag = Annotated[bool, BeforeValidator(json_flag)]
#: Text with no NUL character (which PostgreSQL cannot store).
Text = Annotated[str, AfterValidator(no_nul), Field(json_schema_extra={"pattern": NO_NUL_PATTERN})]
Note = Annotated[fmt.Note, Field(json_schema_extra={"pattern": NO_NUL_PATTERN})]
Name = Annotated[fmt.Name, Field(json_schema_extra={"pattern": NO_NUL_PATTERN})]
ShortText = Annotated[fmt.ShortText, Field(json_schema_extra={"pattern": NO_NUL_PATTERN})]
#: Words to search for, in a query string.
SearchText = Annotated[Text, Field(max_length=200)]
#: The journal format's bounded numbers, as JSON numbers.
Score = Annotated[fmt.Score, NUMBER_ONLY]
Percent = Annotated[fmt.Percent, NUMBER_ONLY]
Ppm = Annotated[fmt.Ppm, NUMBER_ONLY]
Count = Annotated[fmt.Count, NUMBER_ONLY]
