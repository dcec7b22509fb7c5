"""The stored entries as the interfaces receive them from the journal's functions: types to annotate
and tell apart (`isinstance`), and to read fields from. Interfaces never query them; every read and
write goes through the journal's selectors and services (tests/test_layers.py says so)."""

from speciosa.journal.models import (
    ApiToken,
    Change,
    CheckIn,
    Dose,
    Entry,
    LabResult,
    Medication,
    Product,
    Profile,
    SideEffect,
    SubstanceUse,
    Therapy,
)

__all__ = [
    "ApiToken",
    "Change",
    "CheckIn",
    "Dose",
    "Entry",
    "LabResult",
    "Medication",
    "Product",
    "Profile",
    "SideEffect",
    "SubstanceUse",
    "Therapy",
]
