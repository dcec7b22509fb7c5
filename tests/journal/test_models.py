"""The database itself refuses out-of-range values, even when the services are bypassed."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from speciosa.journal import models as m

WHEN = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (m.Dose, {"taken_at": WHEN, "grams": 0, "amount": 1}),
        (m.Dose, {"taken_at": WHEN, "grams": -3, "amount": 1}),
        (m.Dose, {"taken_at": WHEN, "grams": 251, "amount": 251}),
        (m.Dose, {"taken_at": WHEN, "grams": 3, "amount": 0}),
        (m.CheckIn, {"at": WHEN, "pain_now": 11}),
        (m.CheckIn, {"at": WHEN, "peg_activity": 12}),
        (m.Therapy, {"at": WHEN, "kind": "exercise", "minutes": 0}),
        (m.Product, {"name": "x", "grams_per_capsule": 0}),
        (m.Product, {"name": "x", "seven_oh_percent": 101}),
        (m.LabResult, {"taken_on": WHEN.date(), "test": "ALT", "value": -1, "unit": "U/L"}),
    ],
)
def test_the_database_refuses_values_out_of_range(alice, model, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(user=alice, **values)


def test_an_entry_uid_is_unique_per_person_but_two_people_may_share_one(alice, bob):
    dose = m.Dose.objects.create(user=alice, taken_at=WHEN, grams=3, amount=3)
    m.Dose.objects.create(user=bob, uid=dose.uid, taken_at=WHEN, grams=3, amount=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Dose.objects.create(user=alice, uid=dose.uid, taken_at=WHEN, grams=3, amount=3)


def test_a_product_with_doses_cannot_be_deleted_from_under_them(alice):
    product = m.Product.objects.create(user=alice, name="Green Malay")
    m.Dose.objects.create(user=alice, taken_at=WHEN, grams=3, amount=3, product=product)
    with pytest.raises(Exception, match="restricted"):
        product.delete()


def test_deleting_a_person_removes_their_products_and_doses_together(alice):
    product = m.Product.objects.create(user=alice, name="Green Malay")
    m.Dose.objects.create(user=alice, taken_at=WHEN, grams=3, amount=3, product=product)
    alice.delete()
    assert not m.Dose.objects.exists() and not m.Product.objects.exists()
