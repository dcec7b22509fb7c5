"""docs/safety-rules.md, written from the rule registry and the labelled sets of typed names and notes
(a test keeps the file equal to this).

    python -m speciosa.core.safety.docs tests/fixtures/safety > docs/safety-rules.md
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from speciosa.core.safety.evaluation import NameScore, NoteScore, score_names, score_notes
from speciosa.core.safety.registry import all_rules
from speciosa.refdata import sources

#: The labelled sets, in the order they were written, and how each was used. Every set was written by
#: someone who saw neither the reader's vocabulary nor the other sets.
NAME_SETS = (
    ("typed_names.yaml", "tuning: written first, used to choose the thresholds"),
    ("heldout_names.yaml", "held out: scored once (97.3%), then fexofenadine taken out of the P-gp class"),
    ("final_names.yaml", "final: scored once, never used to change anything"),
)
NOTE_SETS = (
    ("notes.yaml", "tuning: written first, used to write the phrases"),
    ("heldout_notes.yaml", "held out 1: first scored at recall 76%, precision 85%"),
    ("final_notes.yaml", "held out 2: first scored at recall 73%, precision 95%"),
    ("final2_notes.yaml", "held out 3: first scored at recall 69%, precision 83%"),
    ("final3_notes.yaml", "held out 4: first scored at recall 85%, precision 92%"),
    ("final4_notes.yaml", "held out 5: first scored at recall 80%, precision 82%"),
)


def load(folder: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    return rows


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def measurements_markdown(folder: Path) -> str:
    """The section that reports how well names and notes are read, from the labelled sets."""
    lines = [
        "## How well typed names and notes are read",
        "",
        "Measured on labelled sets in `tests/fixtures/safety/`, each written by someone who saw neither the",
        "reader's vocabulary nor the other sets (`speciosa.core.safety.evaluation`). A name counts as right",
        "when it reaches every class expected of it, or none when it must match nothing. Issue 6's goals: at",
        "least 98% of names right and no false match to a dangerous class; notes at recall 95% or more with",
        "precision 90% or more.",
        "",
        "| name set | names | right | must not match | false matches (dangerous) | how it was used |",
        "|---|---|---|---|---|---|",
    ]
    for name, used in NAME_SETS:
        score: NameScore = score_names(load(folder, name))
        lines.append(
            f"| `{name}` | {score.names} | {percent(score.accuracy)} | {score.must_not_match} | "
            f"{score.false_matches} ({score.false_dangerous}) | {used} |"
        )
    lines += [
        "",
        "| note set | notes | with a red flag | recall | precision | how it was used |",
        "|---|---|---|---|---|---|",
    ]
    for name, used in NOTE_SETS:
        notes: NoteScore = score_notes(load(folder, name))
        lines.append(
            f"| `{name}` | {notes.notes} | {notes.with_flags} | {percent(notes.recall)} | "
            f"{percent(notes.precision)} | {used} |"
        )
    lines += [
        "",
        "**What this means.** The names meet the goal on text never seen before (the final set, 98.3%). The",
        "notes do not: on each new set, written blind, the phrases first read 69-85% of the red flags, at",
        "82-95% precision; after each set was scored once, the phrases were widened for what it taught and",
        "every set now passes. Expect about four in five red flags written in words unlike any seen so far",
        "to be read. Logging the symptom itself (the check-in's red-flag list) is the reliable way; a note",
        "is a second net, and a finding read from a note can be marked as read when it is wrong.",
    ]
    return "\n".join(lines)


HEADER = """# Safety rules

speciosa checks every journal with the rules below. Each finding it raises has a stable code (the
rule's), a severity (info, caution, warning, urgent), what it means, what to do, the evidence grade
and its sources. Where a threshold is speciosa's own choice rather than a source's, the rule says so.
None of this is medical advice, and no finding calls any amount safe.

This page is generated from the rule registry (`python -m speciosa.core.safety.docs`); a test keeps
it equal to the code. Evidence grades: **A** controlled human study, or a standard or statute;
**B** large observational data; **C** small case series, in-vitro or animal data, expert consensus;
**D** secondary or tertiary sources.
"""


def doc_link(link: str) -> str:
    """A web address as it is; a file of this project (`project:PATH`) as a link from docs/ to it."""
    path = link.removeprefix("project:")
    return f"[{path}](../{path})" if path != link else link


def rules_markdown(labelled: Path | None = None) -> str:
    known = sources()
    parts = [HEADER, "| code | rule |\n|---|---|"]
    registered = all_rules()
    parts[-1] += "".join(f"\n| `{r.code}` | [{r.title}](#{r.code.replace('.', '')}) |" for r in registered)
    for registered_rule in registered:
        lines = [f"\n## `{registered_rule.code}` — {registered_rule.title}\n", registered_rule.checks.strip()]
        if registered_rule.design_choice:
            lines.append(f"\n**Design choice:** {registered_rule.design_choice.strip()}")
        lines.append("\n**Sources:**\n")
        for source_id in registered_rule.sources:
            source = known.get(source_id)
            if source is None:
                lines.append(f"- `{source_id}` (unknown source)")
                continue
            lines.append(f"- {source.citation} ({doc_link(source.link)}) — grade {source.grade}")
        parts.append("\n".join(lines))
    if labelled is not None:
        parts.append("\n" + measurements_markdown(labelled))
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    print(rules_markdown(Path(sys.argv[1]) if len(sys.argv) > 1 else None), end="")
