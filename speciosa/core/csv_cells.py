"""Formula-safe CSV cells: what every CSV speciosa writes does to free text, and what reading a
speciosa CSV file undoes.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage
return) as a formula (OWASP, "CSV Injection"), so a note such as `=HYPERLINK(...)` could act when a
clinician opens the file. Such a text is written with a leading `'`, which spreadsheets show as
text; so is a text that itself starts with `'`, so that reading takes off exactly one `'` and gets
back exactly what was written. The rule is a bijection on text: `csv_value(csv_cell(t)) == t`.

Only text is guarded: numbers are written as numbers (a negative one is not text, and a spreadsheet
must see it as a number).
"""

from __future__ import annotations

from typing import Any

#: What a spreadsheet takes for the start of a formula (OWASP's list), and the guard itself.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
GUARD = "'"


def csv_cell(value: Any) -> Any:
    """A value as its cell: empty for None, a guarded text when it could be read as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def csv_value(cell: str) -> str:
    """A cell's text as it was before `csv_cell` guarded it."""
    if cell.startswith(GUARD) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
