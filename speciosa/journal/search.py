"""Learn search (issue 12): one box over the guide, the FAQ, the claims, legal status, interactions,
safety rules, red flags and sources, ranked by the database's own full-text search, and the
bibliography's "cited by".

- The documents come from `PROVIDERS`: functions returning `list[SearchDoc]`. The guide, FAQ, claims
  and legal parts are found by module name (`speciosa.refdata.<part>.documents`); a part not written
  yet is skipped.
- The stored index is the `SearchDocument` table plus, on SQLite, the FTS5 table `journal_search_fts`
  and its fts5vocab table `journal_search_vocab` (migration 0014_learn_search). PostgreSQL builds a
  weighted SearchVector in the query (the corpus is a few hundred documents).
- It is built after `migrate` (post_migrate, see apps.py) and by `speciosa search --rebuild`; a search
  that finds the stored index missing or built from other documents (the `SearchIndexState` digest)
  rebuilds it first: the one write a read may do, see docs/search.md.
- Typo tolerance: a query word that matches nothing is corrected against the index's vocabulary
  (fts5vocab on SQLite, ts_stat on PostgreSQL) with difflib; the result says what it searched for.
- Ranking: documents whose title matches come first, then bm25 (SQLite, title weighted 10:1) or
  ts_rank (PostgreSQL, title weight A, text weight B).
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from speciosa.core.safety import all_rules
from speciosa.journal import models as m
from speciosa.refdata import interaction_classes, sources
from speciosa.refdata.red_flags import red_flags
from speciosa.refdata.search_docs import SearchDoc

Provider = Callable[[], list[SearchDoc]]

#: The Learn parts written alongside search; each exposes `documents() -> list[SearchDoc]`.
LEARN_PARTS = ("guide", "faq", "claims", "legal")
#: Most results a search returns.
LIMIT = 30
#: Marks around matched words in a snippet (control characters: never in the indexed text).
MARK_START, MARK_END = "\x02", "\x03"
#: Words this short are never corrected (too many near neighbours).
MIN_CORRECTABLE = 4
#: Kinds as people read them.
KIND_LABELS = {
    "guide": "Guide",
    "faq": "Question",
    "claim": "Claim",
    "legal": "Legal status",
    "interaction": "Interaction",
    "rule": "Safety check",
    "red_flag": "Red flag",
    "source": "Source",
}


# --- providers --------------------------------------------------------------------------------


def interaction_documents() -> list[SearchDoc]:
    return [
        SearchDoc(
            kind="interaction",
            key=c.id,
            title=f"Kratom with {c.label}",
            url=f"/learn/guide/interactions/#interaction-{c.id}",
            text=" ".join(
                [c.label, c.level.label, ", ".join(c.members), c.mechanism, c.what_to_do, c.deviation]
            ),
            sources=tuple(c.sources),
        )
        for c in interaction_classes()
    ]


def rule_documents() -> list[SearchDoc]:
    """The safety checks: what each looks at, its design choice, and its sources."""
    return [
        SearchDoc(
            kind="rule",
            key=r.code,
            title=r.title,
            url=f"/findings/rules/{r.code}/",
            text=" ".join([r.checks, r.design_choice]),
            sources=tuple(r.sources),
        )
        for r in all_rules()
    ]


def red_flag_documents() -> list[SearchDoc]:
    return [
        SearchDoc(
            kind="red_flag",
            key=f.code,
            title=f.title,
            url=f"/learn/guide/red-flags/#flag-{f.code}",
            text=" ".join([f.level.label, f.what_to_do, " ".join(t.replace("_", " ") for t in f.triggers)]),
            sources=tuple(f.sources),
        )
        for f in red_flags()
    ]


def source_documents() -> list[SearchDoc]:
    return [
        SearchDoc(
            kind="source",
            key=s.id,
            title=s.citation,
            url=f"/sources/#source-{s.id}",
            text=" ".join([s.citation, s.note, s.read_via, f"grade {s.grade}"]),
            sources=(s.id,),
        )
        for s in sources().values()
    ]


def learn_documents() -> list[SearchDoc]:
    """The guide, FAQ, claims and legal parts' documents; a part whose module does not exist yet is
    skipped (any other import error is raised)."""
    found: list[SearchDoc] = []
    for part in LEARN_PARTS:
        name = f"speciosa.refdata.{part}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        documents = getattr(module, "documents", None)
        if documents is not None:
            found.extend(documents())
    return found


PROVIDERS: list[Provider] = [
    learn_documents,
    interaction_documents,
    red_flag_documents,
    rule_documents,
    source_documents,
]


def all_documents() -> list[SearchDoc]:
    """Every document of every provider, the first of a (kind, key) kept."""
    seen: dict[tuple[str, str], SearchDoc] = {}
    for provider in PROVIDERS:
        for doc in provider():
            seen.setdefault((doc.kind, doc.key), doc)
    return list(seen.values())


def digest_of(documents: Iterable[SearchDoc]) -> str:
    rows = [[d.kind, d.key, d.title, d.url, d.text, list(d.sources)] for d in documents]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


@cache
def current_digest() -> str:
    """The digest of the documents this process would index (they do not change while it runs)."""
    return digest_of(all_documents())


# --- the bibliography -------------------------------------------------------------------------


@dataclass(frozen=True)
class Citer:
    """A page, rule or entry that cites a source."""

    kind: str
    title: str
    url: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@cache
def cited_by() -> dict[str, list[Citer]]:
    """Source id → the pages, rules and entries that cite it (every document but the sources'
    own), in provider order."""
    citing: dict[str, list[Citer]] = {}
    for doc in all_documents():
        if doc.kind == "source":
            continue
        for source_id in dict.fromkeys(doc.sources):
            citing.setdefault(source_id, []).append(Citer(doc.kind, doc.title, doc.url))
    return citing


# --- building the index -----------------------------------------------------------------------


def index_is_current() -> bool:
    state = m.SearchIndexState.objects.first()
    return state is not None and state.digest == current_digest()


def rebuild_index() -> int:
    """Store every document again (and the FTS5 table on SQLite); returns how many."""
    documents = all_documents()
    with transaction.atomic():
        m.SearchIndexState.objects.select_for_update().first()
        m.SearchDocument.objects.all().delete()
        stored = m.SearchDocument.objects.bulk_create(
            m.SearchDocument(
                kind=d.kind, key=d.key, title=d.title, url=d.url, text=d.text, sources=list(d.sources)
            )
            for d in documents
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM journal_search_fts")
                cursor.executemany(
                    "INSERT INTO journal_search_fts (title, text, doc_id) VALUES (%s, %s, %s)",
                    [(s.title, s.text, s.pk) for s in stored],
                )
        m.SearchIndexState.objects.all().delete()
        m.SearchIndexState.objects.create(
            digest=digest_of(documents), built_at=timezone.now(), documents=len(stored)
        )
    return len(stored)


def ensure_index() -> bool:
    """Rebuild the stored index when it is missing or was built from other documents; True if it did."""
    if index_is_current():
        return False
    rebuild_index()
    return True


def build_after_migrate(
    sender: object, using: str = "default", plan: object = None, **kwargs: object
) -> None:
    """post_migrate (sent for the journal app): build the index from the documents in the code (no
    network; no files but the reference data's own). Skipped when the migration was a rollback that
    removed the tables."""
    from django.db import connections

    if "journal_searchdocument" not in connections[using].introspection.table_names():
        return
    if using != "default":
        return
    ensure_index()


# --- searching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    kind: str
    key: str
    title: str
    url: str
    #: The snippet as (words, matched) pieces.
    pieces: tuple[tuple[str, bool], ...]
    title_match: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def snippet(self) -> str:
        return "".join(words for words, _ in self.pieces)

    @property
    def matched(self) -> list[str]:
        return list(dict.fromkeys(words.lower() for words, hit in self.pieces if hit))


@dataclass(frozen=True)
class SearchResults:
    query: str
    #: The words searched for, after correction ("" when nothing to search).
    searched: str
    corrected: bool
    hits: list[SearchHit] = field(default_factory=list)


WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    return [w.lower() for w in WORD.findall(query)][:12]


def search(query: str, *, limit: int = LIMIT) -> SearchResults:
    """The documents that match `query`, best first. Words that match nothing are corrected against
    the index's vocabulary; all words must match, else any word may."""
    words = query_words(query)
    if not words:
        return SearchResults(query=query, searched="", corrected=False)
    ensure_index()
    backend = _Sqlite() if connection.vendor == "sqlite" else _Postgres()
    fixed = [w if backend.matches([w]) else backend.closest(w) or w for w in words]
    corrected = fixed != words
    hits = backend.hits(fixed, limit, every=True) or backend.hits(fixed, limit, every=False)
    return SearchResults(query=query, searched=" ".join(fixed), corrected=corrected, hits=hits)


def _pieces(marked: str) -> tuple[tuple[str, bool], ...]:
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", marked)):
        if part:
            pieces.append((part, i % 2 == 1))
    return tuple(pieces)


def _closest(word: str, vocabulary: list[str]) -> str | None:
    if len(word) < MIN_CORRECTABLE or word.isdigit():
        return None
    close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
    return close[0] if close else None


class _Sqlite:
    """FTS5: MATCH, bm25 with the title weighted 10:1, snippet(); vocabulary from fts5vocab."""

    @staticmethod
    def expression(words: list[str], every: bool, column: str = "") -> str:
        terms = " AND ".join if every else " OR ".join
        quoted = terms('"' + w.replace('"', "") + '"' for w in words)
        return f"{column} : ({quoted})" if column else quoted

    def matches(self, words: list[str]) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM journal_search_fts WHERE journal_search_fts MATCH %s LIMIT 1",
                [self.expression(words, True)],
            )
            return cursor.fetchone() is not None

    def closest(self, word: str) -> str | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM journal_search_vocab WHERE length(term) >= %s", [MIN_CORRECTABLE]
            )
            vocabulary = [row[0] for row in cursor.fetchall()]
        return _closest(word, vocabulary)

    def hits(self, words: list[str], limit: int, *, every: bool) -> list[SearchHit]:
        sql = (
            "SELECT d.kind, d.key, d.title, d.url, "
            f"snippet(journal_search_fts, 1, '{MARK_START}', '{MARK_END}', '…', 24), "
            "f.rowid IN (SELECT rowid FROM journal_search_fts WHERE journal_search_fts MATCH %s) AS in_title "
            "FROM journal_search_fts f JOIN journal_searchdocument d ON d.id = f.doc_id "
            "WHERE journal_search_fts MATCH %s "
            "ORDER BY in_title DESC, bm25(journal_search_fts, 10.0, 1.0), d.id LIMIT %s"
        )
        params: list[Any] = [self.expression(words, every, "title"), self.expression(words, every), limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [
            SearchHit(kind, key, title, url, _pieces(snippet), bool(in_title))
            for kind, key, title, url, snippet, in_title in rows
        ]


class _Postgres:
    """PostgreSQL full-text search through django.contrib.postgres: a weighted SearchVector built in
    the query, SearchRank, SearchHeadline; vocabulary from ts_stat."""

    CONFIG = "english"

    def query(self, words: list[str], every: bool) -> Any:
        from django.contrib.postgres.search import SearchQuery

        combined = SearchQuery(words[0], config=self.CONFIG, search_type="plain")
        for word in words[1:]:
            one = SearchQuery(word, config=self.CONFIG, search_type="plain")
            combined = (combined & one) if every else (combined | one)
        return combined

    def vector(self) -> Any:
        from django.contrib.postgres.search import SearchVector

        return SearchVector("title", weight="A", config=self.CONFIG) + SearchVector(
            "text", weight="B", config=self.CONFIG
        )

    def matches(self, words: list[str]) -> bool:
        from django.contrib.postgres.search import SearchQuery

        with connection.cursor() as cursor:  # a stop word ("the") makes an empty query: keep it as typed
            cursor.execute("SELECT numnode(plainto_tsquery(%s::regconfig, %s))", [self.CONFIG, words[0]])
            row = cursor.fetchone()
            if row is None or row[0] == 0:
                return True
        query = SearchQuery(" ".join(words), config=self.CONFIG, search_type="plain")
        return m.SearchDocument.objects.annotate(v=self.vector()).filter(v=query).exists()

    def closest(self, word: str) -> str | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', title || '' '' || text) "
                "FROM journal_searchdocument') WHERE length(word) >= %s",
                [MIN_CORRECTABLE],
            )
            vocabulary = [row[0] for row in cursor.fetchall()]
        return _closest(word, vocabulary)

    def hits(self, words: list[str], limit: int, *, every: bool) -> list[SearchHit]:
        from django.contrib.postgres.search import SearchHeadline, SearchRank, SearchVector

        query = self.query(words, every)
        in_title = set(
            m.SearchDocument.objects.annotate(t=SearchVector("title", config=self.CONFIG))
            .filter(t=query)
            .values_list("id", flat=True)
        )
        rows = (
            m.SearchDocument.objects.annotate(v=self.vector())
            .filter(v=query)
            .annotate(
                rank=SearchRank(self.vector(), query),
                headline=SearchHeadline(
                    "text",
                    query,
                    config=self.CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=30,
                    min_words=12,
                ),
            )
            .order_by("-rank", "id")
            .values_list("id", "kind", "key", "title", "url", "headline", "rank")
        )
        found = [
            SearchHit(kind, key, title, url, _pieces(headline), pk in in_title)
            for pk, kind, key, title, url, headline, _rank in rows
        ]
        found.sort(key=lambda hit: not hit.title_match)  # stable: rank order within each group
        return found[:limit]
