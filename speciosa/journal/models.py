"""The journal's tables. Ranges are enforced here first (CheckConstraint), then in services."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from speciosa.core.limits import MAX_DOSE_GRAMS, MAX_NAME_CHARS, MAX_NOTE_CHARS
from speciosa.core.scores import peg_score
from speciosa.core.units import Unit
from speciosa.core.vocab import (
    LabTest,
    ProductForm,
    SubstanceKind,
    SymptomSeverity,
    TherapyKind,
    Vein,
    choices,
)

OWNER = settings.AUTH_USER_MODEL


def score_field(verbose_name: str) -> Any:
    return models.PositiveSmallIntegerField(verbose_name, null=True, blank=True)


def score_range(*names: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0, f"{name}__lte": 10}),
            name=f"%(class)s_{name}_0_10",
        )
        for name in names
    ]


class Entry(models.Model):
    """Fields every journal entry has: an owner, a stable uid (for import and undo), a note, and a
    version that every change (an undo too) raises by one, so that a change made on an older read
    of the entry is refused instead of overwriting what happened since (the API's ETag)."""

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    note = models.TextField(blank=True, default="", max_length=MAX_NOTE_CHARS)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: models.Manager[Any] = models.Manager()

    #: True on what a create returns when its uid was stored already (a retried request): not a column.
    already_stored = False

    class Meta:
        abstract = True
        constraints = [models.UniqueConstraint(fields=["user", "uid"], name="%(class)s_unique_uid")]


class Profile(models.Model):
    user = models.OneToOneField(OWNER, on_delete=models.CASCADE, related_name="speciosa_profile")
    timezone = models.CharField(max_length=64, default="UTC")
    teaspoon_grams = models.FloatField(
        null=True, blank=True, help_text="Weight of one level teaspoon, in grams"
    )
    pregnant = models.BooleanField("pregnant or may be", default=False)
    breastfeeding = models.BooleanField("breastfeeding", default=False)
    #: An ISO 3166 code chosen in Settings for the emergency and poison-control numbers ("ZZ": other, not
    #: listed); blank until chosen, and the country is then read from the time zone.
    country = models.CharField("country", max_length=2, blank=True, default="")
    #: A US state's USPS code (D.C. included) for the legal-status lookup and its finding; blank: not set.
    region = models.CharField("US state", max_length=2, blank=True, default="")
    #: The local time of the daily check-in reminder in the person's calendar; none: no reminder.
    checkin_reminder = models.TimeField("check-in reminder", null=True, blank=True)
    #: When the stored findings (FindingState) were last brought up to date, and the latest change of
    #: the journal they had seen: reads compare it with the newest change to know whether they are current.
    findings_assessed_at = models.DateTimeField(null=True, blank=True, editable=False)
    findings_assessed_change = models.BigIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(teaspoon_grams__isnull=True) | Q(teaspoon_grams__gt=0, teaspoon_grams__lte=20),
                name="profile_teaspoon_grams_range",
            )
        ]


class Product(Entry):
    name = models.CharField(max_length=MAX_NAME_CHARS)
    vendor = models.CharField(max_length=MAX_NAME_CHARS, blank=True, default="")
    form = models.CharField(max_length=16, choices=choices(ProductForm), default=ProductForm.POWDER)
    vein = models.CharField(max_length=16, choices=choices(Vein), default=Vein.UNKNOWN)
    strain = models.CharField(max_length=MAX_NAME_CHARS, blank=True, default="")
    batch = models.CharField("batch or lot", max_length=MAX_NAME_CHARS, blank=True, default="")
    grams_per_capsule = models.FloatField(null=True, blank=True)
    purchased_on = models.DateField(null=True, blank=True)
    mitragynine_percent = models.FloatField("mitragynine, % by weight", null=True, blank=True)
    seven_oh_percent = models.FloatField("7-OH, % by weight", null=True, blank=True)
    total_alkaloids_percent = models.FloatField("total alkaloids, % by weight", null=True, blank=True)
    lead_ppm = models.FloatField("lead, µg/g (ppm)", null=True, blank=True)
    arsenic_ppm = models.FloatField("arsenic, µg/g (ppm)", null=True, blank=True)
    cadmium_ppm = models.FloatField("cadmium, µg/g (ppm)", null=True, blank=True)
    mercury_ppm = models.FloatField("mercury, µg/g (ppm)", null=True, blank=True)
    nickel_ppm = models.FloatField("nickel, µg/g (ppm)", null=True, blank=True)
    tamc_cfu_per_gram = models.FloatField("total aerobic microbial count, CFU/g", null=True, blank=True)
    tymc_cfu_per_gram = models.FloatField("total yeast and mould count, CFU/g", null=True, blank=True)
    salmonella_detected = models.BooleanField(null=True, blank=True)
    e_coli_detected = models.BooleanField("E. coli detected", null=True, blank=True)
    lab_report = models.CharField("lab report", max_length=MAX_NAME_CHARS, blank=True, default="")
    archived = models.BooleanField(default=False)

    class Meta(Entry.Meta):
        ordering = ["archived", "name"]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=Q(grams_per_capsule__isnull=True) | Q(grams_per_capsule__gt=0),
                name="product_capsule_positive",
            ),
            models.CheckConstraint(
                condition=Q(mitragynine_percent__isnull=True)
                | Q(mitragynine_percent__gte=0, mitragynine_percent__lte=100),
                name="product_mitragynine_percent",
            ),
            models.CheckConstraint(
                condition=Q(seven_oh_percent__isnull=True)
                | Q(seven_oh_percent__gte=0, seven_oh_percent__lte=100),
                name="product_seven_oh_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Dose(Entry):
    taken_at = models.DateTimeField()
    grams = models.FloatField(help_text="Grams of leaf or product, converted from amount and unit")
    amount = models.FloatField(help_text="The amount as entered")
    unit = models.CharField(max_length=16, choices=choices(Unit), default=Unit.GRAMS)
    # RESTRICT: a product cannot be deleted from under its doses, but deleting the person removes both.
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.RESTRICT, related_name="doses"
    )
    is_estimate = models.BooleanField(default=False)
    conversion = models.TextField(blank=True, default="")

    class Meta(Entry.Meta):
        ordering = ["-taken_at"]
        indexes = [models.Index(fields=["user", "taken_at"], name="dose_user_time")]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=Q(grams__gt=0, grams__lte=MAX_DOSE_GRAMS), name="dose_grams_range"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dose_amount_positive"),
        ]


class CheckIn(Entry):
    at = models.DateTimeField()
    pain_now = score_field("pain now")
    peg_pain = score_field("average pain (PEG)")
    peg_enjoyment = score_field("interference with enjoyment of life (PEG)")
    peg_activity = score_field("interference with general activity (PEG)")
    sleep_quality = score_field("sleep quality")
    mood = score_field("mood")
    energy = score_field("energy")

    class Meta(Entry.Meta):
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"], name="checkin_user_time")]
        constraints = [
            *Entry.Meta.constraints,
            *score_range(
                "pain_now", "peg_pain", "peg_enjoyment", "peg_activity", "sleep_quality", "mood", "energy"
            ),
        ]

    @property
    def peg_score(self) -> float | None:
        """PEG-3 score (speciosa.core.scores.peg_score) to 0.01, when all three items are answered."""
        score = peg_score(self.peg_pain, self.peg_enjoyment, self.peg_activity)
        return None if score is None else round(score, 2)


class SideEffect(models.Model):
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="side_effects")
    code = models.CharField(max_length=64)
    severity = models.CharField(max_length=16, choices=choices(SymptomSeverity), default=SymptomSeverity.MILD)
    text = models.CharField(max_length=MAX_NAME_CHARS, blank=True, default="")

    class Meta:
        ordering = ["id"]


class Medication(Entry):
    name = models.CharField(max_length=MAX_NAME_CHARS)
    purpose = models.CharField("what it is for", max_length=MAX_NAME_CHARS, blank=True, default="")
    dose_text = models.CharField("dose", max_length=MAX_NAME_CHARS, blank=True, default="")
    schedule = models.CharField(max_length=MAX_NAME_CHARS, blank=True, default="")
    started_on = models.DateField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)

    class Meta(Entry.Meta):
        ordering = ["stopped_on", "name"]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(stopped_on__isnull=True)
                | Q(stopped_on__gte=models.F("started_on")),
                name="medication_stops_after_start",
            ),
        ]


class SubstanceUse(Entry):
    at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=choices(SubstanceKind), default=SubstanceKind.OTHER)
    substance = models.CharField(max_length=MAX_NAME_CHARS)
    standard_drinks = models.FloatField(null=True, blank=True)
    amount_text = models.CharField("amount", max_length=MAX_NAME_CHARS, blank=True, default="")

    class Meta(Entry.Meta):
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"], name="substance_user_time")]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=Q(standard_drinks__isnull=True) | Q(standard_drinks__gt=0),
                name="substance_drinks_positive",
            ),
        ]


class Therapy(Entry):
    at = models.DateTimeField()
    kind = models.CharField(max_length=32, choices=choices(TherapyKind))
    minutes = models.PositiveIntegerField()

    class Meta(Entry.Meta):
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"], name="therapy_user_time")]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=Q(minutes__gt=0, minutes__lte=1440), name="therapy_minutes_range"
            ),
        ]


class LabResult(Entry):
    taken_on = models.DateField()
    test = models.CharField(max_length=16, choices=choices(LabTest))
    value = models.FloatField()
    unit = models.CharField(max_length=32)
    reference_low = models.FloatField(null=True, blank=True)
    reference_high = models.FloatField(null=True, blank=True)

    class Meta(Entry.Meta):
        ordering = ["-taken_on"]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(condition=Q(value__gte=0), name="lab_value_non_negative"),
        ]


class SelfCheck(Entry):
    """A self-report questionnaire as answered (speciosa/refdata/data/questionnaires.yaml): the SOWS
    (withdrawal now, 16 answers 0-4) or the DSM-5 self-check (the past 12 months, 11 answers 0/1).
    The total is computed from the answers (speciosa.core.taper.scales), not stored."""

    class Instrument(models.TextChoices):
        SOWS = "sows", "withdrawal score (SOWS)"
        DSM5 = "dsm5", "dependence self-check (DSM-5)"

    at = models.DateTimeField()
    instrument = models.CharField(max_length=8, choices=Instrument.choices)
    answers = models.JSONField(help_text="One answer per item, in the questionnaire's order")

    class Meta(Entry.Meta):
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "instrument", "at"], name="selfcheck_user_time")]

    @property
    def total(self) -> int:
        return sum(int(a) for a in self.answers)


class Change(models.Model):
    """One undoable change: the entry as it was before (empty for a creation)."""

    class Action(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    uid = models.UUIDField()
    action = models.CharField(max_length=8, choices=Action.choices)
    before = models.JSONField(null=True, blank=True)
    #: The entry's version before the change (null for a creation): undoing a deletion goes on from it.
    version = models.PositiveIntegerField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    undone = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "-at", "-id"], condition=Q(undone=False), name="change_user_undoable"
            ),
        ]


class ApiToken(models.Model):
    """A personal access token. Only its SHA-256 hash is stored; the token is shown once."""

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=MAX_NAME_CHARS)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Invitation(models.Model):
    """A single-use, expiring link that lets one person create an account. Only its SHA-256 is kept."""

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+", help_text="Who invited")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="invitation_owner_idx")]

    def state(self, now: Any) -> str:
        """used, withdrawn, expired or waiting (to be used)."""
        if self.used_at is not None:
            return "used"
        if self.withdrawn_at is not None:
            return "withdrawn"
        return "expired" if self.expires_at <= now else "waiting"


class FindingState(models.Model):
    """A finding as the person last saw it: when first and last raised, and whether acknowledged."""

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    code = models.CharField(max_length=64)
    severity = models.CharField(max_length=16)
    title = models.CharField(max_length=MAX_NAME_CHARS)
    finding = models.JSONField(help_text="The finding as the engine last raised it")
    active = models.BooleanField(default=True, help_text="Raised by the latest assessment")
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "key"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="finding_unique_key")]
        indexes = [models.Index(fields=["user", "active", "severity"], name="finding_user_active")]


class Experiment(models.Model):
    """An N-of-1 experiment: the person's own plan comparing two options, A and B, in randomised
    blocks (speciosa.core.insights.experiment). The schedule is stored as its order ("ABBA…") and
    seed, so it reads the same everywhere. Not a journal entry: it is a plan, not something logged."""

    class OptionKind(models.TextChoices):
        KRATOM = "kratom", "kratom"
        THERAPY = "therapy", "a non-drug therapy"
        NONE = "none", "no kratom"

    class Ended(models.TextChoices):
        NO = "", "not ended"
        EARLY = "early", "ended early"

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    question = models.CharField(max_length=MAX_NAME_CHARS)
    a_kind = models.CharField(max_length=16, choices=OptionKind.choices)
    a_label = models.CharField(max_length=MAX_NAME_CHARS)
    a_grams = models.FloatField(null=True, blank=True, help_text="Grams a day in the plan (kratom only)")
    b_kind = models.CharField(max_length=16, choices=OptionKind.choices)
    b_label = models.CharField(max_length=MAX_NAME_CHARS)
    b_grams = models.FloatField(null=True, blank=True, help_text="Grams a day in the plan (kratom only)")
    start_on = models.DateField()
    block_days = models.PositiveSmallIntegerField()
    pairs = models.PositiveSmallIntegerField()
    washout_days = models.PositiveSmallIntegerField()
    seed = models.BigIntegerField()
    order = models.CharField(max_length=32)
    usual_grams = models.FloatField(null=True, blank=True, help_text="The recent usual amount when planned")
    ended = models.CharField(max_length=8, choices=Ended.choices, blank=True, default="")
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["user", "start_on"], name="experiment_user_start")]
        constraints = [
            # Unique per person, as an entry's uid is: an exported experiment imports into another account.
            models.UniqueConstraint(fields=["user", "uid"], name="experiment_unique_uid"),
            models.CheckConstraint(
                condition=Q(block_days__gte=4, block_days__lte=28), name="experiment_blocks"
            ),
            models.CheckConstraint(condition=Q(pairs__gte=2, pairs__lte=8), name="experiment_pairs"),
            models.CheckConstraint(
                condition=Q(a_grams__isnull=True) | Q(a_grams__gt=0, a_grams__lte=MAX_DOSE_GRAMS),
                name="experiment_a_grams",
            ),
            models.CheckConstraint(
                condition=Q(b_grams__isnull=True) | Q(b_grams__gt=0, b_grams__lte=MAX_DOSE_GRAMS),
                name="experiment_b_grams",
            ),
        ]


class CalendarFeed(models.Model):
    """The person's calendar feed: the private address a calendar app subscribes to (the reminder's
    time is the profile's `checkin_reminder`). Only the SHA-256 hash of the address's token is stored
    (shown once); no token (blank hash) means no feed, and a revoked or replaced token reads nothing."""

    user = models.OneToOneField(OWNER, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=12, blank=True, default="")
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_created_at = models.DateTimeField(null=True, blank=True)


class ShareLink(models.Model):
    """A read-only, time-limited link to the person's clinician summary for one period of local days,
    for a clinician to open without signing in. Only the SHA-256 hash of its token is stored (shown
    once); it reads nothing after `expires_at` or once revoked."""

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+")
    start = models.DateField(help_text="First local day of the report, included")
    end = models.DateField(help_text="Last local day of the report, included")
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(end__gte=F("start")), name="share_link_period")]


class ShareOpening(models.Model):
    """One opening of a share link: when, and which view (the page or the PDF). No IP address or
    browser is kept."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    at = models.DateTimeField()
    view = models.CharField(max_length=8, choices=[("page", "page"), ("pdf", "PDF")])

    class Meta:
        ordering = ["at", "id"]


class TaperPlan(models.Model):
    """A taper plan (speciosa.core.taper): the daily amount it starts from, its pace, what the person
    measures with, and the product in use when planned. Its steps and progress are replayed from these
    fields, its events, the doses and the SOWS scores; nothing derived is stored. Not a journal entry:
    a plan, like an experiment."""

    class Pace(models.TextChoices):
        STANDARD = "standard", "about 10% a step"
        GENTLE = "gentle", "about 5% a step (gentler)"

    class Measure(models.TextChoices):
        GRAMS = "g", "grams on a scale"
        TEASPOON = "tsp", "teaspoons"

    user = models.ForeignKey(OWNER, on_delete=models.CASCADE, related_name="+")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    start_on = models.DateField()
    start_grams = models.FloatField()
    pace = models.CharField(max_length=16, choices=Pace.choices, default=Pace.STANDARD)
    percent = models.FloatField()
    hold_days = models.PositiveSmallIntegerField()
    measure = models.CharField(max_length=4, choices=Measure.choices, default=Measure.GRAMS)
    measure_grams = models.FloatField()
    doses_per_day = models.PositiveSmallIntegerField(default=1)
    long_term = models.BooleanField(default=False)
    target_grams = models.FloatField(default=0.0)
    product_uid = models.UUIDField(null=True, blank=True)
    mitragynine_percent = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["user", "start_on"], name="taper_user_start")]
        constraints = [
            models.UniqueConstraint(fields=["user", "uid"], name="taper_unique_uid"),
            models.CheckConstraint(
                condition=Q(start_grams__gt=0, start_grams__lte=MAX_DOSE_GRAMS), name="taper_start_grams"
            ),
            models.CheckConstraint(condition=Q(percent__gt=0, percent__lt=50), name="taper_percent"),
            models.CheckConstraint(condition=Q(hold_days__gte=7, hold_days__lte=28), name="taper_hold_days"),
            models.CheckConstraint(
                condition=Q(measure_grams__gt=0, measure_grams__lte=5), name="taper_measure"
            ),
            models.CheckConstraint(
                condition=Q(target_grams__gte=0, target_grams__lt=F("start_grams")), name="taper_target_below"
            ),
        ]


class TaperEvent(models.Model):
    """Something the person did to a taper plan on a (local) day: pause, resume, hold the current step
    `days` longer, slow the rest, mark a bad day (it pauses the plan), or end the plan."""

    class Kind(models.TextChoices):
        PAUSE = "pause", "paused"
        RESUME = "resume", "resumed"
        HOLD = "hold", "held the step longer"
        SLOW = "slow", "slowed the rest of the plan"
        BAD_DAY = "bad_day", "marked a bad day"
        END = "end", "ended the plan"

    plan = models.ForeignKey(TaperPlan, on_delete=models.CASCADE, related_name="events")
    day = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=MAX_NAME_CHARS, blank=True, default="")
    at = models.DateTimeField()

    class Meta:
        ordering = ["day", "id"]
        constraints = [models.CheckConstraint(condition=Q(days__lte=28), name="taper_event_days")]


class SearchDocument(models.Model):
    """One thing the Learn search can find (issue 12): a guide page, a question, a claim, a legal entry,
    an interaction class, a safety rule, a red flag or a source. Built from the providers in
    speciosa.journal.search, never edited by hand; on SQLite an FTS5 table (journal_search_fts) mirrors
    it, on PostgreSQL the query builds the SearchVector itself."""

    kind = models.CharField(max_length=16)
    key = models.CharField(max_length=200)
    title = models.TextField()
    url = models.TextField()
    text = models.TextField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_document_kind_key")]


class SearchIndexState(models.Model):
    """The one row saying what the stored search index was built from: a hash of its documents."""

    digest = models.CharField(max_length=64)
    built_at = models.DateTimeField()
    documents = models.PositiveIntegerField(default=0)
