"""The self-check pages: the SOWS form saves and shows the total of 64 with its trend and no severity
label; the DSM-5 self-check shows the count, its band and that it is not a diagnosis; both are listed on
Self-checks, and an answer is deleted like any entry (with Undo); nobody else reaches one."""

from __future__ import annotations

from django.urls import reverse

from speciosa.journal import selfchecks


def page(response) -> str:
    return response.content.decode()


def _answers(values: list[int]) -> dict[str, str]:
    return {f"a{i}": str(v) for i, v in enumerate(values)}


def test_the_sows_form_has_sixteen_statements_with_answer_labels_and_sources(alice_client) -> None:
    html = page(alice_client.get(reverse("web:selfcheck_sows")))
    assert html.count('type="radio" name="a15"') == 5 and 'name="a16"' not in html
    assert "I feel anxious" in html and "Quite a bit" in html and "Extremely" in html
    assert "How do you feel right now?" in html
    assert "Sources:" in html and "Handelsman" in html


def test_saving_the_sows_shows_the_total_and_the_trend(alice, alice_client, frozen_now) -> None:
    selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[0] * 16, now=frozen_now)
    response = alice_client.post(reverse("web:selfcheck_sows"), _answers([2] * 10 + [0] * 6), follow=True)
    html = page(response)
    assert '<span class="figure">20</span> of 64' in html
    assert "has no kratom cut-offs" in html
    assert 'id="sows-trend-card"' in html and "the latest 20 of 64" in html
    assert "mild" not in html.lower().split("<main")[1].split("sources:")[0]  # no severity label
    assert [c.result.total for c in selfchecks.selfcheck_list(user=alice, instrument="sows")] == [20, 0]


def test_a_missing_answer_is_named_and_nothing_is_saved(alice, alice_client) -> None:
    answers = _answers([1] * 16)
    del answers["a2"]
    html = page(alice_client.post(reverse("web:selfcheck_sows"), answers))
    assert "Nothing was saved." in html and 'href="#item-3">3. I am perspiring</a>: choose an answer' in html
    assert 'value="1" checked' in html  # the answers given are kept
    assert selfchecks.selfcheck_list(user=alice, instrument="sows") == []


def test_the_dsm5_result_shows_the_band_and_says_it_is_not_a_diagnosis(alice, alice_client) -> None:
    response = alice_client.post(reverse("web:selfcheck_dsm5"), _answers([1] * 4 + [0] * 7), follow=True)
    html = page(response)
    assert "This is a self-check, not a diagnosis." in html
    assert '<span class="figure">4</span> of 11 criteria: <strong>Moderate</strong>' in html
    assert "4-5 criteria" in html and "What next" in html
    assert "Past answers" in html


def test_the_self_checks_page_lists_the_latest_of_each(alice, alice_client, frozen_now) -> None:
    html = page(alice_client.get(reverse("web:selfchecks")))
    assert "No withdrawal scores yet." in html and "Not answered yet." in html
    selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[1] * 16, now=frozen_now)
    selfchecks.selfcheck_create(user=alice, instrument="dsm5", answers=[1] * 2 + [0] * 9, now=frozen_now)
    html = page(alice_client.get(reverse("web:selfchecks")))
    assert "16 of 64" in html and "2 of 11</strong> (mild)" in html


def test_an_answer_is_deleted_after_a_confirm_page_and_undo_brings_it_back(
    alice, alice_client, frozen_now
) -> None:
    check = selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[1] * 16, now=frozen_now)
    url = reverse("web:selfcheck_delete", kwargs={"uid": check.entry.uid})
    assert "Delete" in page(alice_client.get(url))
    html = page(alice_client.post(url, follow=True))
    assert selfchecks.selfcheck_list(user=alice, instrument="sows") == []
    assert "Deleted the self-check" in html and "Undo" in html


def test_another_person_gets_404_for_a_self_check(alice, bob_client, frozen_now) -> None:
    check = selfchecks.selfcheck_create(user=alice, instrument="dsm5", answers=[0] * 11, now=frozen_now)
    for name in ("selfcheck", "selfcheck_delete"):
        url = reverse(f"web:{name}", kwargs={"uid": check.entry.uid})
        assert bob_client.get(url).status_code == 404
    assert (
        bob_client.post(reverse("web:selfcheck_delete", kwargs={"uid": check.entry.uid})).status_code == 404
    )
    assert len(selfchecks.selfcheck_list(user=alice, instrument="dsm5")) == 1
