from datetime import timedelta

from django.urls import reverse

from speciosa.journal import services


def test_the_insights_page_shows_relief_after_a_dose_with_its_interval_and_n(alice, alice_client, frozen_now):
    for day in range(8):
        at = frozen_now - timedelta(days=day + 1)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at - timedelta(minutes=30), "pain_now": 7}
        )
        services.dose_create(user=alice, amount=3, taken_at=at)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at + timedelta(hours=2), "pain_now": 5 - day % 2}
        )
    page = alice_client.get(reverse("web:insights")).content.decode()
    assert "Across 8 before/after pairs, pain eased by 2.5 points" in page
    assert "over 2 g, up to 5 g" in page


def test_an_empty_journal_says_there_is_not_enough_data_yet(alice_client):
    page = alice_client.get(reverse("web:insights")).content.decode()
    assert "Not enough data yet" in page
    assert "Associations, not causes" in page
