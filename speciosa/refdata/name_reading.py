"""Reading a medicine or substance name as people type it: which generic names it means and which
interaction classes those belong to.

A name is cut into words (speciosa.refdata.tokens: case, punctuation, strengths and forms such as
"300mg", "30/500", "ER" or "film" become words of their own), then read in two passes:

1. **Exact**: the longest known names first, as whole words: class members (generic names and class
   words, interactions.yaml), brand, combination, street and other names (drug_names.yaml, each meaning
   one or more generics, so a combination reaches every ingredient's class) and common medicines in no
   class (`other_medicines`). "Tylenol No. 3" is codeine with acetaminophen; "metformin" is known, in
   no class.
2. **Fuzzy**, for words the exact pass left over: a misspelling ("oxycodn", "sertaline") is read as the
   known name it is closest to, when the similarity (rapidfuzz, Damerau-Levenshtein, so a swapped pair
   of letters counts once, compared as they sound: a first "x" as "z", "ph" as "f", so "Zanex" is
   Xanax) is at least `FUZZY_MIN_SIMILARITY` and the word is long enough to tell
   (`FUZZY_MIN_LETTERS`). Street names are read exactly only: slang is short and close to everyday
   words ("snack" is one letter from "smack"). The thresholds were measured on a labelled set of typed names
   (tests/fixtures/safety/typed_names.yaml; docs/safety-rules.md gives the figures). A fuzzy reading is
   always shown as such ("we read 'oxycodn' as oxycodone"), and forms ask "did you mean ...?" first.

The text itself is never changed: callers keep what the person typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from speciosa.refdata.drug_names import drug_names
from speciosa.refdata.interactions import SEVERITY_SCALE, InteractionClass, interaction_classes
from speciosa.refdata.tokens import words

#: A word is read as a known brand, combination or street name it is at least this similar to
#: (normalised Damerau-Levenshtein similarity, 0-1), and as a generic name (or a common medicine in no
#: class) from the lower `FUZZY_MIN_SIMILARITY_GENERIC`: brand names are coined words that often sit
#: close to ordinary ones ("protein" is 0.75 from the brand Prodeine), while generic names have a
#: distinctive shape ("oxycodn" is 0.78 from oxycodone). Measured: see the module docstring.
FUZZY_MIN_SIMILARITY = 0.8
FUZZY_MIN_SIMILARITY_GENERIC = 0.75
GENERIC_KINDS = frozenset({"member", "spelling", "other"})
#: Shorter words are too easy to mistake ("meth" is one letter from "math"): no fuzzy reading.
FUZZY_MIN_LETTERS = 5
#: Close calls below the reading threshold are still offered as "did you mean ...?".
SUGGEST_MIN_SIMILARITY = 0.7

#: Words that describe how a medicine is taken or sold, never which one it is: they are not read
#: fuzzily (so "tablets" is never read as a drug it resembles).
FORM_WORDS = frozenset(
    [
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "cap",
        "caps",
        "pill",
        "pills",
        "softgel",
        "softgels",
        "gummy",
        "gummies",
        "chewable",
        "chewables",
        "lozenge",
        "lozenges",
        "liquid",
        "syrup",
        "solution",
        "suspension",
        "elixir",
        "drops",
        "spray",
        "nasal",
        "inhaler",
        "patch",
        "patches",
        "cream",
        "gel",
        "lotion",
        "ointment",
        "injection",
        "injectable",
        "shot",
        "shots",
        "powder",
        "sachet",
        "sachets",
        "film",
        "films",
        "strip",
        "strips",
        "sublingual",
        "buccal",
        "oral",
        "topical",
        "extended",
        "release",
        "modified",
        "delayed",
        "immediate",
        "controlled",
        "sustained",
        "hydrochloride",
        "sodium",
        "potassium",
        "calcium",
        "magnesium",
        "tartrate",
        "sulfate",
        "sulphate",
        "phosphate",
        "acetate",
        "maleate",
        "citrate",
        "succinate",
        "bitartrate",
        "mesylate",
        "besylate",
        "fumarate",
        "generic",
        "brand",
        "daily",
        "nightly",
        "morning",
        "evening",
        "night",
        "bedtime",
        "needed",
        "every",
        "hours",
        "twice",
        "three",
        "times",
        "before",
        "after",
        "with",
        "without",
        "water",
        "food",
        "dose",
        "doses",
        "prescribed",
        "prescription",
        "counter",
        "vitamin",
        "vitamins",
        "supplement",
        "supplements",
        "extra",
        "strength",
        "maximum",
        "regular",
        "junior",
        "children",
        "childrens",
        "adult",
        "adults",
        "original",
        "relief",
        "formula",
        "flavour",
        "flavor",
        "cherry",
        "grape",
        "orange",
        "berry",
    ]
)

#: Words that mean a member names something else ("red wine vinegar" is not alcohol), by class id.
NOT_WITH = {"alcohol": frozenset({"vinegar"})}


@dataclass(frozen=True)
class KnownName:
    """One name the reader knows: its words, what it means, and where it comes from."""

    tokens: tuple[str, ...]
    text: str
    generics: tuple[str, ...]
    kind: str  # "member", "brand", "combination", "street", "spelling", "other"
    with_any: frozenset[str] = frozenset()
    not_with: frozenset[str] = frozenset()
    one_of: bool = False  # the name means one of `generics`, not all together

    @property
    def joined(self) -> str:
        return " ".join(self.tokens)


def _ingredients(name: KnownName) -> str:
    """ "codeine with acetaminophen and caffeine", or "tianeptine or cannabis" for slang used for either."""
    first, *rest = name.generics
    if name.one_of:
        return " or ".join(name.generics)
    return f"{first} with {' and '.join(rest)}" if rest else first


@dataclass(frozen=True)
class Reading:
    """A known name found in the text: as typed, the name it was read as, and how similar they are
    (1.0 for an exact match)."""

    typed: str
    name: KnownName
    similarity: float = 1.0

    @property
    def fuzzy(self) -> bool:
        return self.similarity < 1.0


@dataclass(frozen=True)
class NameReading:
    """What a typed name means: each known name found in it, the generic names they stand for, and
    the interaction classes those belong to (worst severity first, then table order)."""

    text: str
    readings: tuple[Reading, ...] = ()
    classes: tuple[InteractionClass, ...] = ()
    suggestions: tuple[str, ...] = ()
    _members: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def generics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(g for r in self.readings for g in r.name.generics))

    @property
    def fuzzy(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.fuzzy)

    @property
    def known(self) -> bool:
        """True when some part of the text was recognised (a class member, a named product or a
        common medicine in no class)."""
        return bool(self.readings)

    @property
    def read_as_words(self) -> str:
        """ "we read 'oxycodn' as oxycodone" for each fuzzy reading, or ""."""
        parts = [f"'{r.typed}' as {r.name.text}" for r in self.fuzzy]
        return f"we read {' and '.join(parts)}" if parts else ""

    @property
    def means_words(self) -> str:
        """What a brand, combination or street name stands for: "Tylenol No. 3 is codeine with
        acetaminophen", "zaza is tianeptine or cannabis", or "" when the text names generics only."""
        parts = [
            f"{r.name.text} is {_ingredients(r.name)}"
            for r in self.readings
            if r.name.kind not in ("member", "other") and r.name.generics != (r.name.text,)
        ]
        return "; ".join(dict.fromkeys(parts))

    def member_for(self, class_id: str) -> str:
        """The generic (or class word) through which this text reaches a class, e.g. "codeine"."""
        return next(iter(self._members.get(class_id, ())), "")


@cache
def _known() -> tuple[dict[str, list[KnownName]], dict[str, tuple[int, ...]], dict[str, KnownName]]:
    """(first word → known names, longest first; generic → class positions; joined text → name for
    fuzzy reading)."""
    classes = interaction_classes()
    member_classes: dict[str, list[int]] = {}
    written: dict[str, str] = {}
    for position, cls in enumerate(classes):
        for member in cls.members:
            joined = " ".join(words(member))
            member_classes.setdefault(joined, []).append(position)
            written.setdefault(joined, member)
    names: list[KnownName] = [
        KnownName(words(joined), written[joined], (written[joined],), "member")
        for joined in sorted(member_classes)
    ]
    data = drug_names()
    for entry in data.names:
        names.append(
            KnownName(
                words(entry.name),
                entry.name,
                entry.means,
                entry.kind,
                frozenset(entry.with_any),
                frozenset(entry.not_with),
                entry.one_of,
            )
        )
    for other in data.other_medicines:
        for alias in (other.name, *other.also):
            names.append(KnownName(words(alias), alias, (other.name,), "other"))
    index: dict[str, list[KnownName]] = {}
    for known in names:
        index.setdefault(known.tokens[0], []).append(known)
    for entries in index.values():
        entries.sort(key=lambda n: -len(n.tokens))
    fuzzy: dict[str, KnownName] = {}
    for known in names:
        if known.kind == "street" or len(known.joined.replace(" ", "")) < FUZZY_MIN_LETTERS:
            continue  # slang is short and close to everyday words ("snack", "smack"): exact only
        fuzzy.setdefault(spoken(known.joined), known)
    return index, {g: tuple(p) for g, p in member_classes.items()}, fuzzy


def _fits(name: KnownName, tokens: set[str]) -> bool:
    if name.with_any and not name.with_any & tokens:
        return False
    return not name.not_with & tokens


def _exact(tokens: tuple[str, ...]) -> tuple[list[Reading], set[int]]:
    """Known names as whole words, longest first; every name of that longest length counts ("tylenol
    pm" is both a class member and a brand meaning diphenhydramine with acetaminophen)."""
    index, _, _ = _known()
    present = set(tokens)
    readings: list[Reading] = []
    covered: set[int] = set()
    start = 0
    while start < len(tokens):
        fitting = [
            name
            for name in index.get(tokens[start], ())
            if tokens[start : start + len(name.tokens)] == name.tokens and _fits(name, present)
        ]
        if not fitting:
            start += 1
            continue
        longest = max(len(name.tokens) for name in fitting)
        end = start + longest
        typed = " ".join(tokens[start:end])
        readings += [Reading(typed, name) for name in fitting if len(name.tokens) == longest]
        covered.update(range(start, end))
        start = end
    return readings, covered


def spoken(word: str) -> str:
    """A spelling as it sounds, for fuzzy reading only: a first "x" sounds "z" (Xanax typed "Zanex")
    and "ph" sounds "f" ("fenergan" for Phenergan)."""
    sounded = word.replace("ph", "f")
    return "z" + sounded[1:] if sounded.startswith("x") else sounded


def similarity(a: str, b: str) -> float:
    """How alike two spellings are, 0-1 (Damerau-Levenshtein, normalised by the longer)."""
    return float(DamerauLevenshtein.normalized_similarity(a, b))


def _candidates(tokens: tuple[str, ...], covered: set[int]) -> Iterable[tuple[str, set[int]]]:
    """Leftover words worth a fuzzy look, alone and joined with the next ("oxy contin")."""
    for i, token in enumerate(tokens):
        if i in covered or not token.isalpha() or token in FORM_WORDS:
            continue
        if len(token) >= FUZZY_MIN_LETTERS:
            yield token, {i}
        following = i + 1
        if following < len(tokens) and following not in covered and tokens[following].isalpha():
            joined = token + tokens[following]
            if len(joined) >= FUZZY_MIN_LETTERS + 2 and tokens[following] not in FORM_WORDS:
                yield joined, {i, following}


#: How alike two spellings are (0-1); see `similarity`.
SCORER = DamerauLevenshtein.normalized_similarity

#: When several known names are close to a misspelt word, a generic name wins over a brand that is up
#: to this much closer: "oxycodn" is oxycodone (0.78) sooner than the Canadian brand Oxycodan (0.88).
#: Generic names are what most people type; our choice.
GENERIC_PREFERENCE = 0.12


def _closest(word: str, cutoff: float) -> tuple[KnownName, float] | None:
    """The known name a word most likely misspells, with its similarity (generic names preferred)."""
    _, _, fuzzy = _known()
    found = process.extract(spoken(word), list(fuzzy), scorer=SCORER, score_cutoff=cutoff, limit=8)
    if not found:
        return None

    def rank(candidate: tuple[str, float, int]) -> tuple[float, float]:
        name = fuzzy[candidate[0]]
        bonus = GENERIC_PREFERENCE if name.kind in GENERIC_KINDS else 0.0
        return (candidate[1] + bonus, candidate[1])

    text, score, _ = max(found, key=rank)
    return fuzzy[text], float(score)


def reads_as(name: KnownName, score: float) -> bool:
    """True when a similarity is close enough to read a word as this known name."""
    cutoff = FUZZY_MIN_SIMILARITY_GENERIC if name.kind in GENERIC_KINDS else FUZZY_MIN_SIMILARITY
    return score >= cutoff


def _fuzzy(tokens: tuple[str, ...], covered: set[int]) -> tuple[list[Reading], list[str]]:
    readings: list[Reading] = []
    suggestions: list[str] = []
    taken = set(covered)
    present = set(tokens)
    for word, places in sorted(_candidates(tokens, covered), key=lambda c: -len(c[0])):
        if places & taken:
            continue
        best = _closest(word.replace(" ", ""), SUGGEST_MIN_SIMILARITY)
        if best is None:
            continue
        name, score = best
        if not _fits(name, present):
            continue
        if reads_as(name, score):
            # never 1.0: the exact pass did not find these words as typed, so the reading is fuzzy
            readings.append(Reading(" ".join(tokens[i] for i in sorted(places)), name, min(score, 0.99)))
            taken |= places
        elif name.text not in suggestions:
            suggestions.append(name.text)
    return readings, suggestions


def read_name(text: str) -> NameReading:
    """What a typed medicine or substance name means (see the module docstring)."""
    tokens = words(text)
    if not tokens:
        return NameReading(text)
    readings, covered = _exact(tokens)
    fuzzy, suggestions = _fuzzy(tokens, covered)
    readings += fuzzy
    _, member_classes, _ = _known()
    classes = interaction_classes()
    present = set(tokens)
    via: dict[int, list[str]] = {}
    for reading in readings:
        for generic in reading.name.generics:
            for position in member_classes.get(" ".join(words(generic)), ()):
                if NOT_WITH.get(classes[position].id, frozenset()) & present:
                    continue
                via.setdefault(position, []).append(generic)
    order = sorted(via, key=lambda p: (SEVERITY_SCALE[classes[p].severity].order, p))
    offered = tuple(s for s in suggestions if s not in {r.name.text for r in readings})
    return NameReading(
        text,
        tuple(readings),
        tuple(classes[p] for p in order),
        offered + tuple(dict.fromkeys(r.name.text for r in fuzzy)),
        {classes[p].id: tuple(dict.fromkeys(via[p])) for p in order},
    )


def interactions_for(name: str) -> list[InteractionClass]:
    """The interaction classes a typed medicine or substance name belongs to, worst first.

    "Oxycodone 5 mg", "OxyContin" and "oxycodn" reach opioids; "codeinex" and unknown names give []."""
    return list(read_name(name).classes)
