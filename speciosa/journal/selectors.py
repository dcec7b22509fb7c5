"""Every read of the journal. Keyword-only, typed, scoped to `user`: nobody reads another's rows.

Pages read the window they show (today, the last 30/90/365 days) through indexed queries, so
their cost follows the window, not the length of the history.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone as dj_timezone

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_window, days_window, local_day, zone
from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.records import KINDS, kind_named


def profile_get(*, user: User) -> m.Profile:
    profile, _ = m.Profile.objects.get_or_create(user=user)
    return profile


def user_zone(*, user: User) -> ZoneInfo:
    return zone(profile_get(user=user).timezone)


def entry_get(*, user: User, kind: str, uid: UUID | str) -> m.Entry:
    """One entry of the person's, or NotFound (also for another person's entry)."""
    spec = kind_named(kind)
    entry: m.Entry | None
    try:
        entry = spec.model.objects.filter(user=user, uid=uid).first()
    except (DjangoValidationError, ValueError):
        entry = None
    if entry is None:
        raise NotFound(f"no such {spec.singular}")
    return cast(m.Entry, entry)


def entry_list(
    *,
    user: User,
    kind: str,
    start: datetime | None = None,
    end: datetime | None = None,
    search: str = "",
    limit: int | None = None,
) -> QuerySet[Any]:
    """The person's entries of one kind, newest first, optionally in [start, end) and matching `search`."""
    spec = kind_named(kind)
    check_moment_range(start=start, end=end)
    rows = spec.model.objects.filter(user=user)
    if start is not None:
        rows = rows.filter(**{f"{spec.time_field}__gte": start})
    if end is not None:
        rows = rows.filter(**{f"{spec.time_field}__lt": end})
    if search:
        rows = rows.filter(_search(spec.name, search))
    if spec.name == "doses":
        rows = rows.select_related("product")
    if spec.name == "checkins":
        rows = rows.prefetch_related("side_effects")
    rows = rows.order_by(f"-{spec.time_field}", "-id")
    return rows[:limit] if limit else rows


#: The longest span History reads at once, in days (a year, leap day included).
MAX_HISTORY_DAYS = 366


def check_day_range(first: date, last: date) -> None:
    """Refuse days outside the years the journal format accepts (they overflow date arithmetic)."""
    for name, day in (("first", first), ("last", last)):
        if not fmt.FIRST_YEAR <= day.year <= fmt.LAST_YEAR:
            raise InvalidInput(f"must be between the years {fmt.FIRST_YEAR} and {fmt.LAST_YEAR}", field=name)


def check_moment_range(**moments: datetime | None) -> None:
    for name, moment in moments.items():
        if moment is not None and not fmt.FIRST_YEAR <= moment.year <= fmt.LAST_YEAR:
            raise InvalidInput(f"must be between the years {fmt.FIRST_YEAR} and {fmt.LAST_YEAR}", field=name)


def _search(kind: str, text: str) -> Q:
    query = Q(note__icontains=text)
    if kind == "doses":
        query |= Q(product__name__icontains=text)
    if kind in {"products", "medications"}:
        query |= Q(name__icontains=text)
    if kind == "products":
        query |= Q(vendor__icontains=text) | Q(strain__icontains=text) | Q(batch__icontains=text)
    if kind == "substances":
        query |= Q(substance__icontains=text)
    if kind == "checkins":
        matching = m.SideEffect.objects.filter(Q(code__icontains=text) | Q(text__icontains=text))
        query |= Q(id__in=matching.values("checkin_id"))
    return query


def product_list(*, user: User, include_archived: bool = False) -> QuerySet[m.Product]:
    rows = m.Product.objects.filter(user=user)
    return rows if include_archived else rows.filter(archived=False)


def product_get(*, user: User, uid: UUID | str) -> m.Product:
    entry = entry_get(user=user, kind="products", uid=uid)
    assert isinstance(entry, m.Product)
    return entry


def medication_active(*, user: User, on: date) -> QuerySet[m.Medication]:
    """Medications taken on a day: started on or before it (or no start) and not stopped before it."""
    return m.Medication.objects.filter(user=user).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=on), Q(stopped_on__isnull=True) | Q(stopped_on__gte=on)
    )


def dose_last(*, user: User) -> m.Dose | None:
    return m.Dose.objects.filter(user=user).select_related("product").order_by("-taken_at", "-id").first()


@dataclass(frozen=True)
class Today:
    day: date
    doses: list[m.Dose]
    grams_today: float
    grams_last_24h: float
    doses_last_24h: int
    last_dose: m.Dose | None
    last_checkin: m.CheckIn | None


def today_get(*, user: User, now: datetime) -> Today:
    """Today's doses (local day), the rolling 24-hour total and the latest check-in."""
    tz = user_zone(user=user)
    day = local_day(now, tz)
    start, end = day_window(day, tz)
    window_start = min(start, now - timedelta(hours=24))
    recent = list(entry_list(user=user, kind="doses", start=window_start, end=max(end, now)))
    doses = [d for d in recent if start <= d.taken_at < end]
    last_24h = [d for d in recent if now - timedelta(hours=24) < d.taken_at <= now]
    last_checkin = (
        m.CheckIn.objects.filter(user=user).prefetch_related("side_effects").order_by("-at", "-id").first()
    )
    return Today(
        day=day,
        doses=sorted(doses, key=lambda d: d.taken_at),
        grams_today=round(sum(d.grams for d in doses), 3),
        grams_last_24h=round(sum(d.grams for d in last_24h), 3),
        doses_last_24h=len(last_24h),
        last_dose=recent[0] if recent else dose_last(user=user),
        last_checkin=last_checkin,
    )


@dataclass(frozen=True)
class DayOfEntries:
    day: date
    entries: list[tuple[str, datetime, m.Entry]]  # (kind, time, entry), oldest first
    grams: float


def history_days(*, user: User, first: date, last: date, search: str = "") -> list[DayOfEntries]:
    """Every timed entry from `first` to `last` (local days), grouped by day, newest day first; at
    most `MAX_HISTORY_DAYS` days at once (every interface asks here, so all refuse the same spans)."""
    check_day_range(first, last)
    if first > last:
        raise InvalidInput("must be on or before last", field="first")
    if (last - first).days + 1 > MAX_HISTORY_DAYS:
        raise InvalidInput(f"covers more than {MAX_HISTORY_DAYS} days; ask for a shorter span", field="first")
    tz = user_zone(user=user)
    start, end = days_window(first, last, tz)
    by_day: dict[date, list[tuple[str, datetime, m.Entry]]] = {}
    for kind in ("doses", "checkins", "substances", "therapies"):
        field = "taken_at" if kind == "doses" else "at"
        for entry in entry_list(user=user, kind=kind, start=start, end=end, search=search):
            moment = getattr(entry, field)
            by_day.setdefault(local_day(moment, tz), []).append((kind, moment, entry))
    for lab in entry_list(user=user, kind="labs", search=search).filter(
        taken_on__gte=first, taken_on__lte=last
    ):
        moment = days_window(lab.taken_on, lab.taken_on, tz)[0]
        by_day.setdefault(lab.taken_on, []).append(("labs", moment, lab))
    days = []
    for day in sorted(by_day, reverse=True):
        entries = sorted(by_day[day], key=lambda item: item[1])
        grams = sum(e.grams for kind, _, e in entries if kind == "doses")  # type: ignore[attr-defined]
        days.append(DayOfEntries(day, entries, round(grams, 3)))
    return days


def token_hash(raw: str) -> str:
    """How a token is stored and looked up: its SHA-256, never the token itself."""
    return hashlib.sha256(raw.encode()).hexdigest()


def token_list(*, user: User) -> QuerySet[m.ApiToken]:
    return m.ApiToken.objects.filter(user=user)


def token_user(*, raw: str) -> tuple[User, m.ApiToken] | None:
    """The person a raw API token belongs to, if it is known and not revoked."""
    # Every API request of a program passes here: one prepared query, no ORM query building.
    user_model = get_user_model()
    sql = _TOKEN_SQL.get(user_model)
    if sql is None:
        token_table, user_table = m.ApiToken._meta.db_table, user_model._meta.db_table
        columns = ", ".join(
            f"u.{connection.ops.quote_name(str(f.column))}" for f in user_model._meta.concrete_fields
        )
        sql = _TOKEN_SQL[user_model] = (
            f"SELECT t.id, t.last_used_at, {columns} FROM {token_table} t "
            f"JOIN {user_table} u ON u.id = t.user_id WHERE t.token_hash = %s AND t.revoked_at IS NULL"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_hash(raw)])
        row = cursor.fetchone()
    if row is None:
        return None
    token_id, last_used_at = row[0], row[1]
    names = [f.attname for f in user_model._meta.concrete_fields]
    user = user_model.from_db(connection.alias, names, row[2:])
    if not user.is_active:
        return None
    if isinstance(last_used_at, str):
        last_used_at = datetime.fromisoformat(last_used_at)
    if isinstance(last_used_at, datetime) and dj_timezone.is_naive(last_used_at):
        last_used_at = last_used_at.replace(tzinfo=UTC)  # SQLite keeps UTC without an offset
    token = m.ApiToken(id=token_id, user=user, last_used_at=last_used_at)
    return user, token


_TOKEN_SQL: dict[type, str] = {}


def change_last(*, user: User) -> m.Change | None:
    return m.Change.objects.filter(user=user, undone=False).first()


def product_listing(
    *, user: User, search: str = "", include_archived: bool = False
) -> tuple[list[m.Product], int]:
    """The Products page: active products first, then (when asked) archived ones, each with its
    `dose_count`, matching `search`; and how many products are archived in all."""
    rows = entry_list(user=user, kind="products", search=search)
    if not include_archived:
        rows = rows.filter(archived=False)
    products = list(rows.annotate(dose_count=Count("doses")).order_by("archived", "name", "id"))
    return products, m.Product.objects.filter(user=user, archived=True).count()


def product_dose_count(*, user: User, product: m.Product) -> int:
    return m.Dose.objects.filter(user=user, product=product).count()


# --- accounts ------------------------------------------------------------------------------------


def accounts_exist() -> bool:
    """Whether anybody has signed up yet (also the health check's query)."""
    return get_user_model().objects.exists()


def account_list(*, include_inactive: bool = False) -> list[User]:
    """The accounts on this speciosa, by username."""
    accounts = get_user_model().objects.order_by("username")
    return list(accounts if include_inactive else accounts.filter(is_active=True))


def account_named(name: str) -> User | None:
    """The active account with this username (any case), or None."""
    return get_user_model().objects.filter(is_active=True, username__iexact=name.strip()).first()


def entry_counts(*, user: User) -> dict[str, int]:
    """How many entries of each kind the person has."""
    return {name: kind.model.objects.filter(user=user).count() for name, kind in KINDS.items()}


@dataclass(frozen=True)
class SetupStep:
    """One step of the first visit's set-up: `code` names it (the page links it), `done` once taken."""

    code: str
    title: str
    why: str
    done: bool


def setup_checklist(*, user: User) -> list[SetupStep]:
    """The first visit's set-up steps, in order, each with whether it is done (one line per step)."""
    profile = profile_get(user=user)
    return [
        SetupStep(
            "product",
            "Add your product",
            "then Today logs a dose of it in two taps",
            m.Product.objects.filter(user=user).exists(),
        ),
        SetupStep(
            "teaspoon",
            "Weigh a teaspoon of your powder",
            "so doses in teaspoons become grams",
            profile.teaspoon_grams is not None,
        ),
        SetupStep(
            "medications",
            "List your medications",
            "so interactions with kratom can be checked",
            m.Medication.objects.filter(user=user).exists(),
        ),
        SetupStep(
            "country",
            "Choose your country",
            "so an urgent finding offers your country's emergency and poison-control numbers",
            bool(profile.country),
        ),
    ]


def journal_is_empty(*, user: User) -> bool:
    """True before the first dose or check-in."""
    return not (m.Dose.objects.filter(user=user).exists() or m.CheckIn.objects.filter(user=user).exists())
