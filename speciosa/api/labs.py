"""/labs: liver tests (ALT, AST, ALP, bilirubin) with their units and reference ranges."""

from typing import Any

from speciosa.api.crud import entry_router
from speciosa.api.schemas import LabIn, LabOut, LabPatch
from speciosa.core.vocab import LabTest


def usual_unit(values: dict[str, Any]) -> dict[str, Any]:
    """A result given without a unit is in the test's usual unit."""
    if values.get("unit") is None:
        values["unit"] = LabTest(values["test"]).default_unit
    return values


router = entry_router(
    kind="labs", schema_in=LabIn, schema_patch=LabPatch, schema_out=LabOut, prepare=usual_unit
)
