import json

from speciosa.journal import models as m
from speciosa.journal import services, transfer


def test_round_trip_loses_nothing_and_reimport_adds_nothing(alice, bob, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Maeng Da", "grams_per_capsule": 0.5, "form": "capsules"})
    services.dose_create(user=alice, amount=4, unit="capsule", product_uid=product.uid, note="ünïcode ✓")
    services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "peg_pain": 5, "peg_enjoyment": 4, "peg_activity": 6, "side_effects": [{"code": "nausea"}]})
    exported = transfer.journal_export_json(user=alice, now=frozen_now)
    report = transfer.import_file(user=bob, content=exported, now=frozen_now)
    assert report.added["doses"] == 1 and report.added["products"] == 1
    again = transfer.import_file(user=bob, content=exported, now=frozen_now)
    assert again.total_added == 0
    a = json.loads(exported)
    b = json.loads(transfer.journal_export_json(user=bob, now=frozen_now))
    a.pop("profile"), b.pop("profile")
    assert a == b
    assert m.Dose.objects.filter(user=bob).get().product.name == "Maeng Da"
