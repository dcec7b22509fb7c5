"""Reading the journal: `speciosa today`, `speciosa history` and `speciosa products`."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

import typer
from django.utils import timezone as dj_timezone

from speciosa.cli import describe, inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, fail
from speciosa.core.days import local_day
from speciosa.journal import selectors
from speciosa.journal.doses import dose_timeline, timeline_document
from speciosa.journal.records import kind_named, to_record

commands = typer.Typer()

DOSE_COLUMNS: list[tuple[str, Any]] = [
    ("Time", "time"),
    ("Grams", "grams"),
    ("Amount", describe.amount_text),
    ("Product", "product"),
    ("Estimate", "is_estimate"),
    ("So far today", "total_today"),
    ("Note", "note"),
]


@command(commands, "today", example="speciosa today --format json")
def today(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Today's doses with a running total, the last 24 hours and their timeline, and your last check-in."""
    owner = account_chosen(user)
    now = dj_timezone.now()
    zone = selectors.user_zone(user=owner)
    day = selectors.today_get(user=owner, now=now)
    rows = []
    running = 0.0
    for dose in day.doses:
        running += dose.grams
        rows.append({**describe.dose_row(dose, zone), "total_today": round(running, 3)})
    summary = [
        *describe.totals_lines(day),
    ]
    if day.last_dose and not day.doses:
        when = day.last_dose.taken_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        summary.append(f"Last dose: {when}, {describe.dose_summary(day.last_dose)}.")
    if day.last_checkin:
        when = day.last_checkin.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        summary.append(f"Last check-in: {when}, {describe.checkin_summary(day.last_checkin)}.")
    timeline = dose_timeline(user=owner, now=now)
    summary += describe.timeline_lines(timeline, zone)
    document = {
        "day": day.day,
        "timezone": zone.key,
        "grams_today": day.grams_today,
        "grams_last_24h": day.grams_last_24h,
        "doses_last_24h": day.doses_last_24h,
        "doses": rows,
        "last_dose": describe.dose_row(day.last_dose, zone) if day.last_dose else None,
        "last_checkin": describe.checkin_row(day.last_checkin, zone) if day.last_checkin else None,
        "timeline": timeline_document(timeline),
    }
    emit(
        rows,
        fmt,
        title=f"Today, {day.day:%A} {day.day.day} {day.day:%B %Y} ({zone.key})",
        columns=DOSE_COLUMNS,
        summary=summary,
        document=document,
        empty="No doses today.",
        time_format="%H:%M",
    )


@command(commands, "history", example="speciosa history --from 2026-02-01 --to 2026-02-28 --search nausea")
def history(
    days: Annotated[int, typer.Option(help="How many days back from today, today included.")] = 30,
    first: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="First day, e.g. 2026-02-01 (instead of --days).",
            show_default=False,
        ),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help="Last day, e.g. 2026-02-28. Default: today.", show_default=False
        ),
    ] = None,
    search: Annotated[
        str, typer.Option(help="Only entries whose note, product, substance or side effect has this text.")
    ] = "",
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Every dose, check-in, substance, therapy and lab result, day by day, newest day first."""
    owner = account_chosen(user)
    zone = selectors.user_zone(user=owner)
    last_day = inputs.local_date(last, field="to") if last else local_day(dj_timezone.now(), zone)
    if first:
        first_day = inputs.local_date(first, field="from")
    else:
        if days < 1:
            fail("must be 1 or more", field="days")
        first_day = last_day - timedelta(days=days - 1)
    if first_day > last_day:
        fail(f"{first_day} is after --to {last_day}", field="from")
    if (last_day - first_day).days + 1 > selectors.MAX_HISTORY_DAYS:
        fail(
            f"at most {selectors.MAX_HISTORY_DAYS} days at a time; narrow --from/--to or --days, "
            "or use `speciosa export` for the whole journal",
            field="days",
        )
    found = selectors.history_days(user=owner, first=first_day, last=last_day, search=search)
    rows: list[dict[str, Any]] = []
    document = []
    for group in found:
        entries = []
        for kind, moment, entry in group.entries:
            row = {
                "day": group.day,
                "time": moment.astimezone(zone) if kind != "labs" else None,
                "kind": kind_named(kind).singular,
                "summary": describe.entry_summary(entry),
                "note": entry.note,
                "uid": entry.uid,
            }
            rows.append(row)
            entries.append({**row, "record": to_record(entry).model_dump(mode="json")})
        document.append({"day": group.day, "grams": group.grams, "entries": entries})
    dose_days = [g for g in found if g.grams]
    counted = f"{describe.count(len(rows), 'entry')} on {describe.count(len(found), 'day')}"
    summary = [f"{first_day} to {last_day}: {counted}."]
    if dose_days:
        total = describe.grams_text(sum(g.grams for g in found))
        summary.append(f"Doses: {total} in all, on {describe.count(len(dose_days), 'day')}.")
    emit(
        rows,
        fmt,
        title=f"History ({zone.key})" + (f", matching {search!r}" if search else ""),
        columns=[
            ("Day", "day"),
            ("Time", lambda row: row["time"].strftime("%H:%M") if row["time"] else None),
            ("Kind", "kind"),
            ("What", "summary"),
            ("Note", "note"),
        ],
        summary=summary,
        document=document,
        empty="No entries in these days.",
    )


@command(commands, "products", example="speciosa products --archived")
def products(
    archived: Annotated[bool, typer.Option("--archived", help="Include archived products.")] = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Your kratom products: name, vendor, form, vein, strain, batch and grams per capsule."""
    owner = account_chosen(user)
    rows = [describe.product_row(p) for p in selectors.product_list(user=owner, include_archived=archived)]
    emit(
        rows,
        fmt,
        title="Products",
        columns=[
            ("Name", "name"),
            ("Vendor", "vendor"),
            ("Form", "form"),
            ("Vein", "vein"),
            ("Strain", "strain"),
            ("Batch", "batch"),
            ("g/capsule", "grams_per_capsule"),
            ("Archived", "archived"),
            ("UID", "uid"),
        ],
        empty="No products yet. Add one on the Products page or through the API.",
    )
