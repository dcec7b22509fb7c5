"""docs/safety-rules.md, written from the rule registry (a test keeps the file equal to this).

    python -m speciosa.core.safety.docs > docs/safety-rules.md
"""

from __future__ import annotations

from speciosa.core.safety.registry import rules
from speciosa.refdata import sources

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


def rules_markdown() -> str:
    known = sources()
    parts = [HEADER, "| code | rule |\n|---|---|"]
    registered = rules()
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
            lines.append(f"- {source.citation} ({source.link}) — grade {source.grade}")
        parts.append("\n".join(lines))
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    print(rules_markdown(), end="")
