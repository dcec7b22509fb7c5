"""The safety engine: a pure, deterministic registry of rules that turn a journal window into findings."""

from __future__ import annotations

from datetime import datetime

from speciosa.core import journal_format as fmt
from speciosa.core.safety import rules  # noqa: F401  (importing the rule package registers every rule)
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.registry import Rule, all_rules, rule, rule_for
from speciosa.core.safety.scope import AssessmentScope, assessment_scope
from speciosa.core.safety.view import JournalView

__all__ = [
    "AssessmentScope",
    "EntryRef",
    "Finding",
    "JournalView",
    "Rule",
    "Severity",
    "all_rules",
    "assess",
    "assessment_scope",
    "rule",
    "rule_for",
]


def assess(journal: fmt.JournalDocument, now: datetime) -> list[Finding]:
    """Every finding the rules raise for this journal at `now`, urgent first, one per key.

    The rules read the windows of speciosa.core.safety.windows (through JournalView), the same the
    stored journal's window holds; `assessment_scope(journal, now)` says what that covered.
    """
    view = JournalView.of(journal, now)
    found: dict[str, Finding] = {}
    for registered in all_rules():
        for finding in registered.check(view):
            current = found.get(finding.key)
            if current is None or finding.sort_key() < current.sort_key():
                found[finding.key] = finding
    return sorted(found.values(), key=Finding.sort_key)
