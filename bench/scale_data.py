"""The scale benchmark's population: many people on one PostgreSQL database, made fast in SQL.

One measured person has a full, realistic year made by speciosa's own generator
(speciosa.demo.stories.synthetic_journal) and imported through speciosa's import, as a person who
moves their journal in would. Everyone else (the crowd) gets a shorter, plainer journal made inside
PostgreSQL with INSERT … SELECT over generate_series (no rows travel through Python): a product, two
or three doses a day, an evening check-in (a side effect on one day in twelve), an undo-log row
(journal_change) for each of those entries, and a medication for one person in three. The crowd's
rows are inserted day by day, so everyone's rows interleave in the tables as they do when people log
every day; the secondary indexes of the big tables are dropped for the load and built again after
(one sort instead of millions of random inserts), and foreign-key triggers are off while loading.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

MEASURED = "measured"
CROWD_PREFIX = "person-"
#: The tables the crowd's day-by-day inserts fill; their secondary indexes are rebuilt after.
BULK_TABLES = ("journal_dose", "journal_checkin", "journal_sideeffect", "journal_change")
ZONES = ("UTC", "America/New_York", "Europe/Berlin", "America/Los_Angeles", "Australia/Sydney")


def crowd_username(number: int) -> str:
    return f"{CROWD_PREFIX}{number:06d}"


def generate(
    *, accounts: int, crowd_days: int, person_days: int, load_accounts: int, password: str
) -> dict[str, Any]:
    """Migrate, then make the measured person and `accounts - 1` others; say what was made and how fast."""
    import time

    from django.core.management import call_command

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate_s"] = time.perf_counter() - started

    now = datetime.now(UTC).replace(microsecond=0)
    step = time.perf_counter()
    person = measured_person(password=password, days=person_days, end=now - timedelta(minutes=5))
    timings["measured_person_s"] = time.perf_counter() - step

    step = time.perf_counter()
    crowd(count=accounts - 1, days=crowd_days, end=now - timedelta(hours=1), password=password)
    timings["crowd_s"] = time.perf_counter() - step

    step = time.perf_counter()
    tokens = load_tokens(load_accounts)
    timings["tokens_s"] = time.perf_counter() - step
    return {"person": person, "load": tokens, "timings": timings, "rows": row_counts()}


def measured_person(*, password: str, days: int, end: datetime) -> dict[str, Any]:
    from speciosa.core.journal_format import JournalDocument
    from speciosa.demo.stories import synthetic_journal
    from speciosa.journal import services, transfer

    user = services.account_create(username=MEASURED, password=password)
    document = JournalDocument.model_validate(synthetic_journal(days=days, end=end, seed=13))
    transfer.journal_import(user=user, document=document)
    _, token = services.token_create(user=user, name="scale benchmark")
    return {"username": MEASURED, "user_id": user.pk, "token": token}


def crowd(*, count: int, days: int, end: datetime, password: str) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    start = (end - timedelta(days=days)).replace(hour=0, minute=0, second=0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers while loading
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(
            """INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email,
                   is_staff, is_active, date_joined)
               SELECT %s, false, %s || lpad(g::text, 6, '0'), '', '', '', false, true, %s
               FROM generate_series(1, %s) g""",
            [make_password(password), CROWD_PREFIX, start, count],
        )
        cursor.execute(
            """INSERT INTO journal_profile (user_id, timezone, pregnant, breastfeeding,
                   findings_assessed_change, country, region)
               SELECT id, (%s::text[])[1 + id %% %s], false, false, 0, '', ''
               FROM auth_user WHERE username LIKE %s""",
            [list(ZONES), len(ZONES), CROWD_PREFIX + "%"],
        )
        cursor.execute(
            """INSERT INTO journal_product (user_id, uid, note, version, created_at, updated_at, name,
                   vendor, form, vein, strain, batch, lab_report, archived, mitragynine_percent)
               SELECT id, gen_random_uuid(), '', 1, %s, %s, (ARRAY['Red Bali', 'Green Maeng Da',
                   'White Borneo'])[1 + id %% 3], 'a local shop', 'powder',
                   (ARRAY['red', 'green', 'white'])[1 + id %% 3], '', '', '', false, 1.2 + (id %% 7) * 0.1
               FROM auth_user WHERE username LIKE %s""",
            [start, start, CROWD_PREFIX + "%"],
        )
        cursor.execute(
            """INSERT INTO journal_medication (user_id, uid, note, version, created_at, updated_at, name,
                   purpose, dose_text, schedule, started_on)
               SELECT id, gen_random_uuid(), '', 1, %s, %s, (ARRAY['ibuprofen', 'sertraline',
                   'gabapentin'])[1 + id %% 3], 'pain', '', 'daily', %s
               FROM auth_user WHERE username LIKE %s AND id %% 3 = 0""",
            [start, start, start.date(), CROWD_PREFIX + "%"],
        )
        indexes = _drop_secondary_indexes(cursor)
        for day in range(days):
            _crowd_day(cursor, start + timedelta(days=day))
        for statement in indexes:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def _crowd_day(cursor: Any, midnight: datetime) -> None:
    """Every crowd member's doses and check-in of one day (times vary per person), with undo rows."""
    cursor.execute(
        """WITH made AS (
               INSERT INTO journal_dose (user_id, uid, note, version, created_at, updated_at, taken_at,
                   grams, amount, unit, is_estimate, conversion, product_id)
               SELECT p.user_id, gen_random_uuid(), '', 1, t.at, t.at, t.at, t.grams, t.grams, 'g', false,
                   '', p.id
               FROM journal_product p
               JOIN auth_user u ON u.id = p.user_id AND u.username LIKE %(crowd)s
               CROSS JOIN LATERAL generate_series(1, 2 + (p.user_id + %(day)s) %% 2) k
               CROSS JOIN LATERAL (SELECT %(midnight)s::timestamptz + interval '1 minute' * (p.user_id %% 90)
                   + interval '4 hours' * k + interval '3 hours' AS at,
                   round((2 + random() * 3)::numeric, 1)::float8 AS grams) t
               RETURNING user_id, uid, created_at)
           INSERT INTO journal_change (user_id, kind, uid, action, at, undone)
           SELECT user_id, 'dose', uid, 'create', created_at, false FROM made""",
        {"crowd": CROWD_PREFIX + "%", "day": midnight.toordinal(), "midnight": midnight},
    )
    cursor.execute(
        """WITH made AS (
               INSERT INTO journal_checkin (user_id, uid, note, version, created_at, updated_at, at,
                   pain_now, sleep_quality, mood, energy)
               SELECT u.id, gen_random_uuid(), '', 1, t.at, t.at, t.at, t.pain, t.sleep, t.mood, t.energy
               FROM auth_user u
               CROSS JOIN LATERAL (SELECT %(midnight)s::timestamptz + interval '21 hours'
                   + interval '1 minute' * (u.id %% 60) AS at, 2 + floor(random() * 6)::int AS pain,
                   3 + floor(random() * 5)::int AS sleep, 3 + floor(random() * 5)::int AS mood,
                   3 + floor(random() * 5)::int AS energy) t
               WHERE u.username LIKE %(crowd)s
               RETURNING id, user_id, uid, created_at),
           effects AS (
               INSERT INTO journal_sideeffect (checkin_id, code, severity, text)
               SELECT id, (ARRAY['insomnia', 'restlessness', 'low_mood'])[1 + id %% 3], 'mild', ''
               FROM made WHERE id %% 12 = 0)
           INSERT INTO journal_change (user_id, kind, uid, action, at, undone)
           SELECT user_id, 'checkin', uid, 'create', created_at, false FROM made""",
        {"crowd": CROWD_PREFIX + "%", "midnight": midnight},
    )


def _drop_secondary_indexes(cursor: Any) -> list[str]:
    """Drop the non-primary-key indexes of BULK_TABLES; return the statements that make them again."""
    cursor.execute(
        """SELECT c.conname, c.conrelid::regclass::text, pg_get_constraintdef(c.oid)
           FROM pg_constraint c WHERE c.conrelid::regclass::text = ANY(%s) AND c.contype = 'u'""",
        [list(BULK_TABLES)],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
             AND i.indexname NOT LIKE '%%\\_pkey'
             AND i.indexname NOT IN (SELECT conname FROM pg_constraint)""",
        [list(BULK_TABLES)],
    )
    indexes = cursor.fetchall()
    for name, table, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, table, definition in constraints
    ]


def load_tokens(count: int) -> list[dict[str, str]]:
    """API tokens for the first `count` crowd members (the load run signs each in as a different person)."""
    from django.contrib.auth import get_user_model

    from speciosa.journal import services

    people = get_user_model().objects.filter(username__startswith=CROWD_PREFIX).order_by("id")[:count]
    return [
        {"username": user.username, "token": services.token_create(user=user, name="load run")[1]}
        for user in people
    ]


def row_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in ("auth_user", "journal_dose", "journal_checkin", "journal_change", "journal_sideeffect"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = int(cursor.fetchone()[0])
        cursor.execute("SELECT pg_database_size(current_database())")
        counts["database_bytes"] = int(cursor.fetchone()[0])
    return counts
