"""How free text is cut into words for matching names (medicines, substances, strains, products)."""

from __future__ import annotations

import re

#: Letters and digits are separate words ("oxycodone5mg" → oxycodone, 5, mg); apostrophes vanish
#: ("St John's" → st johns); every other character separates words.
_WORD = re.compile(r"[a-z]+|[0-9]+")


def words(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of `text`."""
    return tuple(_WORD.findall(text.lower().replace("'", "").replace("\u2019", "")))
