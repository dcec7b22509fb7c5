"""/medications: the medication list, with start and stop dates."""

from speciosa.api.crud import entry_router
from speciosa.api.schemas import MedicationIn, MedicationOut, MedicationPatch

router = entry_router(
    kind="medications", schema_in=MedicationIn, schema_patch=MedicationPatch, schema_out=MedicationOut
)
