"""The demo journals tell the stories in docs/demo.md, the same way every time."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from statistics import mean
from zoneinfo import ZoneInfo

import pytest

from speciosa.core.journal_format import ENTRY_KINDS, JournalDocument
from speciosa.demo import stories

END = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
WITHDRAWAL_CODES = {
    "restlessness",
    "muscle_aches",
    "insomnia",
    "runny_nose",
    "diarrhoea",
    "low_mood",
    "craving",
}


def build(key: str, *, end: datetime = END, seed: int = 0) -> JournalDocument:
    return JournalDocument.model_validate(stories.case_named(key).journal(end=end, seed=seed))


def local(moment: datetime, key: str) -> date:
    return moment.astimezone(ZoneInfo(stories.case_named(key).timezone)).date()


def doses_by_day(document: JournalDocument, key: str) -> dict[date, list[float]]:
    days: dict[date, list[float]] = defaultdict(list)
    for dose in document.doses:
        days[local(dose.taken_at, key)].append(dose.grams)
    return days


def effects_by_day(document: JournalDocument, key: str) -> dict[date, set[str]]:
    days: dict[date, set[str]] = defaultdict(set)
    for checkin in document.checkins:
        days[local(checkin.at, key)].update(effect.code for effect in checkin.side_effects)
    return days


def uids(document: JournalDocument) -> set[object]:
    return {record.uid for kind in ENTRY_KINDS for record in getattr(document, kind)}


def month(document: JournalDocument, key: str, number: int) -> list[float]:
    """Grams of every dose in the story's month `number` (30-day months from the first dose; -1 = last)."""
    days = doses_by_day(document, key)
    first, last = min(days), max(days)
    start = first + timedelta(days=30 * number) if number >= 0 else last - timedelta(days=29)
    return [g for day, grams in days.items() if start <= day < start + timedelta(days=30) for g in grams]


# --- every story --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", stories.CASE_STUDIES, ids=lambda case: case.key)
def test_each_story_is_a_valid_journal_of_at_least_six_months_ending_at_end(case):
    document = build(case.key)
    assert document.profile.timezone == case.timezone
    moments = [d.taken_at for d in document.doses] + [c.at for c in document.checkins]
    assert max(moments) <= END
    assert max(moments) - min(moments) >= timedelta(days=182)
    assert max(moments) >= END - timedelta(days=3)
    assert len(uids(document)) == sum(len(getattr(document, kind)) for kind in ENTRY_KINDS)


@pytest.mark.parametrize("case", stories.CASE_STUDIES, ids=lambda case: case.key)
def test_each_story_is_the_same_for_a_seed_and_differs_for_another(case):
    assert case.journal(end=END, seed=3) == case.journal(end=END, seed=3)
    assert uids(build(case.key, seed=3)).isdisjoint(uids(build(case.key, seed=4)))


@pytest.mark.parametrize("case", stories.CASE_STUDIES, ids=lambda case: case.key)
def test_a_story_resumed_a_week_later_keeps_its_dates_and_only_completes_its_last_day(case):
    first = build(case.key)
    anchor = next(p for p in first.products if p.uid == case.anchor_uid())
    later = build(case.key, end=case.resume_end(first_day=anchor.purchased_on, now=END + timedelta(days=7)))
    before = {r.uid: r for kind in ENTRY_KINDS for r in getattr(first, kind)}
    after = {r.uid: r for kind in ENTRY_KINDS for r in getattr(later, kind)}
    assert all(after[uid] == record for uid, record in before.items())
    added = [after[uid] for uid in after.keys() - before.keys()]
    assert added and all(
        local(getattr(r, "taken_at", None) or r.at, case.key) == local(END, case.key) for r in added
    )


@pytest.mark.parametrize("key", ["backpain", "fibro", "opioid"])
def test_on_about_a_third_of_days_a_case_story_rates_pain_1_to_3_hours_after_the_first_dose(key):
    document = build(key)
    first_doses: dict[date, datetime] = {}
    for dose in document.doses:
        day = local(dose.taken_at, key)
        first_doses[day] = min(first_doses.get(day, dose.taken_at), dose.taken_at)
    after = [
        c
        for c in document.checkins
        if c.pain_now is not None and c.peg_pain is None and c.mood is None and c.sleep_quality is None
    ]
    assert all(not c.side_effects and not c.note for c in after)
    assert all(
        timedelta(hours=1) <= c.at - first_doses[local(c.at, key)] <= timedelta(hours=3) for c in after
    )
    start = local(END, key) - timedelta(days=stories.case_named(key).days - 1)
    story_days = sorted((local(c.at, key) - start).days for c in after)
    asked = {  # the days on which the story answers Today's "after" prompt
        "backpain": range(stories.BACK_PAIN_DAYS),
        "fibro": range(stories.FIBRO_TAPER_START),  # not during the taper
        "opioid": range(stories.OXYCODONE_STOP, stories.OPIOID_DAYS),  # not while oxycodone could share in it
    }[key]
    assert set(story_days) <= set(asked)
    assert 0.2 <= len(story_days) / len(asked) <= 0.45


def test_entries_are_in_the_persons_local_time_across_the_daylight_saving_change():
    document = build("backpain")
    chicago = ZoneInfo("America/Chicago")
    first_doses = defaultdict(list)
    for dose in document.doses:
        first_doses[local(dose.taken_at, "backpain")].append(dose.taken_at.astimezone(chicago).hour)
    summer, winter = date(2025, 7, 15), date(2026, 1, 14)  # a Tuesday in summer time, a Wednesday in winter
    assert min(first_doses[summer]) in (6, 7) and min(first_doses[winter]) in (6, 7)


# --- back pain, 45 ------------------------------------------------------------------------------


def test_back_pain_moves_from_2_g_to_5_g_a_dose_over_six_months_and_stays_there():
    document = build("backpain")
    assert mean(month(document, "backpain", 0)) == pytest.approx(2.0, abs=0.2)
    assert mean(month(document, "backpain", -1)) == pytest.approx(5.0, abs=0.2)
    months_7_to_9 = [mean(month(document, "backpain", n)) for n in (6, 7, 8)]
    assert max(months_7_to_9) - min(months_7_to_9) < 0.25
    whole_days = [
        grams for day, grams in doses_by_day(document, "backpain").items() if day < local(END, "backpain")
    ]
    assert {len(grams) for grams in whole_days} == {2, 3}


def test_back_pain_has_nausea_or_dizziness_exactly_on_the_days_with_a_dose_above_5_g():
    document = build("backpain")
    doses, effects = doses_by_day(document, "backpain"), effects_by_day(document, "backpain")
    high_days = {day for day, grams in doses.items() if max(grams) > 5}
    sick_days = {day for day, codes in effects.items() if codes & {"nausea", "dizziness"}}
    assert len(high_days) >= 5
    assert sick_days == high_days


def test_back_pain_improves_modestly_then_plateaus():
    document = build("backpain")
    peg = [
        (c.at, (c.peg_pain + c.peg_enjoyment + c.peg_activity) / 3) for c in document.checkins if c.peg_pain
    ]
    start = min(at for at, _ in peg)

    def months(first: int, last: int) -> float:
        return mean(s for at, s in peg if first * 30 <= (at - start).days < last * 30)

    assert 1.0 < months(0, 1) - months(6, 9) < 3.5
    assert abs(months(3, 6) - months(6, 9)) < 0.6


def test_back_pain_keeps_powders_therapy_exercise_and_a_drink_or_two():
    document = build("backpain")
    assert len(document.products) == 2
    assert all(p.form == "powder" and p.vendor and p.vein != "unknown" and p.batch for p in document.products)
    assert {t.kind for t in document.therapies} >= {"physical_therapy", "exercise"}
    drinks = [s.standard_drinks for s in document.substances if s.kind == "alcohol"]
    assert drinks and set(drinks) <= {1, 2}


# --- fibromyalgia, 30 ---------------------------------------------------------------------------


def daily_totals(document: JournalDocument, key: str) -> list[tuple[date, float]]:
    days = doses_by_day(document, key)
    first, last = min(days), local(END, key)
    return [
        (first + timedelta(days=n), sum(days.get(first + timedelta(days=n), [])))
        for n in range((last - first).days + 1)
    ]


def test_fibro_climbs_from_about_4_g_to_about_15_g_a_day_then_tapers_to_nothing_over_nine_months():
    document = build("fibro")
    totals = daily_totals(document, "fibro")
    grams = [g for _, g in totals]
    weekly = [mean(grams[i : i + 7]) for i in range(len(grams) - 6)]
    assert mean(grams[:14]) == pytest.approx(4.5, abs=0.8)
    assert max(weekly) == pytest.approx(15, abs=1.5)
    tapering_from = max(i for i, week in enumerate(weekly) if week >= 0.9 * max(weekly))
    last_dose = max(i for i, g in enumerate(grams) if g > 0)
    assert 260 <= last_dose - tapering_from <= 290
    assert all(g == 0 for g in grams[last_dose + 1 :]) and len(grams) - last_dose > 28


def test_fibro_taper_follows_the_sourced_pace_a_tenth_of_the_current_amount_held_a_week_slower_at_the_end():
    """People copy examples: above 2 g no step cuts more than an eighth of the current amount; every
    step is held at least a week; every fourth step is held two weeks until she slows down; from 2 g the
    steps are held two weeks; amounts are weighable (0.25 g). Her logged grams follow the plan's target."""
    starts = stories.FIBRO_STEP_STARTS
    targets = [stories.fibro_target(day) for day in starts]
    held = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    before = 15.0
    for grams, days in zip(targets, held, strict=False):
        assert grams * 4 == int(grams * 4) and days >= 7
        if before > 2:
            assert (before - grams) / before <= 0.125
        if grams < 2:
            assert days == 14
        before = grams
    assert [held[3], held[7], held[11]] == [14, 14, 14]
    assert targets[-2:] == [0.25, 0.0]
    document = build("fibro")
    totals = dict(daily_totals(document, "fibro"))
    start = min(totals)
    taper_days = range(stories.FIBRO_TAPER_START, stories.FIBRO_STOP)
    near = [
        abs(totals[start + timedelta(days=day)] - stories.fibro_target(day))
        <= 0.1 * stories.fibro_target(day)
        for day in taper_days
    ]
    assert sum(near) >= 0.95 * len(near)


def test_fibro_follows_a_stored_plan_that_replays_to_the_targets_she_logs_and_finishes():
    from speciosa.core.taper import follow as tf
    from speciosa.core.taper.schedule import PlanSpec

    document = build("fibro")
    (plan,) = document.tapers
    assert (plan.start_grams, plan.pace, plan.measure_grams, plan.doses_per_day) == (
        15.0,
        "standard",
        0.25,
        4,
    )
    assert [e.kind for e in plan.events] == [
        "hold",
        "bad_day",
        "resume",
        "hold",
        "hold",
        "slow",
        "slow",
        "resume",
    ]
    spec = PlanSpec.of_pace(
        plan.pace,
        start_grams=plan.start_grams,
        measure_grams=plan.measure_grams,
        doses_per_day=plan.doses_per_day,
    )
    sows = [c for c in document.selfchecks if c.instrument == "sows"]
    progress = tf.follow(
        spec,
        start_on=plan.start_on,
        today=local(END, "fibro"),
        events=[tf.Event(e.day, e.kind, e.days, e.note) for e in plan.events],
        scores=[tf.Score(local(c.at, "fibro"), sum(c.answers)) for c in sows],
        logged=dict(daily_totals(document, "fibro")),
    )
    assert progress.state == "finished"
    assert plan.start_on == min(dict(daily_totals(document, "fibro"))) + timedelta(
        days=stories.FIBRO_TAPER_START
    )
    tapering = [d for d in progress.days if d.grams > 0]
    assert sum(not d.over for d in tapering) >= 0.95 * len(tapering)
    paused = [reason for _, _, reason in progress.pauses]
    assert len(paused) == 2 and "bad day" in paused[0] and "(SOWS)" in paused[1]  # the bad day; stopping


def test_fibro_withdrawal_scores_rise_after_each_step_and_most_after_stopping():
    document = build("fibro")
    start = min(local(d.taken_at, "fibro") for d in document.doses) + timedelta(
        days=stories.FIBRO_TAPER_START
    )
    sows = {
        (local(c.at, "fibro") - start).days: sum(c.answers)
        for c in document.selfchecks
        if c.instrument == "sows"
    }
    days = sorted(sows)
    assert all(2 <= b - a <= 3 for a, b in zip(days, days[1:], strict=False))
    assert all(0 <= total <= 64 for total in sows.values())

    def mean_of(first: int, last: int) -> float:
        found = [sows[d] for d in days if first <= d <= last]
        return mean(found) if found else float("nan")

    steps = [day - stories.FIBRO_TAPER_START for day in stories.FIBRO_STEP_STARTS]
    early = [mean_of(s, s + 2) for s in steps]
    late = [mean_of(s + 4, s + 6) for s in steps]
    compared = [(e, lt) for e, lt in zip(early, late, strict=True) if e == e and lt == lt]
    assert sum(e > lt for e, lt in compared) >= 0.7 * len(compared)
    stopped = stories.FIBRO_STOP - stories.FIBRO_TAPER_START
    assert mean_of(stopped, stopped + 6) > 2 * max(mean_of(0, stopped - 1), 1)
    answered = [c.answers for c in document.selfchecks if c.instrument == "sows" and sum(c.answers) >= 10]
    assert all(sum(1 for a in answers if a) >= 3 for answers in answered)  # spread over the items


def test_fibro_dsm5_self_checks_count_more_criteria_after_the_failed_cut_than_after_stopping():
    document = build("fibro")
    checks = sorted((c for c in document.selfchecks if c.instrument == "dsm5"), key=lambda c: c.at)
    assert [sum(c.answers) for c in checks] == [7, 3]
    first = min(local(d.taken_at, "fibro") for d in document.doses)
    assert (local(checks[0].at, "fibro") - first).days == stories.FIBRO_CUT_ATTEMPT[-1] + 1
    assert (local(checks[1].at, "fibro") - first).days > stories.FIBRO_STOP


def test_fibro_doses_more_often_as_use_climbs():
    days = doses_by_day(build("fibro"), "fibro")
    ordered = [len(days[day]) for day in sorted(days)]
    assert set(ordered[:30]) == {2}
    assert set(ordered[200:260]) >= {4, 5}


def test_fibro_withdrawal_peaks_after_each_taper_step_and_sleep_and_mood_dip():
    document = build("fibro")
    start = min(local(d.taken_at, "fibro") for d in document.doses) + timedelta(
        days=stories.FIBRO_TAPER_START
    )

    def withdrawal(first: int, last: int) -> float:
        """How many withdrawal symptoms a check-in held, on average, on days `first`..`last` of the taper."""
        found = [
            len({e.code for e in c.side_effects} & WITHDRAWAL_CODES)
            for c in document.checkins
            if first <= (local(c.at, "fibro") - start).days <= last and c.peg_pain is not None
        ]
        return mean(found)

    steps = [day - stories.FIBRO_TAPER_START for day in stories.FIBRO_STEP_STARTS]
    assert sum(withdrawal(s, s + 2) > withdrawal(s + 4, s + 6) for s in steps) >= 0.8 * len(steps)
    stopped = stories.FIBRO_STOP - stories.FIBRO_TAPER_START
    assert withdrawal(stopped + 1, stopped + 7) > 2 * withdrawal(stopped + 20, stopped + 30)
    assert withdrawal(-100, -30) == 0
    codes = {e.code for c in document.checkins for e in c.side_effects}
    assert codes >= WITHDRAWAL_CODES

    def scores(name: str, first: int, last: int) -> float:
        return mean(
            getattr(c, name)
            for c in document.checkins
            if first <= (local(c.at, "fibro") - start).days <= last and getattr(c, name) is not None
        )

    assert scores("sleep_quality", 0, 91) < scores("sleep_quality", -60, -20) - 0.8
    assert scores("mood", 0, 91) < scores("mood", -60, -20) - 0.8


def test_fibro_pain_does_not_improve_while_use_climbs():
    document = build("fibro")
    first = min(c.at for c in document.checkins)
    by_month = defaultdict(list)
    for checkin in document.checkins:
        if checkin.peg_pain is not None:
            by_month[(checkin.at - first).days // 30].append(checkin.peg_pain)
    assert mean(by_month[7]) >= mean(by_month[0]) - 0.3


def test_fibro_has_duloxetine_and_a_new_batch_of_the_same_powder():
    document = build("fibro")
    duloxetine = next(m for m in document.medications if m.name == "Duloxetine")
    assert duloxetine.dose_text == "60 mg" and duloxetine.stopped_on is None
    batches = {p.batch for p in document.products if p.name == "Red Maeng Da"}
    assert len(batches) == 2 and len(document.products) >= 3


# --- opioid transition, 32 ----------------------------------------------------------------------


def test_opioid_transition_overlaps_prescribed_oxycodone_with_kratom_capsules():
    document = build("opioid")
    oxycodone = next(m for m in document.medications if m.name == "Oxycodone")
    days = sorted(doses_by_day(document, "opioid"))
    overlap = [d for d in days if oxycodone.started_on <= d <= oxycodone.stopped_on]
    assert len(overlap) >= 30 and days[-1] > oxycodone.stopped_on
    tablets = {local(s.at, "opioid") for s in document.substances if s.substance == "oxycodone"}
    assert max(tablets) == oxycodone.stopped_on and len(tablets & set(overlap)) >= 30
    assert "taper" in oxycodone.note.lower() and "5 mg" in oxycodone.note


def test_opioid_transition_logs_capsules_with_the_products_grams_per_capsule():
    document = build("opioid")
    per_capsule = {p.uid: p.grams_per_capsule for p in document.products}
    assert all(p.form == "capsules" and p.grams_per_capsule for p in document.products)
    assert len(set(per_capsule.values())) == 2
    for dose in document.doses:
        assert dose.unit == "capsule" and 6 <= dose.amount <= 8
        assert dose.grams == pytest.approx(dose.amount * per_capsule[dose.product_uid])


def test_opioid_transition_has_early_withdrawal_pain_and_a_liver_panel():
    document = build("opioid")
    start = min(local(c.at, "opioid") for c in document.checkins)
    early = [
        e.code for c in document.checkins if (local(c.at, "opioid") - start).days < 80 for e in c.side_effects
    ]
    late = [
        e.code
        for c in document.checkins
        if (local(c.at, "opioid") - start).days > 120
        for e in c.side_effects
    ]
    assert {"runny_nose", "sweating", "muscle_aches"} <= set(early)
    assert not {"runny_nose", "sweating", "muscle_aches"} & set(late)
    assert sum(1 for c in document.checkins if c.peg_pain is not None) > 150
    panels = defaultdict(dict)
    for lab in document.labs:
        panels[lab.taken_on][lab.test.value] = lab
    assert len(panels) >= 1
    for panel in panels.values():
        assert set(panel) == {"ALT", "AST", "ALP", "bilirubin"}
        assert all(
            lab.unit and lab.reference_low is not None and lab.reference_high for lab in panel.values()
        )
        assert panel["bilirubin"].unit == "mg/dL" and panel["ALT"].unit == "U/L"


# --- synthetic ----------------------------------------------------------------------------------


def test_a_synthetic_year_has_about_four_doses_two_checkins_and_one_event_a_day():
    document = JournalDocument.model_validate(stories.synthetic_journal(days=365, end=END))
    assert len(document.doses) == pytest.approx(1460, rel=0.05)
    assert len(document.checkins) == pytest.approx(730, abs=2)
    assert len(document.substances) + len(document.therapies) == pytest.approx(365, abs=1)
    assert 3 <= len(document.medications) <= 10
    assert any(c.side_effects for c in document.checkins)
    assert all(c.peg_pain is not None for c in document.checkins[1::2])
    assert max(d.taken_at for d in document.doses) <= END


def test_a_synthetic_journal_is_the_same_for_a_seed_and_ten_years_build_quickly():
    import time

    assert stories.synthetic_journal(days=30, end=END, seed=1) == stories.synthetic_journal(
        days=30, end=END, seed=1
    )
    assert stories.synthetic_journal(days=30, end=END, seed=1) != stories.synthetic_journal(
        days=30, end=END, seed=2
    )
    started = time.perf_counter()
    ten_years = stories.synthetic_journal(days=3650, end=END)
    assert time.perf_counter() - started < 5  # about 0.4 s on the project machine; generous for slow CI
    assert len(ten_years["doses"]) == pytest.approx(14600, rel=0.03)
