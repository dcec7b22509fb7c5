"""The dose form: amount and unit, product, tea, time, estimate and note.

It only shapes what a person typed; every rule (ranges, limits, future times, ownership) lives in
the services, whose errors are put back on the form by `shortcuts.add_errors`.
"""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.core.units import Unit
from speciosa.journal import entries as m
from speciosa.web.forms.fields import choose, local_minute, note_field, number, same_wall_time, when_field


class DoseForm(forms.Form):
    amount = number("Amount", required=True, min="0")
    unit = forms.ChoiceField(choices=[(u.value, u.label) for u in Unit], initial=Unit.GRAMS.value)
    product = forms.ChoiceField(required=False)
    tea_grams = number("Grams of leaf brewed", min="0")
    tea_ml = number("Millilitres brewed", help_text="Leave empty if you drank the whole brew.", min="0")
    taken_at = when_field("Time", required=False, help_text="Your local time. Empty means now.")
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
