"""The rule registry: every rule declares its code, what it checks, and its sources."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from speciosa.core.safety.findings import Finding
from speciosa.core.safety.view import JournalView

Check = Callable[[JournalView], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    checks: str  # what the rule looks at and when it fires, for people and for docs/safety-rules.md
    sources: tuple[str, ...]
    check: Check
    design_choice: str = ""  # where a threshold is ours rather than a source's, say so


_RULES: dict[str, Rule] = {}


def rule(
    code: str, *, title: str, checks: str, sources: tuple[str, ...], design_choice: str = ""
) -> Callable[[Check], Check]:
    """Register a check under a stable code (a decorator)."""

    def register(check: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"rule code {code!r} is registered twice")
        if not sources:
            raise ValueError(f"rule {code!r} has no source")
        _RULES[code] = Rule(code, title, checks, sources, check, design_choice)
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, by code. Importing speciosa.core.safety imports its rule package
    (speciosa.core.safety.rules), which registers them all."""
    return [_RULES[code] for code in sorted(_RULES)]


def rule_for(code: str) -> Rule | None:
    """The rule behind a finding code (a finding's code is its rule's code)."""
    return {r.code: r for r in all_rules()}.get(code)
