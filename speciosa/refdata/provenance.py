"""Everything refdata holds, in one place: for the Sources page ("every source the product uses"),
for a startup check, and for the tests that walk every entry."""

from __future__ import annotations

from speciosa.refdata.base import Model, cited_ids, walk
from speciosa.refdata.claims import claims
from speciosa.refdata.dosing import dose_context, forms, seven_oh_names, thresholds
from speciosa.refdata.drug_names import drug_names
from speciosa.refdata.faq import faq
from speciosa.refdata.guide import guide_topics
from speciosa.refdata.interactions import SEVERITY_SCALE, interaction_classes
from speciosa.refdata.lab_limits import lab_limits
from speciosa.refdata.legal import legal_places
from speciosa.refdata.loader import Source, side_effects, sources
from speciosa.refdata.poison_control import poison_lines
from speciosa.refdata.red_flag_phrases import red_flag_phrases
from speciosa.refdata.red_flags import ACTION_LEVELS, red_flags
from speciosa.refdata.taper import questionnaires, taper_rules
from speciosa.refdata.timing import pharmacokinetics, time_courses
from speciosa.refdata.veins import strains, veins


def reference_data() -> dict[str, object]:
    """Every loaded data set by name (loading validates each file; a bad file raises RefdataError)."""
    return {
        "side_effects": side_effects(),
        "dose_context": dose_context(),
        "thresholds": thresholds(),
        "forms": forms(),
        "seven_oh_names": seven_oh_names(),
        "time_courses": time_courses(),
        "pharmacokinetics": pharmacokinetics(),
        "veins": veins(),
        "strains": strains(),
        "red_flags": red_flags(),
        "action_levels": ACTION_LEVELS,
        "interaction_classes": interaction_classes(),
        "severity_scale": SEVERITY_SCALE,
        "lab_limits": lab_limits(),
        "drug_names": drug_names(),
        "poison_control": poison_lines(),
        "red_flag_phrases": red_flag_phrases(),
        "questionnaires": questionnaires(),
        "taper": taper_rules(),
        "faq": faq(),
        "guide": guide_topics(),
        "claims": claims(),
        "legal": legal_places(),
    }


def entries() -> list[Model]:
    """Every model instance in every data set (containers and value objects included)."""
    return [model for data in reference_data().values() for model in walk(data)]


def cited_source_ids() -> set[str]:
    """The ids of the sources some entry actually cites."""
    return {source_id for model in entries() for source_id in cited_ids(model)}


def cited_sources() -> list[Source]:
    """The cited sources, in sources.yaml order: what a Sources page lists."""
    cited = cited_source_ids()
    return [s for s in sources().values() if s.id in cited]
