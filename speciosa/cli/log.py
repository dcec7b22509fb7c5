"""`speciosa log ...`: write one entry of any kind through the services, then say what it raised.

Every command passes what was typed to the journal's services, which check it exactly as they do for
the pages and the API (a bad value names its field and stores nothing), and after storing it says on
standard error the findings the entry raised (`speciosa.cli.safety.say_findings_of`). A medication or
substance name that looks like a misspelling stops with "did you mean ...?" and stores nothing; the same
command with `--confirm` keeps the name exactly as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from django.utils import timezone as dj_timezone

from speciosa.cli import describe, inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, say, show_errors
from speciosa.cli.safety import say_findings_of
from speciosa.core.days import local_day
from speciosa.core.errors import ConfirmationRequired, InvalidInput
from speciosa.core.vocab import LabTest, TherapyKind
from speciosa.journal import selectors, services
from speciosa.journal.doses import dose_preview
from speciosa.journal.names import name_check
from speciosa.refdata import side_effects as side_effect_vocabulary

log = typer.Typer(
    help="Log a dose, a check-in, a medication or its stop, a substance, a drink, a therapy or a lab test.",
    no_args_is_help=True,
    epilog="Example: speciosa log dose 3 g --product 'Red Bali'",
)

DOSE_FIELDS = {"taken_at": "at", "tea_grams": "tea-grams", "tea_ml": "tea-ml", "product_uid": "product"}
CHECKIN_FIELDS = {
    "pain_now": "pain",
    "peg_pain": "peg (average pain)",
    "peg_enjoyment": "peg (enjoyment of life)",
    "peg_activity": "peg (general activity)",
    "sleep_quality": "sleep",
    "side_effects": "side-effect",
}
MEDICATION_FIELDS = {"name": "NAME", "started_on": "started", "stopped_on": "stopped", "dose_text": "dose"}
SUBSTANCE_FIELDS = {"substance": "NAME", "standard_drinks": "drinks", "amount_text": "amount"}
DRINK_FIELDS = {"substance": "WHAT", "standard_drinks": "DRINKS"}
THERAPY_FIELDS = {"kind": "KIND", "minutes": "MINUTES"}
LAB_FIELDS = {
    "test": "TEST",
    "value": "VALUE",
    "taken_on": "on",
    "reference_low": "lower-limit",
    "reference_high": "upper-limit",
}

AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="TIME",
        help='When, in your local time: "2026-03-01 08:30", or "08:30" for today. Default: now.',
    ),
]
NoteOption = Annotated[str, typer.Option(help="Free text, up to 5000 characters.")]
ConfirmNameOption = Annotated[
    bool,
    typer.Option(
        "--confirm", help='Keep a name speciosa asked about ("did you mean ...?") exactly as typed.'
    ),
]
NAME_RETRY = "Run it again with the corrected name, or with --confirm to keep it as typed."


def chosen_now(user: str | None) -> tuple[Any, datetime, ZoneInfo]:
    """The account the command acts on, the moment it runs, and that person's time zone."""
    owner = account_chosen(user)
    return owner, dj_timezone.now(), selectors.user_zone(user=owner)


def moment(at: str | None, *, tz: ZoneInfo, now: datetime) -> datetime:
    return inputs.local_moment(at, tz=tz, now=now) if at else now


def created(
    *,
    owner: Any,
    kind: str,
    values: dict[str, Any],
    now: datetime,
    fields: Mapping[str, str],
    confirm: bool = False,
    retry: str = NAME_RETRY,
) -> Any:
    """Store one entry, or stop at a question (an unusual amount, "did you mean ...?") having stored
    nothing and saying how to answer it; any other problem is reported by the command's decorator."""
    try:
        return services.entry_create(user=owner, kind=kind, values=values, now=now, confirmed=confirm)
    except ConfirmationRequired as error:
        show_errors(error, fields=fields)
        say(f"Nothing was stored. {retry}")
        raise typer.Exit(1) from None


# --- doses and check-ins ------------------------------------------------------------------------


@command(
    log,
    "dose",
    example="speciosa log dose 2 tsp --product 'Red Bali' --at '2026-03-01 08:30'",
    fields=DOSE_FIELDS,
)
def log_dose(
    amount: Annotated[
        str,
        typer.Argument(metavar="AMOUNT", help="How much, as a number, e.g. 3 or 2.5.", show_default=False),
    ],
    unit: Annotated[str, typer.Argument(metavar="UNIT", help="g, mg, tsp, capsule or ml (of tea).")] = "g",
    product: Annotated[
        str | None,
        typer.Option(metavar="NAME_OR_UID", help="The product, by name or uid (`speciosa products`)."),
    ] = None,
    at: AtOption = None,
    estimate: Annotated[bool, typer.Option("--estimate", help="Mark the amount as an estimate.")] = False,
    note: NoteOption = "",
    confirm: Annotated[
        bool, typer.Option("--confirm", help="Confirm an unusually large amount (over 100 g).")
    ] = False,
    tea_grams: Annotated[
        float | None,
        typer.Option("--tea-grams", help="For ml of tea: grams of leaf brewed.", show_default=False),
    ] = None,
    tea_ml: Annotated[
        float | None,
        typer.Option(
            "--tea-ml",
            help="For ml of tea: millilitres brewed (default: the amount drunk).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Store nothing: show where the amount sits in each source's figures, against your usual "
            "amount, and the findings logging it would raise.",
        ),
    ] = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Log a kratom dose. Teaspoons use your weighed teaspoon, or an assumed one that is shown and cited."""
    owner, now, zone = chosen_now(user)
    chosen = inputs.product_chosen(user=owner, name_or_uid=product) if product else None
    if dry_run:
        preview = dose_preview(
            user=owner,
            amount=amount,
            unit=unit,
            product_uid=chosen.uid if chosen else None,
            tea_grams=tea_grams,
            tea_ml=tea_ml,
            taken_at=moment(at, tz=zone, now=now),
            now=now,
        )
        emit(
            describe.preview_rows(preview),
            fmt,
            title=f"Before you log {describe.grams_text(preview.grams)}: the sources' figures for plain leaf",
            columns=describe.PREVIEW_COLUMNS,
            summary=describe.preview_lines(preview),
            document=describe.preview_document(preview),
            empty="The published figures say nothing about this form.",
        )
        return
    values = {
        "amount": amount,
        "unit": unit,
        "taken_at": moment(at, tz=zone, now=now),
        "product_uid": chosen.uid if chosen else None,
        "is_estimate": estimate,
        "tea_grams": tea_grams,
        "tea_ml": tea_ml,
        "note": note,
    }
    retry = "If the amount is right, run the same command again with --confirm."
    dose = created(
        owner=owner, kind="doses", values=values, now=now, fields=DOSE_FIELDS, confirm=confirm, retry=retry
    )
    row = describe.dose_row(dose, zone)
    today = selectors.today_get(user=owner, now=now)
    summary = [f"How it was converted: {dose.conversion}"]
    if dose.is_estimate:
        summary.append("Marked as an estimate.")
    summary += describe.totals_lines(today)
    emit(
        [row],
        fmt,
        title="Logged a dose",
        columns=[
            ("Time", "time"),
            ("Grams", "grams"),
            ("Amount", describe.amount_text),
            ("Product", "product"),
            ("Estimate", "is_estimate"),
            ("Note", "note"),
        ],
        summary=summary,
        document=row,
    )
    say_findings_of(user=owner, kind="doses", uid=dose.uid, now=now)


@command(
    log,
    "checkin",
    example="speciosa log checkin --pain 6 --peg 6 5 7 --sleep 4 --side-effect nausea:mild",
    fields=CHECKIN_FIELDS,
)
def log_checkin(
    pain: Annotated[
        int | None, typer.Option(help="Pain now, 0 (none) to 10 (worst).", show_default=False)
    ] = None,
    peg: Annotated[
        tuple[int, int, int] | None,
        typer.Option(
            metavar="P E G",
            help="PEG-3, each 0–10: average pain; interference with enjoyment of life; with activity.",
            show_default=False,
        ),
    ] = None,
    sleep: Annotated[
        int | None, typer.Option(help="Sleep quality, 0 (worst) to 10 (best).", show_default=False)
    ] = None,
    mood: Annotated[
        int | None, typer.Option(help="Mood, 0 (worst) to 10 (best).", show_default=False)
    ] = None,
    energy: Annotated[
        int | None, typer.Option(help="Energy, 0 (none) to 10 (plenty).", show_default=False)
    ] = None,
    side_effect: Annotated[
        list[str] | None,
        typer.Option(
            "--side-effect",
            metavar="CODE[:SEVERITY]",
            help="A side effect, e.g. nausea or nausea:moderate (mild, moderate, severe); repeat for more.",
            show_default=False,
        ),
    ] = None,
    at: AtOption = None,
    note: NoteOption = "",
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Check in: pain now, PEG-3, sleep, mood, energy and side effects (give any of them)."""
    owner, now, zone = chosen_now(user)
    values: dict[str, Any] = {
        "at": moment(at, tz=zone, now=now),
        "pain_now": pain,
        "peg_pain": peg[0] if peg else None,
        "peg_enjoyment": peg[1] if peg else None,
        "peg_activity": peg[2] if peg else None,
        "sleep_quality": sleep,
        "mood": mood,
        "energy": energy,
        "side_effects": [inputs.side_effect(text) for text in side_effect or []],
        "note": note,
    }
    try:
        checkin = services.entry_create(user=owner, kind="checkins", values=values, now=now)
    except InvalidInput as error:
        show_errors(error, fields=CHECKIN_FIELDS)
        if any(item.field.endswith(".code") for item in error.errors):
            say(f"Known side effects: {', '.join(sorted(side_effect_vocabulary()))}.")
        raise typer.Exit(1) from None
    row = describe.checkin_row(checkin, zone)  # type: ignore[arg-type]
    emit(
        [row],
        fmt,
        title="Checked in",
        columns=[
            ("Time", "time"),
            ("Pain", "pain_now"),
            ("PEG", "peg_score"),
            ("Sleep", "sleep_quality"),
            ("Mood", "mood"),
            ("Energy", "energy"),
            ("Side effects", "side_effects"),
            ("Note", "note"),
        ],
        document=row,
    )
    say_findings_of(user=owner, kind="checkins", uid=checkin.uid, now=now)


# --- medications ----------------------------------------------------------------------------------


def reading_lines(name: str) -> list[str]:
    """What speciosa reads in the name: the interaction classes it reaches, or that it reaches none."""
    check = name_check(name)
    if check.classes:
        return [f"In the interaction table as: {'; '.join(check.classes)}."]
    return ["Not in speciosa's interaction table: that is not a sign it is harmless; ask a pharmacist."]


def medication_row(medication: Any) -> dict[str, Any]:
    return {
        "uid": str(medication.uid),
        "name": medication.name,
        "purpose": medication.purpose,
        "dose": medication.dose_text,
        "schedule": medication.schedule,
        "started_on": medication.started_on,
        "stopped_on": medication.stopped_on,
    }


MEDICATION_COLUMNS = [
    ("Name", "name"),
    ("Purpose", "purpose"),
    ("Dose", "dose"),
    ("Schedule", "schedule"),
    ("Started", "started_on"),
    ("Stopped", "stopped_on"),
]


def day_given(text: str | None, *, field: str) -> date | None:
    return inputs.local_date(text, field=field) if text else None


@command(
    log,
    "med",
    example="speciosa log med 'Gabapentin 300 mg' --schedule 'three times a day' --started 2026-01-10",
    fields=MEDICATION_FIELDS,
    aliases=("medication",),
)
def log_medication(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The medication as on its label, e.g. 'Lyrica 75mg'.")
    ],
    purpose: Annotated[str, typer.Option(help="What it is for.")] = "",
    dose: Annotated[str, typer.Option(help="The dose as written, e.g. 50 mg.")] = "",
    schedule: Annotated[str, typer.Option(help="e.g. twice a day, or as needed.")] = "",
    started: Annotated[
        str | None, typer.Option(metavar="DATE", help="When you started it (YYYY-MM-DD).", show_default=False)
    ] = None,
    stopped: Annotated[
        str | None, typer.Option(metavar="DATE", help="When you stopped it (YYYY-MM-DD).", show_default=False)
    ] = None,
    note: NoteOption = "",
    confirm: ConfirmNameOption = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Add a medication to your list; it is checked against kratom's interactions at once."""
    owner = account_chosen(user)
    now = dj_timezone.now()
    values: dict[str, Any] = {
        "name": name,
        "purpose": purpose,
        "dose_text": dose,
        "schedule": schedule,
        "started_on": day_given(started, field="started"),
        "stopped_on": day_given(stopped, field="stopped"),
        "note": note,
    }
    medication = created(
        owner=owner, kind="medications", values=values, now=now, fields=MEDICATION_FIELDS, confirm=confirm
    )
    row = medication_row(medication)
    emit(
        [row],
        fmt,
        title="Added a medication",
        columns=MEDICATION_COLUMNS,
        summary=reading_lines(medication.name),
        document=row,
    )
    say_findings_of(user=owner, kind="medications", uid=medication.uid, now=now)


@command(
    log,
    "med-stop",
    example="speciosa log med-stop gabapentin --on 2026-03-01",
    fields={"stopped_on": "on"},
)
def log_medication_stop(
    medication: Annotated[
        str,
        typer.Argument(
            metavar="MEDICATION",
            help="The medication you stopped: its name as in your list (or part of it), or its uid.",
            show_default=False,
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="The day you stopped it (YYYY-MM-DD). Default: today.", show_default=False
        ),
    ] = None,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Mark a medication on your list as stopped on a day (today unless --on says otherwise)."""
    owner = account_chosen(user)
    now = dj_timezone.now()
    day = day_given(on, field="on") or local_day(now, selectors.user_zone(user=owner))
    chosen = inputs.medication_chosen(user=owner, name_or_uid=medication, on=day)
    stopped = services.entry_update(
        user=owner, kind="medications", uid=chosen.uid, values={"stopped_on": day}, now=now
    )
    row = medication_row(stopped)
    emit([row], fmt, title="Stopped a medication", columns=MEDICATION_COLUMNS, document=row)
    say_findings_of(user=owner, kind="medications", uid=stopped.uid, now=now)


# --- substances and alcohol -------------------------------------------------------------------------


def substance_row(logged: Any, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "uid": str(logged.uid),
        "time": logged.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "substance": logged.substance,
        "kind": logged.kind,
        "standard_drinks": logged.standard_drinks,
        "amount": logged.amount_text,
    }


def emit_substance(logged: Any, tz: ZoneInfo, fmt: Format, *, title: str) -> None:
    row = substance_row(logged, tz)
    emit(
        [row],
        fmt,
        title=title,
        columns=[
            ("Time", "time"),
            ("Substance", "substance"),
            ("Kind", "kind"),
            ("Drinks", "standard_drinks"),
            ("Amount", "amount"),
        ],
        summary=reading_lines(logged.substance) if logged.kind != "alcohol" else [],
        document=row,
    )


@command(
    log,
    "substance",
    example="speciosa log substance 'kava' --amount '2 cups' --at '20:30'",
    fields=SUBSTANCE_FIELDS,
)
def log_substance(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="What you took or drank, e.g. 'kava' or 'beer'.")
    ],
    drinks: Annotated[
        str | None,
        typer.Option(
            metavar="N",
            help="Standard drinks: logs it as alcohol (14 g of alcohol each), like `speciosa log drink`.",
            show_default=False,
        ),
    ] = None,
    amount: Annotated[str, typer.Option(help="How much, in your own words, e.g. 200 mg or one cup.")] = "",
    at: AtOption = None,
    note: NoteOption = "",
    confirm: ConfirmNameOption = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Log a substance other than kratom (or alcohol, with --drinks); it is checked against kratom at once."""
    owner, now, zone = chosen_now(user)
    values: dict[str, Any] = {
        "at": moment(at, tz=zone, now=now),
        "kind": "alcohol" if drinks is not None else "other",
        "substance": name,
        "standard_drinks": drinks,
        "amount_text": amount,
        "note": note,
    }
    logged = created(
        owner=owner, kind="substances", values=values, now=now, fields=SUBSTANCE_FIELDS, confirm=confirm
    )
    emit_substance(logged, zone, fmt, title="Logged a substance")
    say_findings_of(user=owner, kind="substances", uid=logged.uid, now=now)


@command(log, "drink", example="speciosa log drink 2 wine --at '20:30'", fields=DRINK_FIELDS)
def log_drink(
    drinks: Annotated[
        str,
        typer.Argument(
            metavar="DRINKS",
            help="Standard drinks of 14 g of alcohol: a 12 oz (355 ml) beer at 5% or a 5 oz (150 ml) "
            "glass of wine is one.",
            show_default=False,
        ),
    ],
    what: Annotated[
        str, typer.Argument(metavar="WHAT", help="What you drank, e.g. wine or beer.")
    ] = "alcohol",
    amount: Annotated[str, typer.Option(help="How much, in your own words, e.g. two pints.")] = "",
    at: AtOption = None,
    note: NoteOption = "",
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Log alcohol, in standard drinks; it is checked against kratom at once."""
    owner, now, zone = chosen_now(user)
    values: dict[str, Any] = {
        "at": moment(at, tz=zone, now=now),
        "kind": "alcohol",
        "substance": what,
        "standard_drinks": drinks,
        "amount_text": amount,
        "note": note,
    }
    logged = created(owner=owner, kind="substances", values=values, now=now, fields=DRINK_FIELDS)
    emit_substance(logged, zone, fmt, title="Logged a drink")
    say_findings_of(user=owner, kind="substances", uid=logged.uid, now=now)


# --- therapies and lab results ----------------------------------------------------------------------

THERAPY_KINDS = ", ".join(kind.value for kind in TherapyKind)
LAB_TESTS = ", ".join(test.value for test in LabTest)


@command(
    log,
    "therapy",
    example="speciosa log therapy physical-therapy 45 --at '2026-03-01 17:00'",
    fields=THERAPY_FIELDS,
)
def log_therapy(
    kind: Annotated[
        str,
        typer.Argument(metavar="KIND", help=f"What you did: {THERAPY_KINDS}.", show_default=False),
    ],
    minutes: Annotated[
        str, typer.Argument(metavar="MINUTES", help="How long, in whole minutes.", show_default=False)
    ],
    at: AtOption = None,
    note: NoteOption = "",
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Log a therapy or activity: physical therapy, exercise, mindfulness, heat or cold, or other."""
    owner, now, zone = chosen_now(user)
    values: dict[str, Any] = {
        "at": moment(at, tz=zone, now=now),
        "kind": inputs.one_of(kind, (k.value for k in TherapyKind)),
        "minutes": minutes,
        "note": note,
    }
    therapy = created(owner=owner, kind="therapies", values=values, now=now, fields=THERAPY_FIELDS)
    row = {
        "uid": str(therapy.uid),
        "time": therapy.at.astimezone(zone),
        "kind": therapy.kind,
        "minutes": therapy.minutes,
        "note": therapy.note,
    }
    emit(
        [row],
        fmt,
        title="Logged a therapy",
        columns=[
            ("Time", "time"),
            ("Kind", lambda row: TherapyKind(row["kind"]).label),
            ("Minutes", "minutes"),
            ("Note", "note"),
        ],
        document=row,
    )
    say_findings_of(user=owner, kind="therapies", uid=therapy.uid, now=now)


@command(log, "lab", example="speciosa log lab ALT 48 --upper-limit 56 --on 2026-02-20", fields=LAB_FIELDS)
def log_lab(
    test: Annotated[
        str, typer.Argument(metavar="TEST", help=f"The liver test: {LAB_TESTS}.", show_default=False)
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The result, as a number, e.g. 48.", show_default=False)
    ],
    unit: Annotated[
        str | None,
        typer.Option(
            metavar="UNIT",
            help="The result's unit. Default: U/L, or mg/dL for bilirubin.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="The day the blood was taken (YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    upper_limit: Annotated[
        str | None,
        typer.Option(
            "--upper-limit",
            metavar="N",
            help="The high end of the reference range printed beside the result, in the same unit; "
            "without it the result cannot be judged.",
            show_default=False,
        ),
    ] = None,
    lower_limit: Annotated[
        str | None,
        typer.Option(
            "--lower-limit",
            metavar="N",
            help="The low end of the reference range, if printed.",
            show_default=False,
        ),
    ] = None,
    note: NoteOption = "",
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Log a liver test result (ALT, AST, ALP or bilirubin) with your lab's reference range."""
    owner, now, zone = chosen_now(user)
    named = inputs.one_of(test, (t.value for t in LabTest))
    known = {t.value: t for t in LabTest}
    values: dict[str, Any] = {
        "taken_on": day_given(on, field="on") or local_day(now, zone),
        "test": named,
        "value": value,
        "unit": unit if unit is not None else known[named].default_unit if named in known else "",
        "reference_low": lower_limit,
        "reference_high": upper_limit,
        "note": note,
    }
    lab = created(owner=owner, kind="labs", values=values, now=now, fields=LAB_FIELDS)
    row = {
        "uid": str(lab.uid),
        "taken_on": lab.taken_on,
        "test": lab.test,
        "value": lab.value,
        "unit": lab.unit,
        "reference_low": lab.reference_low,
        "reference_high": lab.reference_high,
        "note": lab.note,
    }
    emit(
        [row],
        fmt,
        title="Logged a lab result",
        columns=[
            ("Taken on", "taken_on"),
            ("Test", lambda row: LabTest(row["test"]).label),
            ("Value", "value"),
            ("Unit", "unit"),
            ("Range", lambda row: describe.range_text(row["reference_low"], row["reference_high"])),
            ("Note", "note"),
        ],
        document=row,
    )
    say_findings_of(user=owner, kind="labs", uid=lab.uid, now=now)
