"""/substances: other substances and alcohol (alcohol in standard drinks)."""

from speciosa.api.crud import entry_router
from speciosa.api.schemas import SubstanceIn, SubstanceOut, SubstancePatch

router = entry_router(
    kind="substances", schema_in=SubstanceIn, schema_patch=SubstancePatch, schema_out=SubstanceOut
)
