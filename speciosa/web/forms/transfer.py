"""The import form: one file, a speciosa export or a PsychonautWiki Journal export."""

from __future__ import annotations

from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text="A speciosa JSON or CSV export, or a PsychonautWiki Journal export (JSON).",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.csv,application/json,text/csv"}),
    )
