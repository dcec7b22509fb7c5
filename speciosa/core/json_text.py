"""JSON from outside (request bodies, imported files, a cell of a CSV file), read with a limit on
how deeply it nests: `[` 100,000 times is a clear error naming the field, not a RecursionError.

Python's json module recurses once per level, so a deep enough text exhausts the stack. The text
is first read by pydantic-core's JSON parser (jiter), which stops at MAX_DEPTH levels with an error
instead; only a text it found shallow enough is then read by `json.loads` (which keeps the value
and the error messages everything else relies on). Journal documents nest 5 deep (document, list,
entry, list, side effect), so no real file comes near the limit.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import from_json

from speciosa.core.errors import InvalidInput

#: How deeply a JSON text may nest arrays and objects: pydantic-core's own limit.
MAX_DEPTH = 200
TOO_DEEP = f"nests arrays and objects more than {MAX_DEPTH} levels deep; no journal file does"


def json_loads(text: str | bytes, *, field: str) -> Any:
    """The value of a JSON text, or InvalidInput naming `field`: too deep, broken, or not UTF-8."""
    try:
        from_json(text)
    except ValueError as error:
        if "recursion limit" in str(error):
            raise InvalidInput(TOO_DEEP, field=field) from None
        # any other problem is described below, in json's words (where it is, what is wrong)
    try:
        return json.loads(text)
    except UnicodeDecodeError:
        raise InvalidInput("is not UTF-8 text", field=field) from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})", field=field
        ) from None
    except RecursionError:  # deep nesting after a place pydantic-core refused for another reason
        raise InvalidInput(TOO_DEEP, field=field) from None
