"""How free text is cut into words for matching names (medicines, substances, strains, products)."""

from __future__ import annotations

import re
import unicodedata

#: Letters and digits are separate words ("oxycodone5mg" → oxycodone, 5, mg); apostrophes vanish
#: ("St John's" → st johns); every other character separates words.
_WORD = re.compile(r"[a-z]+|[0-9]+")


def plain(text: str) -> str:
    """Lower case without accents ("Magnésium" → "magnesium"), so accents never split a word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of `text`, accents dropped."""
    return tuple(_WORD.findall(plain(text).replace("'", "").replace("\u2019", "")))
