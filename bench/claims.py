"""`python -m bench.claims`: the claim checker's recall and precision on the held-out set, the
development set and the seeds' claim sentences, and the time to check a 5,000-word page.

Recall: labelled (sentence, claim) pairs that were marked, over all labelled pairs. Precision: marked
(sentence, claim) pairs that were labelled, over all marked pairs. For the seeds every sentence of every
seed file is checked; sentences not listed in seeds.txt count as making no claim.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from speciosa.core.claims import check, claims_in, split_sentences
from speciosa.refdata.claims import claim_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "claims"
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass(frozen=True)
class Score:
    name: str
    labelled: int
    marked: int
    correct: int
    misses: tuple[tuple[str, str], ...]
    extras: tuple[tuple[str, str], ...]

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.marked if self.marked else 1.0


def labelled_set(name: str) -> list[tuple[frozenset[str], str]]:
    """(claim ids, sentence) of heldout.txt or dev.txt; "-" means no claim."""
    rows = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ids, sentence = line.split("\t", 1)
        rows.append((frozenset() if ids == "-" else frozenset(ids.split(",")), sentence))
    return rows


def seed_labels(seeds: Path = SEEDS) -> dict[str, list[tuple[frozenset[str], str]]]:
    """Per seed file: (claim ids, fragment) from seeds.txt."""
    found: dict[str, list[tuple[frozenset[str], str]]] = {}
    for line in (FIXTURES / "seeds.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file, ids, fragment = line.split("\t", 2)
        found.setdefault(file, []).append((frozenset(ids.split(",")), fragment))
    return found


def seed_sentences(seeds: Path = SEEDS) -> list[tuple[frozenset[str], str]]:
    """Every sentence of every seed file with the ids seeds.txt gives it (none when not listed)."""
    rows = []
    labels = seed_labels(seeds)
    for path in sorted(seeds.glob("*.txt")):
        listed = labels.get(path.name, [])
        for sentence, _, _ in split_sentences(path.read_text(encoding="utf-8")):
            ids: set[str] = set()
            for claim_ids, fragment in listed:
                if fragment in sentence:
                    ids |= claim_ids
            rows.append((frozenset(ids), sentence))
    return rows


def score(name: str, rows: list[tuple[frozenset[str], str]]) -> Score:
    rules = claim_rules()
    labelled = marked = correct = 0
    misses: list[tuple[str, str]] = []
    extras: list[tuple[str, str]] = []
    for ids, sentence in rows:
        found = set(claims_in(sentence, rules))
        labelled += len(ids)
        marked += len(found)
        correct += len(ids & found)
        misses += [(i, sentence) for i in sorted(ids - found)]
        extras += [(i, sentence) for i in sorted(found - ids)]
    return Score(name, labelled, marked, correct, tuple(misses), tuple(extras))


def page_of(words: int, seeds: Path = SEEDS) -> str:
    """A page of about `words` words made of the seeds' text, repeated as needed."""
    lines = [line for p in sorted(seeds.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    page: list[str] = []
    count = 0
    while count < words:
        for line in lines:
            taken = line.split()[: words - count]
            page.append(" ".join(taken))
            count += len(taken)
            if count >= words:
                break
    return "\n".join(page)


def time_page(words: int = 5000, repeats: int = 5) -> float:
    """Median seconds to check a `words`-word page (after one warm-up run)."""
    page = page_of(words)
    rules = claim_rules()
    check(page, rules)
    runs = []
    for _ in range(repeats):
        began = time.perf_counter()
        check(page, rules)
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def main() -> None:
    scores = [
        score("held-out", labelled_set("heldout.txt")),
        score("development", labelled_set("dev.txt")),
        score("seeds", seed_sentences()),
    ]
    print(f"{'set':<12} {'labelled':>8} {'marked':>7} {'correct':>7} {'recall':>7} {'precision':>9}")
    for s in scores:
        print(
            f"{s.name:<12} {s.labelled:>8} {s.marked:>7} {s.correct:>7} {s.recall:>7.1%} {s.precision:>9.1%}"
        )
    print(f"5,000-word page: {time_page() * 1000:.0f} ms (median of 5)")
    for s in scores:
        for claim, sentence in s.misses:
            print(f"  {s.name} missed {claim}: {sentence[:110]}")
        for claim, sentence in s.extras:
            print(f"  {s.name} extra {claim}: {sentence[:110]}")


if __name__ == "__main__":
    main()
