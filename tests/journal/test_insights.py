from datetime import timedelta

from django.utils import timezone

from speciosa.core.insights.data import records_from_document
from speciosa.core.insights.report import insights
from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import back_pain_journal
from speciosa.journal import services, transfer
from speciosa.journal.insights import insights_data, insights_read, insights_records
from speciosa.refdata import side_effects


def test_the_stored_back_pain_journal_gives_the_same_insights_as_its_document(db):
    user = services.account_create(
        username="backpain", password="a long enough password", timezone="America/Chicago"
    )
    now = timezone.now()
    document = back_pain_journal(end=now)
    transfer.journal_import(user=user, document=JournalDocument.model_validate(document), now=now)
    groups = {code: effect.group for code, effect in side_effects().items()}
    from_document = insights(records_from_document(document, groups=groups))
    stored = insights_read(user=user, now=now)
    assert stored.side_effects.summary == from_document.side_effects.summary
    assert "Nausea was listed after 100% of doses over 5 g" in stored.side_effects.summary
    assert stored.tolerance.summary == from_document.tolerance.summary
    assert insights_data(stored)["peg"] == insights_data(from_document)["peg"]


def test_the_records_carry_each_doses_product_and_each_side_effects_group(alice, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Red Bali", "vein": "red"})
    services.dose_create(
        user=alice, amount=3, product_uid=product.uid, taken_at=frozen_now - timedelta(hours=2)
    )
    services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now - timedelta(hours=1),
            "side_effects": [{"code": "craving", "severity": "mild"}],
        },
    )
    records = insights_records(user=alice, now=frozen_now)
    [dose] = records.doses
    assert (dose.product, dose.vein, dose.grams) == ("Red Bali", "red", 3.0)
    [effect] = records.checkins[0].side_effects
    assert effect.group == "withdrawal"


def test_reading_the_insights_leaves_the_garbage_collector_as_it_found_it(alice, frozen_now):
    import gc

    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=2))
    insights_read(user=alice, now=frozen_now)
    assert gc.isenabled()
    gc.disable()
    try:
        insights_read(user=alice, now=frozen_now)
        assert not gc.isenabled()
    finally:
        gc.enable()
