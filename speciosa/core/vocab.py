"""Closed lists of choices. Labels are what people see; values are what is stored and exported."""

from __future__ import annotations

from enum import StrEnum


class ProductForm(StrEnum):
    POWDER = "powder"
    CAPSULES = "capsules"
    TEA = "tea"
    EXTRACT = "extract"
    ENHANCED = "enhanced"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "powder": "Powder (leaf)",
            "capsules": "Capsules",
            "tea": "Tea or liquid",
            "extract": "Extract",
            "enhanced": '"7-OH" or enhanced tablet or shot',
            "other": "Other",
        }[self.value]


class Vein(StrEnum):
    RED = "red"
    GREEN = "green"
    WHITE = "white"
    YELLOW = "yellow"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class SymptomSeverity(StrEnum):
    """How bad a side effect was (a finding's severity is speciosa.core.safety.Severity)."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class TherapyKind(StrEnum):
    PHYSICAL_THERAPY = "physical_therapy"
    EXERCISE = "exercise"
    MINDFULNESS = "mindfulness"
    HEAT_COLD = "heat_cold"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "physical_therapy": "Physical therapy",
            "exercise": "Exercise",
            "mindfulness": "Mindfulness",
            "heat_cold": "Heat or cold",
            "other": "Other",
        }[self.value]


class SubstanceKind(StrEnum):
    ALCOHOL = "alcohol"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class LabTest(StrEnum):
    ALT = "ALT"
    AST = "AST"
    ALP = "ALP"
    BILIRUBIN = "bilirubin"

    @property
    def label(self) -> str:
        return {
            "ALT": "ALT (alanine aminotransferase)",
            "AST": "AST (aspartate aminotransferase)",
            "ALP": "ALP (alkaline phosphatase)",
            "bilirubin": "Total bilirubin",
        }[self.value]

    @property
    def default_unit(self) -> str:
        return "mg/dL" if self is LabTest.BILIRUBIN else "U/L"


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs for forms and model fields."""
    return [(member.value, getattr(member, "label", member.value)) for member in enum]
