"""Relief after a dose: before/after pairs and their intervals."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from speciosa.core.insights.data import CheckInRecord, DoseRecord, JournalRecords
from speciosa.core.insights.relief import relief

START = datetime(2026, 1, 1, 8, tzinfo=UTC)


def test_five_identical_changes_in_whole_points_still_have_an_interval_for_rounding():
    doses, checkins = [], []
    for day in range(5):
        at = START + timedelta(days=day)
        doses.append(DoseRecord(at, 2.0))
        checkins += [CheckInRecord(at - timedelta(minutes=20), 7), CheckInRecord(at + timedelta(hours=2), 5)]
    found = relief(JournalRecords(ZoneInfo("UTC"), doses, checkins))
    assert found.overall.value == 2.0
    assert found.overall.low is not None and found.overall.high is not None
    assert found.overall.low < 1.6 and found.overall.high > 2.4  # rounding's spread, not 2.0 to 2.0
