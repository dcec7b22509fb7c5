"""`speciosa profile`: show or change your time zone, country, weighed teaspoon, pregnancy and breastfeeding
flags, and the time of your daily check-in reminder."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, fail, say
from speciosa.core.units import ASSUMED_TEASPOON_GRAMS
from speciosa.journal import selectors, services

commands = typer.Typer()

UNCHANGED = "unchanged"


def profile_row(user: Any) -> dict[str, Any]:
    profile = selectors.profile_get(user=user)
    return {
        "username": user.get_username(),
        "timezone": profile.timezone,
        "teaspoon_grams": profile.teaspoon_grams,
        "assumed_teaspoon_grams": ASSUMED_TEASPOON_GRAMS,
        "pregnant": profile.pregnant,
        "breastfeeding": profile.breastfeeding,
        "country": profile.country,
        "region": profile.region,
        "checkin_reminder": f"{profile.checkin_reminder:%H:%M}" if profile.checkin_reminder else None,
    }


@command(
    commands,
    "profile",
    example="speciosa profile --pregnant",
    fields={"teaspoon_grams": "teaspoon-grams", "checkin_reminder": "checkin-reminder"},
)
def profile(
    timezone: Annotated[
        str | None,
        typer.Option(
            help="Your IANA time zone, e.g. Europe/Berlin; days are counted in it.", show_default=False
        ),
    ] = None,
    teaspoon_grams: Annotated[
        float | None,
        typer.Option(
            "--teaspoon-grams",
            metavar="GRAMS",
            help="What one level teaspoon of your powder weighs.",
            show_default=False,
        ),
    ] = None,
    assumed_teaspoon: Annotated[
        bool,
        typer.Option(
            "--assumed-teaspoon",
            help=f"Forget your weighed teaspoon and use the assumed {ASSUMED_TEASPOON_GRAMS:g} g.",
        ),
    ] = False,
    pregnant: Annotated[
        bool | None,
        typer.Option(
            "--pregnant/--not-pregnant",
            help="Whether you are pregnant or may be; it raises a standing warning in `speciosa assess`.",
            show_default=False,
        ),
    ] = None,
    breastfeeding: Annotated[
        bool | None,
        typer.Option(
            "--breastfeeding/--not-breastfeeding",
            help="Whether you are breastfeeding; it raises a standing warning in `speciosa assess`.",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            metavar="CODE",
            help=(
                "Your country for the emergency and poison-control numbers: US, CA, GB, IE, AU or NZ, ZZ for "
                "another, or auto to read it from your time zone."
            ),
            show_default=False,
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            metavar="STATE",
            help="Your US state's code (e.g. TX, DC) for `speciosa legal`, or none to unset it.",
            show_default=False,
        ),
    ] = None,
    checkin_reminder: Annotated[
        str | None,
        typer.Option(
            "--checkin-reminder",
            metavar="HH:MM",
            help="The local time of your daily check-in reminder in your calendar, or none to remove it.",
            show_default=False,
        ),
    ] = None,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Show your profile, or change it: time zone, country, weighed teaspoon, pregnant or breastfeeding,
    check-in reminder."""
    owner = account_chosen(user)
    if teaspoon_grams is not None and assumed_teaspoon:
        fail("give --teaspoon-grams or --assumed-teaspoon, not both", field="teaspoon-grams")
    teaspoon: float | None | str = None if assumed_teaspoon else UNCHANGED
    if teaspoon_grams is not None:
        teaspoon = teaspoon_grams
    chosen = None if country is None else "" if country.lower() == "auto" else country.upper()
    state = None if region is None else "" if region.lower() == "none" else region.upper()
    reminder = (
        UNCHANGED
        if checkin_reminder is None
        else None
        if checkin_reminder.lower() == "none"
        else checkin_reminder
    )
    changing = (
        timezone is not None
        or teaspoon != UNCHANGED
        or pregnant is not None
        or breastfeeding is not None
        or chosen is not None
        or state is not None
        or reminder != UNCHANGED
    )
    if changing:
        services.profile_update(
            user=owner,
            timezone=timezone,
            teaspoon_grams=teaspoon,
            pregnant=pregnant,
            breastfeeding=breastfeeding,
            country=chosen,
            checkin_reminder=reminder,
            region=state,
        )
        say("Saved your profile.")
    if pregnant is not None:
        say(
            "Marked as pregnant or may be: `speciosa assess` shows what that raises."
            if pregnant
            else "Marked as not pregnant."
        )
    if breastfeeding is not None:
        say(
            "Marked as breastfeeding: `speciosa assess` shows what that raises."
            if breastfeeding
            else "Marked as not breastfeeding."
        )
    row = profile_row(owner)
    emit(
        [row],
        fmt,
        title="Profile",
        columns=[
            ("Username", "username"),
            ("Time zone", "timezone"),
            ("Country", lambda r: r["country"] or "from the time zone"),
            ("Check-in reminder", lambda r: r["checkin_reminder"] or "none"),
            ("Teaspoon", lambda r: f"{r['teaspoon_grams']:g} g (weighed)" if r["teaspoon_grams"] else None),
            ("Assumed teaspoon", lambda r: f"{r['assumed_teaspoon_grams']:g} g"),
            ("Pregnant or may be", "pregnant"),
            ("Breastfeeding", "breastfeeding"),
        ],
        document=row,
    )
