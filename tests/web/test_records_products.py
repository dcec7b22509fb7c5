"""Products: listed active first, searchable, archived and brought back; one with doses is archived, not deleted."""

from __future__ import annotations

from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services


def product(user, name, **values):
    return services.entry_create(user=user, kind="products", values={"name": name, **values})


def names(response) -> list[str]:
    return [p.name for p, _findings in response.context["products"]]


def test_the_product_form_offers_every_field(alice_client, frozen_now):
    html = alice_client.get(reverse("web:product_new")).content.decode()
    for field in (
        "name",
        "vendor",
        "form",
        "vein",
        "strain",
        "batch",
        "grams_per_capsule",
        "purchased_on",
        "mitragynine_percent",
        "seven_oh_percent",
        "note",
    ):
        assert f'name="{field}"' in html, field
    assert (
        '"7-OH" or enhanced tablet or shot' in html or "&quot;7-OH&quot; or enhanced tablet or shot" in html
    )
    for vein in ("Red", "Green", "White", "Yellow", "Unknown"):
        assert f">{vein}</option>" in html


def test_every_product_field_is_stored(alice, alice_client, frozen_now):
    alice_client.post(
        reverse("web:product_new"),
        {
            "name": "Green Malay",
            "vendor": "Leaf & Co",
            "form": "powder",
            "vein": "green",
            "strain": "Malay",
            "batch": "B-12",
            "grams_per_capsule": "",
            "purchased_on": "2026-02-01",
            "mitragynine_percent": "1.2",
            "seven_oh_percent": "0.02",
            "note": "bitter",
        },
    )
    stored = m.Product.objects.get(user=alice)
    assert (stored.vendor, stored.form, stored.vein, stored.strain, stored.batch) == (
        "Leaf & Co",
        "powder",
        "green",
        "Malay",
        "B-12",
    )
    assert stored.purchased_on.isoformat() == "2026-02-01"
    assert (stored.mitragynine_percent, stored.seven_oh_percent, stored.grams_per_capsule) == (
        1.2,
        0.02,
        None,
    )


def test_a_lab_figure_over_100_percent_is_an_error_on_its_field(alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:product_new"),
        {"name": "X", "form": "powder", "vein": "red", "mitragynine_percent": "140"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["mitragynine_percent"]
    assert not m.Product.objects.exists()


def test_active_products_come_first_and_archived_ones_only_when_asked(alice, alice_client, frozen_now):
    product(alice, "Bali")
    product(alice, "Old stash", archived=True)
    product(alice, "Maeng Da")
    assert names(alice_client.get(reverse("web:products"))) == ["Bali", "Maeng Da"]
    everything = alice_client.get(reverse("web:products") + "?archived=1")
    assert names(everything) == ["Bali", "Maeng Da", "Old stash"]
    assert "Show archived products (1)" in alice_client.get(reverse("web:products")).content.decode()


def test_the_search_box_finds_products_by_name_vendor_strain_or_batch(alice, alice_client, frozen_now):
    product(alice, "Bali", vendor="Kona")
    product(alice, "Maeng Da", batch="MD-44")
    assert names(alice_client.get(reverse("web:products") + "?q=kona")) == ["Bali"]
    assert names(alice_client.get(reverse("web:products") + "?q=md-44")) == ["Maeng Da"]
    assert "No product matches" in alice_client.get(reverse("web:products") + "?q=zzz").content.decode()


def test_a_product_can_be_archived_and_brought_back_with_undo(alice, alice_client, frozen_now):
    bali = product(alice, "Bali")
    response = alice_client.post(reverse("web:product_archive", kwargs={"uid": bali.uid}), follow=True)
    assert [str(x) for x in response.context["messages"]] == ["Archived “Bali”."]
    assert m.Product.objects.get(uid=bali.uid).archived
    assert names(response) == []
    alice_client.post(reverse("web:product_archive", kwargs={"uid": bali.uid}))
    assert not m.Product.objects.get(uid=bali.uid).archived
    assert alice_client.get(reverse("web:product_archive", kwargs={"uid": bali.uid})).status_code == 405


def test_deleting_a_product_with_doses_archives_it_and_says_so_plainly(alice, alice_client, frozen_now):
    caps = product(alice, "Caps", form="capsules", grams_per_capsule=0.5)
    services.dose_create(user=alice, amount=6, unit="capsule", product_uid=caps.uid)
    services.dose_create(user=alice, amount=4, unit="capsule", product_uid=caps.uid)

    confirm = alice_client.get(reverse("web:product_delete", kwargs={"uid": caps.uid})).content.decode()
    assert "This product has 2 logged doses, so it will be archived, not deleted." in confirm

    response = alice_client.post(reverse("web:product_delete", kwargs={"uid": caps.uid}), follow=True)
    message = [str(x) for x in response.context["messages"]][0]
    assert message == "“Caps” has 2 logged doses, so it was archived instead of deleted. Its doses are kept."
    kept = m.Product.objects.get(uid=caps.uid)
    assert kept.archived
    assert m.Dose.objects.filter(product=kept).count() == 2

    change_id = int(list(response.context["messages"])[0].extra_tags.split("undo:")[1])
    services.change_undo(user=alice, change_id=change_id)
    assert not m.Product.objects.get(uid=caps.uid).archived


def test_a_product_without_doses_is_really_deleted(alice, alice_client, frozen_now):
    spare = product(alice, "Spare")
    alice_client.post(reverse("web:product_delete", kwargs={"uid": spare.uid}))
    assert not m.Product.objects.filter(uid=spare.uid).exists()


def test_editing_a_product_keeps_it_archived(alice, alice_client, frozen_now):
    old = product(alice, "Old", archived=True)
    alice_client.post(
        reverse("web:product_edit", kwargs={"uid": old.uid}),
        {"name": "Old (renamed)", "form": "powder", "vein": "unknown"},
    )
    stored = m.Product.objects.get(uid=old.uid)
    assert stored.name == "Old (renamed)" and stored.archived


def test_deleting_an_archived_product_with_doses_changes_nothing_and_offers_no_undo(
    alice, alice_client, frozen_now
):
    old = product(alice, "Old")
    services.dose_create(user=alice, amount=3, product_uid=old.uid)
    services.entry_update(user=alice, kind="products", uid=old.uid, values={"archived": True})
    changes = m.Change.objects.count()
    assert (
        "is kept" in alice_client.get(reverse("web:product_delete", kwargs={"uid": old.uid})).content.decode()
    )
    response = alice_client.post(reverse("web:product_delete", kwargs={"uid": old.uid}), follow=True)
    [message] = list(response.context["messages"])
    assert "already archived" in str(message) and "undo:" not in message.extra_tags
    assert m.Change.objects.count() == changes
    assert m.Product.objects.get(uid=old.uid).archived
