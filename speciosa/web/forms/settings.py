"""The Settings forms: time zone, country and check-in reminder, teaspoon, the pregnancy and breastfeeding
flags, and a new token."""

from __future__ import annotations

from datetime import time
from typing import Any

from django import forms

from speciosa.refdata import country_choices, poison_line_for
from speciosa.refdata.legal import state_choices
from speciosa.web.forms.fields import choose, number, text, zone_choices


class TimeZoneForm(forms.Form):
    timezone = forms.ChoiceField(
        label="Time zone", help_text="Days in speciosa start at midnight here, and times are shown here."
    )

    country = forms.ChoiceField(
        label="Country",
        required=False,
        help_text="Which emergency and poison-control numbers to show when something is urgent.",
    )

    region = forms.ChoiceField(
        label="US state",
        required=False,
        help_text="If you live in the US: your state, for the legal status on Learn and in Findings.",
    )

    checkin_reminder = forms.TimeField(
        label="Daily check-in reminder",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Its local time in your calendar (see Calendar). Leave empty for no reminder.",
    )

    def __init__(
        self,
        *args: Any,
        current: str,
        country: str = "",
        reminder: time | None = None,
        region: str = "",
        **kwargs: Any,
    ) -> None:
        """`current` is the person's zone: it is selected, and listed even if it is a legacy alias;
        `country` the country they chose (blank: not chosen, read from the zone); `reminder` the time
        of their check-in reminder; `region` their US state (blank: not set)."""
        kwargs.setdefault(
            "initial",
            {"timezone": current, "country": country, "checkin_reminder": reminder, "region": region},
        )
        super().__init__(*args, **kwargs)
        choose(self, "timezone", zone_choices(current))
        derived = poison_line_for(current)
        unset = f"Not chosen: {derived.name}, from your time zone" if derived else "Not chosen"
        choose(self, "country", [("", unset), *country_choices()])
        choose(self, "region", [("", "Not set"), *state_choices()])


class TeaspoonForm(forms.Form):
    teaspoon_grams = number(
        "Grams in one level teaspoon of your powder",
        help_text="Weigh one level teaspoon once on a kitchen scale. Leave empty to use the assumed figure.",
        min="0.1",
        max="20",
    )


class PregnancyForm(forms.Form):
    pregnant = forms.BooleanField(
        label="I am pregnant or may become pregnant",
        required=False,
        help_text=(
            "While this is on, speciosa shows a standing warning: babies born to mothers who used kratom "
            "in pregnancy have needed treatment for withdrawal, so your obstetric team should know."
        ),
    )
    breastfeeding = forms.BooleanField(
        label="I am breastfeeding",
        required=False,
        help_text=(
            "While this is on, speciosa shows a standing warning: whether kratom passes into breast milk has "
            "not been studied, and opioid medicines that do have harmed breastfed babies, so the baby's "
            "doctor should know."
        ),
    )


class TokenForm(forms.Form):
    name = text(
        "Name", required=True, help_text="What will use it, e.g. my phone's shortcut.", autocomplete="off"
    )


class InvitationForm(forms.Form):
    days = forms.IntegerField(
        label="Days the link works",
        help_text="The link can be used once, within this many days.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
