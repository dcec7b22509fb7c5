"""A large import keeps other people's writes waiting as little as it can: every row is read, checked
and converted before the import takes SQLite's write lock, and only the inserts run inside it, in one
transaction, so an import is still all or nothing. (How long others wait is measured by
`python -m bench.import_lock`, not here.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from speciosa.journal import models as m
from speciosa.journal import rows, services, transfer
from tests.conftest import PASSWORD
from tests.support.threads import Threads

pytestmark = pytest.mark.django_db(transaction=True)

EARLIER = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def exported(shared_database) -> bytes:
    """Alice's journal, with a product, doses of it and a check-in with a side effect."""
    alice = services.account_create(username="alice", password=PASSWORD)
    product = services.entry_create(user=alice, kind="products", values={"name": "Red Bali"}, now=EARLIER)
    for i in range(3):
        services.dose_create(user=alice, amount=2 + i, taken_at=EARLIER, product_uid=product.uid, now=EARLIER)
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": EARLIER, "pain_now": 4, "side_effects": [{"code": "nausea", "severity": "mild"}]},
        now=EARLIER,
    )
    return transfer.journal_export_json(user=alice)


def test_another_persons_dose_is_stored_while_an_import_converts_its_rows(exported, monkeypatch):
    bob = services.account_create(username="bob", password=PASSWORD)
    carol = services.account_create(username="carol", password=PASSWORD)
    if connection.vendor == "sqlite":  # bob's connection gives up at once if the write lock is held
        monkeypatch.setitem(connections.settings["default"]["OPTIONS"], "timeout", 0.05)
    other = Threads(1)
    converting = rows.row_values
    stored_meanwhile = []

    def convert_while_bob_logs_a_dose(*args, **kwargs):
        if not stored_meanwhile:
            stored_meanwhile.extend(other.at_once(lambda: services.dose_create(user=bob, amount=1.5)))
        return converting(*args, **kwargs)

    monkeypatch.setattr(transfer, "row_values", convert_while_bob_logs_a_dose)
    try:
        report = transfer.import_file(user=carol, content=exported)
    finally:
        other.close()
    assert len(stored_meanwhile) == 1 and m.Dose.objects.filter(user=bob).count() == 1
    assert report.added == {"products": 1, "doses": 3, "checkins": 1}
    assert m.Dose.objects.filter(user=carol, product__name="Red Bali").count() == 3
    assert m.SideEffect.objects.filter(checkin__user=carol, code="nausea").count() == 1


def test_rows_are_converted_outside_the_transaction_and_inserted_inside_it(exported, monkeypatch):
    carol = services.account_create(username="carol", password=PASSWORD)
    seen: list[tuple[str, str, bool]] = []

    def spy(step, function):
        def call(model, *args, **kwargs):
            seen.append((step, model.__name__, connection.in_atomic_block))
            return function(model, *args, **kwargs)

        monkeypatch.setattr(transfer, function.__name__, call)

    spy("convert", rows.row_values)
    spy("fill scratch", rows.scratch_fill)
    spy("insert", rows.insert_values)
    spy("insert", rows.scratch_insert)
    transfer.import_file(user=carol, content=exported)
    assert {(step, model) for step, model, _ in seen if step != "fill scratch"} == {
        ("convert", "Product"),
        ("convert", "Dose"),
        ("convert", "CheckIn"),
        ("convert", "SideEffect"),
        ("insert", "Product"),
        ("insert", "Dose"),
        ("insert", "CheckIn"),
        ("insert", "SideEffect"),
    }
    assert all(not inside for step, _, inside in seen if step in {"convert", "fill scratch"})
    assert all(inside for step, _, inside in seen if step == "insert")


def test_on_sqlite_the_rows_wait_in_a_scratch_database_and_are_copied_over_inside_the_transaction(
    exported, monkeypatch
):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL does not hold up other people's writes during an import")
    carol = services.account_create(username="carol", password=PASSWORD)
    copied: list[str] = []
    copying = rows.scratch_insert

    def copy(model, **kwargs):
        copied.append(model.__name__)
        return copying(model, **kwargs)

    monkeypatch.setattr(transfer, "scratch_insert", copy)
    transfer.import_file(user=carol, content=exported)
    assert copied == ["Product", "Dose", "CheckIn"]
    assert m.Dose.objects.filter(user=carol, product__name="Red Bali").count() == 3
    with connection.cursor() as cursor:  # detached again
        assert rows.SCRATCH not in {name for _, name, _ in cursor.execute("PRAGMA database_list")}


def test_an_import_that_fails_while_inserting_leaves_nothing(exported, monkeypatch):
    carol = services.account_create(username="carol", password=PASSWORD)
    inserting = rows.insert_values

    def insert(model, values):
        if model is m.SideEffect:  # the products, doses and check-ins are in by now
            raise RuntimeError("the disk is full")
        return inserting(model, values)

    monkeypatch.setattr(transfer, "insert_values", insert)
    with pytest.raises(RuntimeError, match="the disk is full"):
        transfer.import_file(user=carol, content=exported)
    assert not m.Product.objects.filter(user=carol).exists()
    assert not m.Dose.objects.filter(user=carol).exists()
    assert not m.CheckIn.objects.filter(user=carol).exists()


def test_entries_stored_while_an_import_converts_its_rows_are_skipped_with_their_side_effects(
    exported, monkeypatch
):
    carol = services.account_create(username="carol", password=PASSWORD)
    document = transfer.journal_parse(exported).document
    converting = rows.row_values

    def convert_while_carols_phone_syncs(model, *args, **kwargs):
        if (
            model is m.CheckIn
        ):  # the products and doses are converted: her phone sends a dose and the check-in
            dose, checkin = document.doses[0], document.checkins[0]
            product = services.entry_create(
                user=carol, kind="products", values={"name": "Red Bali"}, uid=document.products[0].uid
            )
            services.dose_create(
                user=carol, amount=dose.amount, taken_at=dose.taken_at, uid=dose.uid, product_uid=product.uid
            )
            services.entry_create(
                user=carol,
                kind="checkins",
                values={
                    "at": checkin.at,
                    "pain_now": 4,
                    "side_effects": [{"code": "nausea", "severity": "mild"}],
                },
                uid=checkin.uid,
            )
        return converting(model, *args, **kwargs)

    monkeypatch.setattr(transfer, "row_values", convert_while_carols_phone_syncs)
    report = transfer.import_file(user=carol, content=exported)
    assert report.added == {"products": 0, "doses": 2, "checkins": 0}
    assert report.already_present == {"products": 1, "doses": 1, "checkins": 1}
    assert m.Dose.objects.filter(user=carol, product__name="Red Bali").count() == 3
    assert m.CheckIn.objects.filter(user=carol).count() == 1
    assert m.SideEffect.objects.filter(checkin__user=carol).count() == 1
