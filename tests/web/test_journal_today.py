"""Today: the day's doses at local times with totals, the last check-in, and two-tap logging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services


class Forms(HTMLParser):
    """The page's forms as (action, fields, button text), and which <details> summary each sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.summary = ""
        self._in_summary = False
        self._in_button = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "summary":
            self._in_summary, self.summary = True, ""
        elif tag == "form":
            self.forms.append(
                {"action": attributes.get("action"), "fields": {}, "button": "", "in": self.summary}
            )
        elif tag == "input" and self.forms and attributes.get("type") == "hidden":
            self.forms[-1]["fields"][attributes["name"]] = attributes.get("value", "")
        elif tag == "button":
            self._in_button = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "summary":
            self._in_summary = False
        elif tag == "button":
            self._in_button = False
        elif tag == "details":
            self.summary = ""

    def handle_data(self, data: str) -> None:
        if self._in_summary:
            self.summary += data.strip()
        if self._in_button and self.forms:
            self.forms[-1]["button"] += data.strip()


def forms_on(page: str) -> list[dict]:
    parser = Forms()
    parser.feed(page)
    return parser.forms


def tap(client, form: dict):
    """Submit a form the way a browser would: its fields to its action."""
    return client.post(form["action"], form["fields"], follow=True)


@pytest.fixture
def maeng_da(alice):
    return services.entry_create(
        user=alice, kind="products", values={"name": "Maeng Da", "grams_per_capsule": 0.5}
    )


def test_today_shows_the_days_doses_at_local_times_with_the_day_and_24_hour_totals(
    alice, alice_client, frozen_now
):
    services.dose_create(
        user=alice, amount=3, taken_at=datetime(2026, 3, 6, 20, 0, tzinfo=UTC)
    )  # 15:00 yesterday
    services.dose_create(user=alice, amount=2, taken_at=datetime(2026, 3, 7, 13, 0, tzinfo=UTC))  # 08:00
    services.dose_create(user=alice, amount=5, taken_at=datetime(2026, 3, 7, 14, 30, tzinfo=UTC))  # 09:30
    page = alice_client.get(reverse("web:today"))
    assert page.status_code == 200
    assert page.context["nav"] == "today" and 'aria-current="page"' in page.text
    listed = [dose.grams for dose, _ in page.context["doses"]]
    assert listed == [2, 5]
    assert ">08:00</time>" in page.text and ">09:30</time>" in page.text
    assert '<span class="figure">10 g</span> in the last 24 hours' in page.text
    assert '<span class="figure">7 g</span> today since midnight' in page.text
    assert "7 g so far today" in page.text


def test_repeat_last_dose_logs_the_same_amount_and_product_now_in_one_tap(
    alice, alice_client, frozen_now, maeng_da
):
    services.dose_create(
        user=alice, amount=4, product_uid=maeng_da.uid, taken_at=frozen_now - timedelta(hours=5)
    )
    page = alice_client.get(reverse("web:today")).text
    (repeat,) = [form for form in forms_on(page) if form["button"].startswith("Repeat last dose")]
    assert repeat["button"] == "Repeat last dose (4 g · Maeng Da)"
    response = tap(alice_client, repeat)
    newest = m.Dose.objects.filter(user=alice).first()
    assert m.Dose.objects.filter(user=alice).count() == 2
    assert (newest.amount, newest.unit, newest.product, newest.taken_at) == (4, "g", maeng_da, frozen_now)
    assert "Logged 4 g · Maeng Da at 10:00." in response.text
    assert response.redirect_chain[-1][0] == reverse("web:today")


def test_a_product_then_one_of_its_recent_amounts_logs_a_dose_in_two_taps(
    alice, alice_client, frozen_now, maeng_da
):
    for amount, unit in [(3, "g"), (3, "g"), (2, "capsule"), (4, "g")]:
        services.dose_create(
            user=alice,
            amount=amount,
            unit=unit,
            product_uid=maeng_da.uid,
            taken_at=frozen_now - timedelta(days=1),
        )
    page = alice_client.get(reverse("web:today")).text
    assert '<details class="product">' in page
    in_product = [form for form in forms_on(page) if form["in"] == "Maeng Da"]
    assert [form["button"] for form in in_product] == ["3 g", "4 g", "2 capsules"]
    response = tap(alice_client, in_product[2])  # tap 1 opened the product; tap 2 is "2 capsules"
    dose = m.Dose.objects.filter(user=alice, taken_at=frozen_now).get()
    assert (dose.amount, dose.unit, dose.grams, dose.product) == (2, "capsule", 1, maeng_da)
    assert "Logged 2 capsules (1 g) · Maeng Da at 10:00." in response.text


def test_other_amount_opens_the_dose_form_with_the_product_chosen(alice, alice_client, frozen_now, maeng_da):
    page = alice_client.get(reverse("web:today")).text
    link = f"{reverse('web:dose_new')}?product={maeng_da.uid}"
    assert f'href="{link}"' in page and "Other amount…" in page
    form = alice_client.get(link).context["form"]
    assert form.initial["product"] == str(maeng_da.uid)


def test_without_an_earlier_dose_there_is_nothing_to_repeat(alice, alice_client, frozen_now):
    assert "Repeat last dose" not in alice_client.get(reverse("web:today")).text
    response = alice_client.post(reverse("web:dose_repeat"), follow=True)
    assert "Nothing was logged: there is no earlier dose to repeat yet." in response.text
    assert not m.Dose.objects.exists()


def test_repeating_an_unusually_large_dose_goes_to_the_form_to_confirm(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=120, confirmed=True, taken_at=frozen_now - timedelta(hours=8))
    response = alice_client.post(reverse("web:dose_repeat"))
    assert response["Location"] == reverse("web:dose_new") + "?amount=120&unit=g"
    assert m.Dose.objects.count() == 1


def test_today_shows_the_last_check_in_with_its_peg_score(alice, alice_client, frozen_now):
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "pain_now": 7, "peg_pain": 4, "peg_enjoyment": 5, "peg_activity": 7},
    )
    page = alice_client.get(reverse("web:today")).text
    assert "pain now <strong>7</strong>/10" in page
    assert "PEG score <strong>5.3</strong>/10" in page


def test_today_links_to_check_in_and_to_logging_everything_else(alice, alice_client, frozen_now):
    page = alice_client.get(reverse("web:today")).text
    for name in ("checkin_new", "dose_new", "history", "medications"):
        assert f'href="{reverse(f"web:{name}")}"' in page
    assert "Alcohol or another substance" in page and "Therapy or activity" in page and "Lab result" in page
    assert 'src="http' not in page and 'href="http' not in page


def test_a_product_not_yet_used_offers_the_persons_own_recent_amounts(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3)
    fresh = services.entry_create(user=alice, kind="products", values={"name": "New Green"})
    page = alice_client.get(reverse("web:today")).text
    assert 'aria-label="Log 3 g of New Green now"' in page
    response = alice_client.post(
        reverse("web:dose_new"), {"product": str(fresh.uid), "amount": "3", "unit": "g"}
    )
    assert response.status_code in (200, 302)
    assert m.Dose.objects.filter(product=fresh, grams=3).exists()


def quick_checkin(page: str) -> str:
    return page.split('class="quick-checkin"')[1].split("</section>")[0]


def test_one_tap_on_pain_now_saves_a_check_in_with_that_pain_only_and_offers_undo(
    alice, alice_client, frozen_now
):
    page = alice_client.get(reverse("web:today")).text
    row = quick_checkin(page)
    assert [f'name="pain_now" value="{n}"' in row for n in range(11)] == [True] * 11
    assert 'name="uid"' in row and 'name="next" value="/"' in row
    uid = row.split('name="uid" value="')[1].split('"')[0]

    posted = {"uid": uid, "next": "/", "pain_now": "7"}
    response = alice_client.post(reverse("web:checkin_new"), posted, follow=True)
    alice_client.post(reverse("web:checkin_new"), posted, follow=True)  # a double tap logs once

    checkin = m.CheckIn.objects.get(user=alice)
    assert (checkin.pain_now, checkin.peg_pain, checkin.mood, checkin.at) == (7, None, None, frozen_now)
    assert response.redirect_chain[-1][0] == "/"
    assert "Checked in: Pain 7 · PEG –." in response.text
    assert ">Undo</button>" in response.text
    assert f'href="{reverse("web:checkin_new")}"' in row, "the full check-in stays one link away"


def test_the_log_actions_come_first_then_findings_then_the_quick_check_in_then_the_day(
    alice, alice_client, frozen_now, maeng_da
):
    services.dose_create(
        user=alice, amount=4, product_uid=maeng_da.uid, taken_at=frozen_now - timedelta(hours=1)
    )
    page = alice_client.get(reverse("web:today")).text
    order = [
        page.index("Repeat last dose"),
        page.index('<details class="product">'),
        page.index('id="findings-heading"'),
        page.index('id="quick-checkin-heading"'),
        page.index('id="totals-heading"'),
        page.index('id="doses-heading"'),
        page.index('id="timeline-heading"'),
        page.index('id="checkin-heading"'),
        page.index('id="more-heading"'),
    ]
    assert order == sorted(order)
    actions = page.split('class="actions main-actions"')[1].split("</p>")[0]
    assert "secondary" not in actions, "the main actions are primary buttons"
    assert ">Log dose</a>" in actions and ">Check in</a>" in actions


def test_the_set_up_checklist_lists_what_is_not_done_and_drops_each_step_once_done(
    alice, alice_client, frozen_now
):
    from speciosa.journal import selectors

    steps = selectors.setup_checklist(user=alice)
    assert [(s.code, s.done) for s in steps] == [
        ("product", False),
        ("teaspoon", False),
        ("medications", False),
        ("country", False),
    ]
    page = alice_client.get(reverse("web:today")).text
    setup = page.split('id="setup-heading"')[1].split("</section>")[0]
    assert "Add your product" in setup and "Weigh a teaspoon of your powder" in setup
    assert "List your medications" in setup
    assert f'href="{reverse("web:product_new")}"' in setup
    assert f'href="{reverse("web:settings")}#teaspoon-heading"' in setup
    assert f'href="{reverse("web:settings")}#zone-heading"' in setup and "Choose your country" in setup

    services.entry_create(user=alice, kind="products", values={"name": "Red Bali"})
    services.profile_update(user=alice, teaspoon_grams=2.5)
    setup = alice_client.get(reverse("web:today")).text.split('id="setup-heading"')[1].split("</section>")[0]
    assert "Add your product" not in setup and "Weigh a teaspoon" not in setup
    assert "List your medications" in setup

    services.entry_create(user=alice, kind="medications", values={"name": "sertraline"})
    assert "Choose your country" in alice_client.get(reverse("web:today")).text
    services.profile_update(user=alice, country="US")
    assert all(s.done for s in selectors.setup_checklist(user=alice))
    assert 'id="setup-heading"' not in alice_client.get(reverse("web:today")).text


def test_an_empty_journal_is_calm_one_line_instead_of_a_heading_per_empty_section(
    alice, alice_client, frozen_now
):
    page = alice_client.get(reverse("web:today")).text
    assert "No doses logged today. Once you log, this page shows" in page
    for heading in ('id="totals-heading"', 'id="checkin-heading"', 'id="findings-heading"'):
        assert heading not in page
    services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "pain_now": 4})
    page = alice_client.get(reverse("web:today")).text
    assert 'id="totals-heading"' in page and 'id="checkin-heading"' in page
    assert "Once you log, this page shows" not in page


def test_peg_reads_to_one_decimal_on_today(alice, alice_client, frozen_now):
    values = {"at": frozen_now, "peg_pain": 7, "peg_enjoyment": 7, "peg_activity": 6}
    services.entry_create(user=alice, kind="checkins", values=values)
    page = alice_client.get(reverse("web:today")).text
    assert "PEG score <strong>6.7</strong>/10" in page and "6.67" not in page


def timeline_of(page: str) -> str:
    return page.split('id="timeline-heading"')[1].split("</section>")[0]


def test_a_dose_before_its_felt_effects_is_not_called_active_now(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(minutes=1))
    html = timeline_of(alice_client.get(reverse("web:today")).text)
    assert "(before felt effects are expected)" in html
    assert "Effects expected now" not in html


def test_the_last_24_hours_timeline_axis_spans_the_24_hours_with_a_label_every_six_hours(
    alice, alice_client, frozen_now
):
    # frozen_now is 10:00 in New York; a dose at 09:00 ends by the afternoon.
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=1))
    html = timeline_of(alice_client.get(reverse("web:today")).text)
    axis = html.split('class="timeline-axis tl-ticks"')[1].split("</div>")[0]
    ticks = [part.split(">")[1].split("<")[0] for part in axis.split('class="tl-tick')[1:]]
    assert ticks == ["12:00", "18:00", "00:00", "06:00", "12:00"], "Friday noon to Saturday noon and after"
    assert "The axis runs from Fri 10:00 to" in html, "it starts 24 hours before now"


def test_one_to_three_hours_after_a_dose_today_asks_for_the_after_rating_until_one_is_given(
    alice, alice_client, frozen_now
):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(minutes=90))
    page = alice_client.get(reverse("web:today")).text
    assert '<p class="after-dose">Your ' in page and "a rating now lets" in page

    services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "pain_now": 4})
    assert 'class="after-dose"' not in alice_client.get(reverse("web:today")).text


@pytest.mark.parametrize("ago", [timedelta(minutes=20), timedelta(hours=4)])
def test_no_after_rating_is_asked_for_a_dose_under_an_hour_or_over_three_hours_ago(
    alice, alice_client, frozen_now, ago
):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - ago)
    assert 'class="after-dose"' not in alice_client.get(reverse("web:today")).text
