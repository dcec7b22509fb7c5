"""/checkins: pain, PEG-3, sleep, mood, energy and side effects (the PEG score is computed)."""

from speciosa.api.crud import entry_router
from speciosa.api.schemas import CheckInIn, CheckInOut, CheckInPatch

router = entry_router(kind="checkins", schema_in=CheckInIn, schema_patch=CheckInPatch, schema_out=CheckInOut)
