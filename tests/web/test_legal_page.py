"""/learn/legal/: the lookup form, every entry by status with as-of and confidence, the person's place first."""

from __future__ import annotations

from django.urls import reverse

from speciosa.journal import services


def get(client, **params) -> str:
    response = client.get(reverse("web:learn_legal"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_every_entry_grouped_by_status(alice_client):
    html = get(alice_client)
    assert '<label for="legal-place">Place</label>' in html
    assert 'id="us-state-al"' in html and 'id="country-th"' in html
    assert "Banned" in html and "Regulated" in html
    assert "Verify locally" in html
    assert "As of" in html


def test_a_lookup_shows_the_locality_its_state_and_federal(alice_client):
    html = get(alice_client, place="San Diego, CA")
    assert "San Diego, CA: Banned" in html
    assert "California (US state): Restricted" in html
    assert "United States (federal)" in html


def test_an_unknown_place_says_we_have_no_entry(alice_client):
    html = get(alice_client, place="Atlantis")
    assert "We have no entry for this place" in html


def test_the_persons_own_place_comes_first(alice, alice_client):
    services.profile_update(user=alice, timezone="America/Chicago", region="LA")
    html = get(alice_client)
    assert "Where you live" in html
    assert html.index("Where you live") < html.index("Every entry, by status")
    assert html.index('id="mine-us-state-la"') < html.index("Every entry, by status")


def test_no_id_is_used_twice_when_an_entry_shows_above_the_full_list(alice, alice_client):
    import re

    services.profile_update(user=alice, timezone="America/Chicago", region="LA")
    html = alice_client.get("/learn/legal/?place=Louisiana").content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
