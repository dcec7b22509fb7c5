"""What the Learn search indexes (issue 12): one `SearchDoc` per page or entry a person can land on.

Each part of Learn (guide, FAQ, claims, legal) and the existing reference data (interactions, safety
rules, sources) give their documents through a function returning `list[SearchDoc]`; the search index
(speciosa.journal.search) is built from them, and the bibliography reads `sources` to say what cites
each source.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Fixed slugs of the guide's topics (/learn/guide/<slug>/), so the FAQ, the claim checker and legal
#: status can link into the guide before it is written.
GUIDE_TOPICS: tuple[str, ...] = (
    "what-is-kratom",
    "dosage",
    "forms",
    "veins-and-strains",
    "side-effects",
    "red-flags",
    "dependence-and-withdrawal",
    "tapering",
    "interactions",
    "product-quality",
    "storage",
    "drug-tests",
    "pregnancy-and-young-people",
    "pain-evidence",
    "complementary-approaches",
    "legal-status",
)


@dataclass(frozen=True)
class SearchDoc:
    """One thing search can find. `kind`: guide, faq, claim, legal, interaction, rule or source; `key`:
    unique within the kind; `url`: the page that shows it (an anchor allowed); `text`: the words to
    index (plain text); `sources`: the source ids it cites (for the bibliography's "cited by")."""

    kind: str
    key: str
    title: str
    url: str
    text: str
    sources: tuple[str, ...] = ()
