"""Forms for the journal pages: sign-up, a dose, a check-in and the History filter.

The forms only shape what a person typed; every rule (ranges, limits, future times, ownership)
lives in the services, whose errors are put back on these forms by `shortcuts.add_errors`.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from django import forms
from django.utils import timezone

from speciosa.core.limits import MAX_NOTE_CHARS
from speciosa.core.units import Unit
from speciosa.core.vocab import Severity
from speciosa.journal import entries as m
from speciosa.journal.selectors import MAX_HISTORY_DAYS
from speciosa.refdata import side_effects
from speciosa.web.shortcuts import LocalDateTimeField, same_wall_time

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
#: Longest History window, so a page costs what a year holds at most.


@cache
def zone_choices() -> list[tuple[str, str]]:
    """Every current IANA zone a person might live in (no legacy aliases), UTC first."""
    legacy = ("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/")
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(legacy) and name[0].isupper()
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


class LocalMinuteInput(forms.DateTimeInput):
    """A `datetime-local` control showing the person's own time, to the minute."""

    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=LOCAL_MINUTE)


def local_minute(moment: datetime) -> datetime:
    """A UTC moment as the person's local time to the minute (what a datetime-local shows)."""
    return timezone.localtime(moment).replace(second=0, microsecond=0)


def choose(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    """Set the choices of a form's ChoiceField (known only once the form is made)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def note_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Optional, up to {MAX_NOTE_CHARS} characters.",
    )


# --- accounts ---------------------------------------------------------------------------------


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"})
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not a common password.",
    )
    password_again = forms.CharField(
        label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        initial="UTC",
        help_text="Your days start at midnight in this zone (this browser's zone is filled in).",
        widget=forms.Select(attrs={"data-browser-timezone": ""}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "timezone", zone_choices())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password_again") != cleaned["password"]:
            self.add_error("password_again", "does not match the password")
        return cleaned


# --- doses ------------------------------------------------------------------------------------


class DoseForm(forms.Form):
    amount = forms.FloatField(
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "min": "0"})
    )
    unit = forms.ChoiceField(choices=[(u.value, u.label) for u in Unit], initial=Unit.GRAMS.value)
    product = forms.ChoiceField(required=False)
    tea_grams = forms.FloatField(
        label="Grams of leaf brewed",
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "min": "0"}),
    )
    tea_ml = forms.FloatField(
        label="Millilitres brewed",
        required=False,
        help_text="Leave empty if you drank the whole brew.",
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "min": "0"}),
    )
    taken_at = LocalDateTimeField(
        label="Time",
        required=False,
        widget=LocalMinuteInput(),
        help_text="Your local time. Empty means now.",
    )
    is_estimate = forms.BooleanField(label="This amount is an estimate", required=False)
    note = note_field()
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args: Any, products: list[m.Product], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(p.uid), f"{p.name} (archived)" if p.archived else p.name) for p in products]
        choose(self, "product", [("", "No product"), *choices])

    def service_values(self) -> dict[str, Any]:
        """The cleaned values under the names `services.dose_create` takes."""
        data = self.cleaned_data
        return {
            "amount": data["amount"],
            "unit": data["unit"],
            "product_uid": data.get("product") or None,
            "tea_grams": data.get("tea_grams"),
            "tea_ml": data.get("tea_ml"),
            "taken_at": data.get("taken_at"),
            "is_estimate": bool(data.get("is_estimate")),
            "note": data.get("note", ""),
        }

    def changed_values(self, dose: m.Dose) -> dict[str, Any]:
        """Only what the person changed, so an untouched time or tea dose is kept exactly."""
        values = self.service_values()
        changes: dict[str, Any] = {}
        if values["amount"] != dose.amount:
            changes["amount"] = values["amount"]
        if values["unit"] != dose.unit:
            changes["unit"] = values["unit"]
        current_product = str(dose.product.uid) if dose.product else None
        if values["product_uid"] != current_product:
            changes["product_uid"] = values["product_uid"]
        for name in ("tea_grams", "tea_ml"):
            if values[name] is not None:
                changes[name] = values[name]
        if values["taken_at"] is not None and not same_wall_time(values["taken_at"], dose.taken_at):
            changes["taken_at"] = values["taken_at"]
        for name in ("is_estimate", "note"):
            if values[name] != getattr(dose, name):
                changes[name] = values[name]
        if changes.keys() & {"tea_grams", "tea_ml"} and dose.unit == Unit.MILLILITRES:
            changes.setdefault("amount", dose.amount)
        return changes


def dose_initial(dose: m.Dose) -> dict[str, Any]:
    return {
        "amount": f"{dose.amount:g}",
        "unit": dose.unit,
        "product": str(dose.product.uid) if dose.product else "",
        "taken_at": local_minute(dose.taken_at),
        "is_estimate": dose.is_estimate,
        "note": dose.note,
    }


# --- check-ins --------------------------------------------------------------------------------

#: The check-in's 0–10 items: field name, question, what 0 and 10 mean.
SCORES: list[tuple[str, str, str, str]] = [
    ("pain_now", "Pain right now", "no pain", "pain as bad as you can imagine"),
    ("peg_pain", "Pain on average (past week)", "no pain", "pain as bad as you can imagine"),
    ("peg_enjoyment", "How much pain got in the way of enjoying life", "not at all", "completely"),
    ("peg_activity", "How much pain got in the way of your general activity", "not at all", "completely"),
    ("sleep_quality", "Sleep quality last night", "very poor", "very good"),
    ("mood", "Mood", "very low", "very good"),
    ("energy", "Energy", "none", "plenty"),
]
PEG_ITEMS = ("peg_pain", "peg_enjoyment", "peg_activity")
SEVERITY_CHOICES = [("", "No"), *((s.value, s.label) for s in Severity)]
SIDE_EFFECT_GROUPS = {
    "common": "Side effects",
    "withdrawal": "Withdrawal symptoms",
    "serious": "Signs that need medical help",
}


class CheckInForm(forms.Form):
    at = LocalDateTimeField(
        label="Time", required=False, widget=LocalMinuteInput(), help_text="Empty means now."
    )
    other_text = forms.CharField(label="Something else, in your words", required=False, max_length=200)
    note = note_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question, low, high in SCORES:
            self.fields[name] = forms.TypedChoiceField(
                label=question,
                choices=[("", "Skip"), *((str(i), str(i)) for i in range(11))],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=f"0 = {low}, 10 = {high}",
            )
        for code, effect in side_effects().items():
            self.fields[f"effect_{code}"] = forms.ChoiceField(
                label=effect.label, choices=SEVERITY_CHOICES, required=False
            )
            if code != "other":  # words logged elsewhere (API, CLI, import) survive an edit here
                self.fields[f"text_{code}"] = forms.CharField(
                    required=False, max_length=200, widget=forms.HiddenInput
                )

    def wellbeing_fields(self) -> list[forms.BoundField]:
        """Sleep, mood and energy: the 0–10 items that are neither pain now nor PEG."""
        return [self[name] for name, *_ in SCORES if name not in {"pain_now", *PEG_ITEMS}]

    def peg_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in PEG_ITEMS]

    def effect_groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(group code, legend, the group's severity fields), in vocabulary order."""
        groups: dict[str, list[forms.BoundField]] = {code: [] for code in SIDE_EFFECT_GROUPS}
        for code, effect in side_effects().items():
            groups[effect.group].append(self[f"effect_{code}"])
        return [(code, SIDE_EFFECT_GROUPS[code], fields) for code, fields in groups.items() if fields]

    def service_values(self, *, now: datetime) -> dict[str, Any]:
        data = self.cleaned_data
        effects = []
        for code in side_effects():
            severity = data.get(f"effect_{code}")
            text = (data.get("other_text") if code == "other" else data.get(f"text_{code}")) or ""
            text = text.strip()
            if severity or (code == "other" and text):
                effects.append({"code": code, "severity": severity or Severity.MILD.value, "text": text})
        values: dict[str, Any] = {name: data.get(name) for name, *_ in SCORES}
        values.update(at=data.get("at") or now, side_effects=effects, note=data.get("note", ""))
        return values


def checkin_initial(checkin: m.CheckIn) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(checkin, name) for name, *_ in SCORES}
    initial.update(at=local_minute(checkin.at), note=checkin.note)
    for effect in m.SideEffect.objects.filter(checkin=checkin):
        initial[f"effect_{effect.code}"] = effect.severity
        initial["other_text" if effect.code == "other" else f"text_{effect.code}"] = effect.text
    return initial


# --- History ----------------------------------------------------------------------------------


class HistoryFilter(forms.Form):
    """Which days History shows: a date range (default: the last 30 days) and a search."""

    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label="Search notes, products and side effects", required=False, max_length=200)

    def window(self, today: date) -> tuple[date, date]:
        """The chosen days, or the last 30 days when nothing valid was chosen."""
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=29)
        return start, end

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("start", "must be on or before the last day")
        elif start and end and (end - start).days >= MAX_HISTORY_DAYS:
            self.add_error("start", f"choose at most {MAX_HISTORY_DAYS} days at a time")
        return cleaned
