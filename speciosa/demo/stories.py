"""Demo journals: three case studies and a synthetic journal for benchmarks.

Pure and deterministic. A `random.Random` seeded with the story's name and `seed` draws every
detail, in the same order whatever `end` is (a second one draws only the pain ratings 1–3 hours after
a dose, added later, so that every other entry stayed as it was), and each entry's uid is a uuid5 of
the story, the seed and the entry's place in it (kind, story day, position that day). So a story
loaded twice adds nothing. Every generator returns a plain dict that validates into a
`JournalDocument`; its last story day is `end`'s local day, and nothing later than `end` is included.

The cases follow the outlines of the hypothetical case studies in the project's seed texts (age,
condition, dose path, side effects, taper) and nothing else of those texts. See docs/demo.md.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5
from zoneinfo import ZoneInfo

from speciosa.core.journal_format import ENTRY_KINDS, FORMAT_NAME, FORMAT_VERSION
from speciosa.core.taper import follow as taper_follow
from speciosa.core.taper.schedule import PlanSpec
from speciosa.core.units import Unit, to_grams

Document = dict[str, Any]
NAMESPACE = uuid5(NAMESPACE_URL, "https://speciosa.invalid/demo")
#: Withdrawal symptoms reported by regular users (facts §2.4, Singh 2014); codes from the vocabulary.
WITHDRAWAL = (
    "restlessness",
    "muscle_aches",
    "insomnia",
    "runny_nose",
    "diarrhoea",
    "low_mood",
    "craving",
    "irritability",
)
OPIOID_WITHDRAWAL = (
    "restlessness",
    "muscle_aches",
    "runny_nose",
    "sweating",
    "insomnia",
    "diarrhoea",
    "irritability",
    "craving",
)
#: Common liver-panel reference ranges (adult; labs differ slightly): (test, unit, low, high).
LIVER_PANEL = (
    ("ALT", "U/L", 7.0, 56.0),
    ("AST", "U/L", 10.0, 40.0),
    ("ALP", "U/L", 44.0, 147.0),
    ("bilirubin", "mg/dL", 0.1, 1.2),
)


class Story:
    """One journal written day by day in local time; entries later than `end` are left out."""

    def __init__(self, name: str, *, seed: int, end: datetime, days: int, timezone: str) -> None:
        if end.tzinfo is None or end.utcoffset() is None:
            raise ValueError("end must include a time zone")
        self.name, self.seed, self.end, self.days = name, seed, end, days
        self.zone = ZoneInfo(timezone)
        self.rng = random.Random(f"{name}:{seed}")
        #: Draws only the "after" ratings (after_rating), so adding them left every other entry as it was.
        self.after_rng = random.Random(f"{name}:{seed}:after")
        self.first = end.astimezone(self.zone).date() - timedelta(days=days - 1)
        self.doc: Document = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported_at": end.isoformat(),
            "profile": {"timezone": timezone},
            **{kind: [] for kind in ENTRY_KINDS},
        }
        self._places: dict[tuple[str, int], int] = {}

    def uid(self, kind: str, *place: object) -> str:
        return str(story_uid(self.name, self.seed, kind, *place))

    def date(self, day: int) -> date:
        return self.first + timedelta(days=day)

    def at(self, day: int, minutes: float) -> datetime:
        """The UTC moment `minutes` after local midnight of story day `day` (DST-aware)."""
        midnight = datetime.combine(self.date(day), time(), self.zone)
        return (midnight + timedelta(minutes=round(min(max(minutes, 0), 1439)))).astimezone(UTC)

    def fixed(self, kind: str, place: object, **values: Any) -> str:
        """An entry that belongs to the whole story (a product, a medication, a lab result)."""
        uid = self.uid(kind, place)
        self.doc[kind].append({"uid": uid, **{k: _plain(v) for k, v in values.items() if v is not None}})
        return uid

    def on(self, entries: str, day: int, clock: float, /, **values: Any) -> None:
        """An entry `clock` minutes into a story day. Its place counts even when it falls after `end`
        and is left out, so the entries before `end` keep their uids."""
        place = self._places.get((entries, day), 0)
        self._places[(entries, day)] = place + 1
        moment = self.at(day, clock)
        if moment > self.end:
            return
        field = "taken_at" if entries == "doses" else "at"
        self.doc[entries].append({"uid": self.uid(entries, day, place), field: moment.isoformat(), **values})

    def dose(
        self,
        day: int,
        minutes: float,
        amount: float,
        product: str,
        *,
        capsule_grams: float | None = None,
        estimate: bool = False,
        note: str = "",
    ) -> None:
        unit = Unit.CAPSULES if capsule_grams else Unit.GRAMS
        conversion = to_grams(amount, unit, capsule_grams=capsule_grams)
        self.on(
            "doses",
            day,
            minutes,
            grams=round(conversion.grams, 3),
            amount=amount,
            unit=unit.value,
            product_uid=product,
            is_estimate=estimate,
            conversion=conversion.explanation,
            note=note,
        )

    def checkin(
        self,
        day: int,
        minutes: float,
        *,
        effects: Sequence[tuple[str, str]] = (),
        note: str = "",
        **scores: float,
    ) -> None:
        self.on(
            "checkins",
            day,
            minutes,
            note=note,
            **{k: score(v) for k, v in scores.items()},
            side_effects=[{"code": code, "severity": severity} for code, severity in effects],
        )

    def peg_checkin(
        self,
        day: int,
        minutes: float,
        pain: float,
        *,
        effects: Sequence[tuple[str, str]] = (),
        note: str = "",
        **scores: float,
    ) -> None:
        """An evening check-in: pain now and the three PEG items around a day's pain level."""
        g = self.rng.gauss
        self.checkin(
            day,
            minutes,
            effects=effects,
            note=note,
            pain_now=pain + g(0, 0.5),
            peg_pain=pain + g(0.3, 0.5),
            peg_enjoyment=pain - 0.3 + g(0, 0.7),
            peg_activity=pain + 0.2 + g(0, 0.7),
            **scores,
        )

    def after_rating(
        self,
        day: int,
        *,
        before: tuple[float, float] | None,
        dose: float,
        next_dose: float | None,
        eased: float,
        share: float,
    ) -> None:
        """On about `share` of the days it can, a quick check-in with only pain now, 70–170 minutes after
        the dose at `dose` minutes: Today's "after" prompt answered. It can when `before` (minutes, pain
        now) is a check-in up to 3 hours before that dose and no other dose comes before the answer. Pain
        is `before`'s less `eased` and some noise. Drawn from `after_rng`, three draws every call, and
        written after the day's other check-ins, so their places (and uids) stay as they were."""
        rng = self.after_rng
        answered, minutes = rng.random() < share, dose + rng.uniform(70, 170)
        noise = rng.gauss(0, AFTER_NOISE)
        if before is None or not answered or not 0 <= dose - before[0] <= 180:
            return
        if next_dose is not None and minutes > next_dose - 10:
            return
        self.checkin(day, minutes, pain_now=before[1] - eased + noise)

    def liver_panel(self, day: int, values: Sequence[float], note: str = "") -> None:
        """ALT, AST, ALP and bilirubin taken on one story day, with units and reference ranges."""
        for (test, unit, low, high), value in zip(LIVER_PANEL, values, strict=True):
            self.fixed(
                "labs",
                f"{day}:{test}",
                taken_on=self.date(day),
                test=test,
                value=value,
                unit=unit,
                reference_low=low,
                reference_high=high,
                note=note,
            )

    def weekend(self, day: int) -> bool:
        return self.date(day).weekday() >= 5

    def wake(self, day: int, weekday_minutes: float, weekend_later: float) -> float:
        return weekday_minutes + self.rng.gauss(0, 15) + (weekend_later if self.weekend(day) else 0)


#: Share of the days with a check-in shortly before the first dose on which Today's "after" prompt is
#: answered (1–3 hours after that dose): about a third of all days in the three case stories.
AFTER_SHARE = 0.5
#: Standard deviation of the after rating around the pain a dose was written to leave (points).
AFTER_NOISE = 0.5


def story_uid(story: str, seed: int, kind: str, *place: object) -> UUID:
    """A stable uid for an entry's place in a story, the same every time the story is built."""
    return uuid5(NAMESPACE, ":".join(str(part) for part in (story, seed, kind, *place)))


def score(value: float) -> int:
    """A 0–10 score from a drawn level."""
    return min(10, max(0, round(value)))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def after_cut(days_since: float, stretch: float = 1.0) -> float:
    """Withdrawal after a cut, 0–1: rises to a peak about a day later and eases over about a week
    (low-certainty time course, facts §2.4); `stretch` > 1 makes it last longer (stopping altogether)."""
    if days_since < 0:
        return 0.0
    t = (days_since + 0.5) / (1.5 * stretch)
    return t * math.exp(1 - t)


def symptoms(rng: random.Random, intensity: float, codes: Sequence[str]) -> list[tuple[str, str]]:
    """Some of `codes`, more and worse as intensity (0–1) rises; none below a noticeable level."""
    if intensity < 0.15:
        return []
    count = max(1, min(len(codes), round(intensity * 5 + rng.uniform(-0.7, 0.7))))
    severity = "severe" if intensity > 0.8 else "moderate" if intensity > 0.45 else "mild"
    return [(code, severity) for code in rng.sample(list(codes), count)]


# --- back pain, 45 --------------------------------------------------------------------------------

BACK_PAIN_DAYS = 270
#: (from story day, grams per dose): 2 g at first, 5 g from about month 6 on.
BACK_PAIN_LEVELS = ((0, 2.0), (30, 2.5), (55, 3.0), (80, 3.5), (105, 4.0), (135, 4.5), (165, 5.0))
#: Points of pain his morning dose eases, per gram: about the same at 2 g as at 5 g (it keeps working).
BACK_PAIN_EASED_PER_GRAM = 0.6


def back_pain_journal(*, end: datetime, seed: int = 0) -> Document:
    s = Story("backpain", seed=seed, end=end, days=BACK_PAIN_DAYS, timezone="America/Chicago")
    rng = s.rng
    red = s.fixed(
        "products",
        0,
        name="Red Bali",
        vendor="Riverbend Botanicals",
        vein="red",
        strain="Bali",
        batch="RB-2409-13",
        purchased_on=s.date(0),
        mitragynine_percent=1.4,
        note="Vendor's lab sheet says 1.4% mitragynine.",
    )
    green = s.fixed(
        "products",
        1,
        name="Green Malay",
        vendor="Riverbend Botanicals",
        vein="green",
        strain="Malay",
        batch="GM-2502-07",
        purchased_on=s.date(118),
    )
    s.fixed(
        "medications",
        0,
        name="Hydrocodone/acetaminophen",
        purpose="low back pain",
        dose_text="5/325 mg tablet",
        schedule="every 6 hours as needed",
        started_on=s.date(-420),
        stopped_on=s.date(-21),
        note="Stopped with my doctor three weeks before I tried kratom.",
    )
    s.fixed(
        "medications",
        1,
        name="Ibuprofen",
        purpose="back pain flares",
        dose_text="400 mg",
        schedule="as needed, with food",
        started_on=s.date(-900),
    )
    for day in range(s.days):
        wake = s.wake(day, 6 * 60 + 15, 110)
        level = next(grams for start, grams in reversed(BACK_PAIN_LEVELS) if day >= start)
        flare = rng.random() < 0.06
        times = [wake + rng.uniform(20, 50), 12 * 60 + rng.gauss(30, 25)]
        if rng.random() < (0.4 if s.weekend(day) else 0.65):
            times.append(18 * 60 + rng.gauss(45, 30))
        highest, first_grams = 0.0, 0.0
        for i, minutes in enumerate(times):
            grams = min(5.0, level + rng.choice((-0.2, -0.1, 0.0, 0.0, 0.0, 0.1, 0.2)))
            if i == 2 and level >= 5 and rng.random() < 0.15:
                grams = 4.5
            note = ""
            if flare and i == 1:
                grams, note = level + rng.choice((1.0, 1.0, 1.5)), "Back flared up; took more than usual."
            highest = max(highest, round(grams, 1))
            first_grams = round(grams, 1) if i == 0 else first_grams
            estimate = rng.random() < 0.04
            s.dose(
                day,
                minutes,
                round(grams, 1),
                green if i == 0 and day >= 120 else red,
                estimate=estimate,
                note="Scale battery died; eyeballed it." if estimate else note,
            )
        pain = 4.8 + 2.4 * math.exp(-day / 45) + rng.gauss(0, 0.6) + (2.0 if flare else 0.0)
        morning = None
        if rng.random() < 0.7:
            morning = (wake + rng.uniform(5, 15), pain + 0.5 + rng.gauss(0, 0.5))
            s.checkin(day, morning[0], pain_now=morning[1], sleep_quality=6 + rng.gauss(0, 1.2))
        effects: list[tuple[str, str]] = []
        if highest > 5:
            both = [("nausea", "moderate" if highest >= 6 else "mild"), ("dizziness", "mild")]
            effects = both if highest >= 6 else rng.choice((both, both[:1], both[1:]))
        if rng.random() < 0.05:
            effects.append(("constipation", "mild"))
        if flare or rng.random() > 0.08:
            note = rng.choice(BACK_PAIN_NOTES) if rng.random() < 0.1 else ""
            s.peg_checkin(
                day,
                21 * 60 + rng.gauss(0, 35),
                pain,
                effects=effects,
                note=note,
                mood=6.3 - 0.3 * (pain - 5),
                energy=5.5 + rng.gauss(0, 1),
            )
        weekday = s.date(day).weekday()
        if day < 84 and weekday in (1, 3) and rng.random() < 0.9:
            s.on(
                "therapies",
                day,
                16 * 60 + 30 + rng.gauss(0, 20),
                kind="physical_therapy",
                minutes=45,
                note="Core and extension exercises.",
            )
        if day >= 56 and weekday in (0, 2, 5) and rng.random() < 0.8:
            s.on(
                "therapies",
                day,
                17 * 60 + 30 + rng.gauss(0, 60),
                kind="exercise",
                minutes=rng.choice((30, 40, 45)),
                note="Walk on the river trail.",
            )
        if rng.random() < 0.08:
            s.on(
                "therapies",
                day,
                20 * 60 + rng.gauss(0, 40),
                kind="heat_cold",
                minutes=20,
                note="Heating pad.",
            )
        if weekday in (4, 5) and rng.random() < 0.3:
            drinks = rng.choice((1, 1, 2))
            s.on(
                "substances",
                day,
                19 * 60 + 30 + rng.gauss(0, 30),
                kind="alcohol",
                standard_drinks=drinks,
                substance=rng.choice(("beer", "wine")),
                amount_text="1 can" if drinks == 1 else "2 glasses",
            )
        s.after_rating(
            day,
            before=morning,
            dose=times[0],
            next_dose=times[1],
            eased=BACK_PAIN_EASED_PER_GRAM * first_grams,
            share=AFTER_SHARE,
        )
    return s.doc


BACK_PAIN_NOTES = (
    "Long day at the desk; back stiff after sitting.",
    "Mowed the lawn, paid for it later.",
    "Slept badly, hip and back both sore.",
    "Good day. Walked further than last week.",
)


# --- fibromyalgia, 30 -----------------------------------------------------------------------------

FIBRO_ESCALATION, FIBRO_TAPER_START = 240, 268
FIBRO_CUT_ATTEMPT = range(250, 253)
#: Her taper plan (speciosa.core.taper): from 15 g a day at the standard pace (about a tenth of the
#: current amount a step, held a week, facts §2.6: the HHS 2019 opioid-taper guide by analogy; no kratom
#: taper trial exists), weighed to 0.25 g, in her 4 doses a day.
FIBRO_PLAN = PlanSpec.of_pace("standard", start_grams=15.0, measure_grams=0.25, doses_per_day=4)
#: What she did to the plan, as (step, day of the step, action, days, note): a second week at every
#: fourth step until she slowed, a bad day (it pauses the plan) resumed two days later, the rest
#: slowed to the gentle pace at 4.25 g, and slowed again (a week more a step) at 2 g.
FIBRO_ACTIONS = (
    (4, 7, "hold", 7, "A second week at 10 g."),
    (6, 3, "bad_day", 0, "Flare after a long shift."),
    (6, 5, "resume", 0, ""),
    (8, 7, "hold", 7, ""),
    (12, 7, "hold", 7, ""),
    (12, 7, "slow", 0, "Smaller steps from here."),
    (21, 1, "slow", 0, "Two weeks a step from 2 g."),
)


def _fibro_replay() -> tuple[tuple[tuple[int, str, int, str], ...], tuple[float, ...], tuple[int, ...]]:
    """Her plan replayed (speciosa.core.taper.follow), each action placed on its step's day in turn: the
    events as (taper day, action, days, note), the target of every taper day, and each step's first day."""
    origin = date(2000, 1, 1)  # taper day 0; only differences between days matter
    far = origin + timedelta(days=1000)  # after the plan's end: every event so far is replayed
    events: list[taper_follow.Event] = []
    for number, day_of_step, action, days, note in FIBRO_ACTIONS:
        progress = taper_follow.follow(FIBRO_PLAN, start_on=origin, today=far, events=events)
        step = next(s for s in progress.steps if s.step.number == number)
        on = step.start + timedelta(days=day_of_step - 1)
        if action == "resume":  # two days after the bad day, which did not count towards the step
            on = events[-1].day + timedelta(days=2)
        events.append(taper_follow.Event(day=on, kind=action, days=days, note=note))  # type: ignore[arg-type]
    done = taper_follow.follow(FIBRO_PLAN, start_on=origin, today=far, events=events)
    assert done.state == "finished"
    return (
        tuple(((e.day - origin).days, e.kind, e.days, e.note) for e in events),
        tuple(d.grams for d in done.days),
        tuple((s.start - origin).days for s in done.steps),
    )


FIBRO_EVENTS, FIBRO_TAPER_TARGETS, _STEP_DAYS = _fibro_replay()
#: Story day each taper step starts on, and the first day with none (the plan's 0 g step).
FIBRO_STEP_STARTS = tuple(FIBRO_TAPER_START + day for day in _STEP_DAYS)
FIBRO_STOP = FIBRO_STEP_STARTS[-1]
FIBRO_DAYS = FIBRO_STOP + 35
#: Withdrawal scores (SOWS) every 2–3 days from the plan's start; a DSM-5 self-check the day after the
#: failed cut (7 criteria) and a month after stopping (3).
FIBRO_SOWS_EVERY = (2, 3)
FIBRO_DSM5 = ((FIBRO_CUT_ATTEMPT[-1] + 1, 7), (FIBRO_STOP + 30, 3))


def fibro_target(day: int) -> float:
    """Grams a day she aims at: 4 g climbing to 15 g, a failed cut, her taper plan's target of the day
    (replayed from the plan and her actions), then nothing."""
    if day < FIBRO_ESCALATION:
        return 4 + 11 * math.pow(day / FIBRO_ESCALATION, 1.15)
    if day < FIBRO_TAPER_START:
        return 8.5 if day in FIBRO_CUT_ATTEMPT else 15.0
    taper_day = day - FIBRO_TAPER_START
    return FIBRO_TAPER_TARGETS[taper_day] if taper_day < len(FIBRO_TAPER_TARGETS) else 0.0


def fibro_withdrawal(day: int) -> float:
    """0–1: after the failed cut, after each taper step (bigger for bigger cuts; a tenth less is mild),
    longest after stopping."""
    if day in FIBRO_CUT_ATTEMPT:
        return 0.9 * after_cut(day - FIBRO_CUT_ATTEMPT[0])
    total, before = 0.0, 15.0
    for start in FIBRO_STEP_STARTS:
        target = fibro_target(start)
        cut = (before - target) / before
        stopped = target == 0
        total += (1.0 if stopped else min(0.9, 0.12 + 1.8 * cut)) * after_cut(
            day - start, stretch=2.5 if stopped else 1.0
        )
        before = target
    return min(1.0, total)


def fibromyalgia_journal(*, end: datetime, seed: int = 0) -> Document:
    s = Story("fibro", seed=seed, end=end, days=FIBRO_DAYS, timezone="America/Denver")
    rng = s.rng
    maeng_da = {"name": "Red Maeng Da", "vendor": "Kaya Leaf Co.", "vein": "red", "strain": "Maeng Da"}
    first_batch = s.fixed("products", 0, **maeng_da, batch="RMD-0412", purchased_on=s.date(0), archived=True)
    white = s.fixed(
        "products",
        1,
        name="White Borneo",
        vendor="Sunda Naturals",
        vein="white",
        strain="Borneo",
        batch="WB-1108",
        purchased_on=s.date(95),
    )
    new_batch = s.fixed(
        "products",
        2,
        **maeng_da,
        batch="RMD-0927",
        purchased_on=s.date(160),
        mitragynine_percent=1.6,
        note="New batch; the vendor's lab sheet says 1.6% mitragynine.",
    )
    s.fixed(
        "medications",
        0,
        name="Duloxetine",
        purpose="fibromyalgia",
        dose_text="60 mg",
        schedule="once a day, morning",
        started_on=s.date(-600),
    )
    s.fixed(
        "medications",
        1,
        name="Acetaminophen",
        purpose="pain (taper plan)",
        dose_text="500 mg, 1–2 tablets",
        schedule="up to 3 times a day as needed",
        started_on=s.date(FIBRO_TAPER_START),
    )
    s.fixed(
        "medications",
        2,
        name="Melatonin",
        purpose="sleep during the taper",
        dose_text="3 mg",
        schedule="at bedtime",
        started_on=s.date(FIBRO_TAPER_START + 20),
        stopped_on=s.date(FIBRO_STOP + 20),
    )
    for day in range(s.days):
        target, w = fibro_target(day), fibro_withdrawal(day)
        tapering = FIBRO_TAPER_START <= day < FIBRO_STOP
        wake = s.wake(day, 7 * 60, 100)
        noise = 0.02 if day >= FIBRO_TAPER_START else 0.06
        total = target * (1 + rng.gauss(0, noise)) * (1.05 if s.weekend(day) and not tapering else 1.0)
        count = _fibro_doses(rng, target, tapering, s.weekend(day)) if target else 0
        first = wake + rng.uniform(15, 30)
        dose_times, first_grams = [], 0.0
        for i in range(count):
            minutes = first + i * (21.5 * 60 - first) / max(1, count - 1) + rng.gauss(0, 20) * (i > 0)
            dose_times.append(minutes)
            product = new_batch if day >= 160 else first_batch
            if i == 0 and 96 <= day < FIBRO_TAPER_START:
                product = white
            estimate = not tapering and rng.random() < 0.05
            note = "Didn't weigh it; about a heaped spoon." if estimate else ""
            if day == 160 and product == new_batch and not note:
                note = "First dose from the new batch."
            grams = total / count * (1 + rng.gauss(0, 0.03 if tapering else 0.08))
            grams = round(grams * 20) / 20 if tapering else max(0.3, round(grams, 1))  # weighed to 0.05 g
            first_grams = grams if i == 0 else first_grams
            s.dose(
                day,
                minutes,
                grams,
                product,
                estimate=estimate,
                note=note,
            )
        off = max(0, day - FIBRO_STOP)
        pain = (
            6.6
            + 0.3 * min(day, FIBRO_TAPER_START) / FIBRO_TAPER_START
            + 1.2 * w
            - (0.6 * min(off, 35) / 35)
            + rng.gauss(0, 0.6)
        )
        dip = 1.0 if tapering else max(0.0, 1.0 - off / 30) if day >= FIBRO_STOP else 0.0
        effects = symptoms(rng, w * (1 + rng.gauss(0, 0.1)), WITHDRAWAL)
        if not w and day > 120 and rng.random() < 0.06:
            effects.append(("constipation", "mild"))
        mood = 5.5 - 2.5 * w - dip
        morning = None
        if rng.random() < 0.8:
            morning = (wake + rng.uniform(3, 10), pain + 0.4)
            s.checkin(
                day,
                morning[0],
                pain_now=morning[1],
                mood=mood + rng.gauss(0, 0.7),
                sleep_quality=5.5 - 3 * w - dip + rng.gauss(0, 0.9),
            )
        if rng.random() < 0.85 or day in FIBRO_NOTES:
            s.peg_checkin(
                day,
                21 * 60 + 45 + rng.gauss(0, 30),
                pain,
                effects=effects,
                note=FIBRO_NOTES.get(day, ""),
                mood=mood + rng.gauss(0, 0.7),
                energy=4.5 - 1.5 * w + rng.gauss(0, 0.8),
            )
        _fibro_activities(s, day)
        if dose_times and day < FIBRO_TAPER_START:
            s.after_rating(
                day,
                before=morning,
                dose=dose_times[0],
                next_dose=dose_times[1] if count > 1 else None,
                eased=fibro_eased(day),
                share=AFTER_SHARE,
            )
    _fibro_taper_plan(s, product=new_batch, seed=seed)
    return s.doc


#: The DSM-5 criteria she answers yes to (the items' places in questionnaires.yaml): after the failed
#: cut, larger amounts, failed cutting down, time, craving, hazardous use, tolerance, withdrawal; after
#: stopping, looking back, failed cutting down, tolerance and withdrawal.
FIBRO_DSM5_YES = {7: (0, 1, 2, 3, 7, 9, 10), 3: (1, 9, 10)}


def _fibro_taper_plan(s: Story, *, product: str, seed: int) -> None:
    """Her taper plan with its events, and her self-checks: the SOWS every 2–3 days from the plan's
    start (about 30 × the day's withdrawal, 0–64; below the plan's pause line while she steps down, so
    only stopping pauses it, and she resumes it four days later) and two DSM-5 self-checks. Drawn with a
    random source of their own, so every other entry stays as it was."""
    rng = random.Random(f"fibro:{seed}:selfchecks")
    origin = s.date(FIBRO_TAPER_START)
    scores: list[tuple[int, int]] = []
    day = FIBRO_TAPER_START
    while day < FIBRO_STOP + 28:
        total = round(30 * fibro_withdrawal(day) + rng.gauss(0, 1.2))
        if day < FIBRO_STOP:  # gentle steps: never 12 points above the lowest of the week before
            week = [score for d, score in scores if day - 7 <= d < day]
            total = min(total, min(week) + 11) if week else total
        total = min(64, max(0, total))
        scores.append((day, total))
        s.on(
            "selfchecks",
            day,
            21 * 60 + rng.gauss(0, 25),
            instrument="sows",
            answers=_spread(rng, total, items=16, most=4),
            note="",
        )
        day += rng.choice(FIBRO_SOWS_EVERY)
    for day, yes in FIBRO_DSM5:
        answers = [1 if i in FIBRO_DSM5_YES[yes] else 0 for i in range(11)]
        s.on("selfchecks", day, 20 * 60 + 30, instrument="dsm5", answers=answers, note="")
    events = [taper_follow.Event(origin + timedelta(days=d), k, n, note) for d, k, n, note in FIBRO_EVENTS]  # type: ignore[arg-type]
    replay = taper_follow.follow(
        FIBRO_PLAN,
        start_on=origin,
        today=s.date(FIBRO_DAYS),
        events=events,
        scores=[taper_follow.Score(s.date(d), total) for d, total in scores],
    )
    for paused_on, _, _ in replay.pauses:  # stopping raised her score sharply: resumed four days later
        if paused_on >= s.date(FIBRO_STOP):
            note = "The worst of it has passed. Back to the last step."
            events.append(taper_follow.Event(paused_on + timedelta(days=4), "resume", 0, note))
    created = s.at(FIBRO_TAPER_START, 11 * 60)
    if created > s.end:
        return
    s.doc["tapers"] = [
        {
            "uid": s.uid("tapers", 0),
            "start_on": origin.isoformat(),
            "start_grams": FIBRO_PLAN.start_grams,
            "pace": "standard",
            "percent": FIBRO_PLAN.percent,
            "hold_days": FIBRO_PLAN.hold_days,
            "measure": "g",
            "measure_grams": FIBRO_PLAN.measure_grams,
            "doses_per_day": FIBRO_PLAN.doses_per_day,
            "product_uid": product,
            "mitragynine_percent": 1.6,
            "events": [
                {
                    "day": e.day.isoformat(),
                    "kind": e.kind,
                    "days": e.days,
                    "note": e.note,
                    "at": at.isoformat(),
                }
                for e in events
                if (at := s.at((e.day - s.first).days, 21 * 60 + 50)) <= s.end
            ],
            "created_at": created.isoformat(),
        }
    ]


def _spread(rng: random.Random, total: int, *, items: int, most: int) -> list[int]:
    """`total` points spread at random over `items` answers of at most `most` each."""
    answers = [0] * items
    for _ in range(min(total, items * most)):
        answers[rng.choice([i for i in range(items) if answers[i] < most])] += 1
    return answers


def fibro_eased(day: int) -> float:
    """Points of pain her first dose eases: about 2 at first, shrinking to about 0.5 at the height of her
    use while that dose grows from about 2 g to over 3 g (tolerance: relief per gram falls)."""
    return 2.0 - 1.5 * min(day, FIBRO_ESCALATION) / FIBRO_ESCALATION


def _fibro_doses(rng: random.Random, target: float, tapering: bool, weekend: bool) -> int:
    if tapering:
        return 4 if target >= 9 else 3 if target >= 5 else 2 if target >= 2 else 1
    if target < 6:
        return 2
    if target < 9:
        return 3
    return 4 if target < 12.5 or rng.random() > (0.7 if weekend else 0.5) else 5


def _fibro_activities(s: Story, day: int) -> None:
    rng, weekday = s.rng, s.date(day).weekday()
    if day < FIBRO_TAPER_START:
        if weekday == 5 and rng.random() < 0.5:
            s.on(
                "therapies",
                day,
                10 * 60 + rng.gauss(0, 30),
                kind="exercise",
                minutes=rng.choice((20, 30)),
                note="Gentle yoga.",
            )
        if rng.random() < 0.35:
            s.on(
                "therapies", day, 20 * 60 + rng.gauss(0, 30), kind="heat_cold", minutes=20, note="Warm bath."
            )
        return
    if weekday == 2 and rng.random() < 0.95:
        s.on("therapies", day, 17 * 60 + rng.gauss(0, 20), kind="physical_therapy", minutes=45)
    if rng.random() < 0.65:
        s.on(
            "therapies", day, 8 * 60 + rng.gauss(0, 40), kind="mindfulness", minutes=rng.choice((10, 15, 20))
        )
    if weekday in (0, 3, 6) and rng.random() < 0.7:
        s.on(
            "therapies",
            day,
            18 * 60 + rng.gauss(0, 40),
            kind="exercise",
            minutes=rng.choice((20, 30, 40)),
            note="Walk.",
        )
    if rng.random() < 0.3:
        s.on("therapies", day, 20 * 60 + rng.gauss(0, 30), kind="heat_cold", minutes=20, note="Warm bath.")


FIBRO_NOTES = {
    FIBRO_CUT_ATTEMPT[0]: "Tried to cut back to about 9 g today. Restless, aching, couldn't sleep.",
    FIBRO_CUT_ATTEMPT[-1] + 1: "Went back to my usual amount. I need help with this.",
    FIBRO_TAPER_START: "Saw my doctor. We made a taper plan in the app from my 15 g: about a tenth less "
    "at each step, a week or more per step, holding a step longer when I need to. PT once a week.",
    FIBRO_STEP_STARTS[3] + 7: "Second week at 10 g: I held this step longer. Glad of it.",
    FIBRO_STEP_STARTS[16]: "Down to 3 g a day. Evenings are the hardest.",
    FIBRO_STEP_STARTS[-2]: "Last step, a quarter of a gram. Two weeks and then none.",
    FIBRO_STOP: "First day with no kratom.",
    FIBRO_DAYS - 1: "Five weeks off. Pain is about where it was; PT and acetaminophen help some.",
}


# --- opioid transition, 32 ------------------------------------------------------------------------

OPIOID_DAYS, KRATOM_START, OXYCODONE_STOP = 210, 7, 70
#: The prescribed taper: (from story day, tablets a day, mg per tablet); the last tablet is on day 69.
OXYCODONE_TAPER = ((0, 4, 10), (14, 3, 10), (28, 3, 5), (42, 2, 5), (56, 1, 5))
OXYCODONE_TIMES = {4: (7.0, 13.0, 19.0, 23.0), 3: (7.5, 14.5, 22.0), 2: (8.0, 21.5), 1: (22.0,)}
#: Points of pain his morning capsules ease, per gram (about 1.6 points for 3–3.5 g, steady). He answers
#: Today's "after" prompt only once the oxycodone is finished: before that a tablet near the capsules
#: would share in any change.
OPIOID_EASED_PER_GRAM = 0.5
#: He answers it more often than the others (on weekends his first capsules often come before his
#: morning check-in, so those days cannot give a pair).
OPIOID_AFTER_SHARE = 0.65


def opioid_withdrawal(day: int) -> float:
    """0–1: some between-dose withdrawal at first, then after each oxycodone cut, longest after the last."""
    total, before = max(0.0, 0.45 - day * 0.03), 40.0
    for start, tablets, mg in (*OXYCODONE_TAPER[1:], (OXYCODONE_STOP, 0, 0)):
        cut = (before - tablets * mg) / before
        total += min(0.85, 0.25 + 1.2 * cut) * after_cut(day - start, stretch=2.0 if not tablets else 1.0)
        before = tablets * mg
    return min(1.0, total)


def opioid_transition_journal(*, end: datetime, seed: int = 0) -> Document:
    s = Story("opioid", seed=seed, end=end, days=OPIOID_DAYS, timezone="America/Los_Angeles")
    rng = s.rng
    green = s.fixed(
        "products",
        0,
        name="Green Maeng Da capsules",
        vendor="Blue Heron Kratom",
        form="capsules",
        vein="green",
        strain="Maeng Da",
        batch="BH-GMD-2231",
        grams_per_capsule=0.5,
        purchased_on=s.date(0),
    )
    red = s.fixed(
        "products",
        1,
        name="Red Bali capsules",
        vendor="Blue Heron Kratom",
        form="capsules",
        vein="red",
        strain="Bali",
        batch="BH-RB-2307",
        grams_per_capsule=0.6,
        purchased_on=s.date(98),
    )
    schedule = "; ".join(
        f"from {s.date(start):%b %d}: {n} × {mg} mg a day" for start, n, mg in OXYCODONE_TAPER
    )
    s.fixed(
        "medications",
        0,
        name="Oxycodone",
        purpose="pain after shoulder surgery",
        dose_text="10 mg tablets, then 5 mg, tapering",
        schedule="4 times a day, tapered with my doctor",
        started_on=s.date(-120),
        stopped_on=s.date(OXYCODONE_STOP - 1),
        note=f"Taper agreed with my doctor: {schedule}; last tablet {s.date(OXYCODONE_STOP - 1):%b %d}.",
    )
    s.fixed(
        "medications",
        1,
        name="Naloxone nasal spray",
        purpose="opioid overdose, in case",
        dose_text="4 mg",
        schedule="carry it; use in an emergency",
        started_on=s.date(-120),
    )
    s.fixed(
        "medications",
        2,
        name="Ibuprofen",
        purpose="shoulder pain",
        dose_text="600 mg",
        schedule="up to 3 times a day with food",
        started_on=s.date(60),
    )
    s.liver_panel(35, (31, 26, 88, 0.6), note="Baseline liver panel.")
    s.liver_panel(125, (63, 38, 96, 0.8), note="ALT a little above range; doctor wants a recheck in a month.")
    s.liver_panel(158, (47, 31, 90, 0.7), note="Recheck.")
    for day in range(s.days):
        w = opioid_withdrawal(day)
        wake = s.wake(day, 6 * 60 + 30, 60)
        if day < OXYCODONE_STOP:
            _, tablets, mg = next(step for step in reversed(OXYCODONE_TAPER) if day >= step[0])
            for hour in OXYCODONE_TIMES[tablets]:
                s.on(
                    "substances",
                    day,
                    hour * 60 + rng.gauss(0, 20),
                    kind="other",
                    substance="oxycodone",
                    amount_text=f"{mg} mg tablet (prescribed)",
                )
        dose_times, first_grams = [], 0.0
        if day >= KRATOM_START:
            count = 2 if day < 21 else 3 if day < 91 else rng.choice((2, 3, 3))
            for i, hour in enumerate((7.5, 13.5, 20.0)[:count]):
                capsules = 6 if day < 21 else rng.choice((7, 8, 8)) if 70 <= day < 91 else rng.choice((6, 7))
                evening_red = i == count - 1 and day >= 100
                estimate = rng.random() < 0.03
                note = "First try." if day == KRATOM_START and i == 0 else ""
                dose_times.append(hour * 60 + rng.gauss(0, 30))
                first_grams = capsules * (0.6 if evening_red else 0.5) if i == 0 else first_grams
                s.dose(
                    day,
                    dose_times[-1],
                    capsules,
                    red if evening_red else green,
                    capsule_grams=0.6 if evening_red else 0.5,
                    estimate=estimate,
                    note="Lost count; about this many." if estimate else note,
                )
        if day < 80:
            pain = 6.8 + (0.3 if day >= OXYCODONE_STOP else 0.0) + 0.8 * w
        else:
            pain = 4.2 + 2.8 * math.exp(-(day - 80) / 40)
        pain += rng.gauss(0, 0.6)
        effects = symptoms(rng, w * (1 + rng.gauss(0, 0.1)), OPIOID_WITHDRAWAL)
        if day >= KRATOM_START and rng.random() < 0.06:
            effects.append(rng.choice((("insomnia", "mild"), ("irritability", "mild"))))
        if day >= KRATOM_START and rng.random() < 0.08:
            effects.append(("constipation", "mild"))
        better = min(1.0, max(0, day - 80) / 100)
        mood = 4.5 + 2 * better - w
        morning = None
        if rng.random() < 0.7:
            morning = (wake + rng.uniform(5, 20), pain + 0.3)
            s.checkin(
                day,
                morning[0],
                pain_now=morning[1],
                mood=mood + rng.gauss(0, 0.7),
                sleep_quality=5 - 2 * w + rng.gauss(0, 1),
            )
        if rng.random() < 0.85:
            s.peg_checkin(
                day,
                21 * 60 + rng.gauss(0, 40),
                pain,
                effects=list(dict(effects).items()),
                mood=mood + rng.gauss(0, 0.7),
                energy=4 + 2.5 * better + rng.gauss(0, 0.8),
                note="Last oxycodone tablet today." if day == OXYCODONE_STOP - 1 else "",
            )
        weekday = s.date(day).weekday()
        if day < 84 and weekday in (0, 3) and rng.random() < 0.9:
            s.on(
                "therapies",
                day,
                15 * 60 + rng.gauss(0, 30),
                kind="physical_therapy",
                minutes=50,
                note="Shoulder rehab.",
            )
        if day >= 30 and rng.random() < 0.25 + 0.3 * better:
            s.on(
                "therapies",
                day,
                17 * 60 + 30 + rng.gauss(0, 45),
                kind="exercise",
                minutes=rng.choice((40, 50, 60)),
                note="Gym.",
            )
        if rng.random() < 0.3:
            s.on("therapies", day, 22 * 60 + rng.gauss(0, 20), kind="mindfulness", minutes=10)
        if day >= OXYCODONE_STOP:
            s.after_rating(
                day,
                before=morning,
                dose=dose_times[0],
                next_dose=dose_times[1],
                eased=OPIOID_EASED_PER_GRAM * first_grams,
                share=OPIOID_AFTER_SHARE,
            )
    return s.doc


# --- synthetic journal (benchmarks) -------------------------------------------------------------

SYNTHETIC_EFFECTS = ("nausea", "constipation", "dizziness", "drowsiness", "itching", "dry_mouth", "headache")
SYNTHETIC_THERAPIES = ("physical_therapy", "exercise", "mindfulness", "heat_cold")


def synthetic_journal(*, days: int, end: datetime, seed: int = 0) -> Document:
    """A long, regular journal: about 4 doses, 2 check-ins and 1 other event a day."""
    s = Story("synthetic", seed=seed, end=end, days=days, timezone="America/New_York")
    rng = s.rng
    vendor = "Synthetic Leaf"
    products = [
        (s.fixed("products", 0, name="Red Bali", vendor=vendor, vein="red", batch="S-1"), None),
        (s.fixed("products", 1, name="Green Malay", vendor=vendor, vein="green", batch="S-2"), None),
        (
            s.fixed(
                "products",
                2,
                name="White capsules",
                vendor=vendor,
                form="capsules",
                vein="white",
                grams_per_capsule=0.5,
                batch="S-3",
            ),
            0.5,
        ),
    ]
    for place, (name, purpose, started, stopped) in enumerate(
        (
            ("Duloxetine", "pain", -30, None),
            ("Ibuprofen", "pain flares", -30, None),
            ("Omeprazole", "reflux", days // 3, None),
            ("Melatonin", "sleep", days // 4, days // 2),
            ("Gabapentin", "nerve pain", days // 2, (3 * days) // 4),
        )
    ):
        s.fixed(
            "medications",
            place,
            name=name,
            purpose=purpose,
            started_on=s.date(started),
            stopped_on=s.date(stopped) if stopped is not None else None,
        )
    for day in range(days):
        minutes = s.wake(day, 7 * 60, 90)
        s.checkin(day, minutes, pain_now=5 + rng.gauss(0, 1.5), sleep_quality=6 + rng.gauss(0, 1.5))
        for _ in range(rng.choice((3, 4, 4, 4, 5))):
            product, capsule_grams = rng.choice(products)
            amount = float(rng.choice((6, 7, 8))) if capsule_grams else round(rng.uniform(2, 6), 1)
            s.dose(day, minutes + rng.uniform(5, 30), amount, product, capsule_grams=capsule_grams)
            minutes += rng.uniform(170, 230)
        effects = [(rng.choice(SYNTHETIC_EFFECTS), "mild")] if rng.random() < 0.1 else []
        s.peg_checkin(
            day,
            21 * 60 + rng.gauss(0, 30),
            5 + rng.gauss(0, 1.2),
            effects=effects,
            mood=6 + rng.gauss(0, 1.5),
            energy=5 + rng.gauss(0, 1.5),
        )
        event, at = rng.random(), 18 * 60 + rng.gauss(0, 60)
        if event < 0.5:
            s.on(
                "therapies",
                day,
                at,
                kind=rng.choice(SYNTHETIC_THERAPIES),
                minutes=rng.choice((15, 20, 30, 45)),
            )
        elif event < 0.8:
            s.on("substances", day, at, kind="other", substance="ibuprofen", amount_text="400 mg")
        else:
            drinks = float(rng.choice((1, 2)))
            s.on("substances", day, at, kind="alcohol", substance="beer", standard_drinks=drinks)
    return s.doc


# --- the catalogue ------------------------------------------------------------------------------


EXPERIMENT_DAYS = 230
#: The demo experiment: its first story day, seed and plan (3 g a day against 2 g a day of one powder).
EXPERIMENT_START_DAY = 160
EXPERIMENT_SEED = 20260105
EXPERIMENT_PLAN: dict[str, Any] = {
    "question": "Does 3 g a day ease my knee pain more than 2 g a day?",
    "a_kind": "kratom",
    "a_label": "Red Maeng Da",
    "a_grams": 3.0,
    "b_kind": "kratom",
    "b_label": "Red Maeng Da",
    "b_grams": 2.0,
}


def experiment_journal(*, end: datetime, seed: int = 0) -> Document:
    """Knee osteoarthritis, 58: a steady 3 g a day (1.5 g morning and afternoon) for months, then an
    8-week N-of-1 experiment of 3 g against 2 g a day in randomised 7-day blocks, then 2 g a day.
    On 3 g days the PEG is on average 0.9 points lower than on 2 g days (less than the 2-point
    clinically important change), with day-to-day AR(1) noise."""
    from speciosa.core.insights import experiment as ex  # pure; imported here to keep stories light

    s = Story("experiment", seed=seed, end=end, days=EXPERIMENT_DAYS, timezone="America/New_York")
    rng = s.rng
    red = s.fixed(
        "products",
        0,
        name="Red Maeng Da",
        vendor="Harbor Leaf",
        vein="red",
        strain="Maeng Da",
        batch="RMD-2503-02",
        purchased_on=s.date(0),
    )
    schedule = ex.make_schedule(s.date(EXPERIMENT_START_DAY), seed=EXPERIMENT_SEED)
    noise = 0.0
    for day in range(s.days):
        plan = ex.day_plan(schedule, s.date(day))
        after = s.date(day) > schedule.end  # she kept to 2 g a day after the experiment
        grams = 1.0 if after or (plan is not None and plan.block.option == "B") else 1.5
        wake = s.wake(day, 7 * 60, 60)
        for minutes in (wake + rng.uniform(15, 40), 14 * 60 + rng.gauss(30, 30)):
            s.dose(day, minutes, grams, red)
        noise = 0.6 * noise + rng.gauss(0, 0.45)
        pain = 4.6 + (0.9 if grams == 1.0 else 0.0) + noise
        if rng.random() < 0.95:
            effects = [("constipation", "mild")] if rng.random() < 0.06 else []
            s.peg_checkin(day, 20 * 60 + rng.gauss(30, 30), pain, effects=effects)
    return s.doc


@dataclass(frozen=True)
class CaseStudy:
    """One demo journal: who it follows, how long it runs, and what later features should find in it."""

    key: str
    title: str
    timezone: str
    days: int
    summary: str
    expected: tuple[str, ...]
    build: Callable[..., Document]

    def journal(self, *, end: datetime, seed: int = 0) -> Document:
        return self.build(end=end, seed=seed)

    def anchor_uid(self, seed: int = 0) -> UUID:
        """The uid of the story's first product, bought on the story's first day."""
        return story_uid(self.key, seed, "products", 0)

    def resume_end(self, *, first_day: date, now: datetime) -> datetime:
        """The `end` that rebuilds a story first loaded with `first_day` on the same dates, up to `now`."""
        last = first_day + timedelta(days=self.days - 1)
        return min(now, datetime.combine(last, time(23, 59, 59), ZoneInfo(self.timezone)))


CASE_STUDIES: tuple[CaseStudy, ...] = (
    CaseStudy(
        "backpain",
        "Chronic low back pain, 45",
        "America/Chicago",
        BACK_PAIN_DAYS,
        "A 45-year-old man with chronic low back pain, off prescribed opioids, who moves from 2 g to "
        "5 g a dose over six months and stays there; nausea and dizziness on days above 5 g.",
        (
            "no dose creep after month 6",
            "high-dose side effects only on days above 5 g",
            "alcohol interaction on drinking days",
            "no opioid interaction (hydrocodone stopped before)",
        ),
        back_pain_journal,
    ),
    CaseStudy(
        "fibro",
        "Fibromyalgia, 30",
        "America/Denver",
        FIBRO_DAYS,
        "A 30-year-old woman with fibromyalgia whose use climbs from about 4 g to 15 g a day without "
        "less pain, then tapers slowly to zero over nine months with withdrawal symptoms.",
        (
            "dose creep",
            "dose frequency (4–5 a day)",
            "pain not improving as grams rise",
            "withdrawal peaks after taper steps",
            "serotonergic drug (duloxetine)",
        ),
        fibromyalgia_journal,
    ),
    CaseStudy(
        "opioid",
        "Opioid transition, 32",
        "America/Los_Angeles",
        OPIOID_DAYS,
        "A 32-year-old veteran tapering prescribed oxycodone after surgery while starting kratom "
        "capsules; both overlap for about two months.",
        (
            "opioid interaction (oxycodone and kratom overlap)",
            "early withdrawal symptoms",
            "liver panel with one ALT above range, then back in range",
        ),
        opioid_transition_journal,
    ),
    CaseStudy(
        "experiment",
        "Knee osteoarthritis, 58: an N-of-1 experiment",
        "America/New_York",
        EXPERIMENT_DAYS,
        "A 58-year-old woman with knee osteoarthritis, steady at 3 g a day, who ran an 8-week experiment "
        "of 3 g against 2 g a day in randomised blocks; the difference was smaller than 2 points.",
        (
            "a finished experiment: 3 g vs 2 g a day in 4 pairs of 7-day blocks",
            "scores lower on 3 g days, but not by a clinically important amount",
            "no red flags, no interaction warnings",
        ),
        experiment_journal,
    ),
)


def case_named(key: str) -> CaseStudy:
    return next(case for case in CASE_STUDIES if case.key == key)
