"""Reference data with provenance: versioned YAML files in data/, validated by pydantic once at load.

Every entry names at least one source id from data/sources.yaml; an unknown id, a duplicate id or an
entry without sources fails loudly (RefdataError) the first time its file is loaded. Nothing here is a
dosing recommendation: dose figures are what each source reports, side by side.
"""

from speciosa.refdata.base import Range, RefdataError
from speciosa.refdata.dosing import (
    Band,
    DoseContext,
    FormInfo,
    SevenOhNames,
    Threshold,
    Thresholds,
    dose_context,
    form_info,
    forms,
    seven_oh_names,
    thresholds,
)
from speciosa.refdata.drug_names import DrugName, drug_names
from speciosa.refdata.interactions import (
    FACT_BASE_TO_SEVERITY,
    SEVERITY_SCALE,
    AmountGate,
    InteractionClass,
    SeverityLevel,
    interaction_classes,
)
from speciosa.refdata.lab_limits import (
    LabLimits,
    Limit,
    MetalLimit,
    MicrobialLimit,
    ReferenceLevel,
    lab_limits,
)
from speciosa.refdata.loader import SideEffect, Source, side_effects, source, sources
from speciosa.refdata.name_reading import NameReading, interactions_for, read_name
from speciosa.refdata.poison_control import (
    OTHER_COUNTRY,
    EmergencyNumber,
    PoisonLine,
    country_choices,
    country_codes,
    poison_control_words,
    poison_line_for,
    poison_lines,
)
from speciosa.refdata.provenance import cited_source_ids, cited_sources, reference_data
from speciosa.refdata.red_flags import ACTION_LEVELS, ActionLevel, RedFlag, red_flags, red_flags_for
from speciosa.refdata.timing import PkFact, TimeCourse, TimeCourseSource, pharmacokinetics, time_courses
from speciosa.refdata.veins import StrainClaim, VeinClaim, strain_named, strains, veins

__all__ = [
    "ACTION_LEVELS",
    "FACT_BASE_TO_SEVERITY",
    "SEVERITY_SCALE",
    "ActionLevel",
    "AmountGate",
    "Band",
    "DoseContext",
    "DrugName",
    "FormInfo",
    "InteractionClass",
    "LabLimits",
    "Limit",
    "MetalLimit",
    "MicrobialLimit",
    "NameReading",
    "PkFact",
    "PoisonLine",
    "Range",
    "RedFlag",
    "ReferenceLevel",
    "RefdataError",
    "SevenOhNames",
    "SeverityLevel",
    "SideEffect",
    "Source",
    "StrainClaim",
    "Threshold",
    "Thresholds",
    "TimeCourse",
    "TimeCourseSource",
    "VeinClaim",
    "cited_source_ids",
    "cited_sources",
    "dose_context",
    "drug_names",
    "form_info",
    "forms",
    "interaction_classes",
    "interactions_for",
    "lab_limits",
    "pharmacokinetics",
    "poison_control_words",
    "OTHER_COUNTRY",
    "EmergencyNumber",
    "country_choices",
    "country_codes",
    "poison_line_for",
    "poison_lines",
    "red_flags",
    "read_name",
    "red_flags_for",
    "reference_data",
    "seven_oh_names",
    "side_effects",
    "source",
    "sources",
    "strain_named",
    "strains",
    "thresholds",
    "time_courses",
    "veins",
]
