"""How safety findings, rules and sources appear on the pages: a finding with its sources looked up,
its rule's page, and the words for evidence grades.

Pure presentation over `speciosa.journal.findings` (the findings, their states and the rule registry)
and `speciosa.refdata` (sources). Nothing here decides what is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from speciosa.journal.findings import NOTABLE, CurrentFinding, Finding, Rule, all_rules, findings_current
from speciosa.refdata import (
    ACTION_LEVELS,
    ActionLevel,
    RedFlag,
    Source,
    poison_line_for,
    red_flags,
    side_effects,
    sources,
)

#: The evidence grades, in the fact base's words (shared/facts/kratom-facts.md §0).
GRADES: dict[str, str] = {
    "A": (
        "A controlled human study (a randomised trial, or a controlled pharmacokinetic or drug-interaction "
        "study), or the text of a regulatory standard or statute."
    ),
    "B": (
        "Large observational data: national surveys, poison-centre or death records, registries, and "
        "case series with laboratory confirmation."
    ),
    "C": "Small case series, single case reports, laboratory or animal studies, or expert consensus.",
    "D": (
        "Secondary sources: news, advocacy or industry groups, vendor pages, Wikipedia, and speciosa's own "
        "design choices. Used only to point to a primary source or to state a choice, never alone as a fact."
    ),
}
GRADE_WORDS = {"A": "strong", "B": "moderate", "C": "limited", "D": "weak"}


def grade_label(grade: str) -> str:
    """ "B (moderate)": a grade with a word, so the letter is never read alone."""
    return f"{grade} ({GRADE_WORDS.get(grade, 'unknown')})"


def source_anchor(source_id: str) -> str:
    return f"source-{source_id}"


def source_url(source_id: str) -> str:
    """The source's entry on the Sources page."""
    return f"{reverse('web:sources')}#{source_anchor(source_id)}"


@dataclass(frozen=True)
class SourceRef:
    """A source as a link to its entry on the Sources page, with its grade."""

    id: str
    citation: str
    grade: str
    url: str

    @property
    def short(self) -> str:
        """A link text: the citation's first words and the year in the source's id, "Grundmann O, 2017"."""
        return short_citation(self.citation, self.id)


def short_citation(citation: str, source_id: str = "", longest: int = 60) -> str:
    cuts = [i for mark in (". ", " (", ": ", ", ") if (i := citation.find(mark)) >= 3]
    text = citation[: min(cuts)] if cuts else citation
    if text[:1] in "'\"":
        text = text.strip("'\"")
    if len(text) > longest:
        text = text[: text.rfind(" ", 0, longest)] + "…"
    year = re.search(r"-((?:19|20)\d{2})(?:-|$)", source_id)
    return f"{text}, {year.group(1)}" if year and year.group(1) not in text else text


def source_refs(ids: Iterable[str]) -> list[SourceRef]:
    """The sources named by id, in the order given; an id refdata does not know is left out."""
    known = sources()
    return [
        SourceRef(i, known[i].citation, known[i].grade, source_url(i))
        for i in dict.fromkeys(ids)
        if i in known
    ]


def rule_url(code: str) -> str:
    return reverse("web:finding_rule", kwargs={"code": code})


@dataclass(frozen=True)
class FindingCard:
    """A finding as a page shows it: its words, its sources as links, its rule, and its state."""

    finding: Finding
    state: CurrentFinding | None
    sources: list[SourceRef]

    @property
    def key(self) -> str:
        return self.finding.key

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def severity_label(self) -> str:
        return self.finding.severity.label

    @property
    def icon(self) -> str:
        return SEVERITY_ICONS.get(self.severity, "")

    @property
    def action_lead(self) -> str:
        """The first sentence of what to do (Today shows it; the rest opens on tap)."""
        return split_lead(self.finding.action)[0]

    @property
    def action_rest(self) -> str:
        return split_lead(self.finding.action)[1]

    @property
    def grade(self) -> str:
        return grade_label(self.finding.grade)

    @property
    def rule_url(self) -> str:
        return rule_url(self.finding.code)

    @property
    def symptoms_to_log(self) -> list[str]:
        """The side effects a finding read from a note offers to log, as people read them."""
        labels = side_effects()
        return [labels[c].label.lower() if c in labels else c for c in self.finding.symptoms_to_log]

    @property
    def acknowledged_at(self) -> datetime | None:
        return self.state.acknowledged_at if self.state else None

    @property
    def notable(self) -> bool:
        return self.finding.severity.rank >= NOTABLE.rank

    def concerns(self, kind: str, uid: UUID) -> bool:
        """True when the finding is about this entry (a product, a dose, a check-in ...)."""
        return any(
            e.kind == kind and e.uid == uid for e in self.finding.entries
        ) or self.finding.subject == str(uid)


def split_lead(text: str) -> tuple[str, str]:
    """(the first sentence, the rest): a sentence ends at ". ", "! " or "? " followed by a capital."""
    found = re.search(r"[.!?] (?=[A-Z“\"(])", text)
    if found is None:
        return text, ""
    return text[: found.start() + 1], text[found.end() :]


def current_findings(request: HttpRequest) -> list[CurrentFinding]:
    """The signed-in person's current findings, read once per request (the page and the banner share it)."""
    cached: list[CurrentFinding] | None = getattr(request, "_current_findings", None)
    if cached is None:
        cached = findings_current(user=request.user)
        request._current_findings = cached  # type: ignore[attr-defined]
    return cached


def card(finding: Finding, state: CurrentFinding | None = None) -> FindingCard:
    return FindingCard(finding, state, source_refs(finding.sources))


def cards(current: Iterable[CurrentFinding]) -> list[FindingCard]:
    return [card(c.finding, c) for c in current]


def notable_and_notes(found: Sequence[FindingCard]) -> tuple[list[FindingGroup], list[FindingGroup]]:
    """(caution or worse, info), each grouped by rule: Today shows the first group open, the other
    groups as one line each, and the notes as a count."""
    groups = grouped(found)
    return [g for g in groups if g.notable], [g for g in groups if not g.notable]


#: How a finding's severity is marked besides its colour: an icon (decoration: the word is always
#: written) and the weight of the card's edge, so urgent, warning, caution and info differ in print too.
SEVERITY_ICONS = {"urgent": "‼", "warning": "▲", "caution": "●", "info": "○"}


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one rule, the most serious and newest first: repeated findings make one card
    ("5 times since 3 Oct") so a weekly warning does not drown the one that matters."""

    cards: list[FindingCard]

    @property
    def top(self) -> FindingCard:
        return self.cards[0]

    @property
    def count(self) -> int:
        return len(self.cards)

    @property
    def code(self) -> str:
        return self.top.finding.code

    @property
    def notable(self) -> bool:
        return self.top.notable

    @property
    def others(self) -> list[FindingCard]:
        return self.cards[1:]

    @property
    def unread(self) -> int:
        return sum(1 for c in self.cards if c.acknowledged_at is None)

    @property
    def since(self) -> datetime | None:
        """The earliest moment the findings concern (their entries' time, else when first raised)."""
        moments = [c.finding.at or (c.state.first_seen_at if c.state else None) for c in self.cards]
        known = [m for m in moments if m is not None]
        return min(known) if known else None

    @property
    def repeats(self) -> str:
        """ "3 findings from this check since 3 Oct" for a repeated finding; empty for a single one."""
        if self.count < 2:
            return ""
        since = self.since
        words = f"{self.count} findings from this check"
        return f"{words} since {timezone.localtime(since):%-d %b}" if since else words


def grouped(found: Iterable[FindingCard]) -> list[FindingGroup]:
    """Cards grouped by rule, in the order of each rule's first (most serious) card."""
    groups: dict[str, list[FindingCard]] = {}
    for c in found:
        groups.setdefault(c.finding.code, []).append(c)
    return [FindingGroup(cs) for cs in groups.values()]


@dataclass(frozen=True)
class HistoryGroup:
    """One rule's findings over time, for the history: how often, first and last seen, how many read."""

    code: str
    title: str
    severity: str
    count: int
    first_seen_at: datetime
    last_seen_at: datetime
    unread: int
    active: int

    @property
    def severity_label(self) -> str:
        return self.severity.capitalize()

    @property
    def icon(self) -> str:
        return SEVERITY_ICONS.get(self.severity, "")

    @property
    def rule_url(self) -> str:
        return rule_url(self.code)


def history_groups(history: Iterable[CurrentFinding]) -> list[HistoryGroup]:
    """The history grouped per rule (per rule and severity, where one rule raised several), most
    recently seen first; each group's title is its newest finding's."""
    rows: dict[tuple[str, str], list[CurrentFinding]] = {}
    for state in sorted(history, key=lambda s: s.last_seen_at, reverse=True):
        rows.setdefault((state.code, state.severity), []).append(state)
    return [
        HistoryGroup(
            code=code,
            title=states[0].title,
            severity=severity,
            count=len(states),
            first_seen_at=min(s.first_seen_at for s in states),
            last_seen_at=states[0].last_seen_at,
            unread=sum(1 for s in states if s.acknowledged_at is None),
            active=sum(1 for s in states if s.active),
        )
        for (code, severity), states in rows.items()
    ]


@cache
def rules_citing() -> dict[str, list[Rule]]:
    """Source id → the rules that cite it (for "used by" on the Sources page)."""
    citing: dict[str, list[Rule]] = {}
    for registered in all_rules():
        for source_id in registered.sources:
            citing.setdefault(source_id, []).append(registered)
    return citing


@dataclass(frozen=True)
class SourceEntry:
    """One entry of the Sources page."""

    source: Source
    anchor: str
    grade: str
    rules: list[Rule]


def source_entries() -> list[SourceEntry]:
    """Every source the product uses (sources.yaml order), with the rules that cite it."""
    citing = rules_citing()
    return [
        SourceEntry(source, source_anchor(source.id), grade_label(source.grade), citing.get(source.id, []))
        for source in sources().values()
    ]


def red_flag_levels() -> list[tuple[ActionLevel, list[RedFlag]]]:
    """The red flags grouped by how soon to act, most urgent first (for the check-in form)."""
    grouped: dict[str, list[RedFlag]] = {}
    for flag in red_flags():
        grouped.setdefault(flag.action, []).append(flag)
    levels = sorted((ACTION_LEVELS[code] for code in grouped), key=lambda level: level.order)
    return [(level, grouped[level.code]) for level in levels]


@dataclass(frozen=True)
class CallLink:
    """A tap-to-call link: the digits dialled, the words on it ("Call" and "911", the number kept on
    one line) and what a screen reader adds ("emergency services")."""

    tel: str
    label: str
    number: str
    spoken: str = ""


def emergency_links(*, country: str, zone: str) -> list[CallLink]:
    """The emergency and poison-control numbers of the person's country (chosen in Settings, else
    read from the time zone) as tap-to-call links; none when no country here matches."""
    line = poison_line_for(zone, country)
    if line is None:
        return []
    return [
        CallLink(line.emergency.tel, "Call", line.emergency.number, "emergency services"),
        CallLink(line.tel, line.call, line.number, "poison advice"),
    ]


@cache
def _rule_titles() -> dict[str, str]:
    return {registered.code: registered.title for registered in all_rules()}


def without_codes(text: str) -> str:
    """A rule's words as people read them: a rule code named inside ("... (interaction.medication)")
    becomes that rule's title, in quotes; codes belong in URLs, not in sentences."""
    titles = _rule_titles()
    pattern = re.compile("|".join(re.escape(code) for code in sorted(titles, key=len, reverse=True)))
    return pattern.sub(lambda found: f"“{titles[found.group(0)]}”", text)
