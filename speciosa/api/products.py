"""/products: kratom products; deleting one that has doses archives it instead."""

from speciosa.api.crud import entry_router
from speciosa.api.schemas import ProductIn, ProductOut, ProductPatch

router = entry_router(kind="products", schema_in=ProductIn, schema_patch=ProductPatch, schema_out=ProductOut)
