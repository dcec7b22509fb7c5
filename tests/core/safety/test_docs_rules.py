from pathlib import Path

from speciosa.core.safety import all_rules
from speciosa.core.safety.docs import rules_markdown
from speciosa.refdata import sources

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "safety-rules.md"
LABELLED = ROOT / "tests" / "fixtures" / "safety"


def test_the_safety_rules_page_is_the_one_the_registry_and_the_labelled_sets_write():
    assert DOC.read_text() == rules_markdown(LABELLED), (
        "run: python -m speciosa.core.safety.docs tests/fixtures/safety > docs/safety-rules.md"
    )


def test_every_rule_is_documented_with_known_sources():
    text = DOC.read_text()
    known = sources()
    for registered in all_rules():
        assert f"`{registered.code}`" in text
        assert registered.sources and all(s in known for s in registered.sources), registered.code
