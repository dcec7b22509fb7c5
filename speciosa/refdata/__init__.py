"""Reference data with provenance: versioned YAML files, validated once at load."""

from speciosa.refdata.loader import SideEffect, Source, side_effects, sources

__all__ = ["SideEffect", "Source", "side_effects", "sources"]
