"""legal.place: an info finding where the person's place bans or restricts kratom or 7-OH products."""

from __future__ import annotations

from speciosa.core import journal_format as fmt
from speciosa.core.safety import Severity
from tests.core.safety.builders import raised

CODE = "legal.place"


def document(**profile: object) -> fmt.JournalDocument:
    return fmt.JournalDocument(profile=fmt.ProfileRecord(**profile))


def test_a_banning_state_raises_an_info_finding_with_as_of_and_travel():
    [finding] = raised(CODE, document(timezone="America/Chicago", region="AL"))
    assert finding.severity is Severity.INFO
    assert "Alabama" in finding.title
    assert "as of 2025-08-01" in finding.meaning and "confidence high" in finding.meaning
    assert "Verify locally" not in finding.meaning
    assert "travel" in finding.action
    assert "us-state-kratom-bans-2025" in finding.sources


def test_below_high_confidence_it_says_verify_locally():
    [finding] = raised(CODE, document(timezone="America/New_York", region="OH"))
    assert "Verify locally" in finding.meaning


def test_a_legal_or_regulated_state_raises_nothing():
    assert raised(CODE, document(timezone="America/Denver", region="CO")) == []
    assert raised(CODE, document(timezone="America/Chicago", region="MO")) == []
    assert raised(CODE, document(timezone="America/New_York")) == []


def test_a_country_from_the_profile_or_the_time_zone():
    [finding] = raised(CODE, document(timezone="Australia/Sydney"))
    assert "Australia" in finding.title
    assert raised(CODE, document(timezone="Australia/Sydney", country="ZZ")) == []
    assert raised(CODE, document(timezone="UTC")) == []
