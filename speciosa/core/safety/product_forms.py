"""What a product is, read from what it is called as well as the form chosen for it: a product whose
name or label says 7-OH ("7OH Tabs", "7-hydroxy") is a 7-OH or enhanced product even when it was logged
as powder. The patterns are reference data (forms.yaml, `seven_oh_names`)."""

from __future__ import annotations

from speciosa.core import journal_format as fmt
from speciosa.core.vocab import ProductForm
from speciosa.refdata import seven_oh_names


def seven_oh_words(product: fmt.ProductRecord) -> str:
    """The words that say a product is 7-OH ("7OH", "7-hydroxy", "pseudoindoxyl") in its name, vendor,
    strain, batch, lab report or note, or "" (patterns in forms.yaml)."""
    names = seven_oh_names()
    for text in (
        product.name,
        product.vendor,
        product.strain,
        product.batch,
        product.lab_report,
        product.note,
    ):
        if text and (found := names.names_seven_oh(text)):
            return found
    return ""


def product_form(product: fmt.ProductRecord) -> ProductForm:
    """A product's form, read as 7-OH or enhanced when its name or label says 7-OH, whatever form was
    chosen (people log "7OH Tabs" as powder)."""
    if product.form is not ProductForm.ENHANCED and seven_oh_words(product):
        return ProductForm.ENHANCED
    return product.form
