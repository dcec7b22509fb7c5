"""The Learn guide (issue 12): one topic per slug in search_docs.GUIDE_TOPICS, each a few sections of
statements written for speciosa, every statement citing sources and showing an evidence grade.

The guide never retypes a number refdata already holds. A statement may hold placeholders resolved at
load ({threshold:high_single_dose_grams}, {pk:<id>}, {lab:metal:lead}, {lab:limit:<field>},
{lab:irl:<id>}); the referenced entry's sources join the statement's. A
section may also carry a table rendered from refdata (dose bands, thresholds, forms and time courses,
pharmacokinetics, veins, strains, red flags, interactions, lab limits).

Grades: a statement's grade is derived as the safety engine derives a finding's
(speciosa.core.safety.rules._common.evidence_grade): the weakest grade among the sources it leans on,
our own design note left out when there is other evidence. An explicit `grade` in the file may pick
a weaker grade, or the grade of the best cited source, never one better than the best of them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import Field

from speciosa.refdata.base import (
    Grade,
    Model,
    RefdataError,
    SourceIds,
    check_citations,
    check_unique,
    parse,
    read,
)
from speciosa.refdata.dosing import Threshold, dose_context, forms, thresholds
from speciosa.refdata.interactions import SEVERITY_SCALE, interaction_classes
from speciosa.refdata.lab_limits import Limit, lab_limits
from speciosa.refdata.loader import Source, sources, weakest_grade
from speciosa.refdata.red_flags import ACTION_LEVELS, red_flags
from speciosa.refdata.search_docs import GUIDE_TOPICS, SearchDoc
from speciosa.refdata.timing import pharmacokinetics, time_courses
from speciosa.refdata.veins import strains, veins

GUIDE_FILE = "guide.yaml"

TableKind = Literal[
    "dose_bands",
    "thresholds",
    "forms",
    "pharmacokinetics",
    "veins",
    "strains",
    "red_flags",
    "interactions",
    "lab_limits",
]

PLACEHOLDER = re.compile(r"\{([a-z_]+):([a-z0-9_:.-]+)\}")


# --- the file --------------------------------------------------------------------------------


class Statement(Model):
    """One statement: speciosa's own words, the sources it rests on, and optionally its grade."""

    text: str = Field(min_length=1)
    sources: SourceIds
    grade: Grade | None = None


class Link(Model):
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^/\S*$")


class TableSpec(Model):
    """A table rendered from refdata; `keys` picks entries where the kind allows (thresholds)."""

    kind: TableKind
    keys: tuple[str, ...] = ()


class Section(Model):
    heading: str = Field(min_length=1)
    statements: tuple[Statement, ...] = ()
    table: TableSpec | None = None
    links: tuple[Link, ...] = ()


class Topic(Model):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    sections: tuple[Section, ...] = Field(min_length=1)


class GuideFile(Model):
    version: Literal[1]
    topics: tuple[Topic, ...] = Field(min_length=1)


# --- what the interfaces show ----------------------------------------------------------------


class ShownStatement(Model):
    text: str
    sources: tuple[str, ...]
    grade: Grade


class TableRow(Model):
    cells: tuple[str, ...]
    sources: tuple[str, ...]
    grade: Grade
    anchor: str = ""  # the row's id on the page, where search links to it (#interaction-…, #flag-…)


class GuideTable(Model):
    kind: TableKind
    caption: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    searchable: bool = False


class ShownSection(Model):
    heading: str
    statements: tuple[ShownStatement, ...]
    table: GuideTable | None
    links: tuple[Link, ...]


class GuideTopic(Model):
    slug: str
    title: str
    summary: str
    url: str
    sections: tuple[ShownSection, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source id the topic cites (statements and table rows), first seen first."""
        ids: list[str] = []
        for section in self.sections:
            for statement in section.statements:
                ids.extend(statement.sources)
            if section.table is not None:
                for row in section.table.rows:
                    ids.extend(row.sources)
        return tuple(dict.fromkeys(ids))


# --- grades ----------------------------------------------------------------------------------


def derived_grade(source_ids: tuple[str, ...], known: dict[str, Source]) -> Grade:
    """As the safety engine grades a finding (speciosa.refdata.loader.weakest_grade)."""
    return weakest_grade(source_ids, known)


def statement_grade(statement: Statement, source_ids: tuple[str, ...], known: dict[str, Source]) -> Grade:
    if statement.grade is None:
        return derived_grade(source_ids, known)
    best = min(known[i].grade for i in source_ids)
    if statement.grade < best:
        raise RefdataError(
            f"{GUIDE_FILE}: grade {statement.grade} is better than any cited source "
            f"{list(source_ids)} (best {best}) in {statement.text[:60]!r}"
        )
    return statement.grade


# --- numbers from refdata --------------------------------------------------------------------


def number(value: float) -> str:
    """A number as the guide prints it: 5 not 5.0, 45.3, 100,000."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _threshold(name: str) -> Threshold:
    found = getattr(thresholds(), name, None)
    if not isinstance(found, Threshold):
        raise RefdataError(f"{GUIDE_FILE}: unknown threshold {name!r}")
    return found


def resolve(kind: str, key: str) -> tuple[str, tuple[str, ...]]:
    """The words a placeholder stands for, and the sources of the entry it reads."""
    if kind == "threshold":
        t = _threshold(key)
        return f"{number(t.value)} {t.unit}", t.sources
    if kind == "pk":
        fact = next((p for p in pharmacokinetics() if p.id == key), None)
        if fact is None:
            raise RefdataError(f"{GUIDE_FILE}: unknown pharmacokinetics id {key!r}")
        unit = ("hour" if fact.value == 1 else "hours") if fact.unit == "h" else fact.unit
        return f"{number(fact.value)} {unit}", fact.sources
    if kind == "lab":
        what, _, name = key.partition(":")
        limits = lab_limits()
        if what == "metal":
            metal = next((m for m in limits.heavy_metals if m.element == name), None)
            if metal is not None:
                return f"{number(metal.micrograms_per_day)} µg a day", metal.sources
        elif what == "irl":
            level = next((m for m in limits.lead_reference_levels if m.id == name), None)
            if level is not None:
                return f"{number(level.micrograms_per_day)} µg a day", level.sources
        elif what == "limit":
            limit = getattr(limits, name, None)
            if isinstance(limit, Limit):
                return f"{number(limit.value)} {limit.unit}", limit.sources
        raise RefdataError(f"{GUIDE_FILE}: unknown lab limit {key!r}")
    raise RefdataError(f"{GUIDE_FILE}: unknown placeholder {{{kind}:{key}}}")


def fill(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with each placeholder replaced, and the sources the placeholders read."""
    cited: list[str] = []

    def replace(match: re.Match[str]) -> str:
        words, ids = resolve(match.group(1), match.group(2))
        cited.extend(ids)
        return words

    return PLACEHOLDER.sub(replace, text), tuple(cited)


# --- tables from refdata ---------------------------------------------------------------------


def _row(
    cells: tuple[str, ...], ids: tuple[str, ...], known: dict[str, Source], anchor: str = ""
) -> TableRow:
    ids = tuple(dict.fromkeys(ids))
    return TableRow(cells=cells, sources=ids, grade=derived_grade(ids, known), anchor=anchor)


def _grams(low: float | None, high: float | None) -> str:
    if low is None and high is not None:
        return f"up to {number(high)} g"
    if high is None and low is not None:
        return f"{number(low)} g and more"
    return f"{number(low or 0)}–{number(high or 0)} g"


def _minutes(low: float, high: float) -> str:
    return f"{number(low)}–{number(high)} min"


def build_table(spec: TableSpec, known: dict[str, Source]) -> GuideTable:  # noqa: C901 - one branch a kind
    kind = spec.kind
    if kind == "dose_bands":
        rows = tuple(
            _row(
                (
                    entry.title,
                    "a scale the source gives" if entry.kind == "bands" else "what a study observed",
                    "; ".join(f"{b.label}: {_grams(b.min_grams, b.max_grams)}" for b in entry.bands),
                    entry.text,
                ),
                (entry.source, *entry.sources),
                known,
            )
            for entry in dose_context()
        )
        return GuideTable(
            kind=kind,
            caption="Amounts of plain leaf powder per dose, as each source reports them (not advice)",
            columns=("Source", "What it is", "Amounts", "Notes"),
            rows=rows,
        )
    if kind == "thresholds":
        names = spec.keys or tuple(type(thresholds()).model_fields)
        rows = tuple(
            _row(
                (
                    name.replace("_", " "),
                    f"{number(t.value)} {t.unit}",
                    "yes" if t.design_choice else "no",
                    t.text,
                ),
                t.sources,
                known,
            )
            for name in names
            for t in (_threshold(name),)
        )
        return GuideTable(
            kind=kind,
            caption="The marks speciosa's safety notes use",
            columns=("Mark", "Value", "Our choice?", "Where it comes from"),
            rows=rows,
        )
    if kind == "forms":
        courses = time_courses()
        rows = tuple(
            _row(
                (
                    f.label,
                    f.what_it_is,
                    "yes" if f.dose_bands_apply else "no",
                    _minutes(courses[f.form].onset_minutes.low, courses[f.form].onset_minutes.high),
                    _minutes(courses[f.form].peak_minutes.low, courses[f.form].peak_minutes.high),
                    _minutes(courses[f.form].duration_minutes.low, courses[f.form].duration_minutes.high),
                    f"{f.text} {courses[f.form].note}",
                ),
                (*f.sources, *courses[f.form].sources),
                known,
            )
            for f in forms()
        )
        return GuideTable(
            kind=kind,
            caption="Product forms and the reported time course of effects",
            columns=("Form", "What it is", "Leaf dose bands apply?", "Onset", "Peak", "Lasts", "Notes"),
            rows=rows,
        )
    if kind == "pharmacokinetics":
        rows = tuple(
            _row(
                (
                    p.analyte,
                    p.parameter.replace("_", " "),
                    number(p.value)
                    + (
                        f" ({number(p.low)}–{number(p.high)})"
                        if p.low is not None and p.high is not None
                        else ""
                    )
                    + f" {p.unit}",
                    p.text + ("" if p.reliable else " (flagged as unreliable)"),
                ),
                p.sources,
                known,
            )
            for p in pharmacokinetics()
        )
        return GuideTable(
            kind=kind,
            caption="Human pharmacokinetics of mitragynine and 7-OH, study by study",
            columns=("Alkaloid", "Measure", "Value", "Study and caveats"),
            rows=rows,
        )
    if kind == "veins":
        rows = tuple(
            _row((v.vein, f"Claim: {v.vendor_claims}", v.evidence), v.sources, known) for v in veins()
        )
        return GuideTable(
            kind=kind,
            caption="Vein colours: what sellers claim, and what the evidence says",
            columns=("Vein", "What sellers claim", "What the evidence says"),
            rows=rows,
        )
    if kind == "strains":
        rows = tuple(
            _row(
                (s.strain, ", ".join(s.aliases) or "–", f"Claim: {s.vendor_claims}", s.evidence),
                s.sources,
                known,
            )
            for s in strains()
        )
        return GuideTable(
            kind=kind,
            caption="Strain names: what sellers claim, and what the evidence says",
            columns=("Name", "Also sold as", "What sellers claim", "What the evidence says"),
            rows=rows,
        )
    if kind == "red_flags":
        actions = {code: level.label for code, level in ACTION_LEVELS.items()}
        rows = tuple(
            _row((r.title, actions[r.action], r.what_to_do), r.sources, known, anchor=f"flag-{r.code}")
            for r in red_flags()
        )
        return GuideTable(
            kind=kind,
            caption="Symptoms that need help now, and what to do",
            columns=("Symptom", "How urgent", "What to do now"),
            rows=rows,
        )
    if kind == "interactions":
        severities = {code: level.label for code, level in SEVERITY_SCALE.items()}
        rows = tuple(
            TableRow(
                cells=(c.label, severities[c.severity], ", ".join(c.members), c.mechanism, c.what_to_do),
                sources=c.sources,
                grade=c.grade,
                anchor=f"interaction-{c.id}",
            )
            for c in interaction_classes()
        )
        return GuideTable(
            kind=kind,
            caption="Kratom and other medicines or substances",
            columns=("With", "How serious", "Includes", "Why", "What to do"),
            rows=rows,
            searchable=True,
        )
    if kind == "lab_limits":
        limits = lab_limits()
        metal_rows = [
            _row(
                (f"{m.element} (heavy metal)", f"{number(m.micrograms_per_day)} µg a day", m.basis),
                m.sources,
                known,
            )
            for m in limits.heavy_metals
        ]
        irl_rows = [
            _row(
                (f"lead, {r.population}", f"{number(r.micrograms_per_day)} µg a day", r.basis),
                r.sources,
                known,
            )
            for r in limits.lead_reference_levels
        ]
        microbe_rows = [
            _row(
                (
                    f"{m.test} ({m.material})",
                    f"at most {number(m.max_cfu_per_gram)} CFU/g"
                    if m.max_cfu_per_gram is not None
                    else f"absent in {number(m.absent_in_grams or 0)} g",
                    "USP microbial limits for botanicals",
                ),
                m.sources,
                known,
            )
            for m in limits.microbial
        ]
        seven_oh = [
            limits.seven_oh_share_of_alkaloids_max_percent,
            *limits.seven_oh_weight_percent_flags,
            limits.seven_oh_mg_per_article_flag,
            limits.seven_oh_natural_leaf_max_percent,
            limits.mitragynine_extract_percent,
        ]
        alkaloid_rows = [
            _row((f"alkaloids: {x.id}", f"{number(x.value)} {x.unit}", x.text), x.sources, known)
            for x in seven_oh
        ]
        return GuideTable(
            kind=kind,
            caption="The limits speciosa's lab-report check compares a COA against",
            columns=("What", "Limit", "Basis"),
            rows=tuple(metal_rows + irl_rows + microbe_rows + alkaloid_rows),
        )
    raise RefdataError(f"{GUIDE_FILE}: unknown table kind {kind!r}")  # pragma: no cover - Literal


def filter_table(table: GuideTable, query: str) -> GuideTable:
    """The rows whose words contain every word of `query` (case-insensitive); all rows for no query."""
    words = query.lower().split()
    if not words:
        return table
    rows = tuple(r for r in table.rows if all(w in " ".join(r.cells).lower() for w in words))
    return table.model_copy(update={"rows": rows})


# --- loading ---------------------------------------------------------------------------------


def parse_guide(data: Any, known: dict[str, Source]) -> list[Topic]:
    loaded: GuideFile = parse(GUIDE_FILE, GuideFile, data)
    check_unique(GUIDE_FILE, loaded.topics, lambda t: t.slug, "topic slug")
    check_citations(GUIDE_FILE, loaded.topics, known)
    slugs = [t.slug for t in loaded.topics]
    if set(slugs) != set(GUIDE_TOPICS):
        raise RefdataError(
            f"{GUIDE_FILE}: topics {sorted(set(slugs) ^ set(GUIDE_TOPICS))} differ from GUIDE_TOPICS"
        )
    return sorted(loaded.topics, key=lambda t: GUIDE_TOPICS.index(t.slug))


def show_topic(topic: Topic, known: dict[str, Source]) -> GuideTopic:
    sections = []
    for section in topic.sections:
        shown = []
        for statement in section.statements:
            text, extra = fill(statement.text)
            ids = tuple(dict.fromkeys((*statement.sources, *extra)))
            shown.append(ShownStatement(text=text, sources=ids, grade=statement_grade(statement, ids, known)))
        table = build_table(section.table, known) if section.table is not None else None
        sections.append(
            ShownSection(heading=section.heading, statements=tuple(shown), table=table, links=section.links)
        )
    return GuideTopic(
        slug=topic.slug,
        title=topic.title,
        summary=topic.summary,
        url=f"/learn/guide/{topic.slug}/",
        sections=tuple(sections),
    )


@cache
def guide_topics() -> list[Topic]:
    """The guide file as written (placeholders unresolved), in GUIDE_TOPICS order."""
    return parse_guide(read(GUIDE_FILE), sources())


@cache
def guide() -> list[GuideTopic]:
    """Every topic as people see it: placeholders resolved, tables rendered, grades shown."""
    known = sources()
    return [show_topic(topic, known) for topic in guide_topics()]


def guide_topic(slug: str) -> GuideTopic | None:
    return next((t for t in guide() if t.slug == slug), None)


def topic_text(topic: GuideTopic) -> str:
    """The words of a topic, plain: summary, headings, statements and table cells."""
    parts = [topic.summary]
    for section in topic.sections:
        parts.append(section.heading)
        parts.extend(s.text for s in section.statements)
        if section.table is not None:
            parts.append(section.table.caption)
            parts.extend(" ".join(row.cells) for row in section.table.rows)
    return "\n".join(parts)


def documents() -> list[SearchDoc]:
    """One search document per guide topic."""
    return [
        SearchDoc(
            kind="guide",
            key=topic.slug,
            title=topic.title,
            url=topic.url,
            text=topic_text(topic),
            sources=topic.sources,
        )
        for topic in guide()
    ]


def topic_document(topic: GuideTopic, query: str = "") -> dict[str, Any]:
    """A topic as plain data (the API and `speciosa learn TOPIC --format json`); `query` filters its
    searchable tables."""
    sections = []
    for section in topic.sections:
        table = section.table
        if table is not None and table.searchable:
            table = filter_table(table, query)
        data = section.model_dump(exclude={"table"})
        data["table"] = table.model_dump() if table is not None else None
        sections.append(data)
    return {
        "slug": topic.slug,
        "title": topic.title,
        "summary": topic.summary,
        "url": topic.url,
        "sections": sections,
        "sources": list(topic.sources),
    }
