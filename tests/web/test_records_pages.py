"""Every record page renders for its owner, and each kind can be added, edited, deleted and undone."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services

PAGES = ["products", "medications", "substances", "therapies", "labs", "trends", "transfer", "settings"]
NEW_PAGES = ["product_new", "medication_new", "substance_new", "therapy_new", "lab_new"]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def undo_id(response) -> int:
    """The change behind the Undo button of the last message."""
    message = list(response.context["messages"])[-1]
    return int(message.extra_tags.split("undo:")[1].split()[0])


@pytest.mark.parametrize("name", PAGES + NEW_PAGES)
def test_every_record_page_renders_for_its_owner(alice_client, frozen_now, name):
    response = alice_client.get(reverse(f"web:{name}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html
    assert "web/records.css" in html


@pytest.mark.parametrize("name", PAGES + NEW_PAGES)
def test_every_record_page_sends_a_visitor_who_is_not_signed_in_to_the_login_page(anonymous, db, name):
    response = anonymous.get(reverse(f"web:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


# (kind, list URL name, URL prefix, values to create, an edit, text shown after the edit)
CASES = [
    (
        "medications",
        "medication",
        {
            "name": "Gabapentin",
            "purpose": "nerve pain",
            "dose_text": "300 mg",
            "schedule": "3× a day",
            "started_on": "2025-11-02",
        },
        {"dose_text": "600 mg"},
        "600 mg",
    ),
    (
        "substances",
        "substance",
        {"at": "2026-03-06T20:30", "kind": "alcohol", "standard_drinks": "2", "substance": "Red wine"},
        {"standard_drinks": "3"},
        "3 standard drinks",
    ),
    (
        "therapies",
        "therapy",
        {"at": "2026-03-07T08:15", "kind": "physical_therapy", "minutes": "45"},
        {"minutes": "50"},
        "50 min",
    ),
    (
        "labs",
        "lab",
        {
            "taken_on": "2026-02-20",
            "test": "ALT",
            "value": "42",
            "reference_low": "7",
            "reference_high": "56",
        },
        {"value": "61"},
        "61 U/L",
    ),
    (
        "products",
        "product",
        {
            "name": "Maeng Da",
            "vendor": "Leaf & Co",
            "form": "capsules",
            "vein": "red",
            "grams_per_capsule": "0.5",
        },
        {"batch": "LOT-7"},
        "LOT-7",
    ),
]


@pytest.mark.parametrize(("kind", "singular", "values", "edit", "shown"), CASES, ids=[c[0] for c in CASES])
def test_an_entry_can_be_added_edited_deleted_and_brought_back_with_undo(
    alice, alice_client, frozen_now, kind, singular, values, edit, shown
):
    model = {
        "medications": m.Medication,
        "substances": m.SubstanceUse,
        "therapies": m.Therapy,
        "labs": m.LabResult,
        "products": m.Product,
    }[kind]

    added = alice_client.post(reverse(f"web:{singular}_new"), values, follow=True)
    assert added.status_code == 200, added.content.decode()[:3000]
    assert any(text.startswith("Added") for text in messages_of(added))
    entry = model.objects.get(user=alice)
    assert undo_id(added) == m.Change.objects.get(user=alice, uid=entry.uid, action="create").id

    form = alice_client.get(reverse(f"web:{singular}_edit", kwargs={"uid": entry.uid}))
    assert form.status_code == 200
    edited = alice_client.post(
        reverse(f"web:{singular}_edit", kwargs={"uid": entry.uid}), {**values, **edit}, follow=True
    )
    assert edited.status_code == 200
    assert shown in edited.content.decode()
    assert model.objects.filter(user=alice).count() == 1

    confirm = alice_client.get(reverse(f"web:{singular}_delete", kwargs={"uid": entry.uid}))
    assert confirm.status_code == 200 and "Delete" in confirm.content.decode()
    assert model.objects.filter(user=alice).count() == 1, "a GET deletes nothing"

    deleted = alice_client.post(reverse(f"web:{singular}_delete", kwargs={"uid": entry.uid}), follow=True)
    assert any(text.startswith("Deleted") for text in messages_of(deleted))
    assert not model.objects.filter(user=alice).exists()

    services.change_undo(user=alice, change_id=undo_id(deleted))
    assert model.objects.filter(user=alice, uid=entry.uid).exists()
    assert shown in alice_client.get(reverse(f"web:{kind}")).content.decode()


def test_a_substance_time_is_read_in_the_persons_own_time_zone(alice, alice_client, frozen_now):
    alice_client.post(
        reverse("web:substance_new"),
        {"at": "2026-03-07T09:30", "kind": "other", "substance": "Caffeine", "amount_text": "200 mg"},
    )
    use = m.SubstanceUse.objects.get(user=alice)
    assert use.at.isoformat() == "2026-03-07T14:30:00+00:00"  # 09:30 in New York
    assert use.standard_drinks is None


def test_the_substance_form_starts_at_now_in_the_persons_zone_and_explains_a_standard_drink(
    alice_client, frozen_now
):
    html = alice_client.get(reverse("web:substance_new")).content.decode()
    assert 'value="2026-03-07T10:00"' in html  # 15:00 UTC is 10:00 in New York
    assert "14 g of pure alcohol" in html and "NIAAA" in html


def test_alcohol_without_standard_drinks_is_an_inline_error_and_stores_nothing(
    alice, alice_client, frozen_now
):
    response = alice_client.post(reverse("web:substance_new"), {"at": "2026-03-07T09:30", "kind": "alcohol"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["standard_drinks"] == ["Alcohol needs the number of standard drinks."]
    html = response.content.decode()
    assert 'id="id_standard_drinks_error"' in html and 'aria-invalid="true"' in html
    assert not m.SubstanceUse.objects.exists()


def test_another_substance_needs_its_name(alice_client, frozen_now):
    response = alice_client.post(reverse("web:substance_new"), {"at": "2026-03-07T09:30", "kind": "other"})
    assert response.status_code == 400
    assert response.context["form"].errors["substance"] == ["Name the substance."]


def test_a_time_in_the_future_is_refused_on_its_field(alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:therapy_new"), {"at": "2026-03-07T12:00", "kind": "exercise", "minutes": "20"}
    )
    assert response.status_code == 400
    assert "in the future" in response.context["form"].errors["at"][0]
    assert not m.Therapy.objects.exists()


def test_a_service_error_lands_on_the_field_it_names(alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:therapy_new"), {"at": "2026-03-07T08:00", "kind": "exercise", "minutes": "2000"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["minutes"]


def test_a_medication_cannot_stop_before_it_starts(alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:medication_new"),
        {"name": "Tramadol", "started_on": "2026-02-01", "stopped_on": "2026-01-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["stopped_on"]
    assert not m.Medication.objects.exists()


def test_medications_are_listed_as_current_or_stopped(alice, alice_client, frozen_now):
    services.entry_create(
        user=alice, kind="medications", values={"name": "Duloxetine", "started_on": date(2025, 6, 1)}
    )
    services.entry_create(
        user=alice,
        kind="medications",
        values={"name": "Oxycodone", "started_on": date(2024, 1, 1), "stopped_on": date(2025, 9, 30)},
    )
    response = alice_client.get(reverse("web:medications"))
    assert [med.name for med in response.context["current"]] == ["Duloxetine"]
    assert [med.name for med in response.context["stopped"]] == ["Oxycodone"]
    html = response.content.decode()
    assert html.index("Duloxetine") < html.index("Stopped (1)") < html.index("Oxycodone")


def test_a_lab_result_takes_the_usual_unit_of_its_test_and_shows_where_it_falls_against_its_range(
    alice, alice_client, frozen_now
):
    alice_client.post(
        reverse("web:lab_new"),
        {
            "taken_on": "2026-02-20",
            "test": "bilirubin",
            "value": "1.6",
            "reference_low": "0.1",
            "reference_high": "1.2",
        },
    )
    alice_client.post(
        reverse("web:lab_new"),
        {
            "taken_on": "2026-02-20",
            "test": "AST",
            "value": "30",
            "reference_low": "10",
            "reference_high": "40",
        },
    )
    assert m.LabResult.objects.get(test="bilirubin").unit == "mg/dL"
    assert m.LabResult.objects.get(test="AST").unit == "U/L"
    rows = {label: items for label, items in alice_client.get(reverse("web:labs")).context["tests"]}
    assert rows["Total bilirubin"][0].position == "above"
    assert rows["AST (aspartate aminotransferase)"][0].position == "within"
    assert rows["Total bilirubin"][0].range_text == "0.1–1.2"


def test_after_an_edit_from_history_the_page_goes_back_to_history(alice, alice_client, frozen_now):
    therapy = services.entry_create(
        user=alice, kind="therapies", values={"at": frozen_now, "kind": "mindfulness", "minutes": 10}
    )
    back = reverse("web:history") + "?q=mind"
    response = alice_client.post(
        reverse("web:therapy_edit", kwargs={"uid": therapy.uid}),
        {"at": "2026-03-07T09:00", "kind": "mindfulness", "minutes": "15", "next": back},
    )
    assert response.status_code == 302 and response.url == back
    elsewhere = alice_client.post(
        reverse("web:therapy_edit", kwargs={"uid": therapy.uid}),
        {"at": "2026-03-07T09:00", "kind": "mindfulness", "minutes": "15", "next": "https://evil.example/"},
    )
    assert elsewhere.url == reverse("web:therapies")


def test_notes_keep_unicode_and_long_notes_are_refused_on_the_note_field(alice, alice_client, frozen_now):
    alice_client.post(reverse("web:medication_new"), {"name": "Magnésium ✓", "note": "après le dîner 🌙"})
    assert m.Medication.objects.get(user=alice).note == "après le dîner 🌙"
    response = alice_client.post(reverse("web:medication_new"), {"name": "Long", "note": "x" * 5001})
    assert response.status_code == 400 and response.context["form"].errors["note"]
    assert m.Medication.objects.filter(user=alice).count() == 1


def test_editing_only_the_note_keeps_the_exact_time(alice, alice_client, frozen_now):
    moment = frozen_now.replace(hour=13, minute=5, second=42)
    therapy = services.entry_create(
        user=alice, kind="therapies", values={"at": moment, "kind": "exercise", "minutes": 20}
    )
    alice_client.post(
        reverse("web:therapy_edit", kwargs={"uid": therapy.uid}),
        {"at": "2026-03-07T08:05", "kind": "exercise", "minutes": "20", "note": "walk"},
    )
    stored = m.Therapy.objects.get(uid=therapy.uid)
    assert (stored.note, stored.at) == ("walk", moment)


def test_a_next_address_on_another_site_or_a_script_is_never_used(alice, alice_client, frozen_now):
    for bad in ("javascript:alert(1)", "https://evil.example/"):
        html = alice_client.get(reverse("web:medication_new") + f"?next={bad}").content.decode()
        assert bad not in html


def test_a_misspelt_medication_asks_did_you_mean_before_saving_and_nothing_is_saved_yet(alice, alice_client):
    response = alice_client.post(reverse("web:medication_new"), {"name": "oxycodn 5mg"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Did you mean oxycodone?" in html and "As typed, we read &#x27;oxycodn&#x27; as oxycodone." in html
    assert 'name="use_name" value="oxycodone"' in html and 'name="confirm_name" value="1"' in html
    assert not m.Medication.objects.filter(user=alice).exists()


def test_keeping_the_name_as_typed_saves_it_exactly_as_typed(alice, alice_client):
    alice_client.post(reverse("web:medication_new"), {"name": "oxycodn 5mg", "confirm_name": "1"})

    assert m.Medication.objects.get(user=alice).name == "oxycodn 5mg"


def test_choosing_the_suggestion_saves_the_suggested_name(alice, alice_client):
    alice_client.post(reverse("web:medication_new"), {"name": "oxycodn 5mg", "use_name": "oxycodone"})

    assert m.Medication.objects.get(user=alice).name == "oxycodone"


def test_a_recognised_name_saves_at_once_and_alcohol_never_asks(alice, alice_client, frozen_now):
    alice_client.post(reverse("web:medication_new"), {"name": "Gabapentin 300mg"})
    alice_client.post(
        reverse("web:substance_new"),
        {"at": "2026-03-07T08:00", "kind": "alcohol", "standard_drinks": "1", "substance": "beeer"},
    )

    assert m.Medication.objects.filter(user=alice, name="Gabapentin 300mg").exists()
    assert m.SubstanceUse.objects.filter(user=alice, substance="beeer").exists()


def test_a_misspelt_substance_asks_did_you_mean_on_its_field(alice, alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:substance_new"), {"at": "2026-03-07T08:00", "kind": "other", "substance": "tianeptin"}
    )

    assert response.status_code == 400 and "Did you mean tianeptine?" in response.content.decode()
    assert response.context["form"].errors["substance"]
