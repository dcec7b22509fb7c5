"""The record forms: products, medications, alcohol and substances, therapies and lab results.

Forms only read what a person typed (types, required fields); the services decide what may be
stored. Field names are the journal format's record fields, so a service's FieldError lands on the
field it names.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms

from speciosa.core.limits import MAX_STANDARD_DRINKS, MAX_THERAPY_MINUTES
from speciosa.core.vocab import LabTest, ProductForm, SubstanceKind, TherapyKind, Vein, choices
from speciosa.journal import entries as m
from speciosa.web.forms.fields import date_field, note_field, number, text, when_field


class RecordForm(forms.Form):
    """A form for one kind of journal entry, grouped into fieldsets."""

    entry_kind: ClassVar[str]
    #: (legend, field names); a legend of "" shows the fields without a fieldset.
    fieldsets: ClassVar[list[tuple[str, list[str]]]]
    #: Fieldsets that only matter for one value of the `kind` field (legend -> value); a small
    #: script hides the others, and without it every fieldset shows.
    switch: ClassVar[dict[str, str]] = {}
    #: Fieldsets shown folded in a `<details>` (legend -> a line under the summary); they open by
    #: themselves when one of their fields holds a value or an error.
    folded: ClassVar[dict[str, str]] = {}

    def groups(self) -> list[tuple[str, list[forms.BoundField], str, str]]:
        """(legend, fields, the `kind` it belongs to or "", "open"/"closed" when folded, else "")."""
        result = []
        for legend, names in self.fieldsets:
            fields = [self[name] for name in names]
            fold = ""
            if legend in self.folded:
                filled = any(f.errors or f.value() not in (None, "") for f in fields)
                fold = "open" if filled else "closed"
            result.append((legend, fields, self.switch.get(legend, ""), fold))
        return result

    def values(self) -> dict[str, Any]:
        """The cleaned fields as the service expects them (None for an empty number or date)."""
        values = dict(self.cleaned_data)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and values.get(name) is None:
                values[name] = ""
        return values

    @classmethod
    def initial_from(cls, entry: m.Entry) -> dict[str, Any]:
        return {name: getattr(entry, name) for name in cls.base_fields}


def detected(label: str) -> forms.TypedChoiceField:
    """Yes, no, or not tested (None): a lab report either tested for a germ or it did not."""
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=[("", "Not tested"), ("no", "Not detected"), ("yes", "Detected")],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )


def detected_initial(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


LAB_REPORT = "Lab report (certificate of analysis)"


class ProductRecordForm(RecordForm):
    entry_kind = "products"
    fieldsets = [
        ("The product", ["name", "vendor", "form", "vein", "strain"]),
        ("Batch and purchase", ["batch", "purchased_on", "grams_per_capsule"]),
        (
            LAB_REPORT,
            [
                "lab_report",
                "mitragynine_percent",
                "seven_oh_percent",
                "total_alkaloids_percent",
                "lead_ppm",
                "arsenic_ppm",
                "cadmium_ppm",
                "mercury_ppm",
                "nickel_ppm",
                "tamc_cfu_per_gram",
                "tymc_cfu_per_gram",
                "salmonella_detected",
                "e_coli_detected",
            ],
        ),
        ("", ["note"]),
    ]
    folded = {
        LAB_REPORT: (
            "Copy the figures from the vendor's lab report for your batch; leave out what it "
            "does not give. speciosa checks them against published limits at the amount you take a day."
        )
    }

    name = text("Name", required=True, autocomplete="off")
    vendor = text("Vendor")
    form = forms.ChoiceField(label="Form", choices=choices(ProductForm), initial=ProductForm.POWDER.value)
    vein = forms.ChoiceField(
        label="Vein colour",
        choices=choices(Vein),
        initial=Vein.UNKNOWN.value,
        help_text=(
            "What the vendor calls it. No controlled study shows that vein colour or strain name predicts "
            "effects; alkaloid content varies more between batches (see Sources)."
        ),
    )
    strain = text("Strain name")
    batch = text("Batch or lot")
    purchased_on = date_field("Purchase date")
    grams_per_capsule = number(
        "Grams per capsule",
        help_text="Needed to log capsules: the grams of powder in one capsule, from the label.",
        min="0",
        max="10",
    )
    mitragynine_percent = number("Mitragynine, % by weight", min="0", max="100")
    seven_oh_percent = number(
        "7-OH (7-hydroxymitragynine), % by weight",
        help_text=(
            "Lab reports of plain leaf found about 0.01–0.04 % 7-OH (Kikura-Hanajiri 2009); "
            "a much higher figure suggests an enhanced product."
        ),
        min="0",
        max="100",
    )
    total_alkaloids_percent = number("Total alkaloids, % by weight", min="0", max="100")
    lead_ppm = number("Lead, µg/g (ppm)", min="0")
    arsenic_ppm = number("Arsenic, µg/g (ppm)", min="0")
    cadmium_ppm = number("Cadmium, µg/g (ppm)", min="0")
    mercury_ppm = number("Mercury, µg/g (ppm)", min="0")
    nickel_ppm = number(
        "Nickel, µg/g (ppm)",
        help_text="Metals as printed: µg per g is the same as ppm and as mg per kg.",
        min="0",
    )
    tamc_cfu_per_gram = number("Total aerobic microbial count (TAMC), CFU/g", min="0")
    tymc_cfu_per_gram = number("Total yeast and mould count (TYMC), CFU/g", min="0")
    salmonella_detected = detected("Salmonella")
    e_coli_detected = detected("E. coli")
    lab_report = text(
        "Lab report", help_text="Which report the figures come from: the lab, its report number, the date."
    )
    note = note_field()

    @classmethod
    def initial_from(cls, entry: m.Entry) -> dict[str, Any]:
        initial = super().initial_from(entry)
        for name in ("salmonella_detected", "e_coli_detected"):
            initial[name] = detected_initial(initial[name])
        return initial


class MedicationRecordForm(RecordForm):
    entry_kind = "medications"
    fieldsets = [
        ("The medication", ["name", "purpose", "dose_text", "schedule"]),
        ("Dates", ["started_on", "stopped_on"]),
        ("", ["note"]),
    ]

    name = text("Name", required=True, autocomplete="off")
    purpose = text("What it is for")
    dose_text = text("Dose", help_text="As on the label, e.g. 50 mg.")
    schedule = text("Schedule", help_text="e.g. twice a day, or as needed.")
    started_on = date_field("Started on")
    stopped_on = date_field("Stopped on", help_text="Leave empty while you still take it.")
    note = note_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, stopped = data.get("started_on"), data.get("stopped_on")
        if isinstance(started, date) and isinstance(stopped, date) and stopped < started:
            self.add_error("stopped_on", "must be on or after the start date")
        return data


ONE_STANDARD_DRINK = (
    "One standard drink holds 14 g of pure alcohol: about 355 ml (12 oz) of 5% beer, 150 ml (5 oz) "
    "of 12% wine or 45 ml (1.5 oz) of 40% spirits (NIAAA)."
)


class SubstanceRecordForm(RecordForm):
    entry_kind = "substances"
    fieldsets = [
        ("", ["at", "kind", "substance"]),
        ("Alcohol", ["standard_drinks"]),
        ("Another substance", ["amount_text"]),
        ("", ["note"]),
    ]
    switch = {"Alcohol": SubstanceKind.ALCOHOL.value, "Another substance": SubstanceKind.OTHER.value}

    at = when_field()
    kind = forms.ChoiceField(
        label="What",
        choices=choices(SubstanceKind),
        initial=SubstanceKind.ALCOHOL.value,
        widget=forms.RadioSelect,
    )
    standard_drinks = number(
        "Standard drinks", help_text=ONE_STANDARD_DRINK, min="0", max=f"{MAX_STANDARD_DRINKS:g}"
    )
    substance = text(
        "Substance or drink", help_text="For alcohol you may leave this empty, or name the drink."
    )
    amount_text = text("Amount", help_text="In your own words, e.g. 10 mg or one cup.")
    note = note_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == SubstanceKind.ALCOHOL.value:
            if data.get("standard_drinks") is None and "standard_drinks" not in self.errors:
                self.add_error("standard_drinks", "Alcohol needs the number of standard drinks.")
        elif not (data.get("substance") or "").strip() and "substance" not in self.errors:
            self.add_error("substance", "Name the substance.")
        return data

    def values(self) -> dict[str, Any]:
        values = super().values()
        if values["kind"] == SubstanceKind.ALCOHOL.value:
            values["substance"] = values["substance"].strip() or "Alcohol"
        else:
            values["standard_drinks"] = None
        return values


class TherapyRecordForm(RecordForm):
    entry_kind = "therapies"
    fieldsets = [("", ["at", "kind", "minutes", "note"])]

    at = when_field()
    kind = forms.ChoiceField(label="What", choices=choices(TherapyKind))
    minutes = forms.IntegerField(
        label="Minutes",
        widget=forms.NumberInput(attrs={"min": "1", "max": str(MAX_THERAPY_MINUTES), "inputmode": "numeric"}),
    )
    note = note_field()


class LabRecordForm(RecordForm):
    entry_kind = "labs"
    fieldsets = [
        ("The result", ["taken_on", "test", "value", "unit"]),
        ("Reference range, as printed on the report", ["reference_low", "reference_high"]),
        ("", ["note"]),
    ]

    taken_on = date_field("Date of the test", required=True)
    test = forms.ChoiceField(label="Test", choices=choices(LabTest))
    value = number("Value", required=True, min="0")
    unit = text("Unit", help_text="Leave empty for the usual unit: U/L, or mg/dL for bilirubin.")
    reference_low = number("Low end", min="0")
    reference_high = number("High end", min="0")
    note = note_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("reference_low"), data.get("reference_high")
        if low is not None and high is not None and high < low:
            self.add_error("reference_high", "must not be below the low end")
        return data

    def values(self) -> dict[str, Any]:
        values = super().values()
        if not values["unit"].strip():
            values["unit"] = LabTest(values["test"]).default_unit
        return values


RECORD_FORMS: dict[str, type[RecordForm]] = {
    form.entry_kind: form
    for form in (
        ProductRecordForm,
        MedicationRecordForm,
        SubstanceRecordForm,
        TherapyRecordForm,
        LabRecordForm,
    )
}
