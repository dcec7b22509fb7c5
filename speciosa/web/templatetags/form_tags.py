"""What the one field template (`web/_field.html`) asks of a field."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def must_be_filled(field: forms.BoundField) -> bool:
    """Whether the person must fill the field in and could leave it empty: its control carries
    `required` (a text, number, date or file box), and it is not a list or a group of radio buttons
    that already holds a choice (those cannot be emptied, so their label needs no "(required)")."""
    if not field.build_widget_attrs({}).get("required"):
        return False
    return not (isinstance(field.field.widget, forms.RadioSelect) and field.value() not in (None, ""))
