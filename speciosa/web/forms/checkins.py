"""The check-in form: pain now, the PEG-3 items, sleep, mood, energy, side effects and a note."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms

from speciosa.core.vocab import SymptomSeverity
from speciosa.journal import entries as m
from speciosa.refdata import side_effects
from speciosa.web.forms.fields import local_minute, note_field, when_field

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
SEVERITY_CHOICES = [("", "No"), *((s.value, s.label) for s in SymptomSeverity)]
SIDE_EFFECT_GROUPS = {
    "common": "Side effects",
    "withdrawal": "Withdrawal symptoms",
    "serious": "Signs that need medical help",
}


class CheckInForm(forms.Form):
    at = when_field("Time", required=False, help_text="Empty means now.")
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
            # Side effects and withdrawal symptoms are one tap on a row of chips; the signs that
            # need medical help keep their list, asked for first beside what to do.
            self.fields[f"effect_{code}"] = forms.ChoiceField(
                label=effect.label,
                choices=SEVERITY_CHOICES,
                required=False,
                widget=forms.Select if effect.group == "serious" else forms.RadioSelect,
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

    def serious_group(self) -> list[forms.BoundField]:
        """The signs that need medical help: the form asks for them first."""
        return next((fields for code, _, fields in self.effect_groups() if code == "serious"), [])

    def other_groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """Side effects and withdrawal symptoms: asked for last, folded away."""
        return [group for group in self.effect_groups() if group[0] != "serious"]

    @staticmethod
    def answered(fields: list[forms.BoundField]) -> int:
        """How many of these severity questions have an answer (for "2 filled")."""
        return sum(1 for field in fields if field.value())

    def serious_answered(self) -> int:
        return self.answered(self.serious_group())

    def others_answered(self) -> int:
        return sum(self.answered(fields) for _, _, fields in self.other_groups())

    def service_values(self, *, now: datetime) -> dict[str, Any]:
        data = self.cleaned_data
        effects = []
        for code in side_effects():
            severity = data.get(f"effect_{code}")
            text = (data.get("other_text") if code == "other" else data.get(f"text_{code}")) or ""
            text = text.strip()
            if severity or (code == "other" and text):
                effects.append(
                    {"code": code, "severity": severity or SymptomSeverity.MILD.value, "text": text}
                )
        values: dict[str, Any] = {name: data.get(name) for name, *_ in SCORES}
        values.update(at=data.get("at") or now, side_effects=effects, note=data.get("note", ""))
        return values


def checkin_initial(checkin: m.CheckIn) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(checkin, name) for name, *_ in SCORES}
    initial.update(at=local_minute(checkin.at), note=checkin.note)
    for effect in checkin.side_effects.all():
        initial[f"effect_{effect.code}"] = effect.severity
        initial["other_text" if effect.code == "other" else f"text_{effect.code}"] = effect.text
    return initial
