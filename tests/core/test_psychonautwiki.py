import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from speciosa.core import psychonautwiki
from speciosa.core.journal_format import JournalDocument

SAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "psychonautwiki-journal.json").read_text())


def test_kratom_ingestions_become_doses_at_their_epoch_millisecond_times():
    converted = psychonautwiki.convert(SAMPLE)
    document = JournalDocument.model_validate(converted.document)
    assert converted.errors == []
    first, custom = document.doses
    assert first.taken_at == datetime(2026, 1, 1, 18, 0, tzinfo=UTC)
    assert first.grams == 3.5 and first.note.startswith("red vein")
    assert custom.grams == pytest.approx(4.2)  # 2 custom "teaspoons" of 2.1 g
    assert custom.is_estimate


def test_other_substances_become_substance_events_and_alcohol_counts_drinks():
    document = JournalDocument.model_validate(psychonautwiki.convert(SAMPLE).document)
    by_name = {s.substance: s for s in document.substances}
    assert by_name["Alcohol"].kind == "alcohol" and by_name["Alcohol"].standard_drinks == 2
    assert by_name["Caffeine"].kind == "other" and by_name["Caffeine"].amount_text.startswith("100 mg")


def test_a_kratom_ingestion_with_an_unknown_dose_is_skipped_and_said_so():
    converted = psychonautwiki.convert(SAMPLE)
    assert [s for s in converted.skipped if "unknown dose" in s] == [
        "experiences[1].ingestions[1]: kratom with an unknown dose was not imported"
    ]


def test_ingestions_logged_for_someone_else_are_skipped_kratom_and_other_substances_alike():
    converted = psychonautwiki.convert(SAMPLE)
    assert [s for s in converted.skipped if "consumerName" in s] == [
        "experiences[0].ingestions[2]: logged for Alex (consumerName), not imported",
        "experiences[1].ingestions[3]: logged for Sam (consumerName), not imported",
    ]
    document = JournalDocument.model_validate(converted.document)
    assert 8 not in [d.grams for d in document.doses]  # Alex's 8 g is not the person's dose
    assert [s.standard_drinks for s in document.substances if s.kind == "alcohol"] == [2]  # not Sam's 4


def test_an_empty_or_null_consumer_name_is_the_persons_own_ingestion():
    own = json.loads(json.dumps(SAMPLE))
    ingestion = own["experiences"][0]["ingestions"][2]
    ingestion["consumerName"] = "  "
    assert 8 in [d["grams"] for d in psychonautwiki.convert(own).document["doses"]]
    del ingestion["consumerName"]  # older exports have no such field
    assert 8 in [d["grams"] for d in psychonautwiki.convert(own).document["doses"]]


def test_a_consumer_name_that_is_not_text_is_a_bad_row():
    odd = json.loads(json.dumps(SAMPLE))
    odd["experiences"][0]["ingestions"][2]["consumerName"] = 7
    assert [e.field for e in psychonautwiki.convert(odd).errors] == [
        "experiences[0].ingestions[2].consumerName"
    ]


def test_uids_are_stable_so_a_second_import_can_recognise_every_entry():
    assert psychonautwiki.convert(SAMPLE).document == psychonautwiki.convert(SAMPLE).document


def test_bad_rows_are_reported_with_their_place():
    broken = json.loads(json.dumps(SAMPLE))
    broken["experiences"][0]["ingestions"][0]["time"] = "yesterday"
    broken["experiences"][1]["ingestions"][2]["dose"] = "lots"
    places = [e.field for e in psychonautwiki.convert(broken).errors]
    assert places == ["experiences[0].ingestions[0].time", "experiences[1].ingestions[2].dose"]


def test_two_identical_ingestions_entered_at_different_times_are_both_kept():
    doubled = json.loads(json.dumps(SAMPLE))
    twin = dict(doubled["experiences"][0]["ingestions"][0], creationDate=1767290500000)
    doubled["experiences"][0]["ingestions"].append(twin)
    document = JournalDocument.model_validate(psychonautwiki.convert(doubled).document)
    assert len({d.uid for d in document.doses}) == len(document.doses) == 3
