"""/therapies: therapies and activities, in minutes."""

from speciosa.api.crud import entry_router
from speciosa.api.schemas import TherapyIn, TherapyOut, TherapyPatch

router = entry_router(kind="therapies", schema_in=TherapyIn, schema_patch=TherapyPatch, schema_out=TherapyOut)
