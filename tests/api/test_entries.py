"""Products, check-ins, medications, substances, therapies and labs through /api/v1."""

from datetime import timedelta

from speciosa.journal import models as m
from speciosa.journal import services
from tests.api.conftest import call, errors_of

# --- products ---------------------------------------------------------------------------------


def test_a_product_is_added_read_changed_and_listed(alice_client, frozen_now):
    created = call(
        alice_client,
        "post",
        "/products",
        {
            "name": "Red Bali",
            "vendor": "Leaf & Co",
            "form": "capsules",
            "vein": "red",
            "grams_per_capsule": 0.5,
        },
    )
    assert created.status_code == 201
    product = created.json()
    assert (product["name"], product["form"], product["vein"], product["archived"]) == (
        "Red Bali",
        "capsules",
        "red",
        False,
    )
    changed = call(
        alice_client, "patch", f"/products/{product['uid']}", {"batch": "LOT-42", "seven_oh_percent": 0.02}
    )
    assert changed.json()["batch"] == "LOT-42" and changed.json()["vendor"] == "Leaf & Co"
    assert call(alice_client, "get", f"/products/{product['uid']}").json()["seven_oh_percent"] == 0.02
    assert [p["name"] for p in call(alice_client, "get", "/products").json()] == ["Red Bali"]


def test_a_product_needs_a_name_and_sensible_lab_figures(alice, alice_client, frozen_now):
    response = call(
        alice_client, "post", "/products", {"name": "", "mitragynine_percent": 140, "form": "gummies"}
    )
    assert response.status_code == 400
    assert set(errors_of(response)) == {"name", "mitragynine_percent", "form"}
    assert not m.Product.objects.filter(user=alice).exists()


def test_deleting_a_product_with_doses_archives_it_and_says_so(alice, alice_client, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Green"})
    services.dose_create(user=alice, amount=3, product_uid=product.uid)
    response = call(alice_client, "delete", f"/products/{product.uid}")
    assert response.status_code == 200
    assert response.json()["archived"] is True
    assert "archived, not deleted" in response.json()["message"]
    assert call(alice_client, "get", f"/products/{product.uid}").json()["archived"] is True
    assert m.Dose.objects.get(user=alice).product_id == product.id


def test_a_product_without_doses_is_deleted_and_undo_brings_it_back(alice, alice_client, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Unused"})
    deleted = call(alice_client, "delete", f"/products/{product.uid}").json()
    assert deleted["archived"] is False
    assert call(alice_client, "get", f"/products/{product.uid}").status_code == 404
    call(alice_client, "post", "/changes/undo", {"change_id": deleted["change_id"]})
    assert call(alice_client, "get", f"/products/{product.uid}").json()["name"] == "Unused"


def test_an_archived_product_can_be_brought_back_with_a_patch(alice, alice_client, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Old", "archived": True})
    assert (
        call(alice_client, "patch", f"/products/{product.uid}", {"archived": False}).json()["archived"]
        is False
    )


# --- check-ins --------------------------------------------------------------------------------


def test_a_check_in_computes_its_peg_score_and_names_its_side_effects(alice_client, frozen_now):
    response = call(
        alice_client,
        "post",
        "/checkins",
        {
            "pain_now": 5,
            "peg_pain": 6,
            "peg_enjoyment": 4,
            "peg_activity": 5,
            "side_effects": [
                {"code": "nausea", "severity": "moderate"},
                {"code": "other", "text": "hiccups"},
            ],
        },
    )
    assert response.status_code == 201
    checkin = response.json()
    assert checkin["peg_score"] == 5 and checkin["at"] == "2026-03-07T15:00:00Z"
    assert checkin["side_effects"] == [
        {"code": "nausea", "label": "Nausea", "severity": "moderate", "text": ""},
        {"code": "other", "label": "Other (describe it)", "severity": "mild", "text": "hiccups"},
    ]


def test_a_check_in_without_all_three_peg_items_has_no_peg_score(alice_client, frozen_now):
    assert call(alice_client, "post", "/checkins", {"pain_now": 3, "peg_pain": 4}).json()["peg_score"] is None


def test_check_in_errors_name_their_place(alice, alice_client, frozen_now):
    out_of_range = call(
        alice_client,
        "post",
        "/checkins",
        {"pain_now": 11, "side_effects": [{"code": "nausea", "severity": "awful"}]},
    )
    assert out_of_range.status_code == 400
    assert set(errors_of(out_of_range)) == {"pain_now", "side_effects.0.severity"}
    unknown = call(
        alice_client, "post", "/checkins", {"side_effects": [{"code": "nausea"}, {"code": "dragons"}]}
    )
    assert unknown.status_code == 400
    assert errors_of(unknown) == {"side_effects[1].code": "unknown side effect 'dragons'"}
    assert not m.CheckIn.objects.filter(user=alice).exists()


def test_patching_side_effects_replaces_the_list_and_keeps_the_rest(alice, alice_client, frozen_now):
    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "pain_now": 4, "side_effects": [{"code": "nausea"}, {"code": "itching"}]},
    )
    changed = call(
        alice_client, "patch", f"/checkins/{checkin.uid}", {"side_effects": [{"code": "headache"}]}
    ).json()
    assert [s["code"] for s in changed["side_effects"]] == ["headache"] and changed["pain_now"] == 4


# --- medications, substances, therapies, labs -------------------------------------------------


def test_a_medication_is_kept_with_its_dates(alice_client, frozen_now):
    medication = call(
        alice_client,
        "post",
        "/medications",
        {"name": "Duloxetine", "purpose": "fibromyalgia", "dose_text": "60 mg", "started_on": "2026-01-10"},
    ).json()
    stopped = call(
        alice_client, "patch", f"/medications/{medication['uid']}", {"stopped_on": "2026-03-01"}
    ).json()
    assert (stopped["started_on"], stopped["stopped_on"], stopped["dose_text"]) == (
        "2026-01-10",
        "2026-03-01",
        "60 mg",
    )


def test_a_medication_cannot_stop_before_it_starts(alice, alice_client, frozen_now):
    response = call(
        alice_client,
        "post",
        "/medications",
        {"name": "X", "started_on": "2026-03-01", "stopped_on": "2026-02-01"},
    )
    assert response.status_code == 400
    assert errors_of(response) == {"stopped_on": "is before the start date"}
    assert not m.Medication.objects.filter(user=alice).exists()


def test_alcohol_is_logged_in_standard_drinks(alice, alice_client, frozen_now):
    drink = call(
        alice_client, "post", "/substances", {"kind": "alcohol", "substance": "Beer", "standard_drinks": 2}
    )
    assert drink.status_code == 201 and drink.json()["standard_drinks"] == 2
    missing = call(alice_client, "post", "/substances", {"kind": "alcohol", "substance": "Wine"})
    assert missing.status_code == 400
    assert errors_of(missing) == {"standard_drinks": "alcohol needs the number of standard drinks"}
    too_many = call(
        alice_client, "post", "/substances", {"kind": "alcohol", "substance": "Vodka", "standard_drinks": 61}
    )
    assert "standard_drinks" in errors_of(too_many)
    assert m.SubstanceUse.objects.filter(user=alice).count() == 1


def test_a_therapy_takes_minutes_within_a_day(alice, alice_client, frozen_now):
    started = (frozen_now - timedelta(hours=1)).isoformat()
    therapy = call(
        alice_client, "post", "/therapies", {"kind": "physical_therapy", "minutes": 45, "at": started}
    )
    assert therapy.status_code == 201 and therapy.json()["at"] == "2026-03-07T14:00:00Z"
    for minutes in (0, 1441):
        assert "minutes" in errors_of(
            call(alice_client, "post", "/therapies", {"kind": "exercise", "minutes": minutes})
        )
    assert "kind" in errors_of(call(alice_client, "post", "/therapies", {"kind": "yoga-ish", "minutes": 5}))
    assert m.Therapy.objects.filter(user=alice).count() == 1


def test_a_lab_result_defaults_to_the_tests_usual_unit(alice_client, frozen_now):
    bilirubin = call(
        alice_client, "post", "/labs", {"taken_on": "2026-03-02", "test": "bilirubin", "value": 0.8}
    )
    assert bilirubin.status_code == 201 and bilirubin.json()["unit"] == "mg/dL"
    alt = call(
        alice_client,
        "post",
        "/labs",
        {"taken_on": "2026-03-02", "test": "ALT", "value": 64, "reference_low": 7, "reference_high": 56},
    ).json()
    assert (alt["unit"], alt["reference_high"]) == ("U/L", 56)
    assert "value" in errors_of(
        call(alice_client, "post", "/labs", {"taken_on": "2026-03-02", "test": "AST", "value": -1})
    )


def test_a_timed_entry_in_the_future_is_refused(alice, alice_client, frozen_now):
    later = (frozen_now + timedelta(hours=1)).isoformat()
    response = call(alice_client, "post", "/checkins", {"at": later, "pain_now": 3})
    assert errors_of(response) == {"at": "is more than 5 minutes in the future"}
    assert not m.CheckIn.objects.filter(user=alice).exists()


def test_a_missing_entry_answers_404_in_the_error_shape(alice_client, frozen_now):
    for path in ("/labs/00000000-0000-0000-0000-000000000000", "/therapies/not-a-uid"):
        response = call(alice_client, "get", path)
        assert response.status_code == 404
        assert errors_of(response) == {"": "no such lab" if "labs" in path else "no such therapy"}


def test_every_kind_lists_newest_first_within_a_time_window(alice, alice_client, frozen_now):
    for day in ("2026-02-01", "2026-03-01"):
        services.entry_create(
            user=alice, kind="labs", values={"taken_on": day, "test": "ALT", "value": 30, "unit": "U/L"}
        )
    assert [lab["taken_on"] for lab in call(alice_client, "get", "/labs").json()] == [
        "2026-03-01",
        "2026-02-01",
    ]
    since = call(alice_client, "get", "/labs?start=2026-02-15T00:00:00Z&end=2026-03-07T00:00:00Z").json()
    assert [lab["taken_on"] for lab in since] == ["2026-03-01"]


def test_a_misspelt_medication_is_answered_409_did_you_mean_until_confirmed_and_then_kept_as_typed(
    alice, alice_client
):
    asked = call(alice_client, "post", "/medications", {"name": "oxycodn"})
    assert asked.status_code == 409
    [error] = asked.json()["errors"]
    assert error["field"] == "name" and "did you mean oxycodone?" in error["message"]
    assert not m.Medication.objects.filter(user=alice).exists()

    kept = call(alice_client, "post", "/medications", {"name": "oxycodn", "confirm": True})
    assert kept.status_code == 201 and kept.json()["name"] == "oxycodn"


def test_renaming_a_substance_to_a_misspelling_asks_too(alice, alice_client, frozen_now):
    made = call(alice_client, "post", "/substances", {"kind": "other", "substance": "kava"}).json()

    asked = call(alice_client, "patch", f"/substances/{made['uid']}", {"substance": "tianeptin"})

    assert asked.status_code == 409 and asked.json()["errors"][0]["field"] == "substance"
