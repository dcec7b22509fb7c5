"""`speciosa log dose`, `checkin`, `medication` and `substance`: write one entry through the services.

A medication or substance name that looks like a misspelling stops with "did you mean ...?" and stores
nothing; the same command with `--confirm` keeps the name exactly as typed.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.utils import timezone as dj_timezone

from speciosa.cli import describe, inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, fail, say, show_errors
from speciosa.core.errors import ConfirmationRequired
from speciosa.journal import selectors, services
from speciosa.journal.findings import findings_urgent_unacknowledged
from speciosa.journal.names import name_check
from speciosa.refdata import side_effects as side_effect_vocabulary

log = typer.Typer(
    help="Log a dose, a check-in, a medication or a substance.",
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

AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="TIME",
        help='When, in your local time: "2026-03-01 08:30", or "08:30" for today. Default: now.',
    ),
]
NoteOption = Annotated[str, typer.Option(help="Free text, up to 5000 characters.")]


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
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Log a kratom dose. Teaspoons use your weighed teaspoon, or an assumed one that is shown and cited."""
    owner = account_chosen(user)
    now = dj_timezone.now()
    zone = selectors.user_zone(user=owner)
    taken_at = inputs.local_moment(at, tz=zone, now=now) if at else now
    chosen = inputs.product_chosen(user=owner, name_or_uid=product) if product else None
    try:
        dose = services.dose_create(
            user=owner,
            amount=amount,
            unit=unit,
            taken_at=taken_at,
            product_uid=chosen.uid if chosen else None,
            is_estimate=estimate,
            tea_grams=tea_grams,
            tea_ml=tea_ml,
            note=note,
            confirmed=confirm,
            now=now,
        )
    except ConfirmationRequired as error:
        show_errors(error, fields=DOSE_FIELDS)
        say("Nothing was stored. If the amount is right, run the same command again with --confirm.")
        raise typer.Exit(1) from None
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
    owner = account_chosen(user)
    now = dj_timezone.now()
    zone = selectors.user_zone(user=owner)
    effects = [inputs.side_effect(text) for text in side_effect or []]
    known = side_effect_vocabulary()
    unknown = [e["code"] for e in effects if e["code"] not in known]
    if unknown:
        fail(f"unknown side effect {unknown[0]!r}; known: {', '.join(sorted(known))}", field="side-effect")
    values: dict[str, Any] = {
        "at": inputs.local_moment(at, tz=zone, now=now) if at else now,
        "pain_now": pain,
        "peg_pain": peg[0] if peg else None,
        "peg_enjoyment": peg[1] if peg else None,
        "peg_activity": peg[2] if peg else None,
        "sleep_quality": sleep,
        "mood": mood,
        "energy": energy,
        "side_effects": effects,
        "note": note,
    }
    if all(values[name] in (None, "", []) for name in values if name != "at"):
        fail(
            "give at least one answer: --pain, --peg, --sleep, --mood, --energy, --side-effect or --note",
            field="checkin",
        )
    checkin = services.entry_create(user=owner, kind="checkins", values=values, now=now)
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
    urgent = findings_urgent_unacknowledged(user=owner)
    for finding in urgent:
        say(f"URGENT: {finding.title}. {finding.action}", style="bold red")
    if urgent:
        say("`speciosa assess` shows the sources; acknowledge it on the Findings page.", style="red")


# --- medications and substances ----------------------------------------------------------------------

ConfirmNameOption = Annotated[
    bool,
    typer.Option(
        "--confirm", help='Keep a name speciosa asked about ("did you mean ...?") exactly as typed.'
    ),
]


def create_named(
    *, owner: Any, kind: str, values: dict[str, Any], confirm: bool, fields: dict[str, str]
) -> Any:
    """Create a medication or substance, or stop at "did you mean ...?" having stored nothing."""
    try:
        return services.entry_create(user=owner, kind=kind, values=values, confirmed=confirm)
    except ConfirmationRequired as error:
        show_errors(error, fields=fields)
        say(
            "Nothing was stored. Run it again with the corrected name, or with --confirm to keep it as typed."
        )
        raise typer.Exit(1) from None


def reading_lines(name: str) -> list[str]:
    """What speciosa reads in the name: the interaction classes it reaches, or that it reaches none."""
    check = name_check(name)
    if check.classes:
        classes = "; ".join(check.classes)
        return [f"In the interaction table as: {classes}. `speciosa assess` shows what it raises."]
    return ["Not in speciosa's interaction table: that is not a sign it is harmless; ask a pharmacist."]


@command(
    log,
    "medication",
    example="speciosa log medication 'Gabapentin 300 mg' --schedule 'three times a day' --started 2026-01-10",
    fields={"name": "NAME", "started_on": "started", "stopped_on": "stopped", "dose_text": "dose"},
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
    values: dict[str, Any] = {
        "name": name,
        "purpose": purpose,
        "dose_text": dose,
        "schedule": schedule,
        "started_on": inputs.local_date(started, field="started") if started else None,
        "stopped_on": inputs.local_date(stopped, field="stopped") if stopped else None,
        "note": note,
    }
    fields = {"name": "NAME", "started_on": "started", "stopped_on": "stopped", "dose_text": "dose"}
    medication = create_named(owner=owner, kind="medications", values=values, confirm=confirm, fields=fields)
    row = {
        "uid": str(medication.uid),
        "name": medication.name,
        "purpose": medication.purpose,
        "dose": medication.dose_text,
        "schedule": medication.schedule,
        "started_on": medication.started_on,
        "stopped_on": medication.stopped_on,
    }
    emit(
        [row],
        fmt,
        title="Added a medication",
        columns=[
            ("Name", "name"),
            ("Purpose", "purpose"),
            ("Dose", "dose"),
            ("Schedule", "schedule"),
            ("Started", "started_on"),
            ("Stopped", "stopped_on"),
        ],
        summary=reading_lines(medication.name),
        document=row,
    )


@command(
    log,
    "substance",
    example="speciosa log substance 'wine' --drinks 2 --at '20:30'",
    fields={"substance": "NAME", "standard_drinks": "drinks", "amount_text": "amount"},
)
def log_substance(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="What you took or drank, e.g. 'kava' or 'beer'.")
    ],
    drinks: Annotated[
        float | None,
        typer.Option(help="Standard drinks: logs it as alcohol (14 g of alcohol each).", show_default=False),
    ] = None,
    amount: Annotated[str, typer.Option(help="How much, in your own words, e.g. 200 mg or one cup.")] = "",
    at: AtOption = None,
    note: NoteOption = "",
    confirm: ConfirmNameOption = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Log alcohol (with --drinks) or another substance; it is checked against kratom at once."""
    owner = account_chosen(user)
    now = dj_timezone.now()
    zone = selectors.user_zone(user=owner)
    values: dict[str, Any] = {
        "at": inputs.local_moment(at, tz=zone, now=now) if at else now,
        "kind": "alcohol" if drinks is not None else "other",
        "substance": name,
        "standard_drinks": drinks,
        "amount_text": amount,
        "note": note,
    }
    fields = {"substance": "NAME", "standard_drinks": "drinks", "amount_text": "amount"}
    logged = create_named(owner=owner, kind="substances", values=values, confirm=confirm, fields=fields)
    row = {
        "uid": str(logged.uid),
        "time": logged.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "substance": logged.substance,
        "kind": logged.kind,
        "standard_drinks": logged.standard_drinks,
        "amount": logged.amount_text,
    }
    emit(
        [row],
        fmt,
        title="Logged a substance",
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
