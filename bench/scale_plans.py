"""The SQL of the scale benchmark's three requests, its query plans, and whether each per-person read
goes through an index that starts with the owner column.

Each request is made once under django.test.utils.CaptureQueriesContext; every distinct statement is
then explained on the same database (writes are explained, not run again). The check reads the plan
PostgreSQL makes with sequential scans turned off (enable_seqscan = off), which is the plan it turns
to once a table is too big to read whole: at benchmark sizes some tables (therapy, lab results…)
hold only the measured person's rows and are rightly read whole. The slowest reads are shown with
EXPLAIN (ANALYZE, BUFFERS) as PostgreSQL really runs them. A scan of a table that has an owner column (`user_id`) is per-person when its
condition names `user_id`; it passes when it is an index scan whose index's first column is
`user_id`. Reads by primary key, by a unique token hash or through a parent row (a check-in's side
effects) are listed as such.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bench.scale import REQUESTS, signed_in_clients

EXPLAINABLE = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
SCANS = ("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan", "Bitmap Heap Scan")


def plans(*, username: str, token: str, top: int = 4) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    web, api = signed_in_clients(username, token)
    for send in REQUESTS.values():  # warm: findings stored, caches filled
        send(web, api)
    statements: dict[str, dict[str, Any]] = {}
    for name, send in REQUESTS.items():
        with CaptureQueriesContext(connection) as captured:
            send(web, api)
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(EXPLAINABLE):
                continue  # BEGIN, SAVEPOINT, RELEASE…
            seen = statements.setdefault(sql, {"sql": sql, "requests": [], "count": 0, "ms": 0.0})
            seen["count"] += 1
            seen["ms"] += float(query["time"]) * 1000
            if name not in seen["requests"]:
                seen["requests"].append(name)
    owner_first = _owner_first_indexes()
    owned = _owned_tables()
    checked = []
    for statement in statements.values():
        plan = _explain_without_seqscan(statement["sql"])
        statement["scans"] = [
            _judge(scan, table, owned, owner_first) for scan, table in _scans(plan["Plan"], None)
        ]
        checked.append(statement)
    reads = [s for s in checked if s["sql"].lstrip().upper().startswith("SELECT")]
    for statement in reads:
        statement["execution_ms"] = _execution_ms(statement["sql"])
    # By PostgreSQL's own execution time: the captured times include waiting for a busy machine's cores.
    slowest = sorted(reads, key=lambda s: s["execution_ms"] * s["count"], reverse=True)[:top]
    for statement in slowest:
        statement["analyzed"] = _explain_text(statement["sql"])
    return {
        "statements": checked,
        "slowest": [s["sql"] for s in slowest],
        "queries_per_request": _per_request(statements),
    }


def _per_request(statements: dict[str, dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for statement in statements.values():
        for name in statement["requests"]:
            counts[name] = counts.get(name, 0) + statement["count"]
    return counts


def _explain_without_seqscan(sql: str) -> dict[str, Any]:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        document = cursor.fetchone()[0]
    plan: dict[str, Any] = (document if isinstance(document, list) else json.loads(document))[0]
    return plan


def _execution_ms(sql: str) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        document = cursor.fetchone()[0]
    plan = (document if isinstance(document, list) else json.loads(document))[0]
    return float(plan["Execution Time"])


def _explain_text(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _scans(node: dict[str, Any], parent_table: str | None) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Every scan of the plan with its table (a bitmap index scan's is its heap scan's)."""
    kind = str(node.get("Node Type"))
    table = node.get("Relation Name") or parent_table
    if kind in SCANS and kind != "Bitmap Heap Scan":
        yield node, table
    for child in node.get("Plans", []):
        yield from _scans(child, table if kind.startswith("Bitmap") else None)


def _judge(
    scan: dict[str, Any], table: str | None, owned: set[str], owner_first: dict[str, str]
) -> dict[str, Any]:
    """One scan: its table, index and condition, and whether it passes the owner-index rule."""
    index = scan.get("Index Name")
    condition = " ".join(str(scan.get(key, "")) for key in ("Index Cond", "Filter", "Recheck Cond"))
    per_person = table in owned and bool(re.search(r"\buser_id\b", condition))
    if not per_person:
        verdict = "not per-person"
    elif index and index in owner_first:
        verdict = "ok"
    else:
        verdict = "NO OWNER INDEX"
    return {
        "node": scan.get("Node Type"),
        "table": table,
        "index": index,
        "condition": condition.strip(),
        "rows": scan.get("Actual Rows"),
        "verdict": verdict,
    }


def _owned_tables() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name FROM information_schema.columns
               WHERE table_schema = current_schema() AND column_name = 'user_id'"""
        )
        return {row[0] for row in cursor.fetchall()}


def _owner_first_indexes() -> dict[str, str]:
    """Index name -> "table.user_id" for every index whose first column is user_id."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.relname, t.relname FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
               WHERE a.attname = 'user_id'"""
        )
        return {index: f"{table}.user_id" for index, table in cursor.fetchall()}
