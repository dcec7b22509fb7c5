"""Every write to the journal. Keyword-only, typed, scoped to `user`; bad input changes nothing."""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from typing import Any
from uuid import UUID, uuid4

import pydantic
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone as dj_timezone

from speciosa.core import journal_format as fmt
from speciosa.core.days import local_day, portable_zone
from speciosa.core.errors import FieldError, InvalidInput, NotFound, StaleEntry
from speciosa.core.limits import FUTURE_TOLERANCE
from speciosa.core.units import Conversion, Unit, check_dose_grams, parse_unit, to_grams
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.findings import findings_after_write
from speciosa.journal.names import NAME_FIELDS, check_name
from speciosa.journal.records import (
    Kind,
    field_errors,
    kind_named,
    kind_of_record,
    model_values,
    to_record,
    validate_record,
)
from speciosa.journal.rows import insert_row, insert_rows
from speciosa.journal.selectors import product_get, profile_get, token_hash, user_zone
from speciosa.refdata import country_codes
from speciosa.refdata import side_effects as side_effect_vocabulary
from speciosa.refdata.legal import US_STATES

#: The 0–10 answers of a check-in.
CHECKIN_SCORES = ("pain_now", "peg_pain", "peg_enjoyment", "peg_activity", "sleep_quality", "mood", "energy")


def utcnow() -> datetime:
    return dj_timezone.now()


# --- accounts and profile --------------------------------------------------------------------


#: Said of a name already in use. It does not say "taken": sign-up pages show it, and the address that
#: sees it is counted as if it had failed to sign in (docs/security.md).
NAME_UNAVAILABLE = "can't be used: choose another name"


def account_create(*, username: str, password: str, timezone: str = "UTC") -> AbstractBaseUser:
    """A new person, with a profile. Passwords are checked by Django's validators and hashed (Argon2)."""
    username = username.strip()
    user_model = get_user_model()
    errors = []
    if not username:
        errors.append(FieldError("username", "is required"))
    elif user_model.objects.filter(username__iexact=username).exists():
        errors.append(FieldError("username", NAME_UNAVAILABLE))
    try:
        password_validation.validate_password(password, user_model(username=username))
    except DjangoValidationError as error:
        errors.extend(FieldError("password", message) for message in error.messages)
    try:
        portable_zone(timezone)
    except InvalidInput as error:
        errors.extend(error.errors)
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        user = user_model.objects.create_user(username=username, password=password)
        m.Profile.objects.create(user=user, timezone=timezone)
    return user


def profile_update(
    *,
    user: User,
    timezone: str | None = None,
    teaspoon_grams: float | None | str = "unchanged",
    pregnant: bool | None = None,
    breastfeeding: bool | None = None,
    country: str | None = None,
    checkin_reminder: time | str | None = "unchanged",
    region: str | None = None,
) -> m.Profile:
    """Change the given profile settings (None or "unchanged": left as they are, except that a None
    `checkin_reminder` removes the reminder); bad values raise InvalidInput naming the field."""
    profile = profile_get(user=user)
    if checkin_reminder != "unchanged":
        profile.checkin_reminder = _reminder_time(checkin_reminder)
    if country is not None:
        if country and country not in country_codes():
            raise InvalidInput(
                [FieldError("country", "Choose a country from the list, or Other / not listed.")]
            )
        profile.country = country
    if region is not None:
        region = region.strip().upper()
        if region and region not in US_STATES:
            raise InvalidInput([FieldError("region", "Choose a US state from the list, or leave it blank.")])
        profile.region = region
    if pregnant is not None:
        profile.pregnant = bool(pregnant)
    if breastfeeding is not None:
        profile.breastfeeding = bool(breastfeeding)
    if timezone is not None:
        portable_zone(timezone)
        profile.timezone = timezone
    if teaspoon_grams != "unchanged":
        try:
            record = fmt.ProfileRecord.model_validate(
                {"timezone": profile.timezone, "teaspoon_grams": teaspoon_grams}
            )
        except pydantic.ValidationError as error:
            raise InvalidInput(field_errors(error)) from None
        profile.teaspoon_grams = record.teaspoon_grams
    profile.save()
    findings_after_write(user=user, now=utcnow(), force=True)  # pregnancy and time zone change findings
    return profile


def _reminder_time(value: time | str | None) -> time | None:
    """A reminder time given as a time or as HH:MM, seconds dropped; None: no reminder."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    try:
        record = fmt.ProfileRecord.model_validate({"checkin_reminder": value})
    except pydantic.ValidationError as error:
        raise InvalidInput(field_errors(error)) from None
    return fmt.clock_time(record.checkin_reminder)


# --- doses -----------------------------------------------------------------------------------


def dose_convert(
    *,
    user: User,
    amount: object,
    unit: str | Unit = Unit.GRAMS,
    product_uid: UUID | str | None = None,
    tea_grams: float | None = None,
    tea_ml: float | None = None,
) -> tuple[Conversion, m.Product | None]:
    """How an amount in some unit becomes grams, for this person and product. Stores nothing."""
    unit = parse_unit(str(unit)) if not isinstance(unit, Unit) else unit
    product = _owned_product(user=user, uid=product_uid)
    conversion = to_grams(
        amount,
        unit,
        teaspoon_grams=profile_get(user=user).teaspoon_grams if unit is Unit.TEASPOONS else None,
        capsule_grams=product.grams_per_capsule if product else None,
        tea_grams_brewed=tea_grams,
        tea_ml_brewed=tea_ml,
    )
    return conversion, product


def dose_create(
    *,
    user: User,
    amount: object,
    unit: str | Unit = Unit.GRAMS,
    taken_at: datetime | None = None,
    product_uid: UUID | str | None = None,
    is_estimate: bool = False,
    tea_grams: float | None = None,
    tea_ml: float | None = None,
    note: str = "",
    confirmed: bool = False,
    now: datetime | None = None,
    uid: UUID | str | None = None,
) -> m.Dose:
    """Log a dose. Over 100 g asks for confirmation; over 250 g, or in the future, is refused.

    With the caller's own `uid`, logging it again (a retried request) returns the dose stored the
    first time, with `already_stored` set, and stores nothing."""
    conversion, product = dose_convert(
        user=user, amount=amount, unit=unit, product_uid=product_uid, tea_grams=tea_grams, tea_ml=tea_ml
    )
    check_dose_grams(conversion.grams, confirmed=confirmed)
    when = not_in_future(taken_at or now or utcnow(), field="taken_at", now=now)
    record = validate_record(
        kind_named("doses"),
        {
            "uid": uid or uuid4(),
            "taken_at": when,
            "grams": round(conversion.grams, 4),
            "amount": float(amount),  # type: ignore[arg-type]
            "unit": parse_unit(str(unit)),
            "product_uid": product.uid if product else None,
            "is_estimate": is_estimate or conversion.assumed,
            "conversion": conversion.explanation,
            "note": note,
        },
    )
    entry = _store(user=user, record=record, once=uid is not None)
    findings_after_write(user=user, now=now or utcnow())
    return entry  # type: ignore[return-value]


def dose_update(
    *,
    user: User,
    uid: UUID | str,
    confirmed: bool = False,
    now: datetime | None = None,
    expected_version: int | None = None,
    **changes: Any,
) -> m.Dose:
    """Change a dose; amount, unit, product or tea figures are converted again.

    The dose is read and locked in the write's transaction, so a change made at the same moment is
    kept, not overwritten. With `expected_version` (the version the change was based on), a dose
    changed since raises StaleEntry."""
    unknown = set(changes) - {
        "amount",
        "unit",
        "taken_at",
        "product_uid",
        "is_estimate",
        "tea_grams",
        "tea_ml",
        "note",
    }
    if unknown:
        raise InvalidInput([FieldError(name, "cannot be changed") for name in sorted(unknown)])
    with transaction.atomic():
        dose = _locked(user=user, kind="doses", uid=uid, expected_version=expected_version)
        assert isinstance(dose, m.Dose)
        changed = _dose_changed(user=user, dose=dose, confirmed=confirmed, now=now, changes=changes)
    findings_after_write(user=user, now=now or utcnow())
    return changed


def _dose_changed(
    *, user: User, dose: m.Dose, confirmed: bool, now: datetime | None, changes: dict[str, Any]
) -> m.Dose:
    current = to_record(dose)
    assert isinstance(current, fmt.DoseRecord)
    values = current.model_dump()
    new_unit = parse_unit(str(changes.get("unit", dose.unit)))
    reconvert = bool({"amount", "unit", "tea_grams", "tea_ml"} & set(changes)) or (
        "product_uid" in changes and new_unit is Unit.CAPSULES
    )
    if "product_uid" in changes and not reconvert:
        product = _owned_product(user=user, uid=changes["product_uid"])
        values["product_uid"] = product.uid if product else None
    if reconvert:
        conversion, product = dose_convert(
            user=user,
            amount=changes.get("amount", dose.amount),
            unit=changes.get("unit", dose.unit),
            product_uid=changes.get("product_uid", current.product_uid),
            tea_grams=changes.get("tea_grams"),
            tea_ml=changes.get("tea_ml"),
        )
        check_dose_grams(conversion.grams, confirmed=confirmed)
        values.update(
            grams=round(conversion.grams, 4),
            amount=float(changes.get("amount", dose.amount)),
            unit=parse_unit(str(changes.get("unit", dose.unit))),
            product_uid=product.uid if product else None,
            conversion=conversion.explanation,
        )
        if conversion.assumed:
            values["is_estimate"] = True
    if "taken_at" in changes:
        values["taken_at"] = not_in_future(changes["taken_at"], field="taken_at", now=now)
    for name in ("is_estimate", "note"):
        if name in changes:
            values[name] = changes[name]
    record = validate_record(kind_named("doses"), values)
    return _store(user=user, record=record, existing=dose)  # type: ignore[return-value]


def dose_repeat_last(*, user: User, now: datetime | None = None, uid: UUID | str | None = None) -> m.Dose:
    """Log the same amount, unit and product as the last dose, at now (`uid` as in `dose_create`)."""
    if uid is not None and (found := _stored(user=user, kind="doses", uid=uid)) is not None:
        return found  # type: ignore[return-value]  # a retry: the "last dose" is now the one it logged
    last = m.Dose.objects.filter(user=user).order_by("-taken_at", "-id").first()
    if last is None:
        raise InvalidInput("there is no earlier dose to repeat yet", field="dose")
    return dose_create(user=user, now=now, uid=uid, **repeat_values(last))


def repeat_values(last: m.Dose) -> dict[str, Any]:
    """What repeating `last` logs: its amount, unit and product (the offline queue sends the same)."""
    tea = last.unit == Unit.MILLILITRES  # the brew is not stored, so tea repeats as its grams
    return {
        "amount": last.grams if tea else last.amount,
        "unit": Unit.GRAMS if tea else last.unit,
        "product_uid": last.product.uid if last.product and not last.product.archived else None,
        "is_estimate": last.is_estimate,
    }


# --- every other kind of entry ----------------------------------------------------------------


def entry_create(
    *,
    user: User,
    kind: str,
    values: dict[str, Any],
    now: datetime | None = None,
    confirmed: bool = False,
    uid: UUID | str | None = None,
) -> m.Entry:
    """Create a product, check-in, medication, substance, therapy or lab result from its fields.

    A medication or substance whose name resembles a known name asks "did you mean ...?" first
    (ConfirmationRequired) unless `confirmed`; the name is saved as typed. With the caller's own
    `uid`, creating it again returns the entry stored the first time (`already_stored` set)."""
    spec = kind_named(kind)
    if spec.name == "doses":
        return dose_create(user=user, now=now, confirmed=confirmed, uid=uid, **values)
    record = _checked(user=user, spec=spec, values={**values, "uid": uid or uuid4()}, now=now)
    check_name(spec.name, values, confirmed=confirmed)
    entry = _store(user=user, record=record, once=uid is not None)
    findings_after_write(user=user, now=now or utcnow())
    return entry


def entry_update(
    *,
    user: User,
    kind: str,
    uid: UUID | str,
    values: dict[str, Any],
    now: datetime | None = None,
    confirmed: bool = False,
    expected_version: int | None = None,
) -> m.Entry:
    """Change some fields of an entry; fields not given keep their values. A changed medication or
    substance name asks "did you mean ...?" like a new one. Read, locked and `expected_version`
    as in `dose_update`."""
    spec = kind_named(kind)
    if spec.name == "doses":
        return dose_update(
            user=user, uid=uid, now=now, confirmed=confirmed, expected_version=expected_version, **values
        )
    with transaction.atomic():
        entry = _locked(user=user, kind=kind, uid=uid, expected_version=expected_version)
        merged = {**to_record(entry).model_dump(), **values, "uid": entry.uid}
        record = _checked(user=user, spec=spec, values=merged, now=now)
        field = NAME_FIELDS.get(spec.name)
        if field is not None and str(merged.get(field, "")) != str(getattr(entry, field, "")):
            check_name(spec.name, merged, confirmed=confirmed)
        entry = _store(user=user, record=record, existing=entry)
    findings_after_write(user=user, now=now or utcnow())
    return entry


def entry_delete(
    *, user: User, kind: str, uid: UUID | str, expected_version: int | None = None
) -> m.Change | None:
    """Delete an entry (undo brings it back) and return the change; `expected_version` as in
    `dose_update`.

    A product with doses is archived instead (the change is that update), and a product with doses
    that is already archived stays as it is (None: nothing changed, nothing to undo).
    """
    with transaction.atomic():
        entry = _locked(user=user, kind=kind, uid=uid, expected_version=expected_version)
        if isinstance(entry, m.Product) and entry.doses.exists():
            if entry.archived:
                return None
            entry_update(user=user, kind="products", uid=entry.uid, values={"archived": True})
            return m.Change.objects.filter(user=user, uid=entry.uid).order_by("-at", "-id").first()
        change = m.Change.objects.create(
            user=user,
            kind=kind,
            uid=entry.uid,
            action=m.Change.Action.DELETE,
            before=to_record(entry).model_dump(mode="json"),
            version=entry.version,
        )
        entry.delete()
    findings_after_write(user=user, now=utcnow())
    return change


def change_undo(*, user: User, change_id: int | None = None) -> m.Change:
    """Undo one change (the latest if none is named): a creation is deleted, an edit or deletion reverted."""
    changes = m.Change.objects.filter(user=user, undone=False)
    change = changes.filter(id=change_id).first() if change_id is not None else changes.first()
    if change is None:
        raise NotFound("there is nothing to undo")
    later = changes.filter(uid=change.uid, kind=change.kind, id__gt=change.id).exists()
    if later:
        raise InvalidInput("this entry was changed again later; undo the later change first", field="change")
    spec = kind_named(change.kind)
    with transaction.atomic():
        current = spec.model.objects.select_for_update().filter(user=user, uid=change.uid).first()
        if change.action == m.Change.Action.CREATE:
            if isinstance(current, m.Product) and current.doses.exists():
                raise InvalidInput(
                    "doses use this product, so it cannot be removed; archive it instead", field="change"
                )
            if current is not None:
                current.delete()
        else:
            record = spec.record.model_validate(change.before)
            _write(user=user, record=record, existing=current, version=change.version)
        change.undone = True
        change.save(update_fields=["undone"])
    findings_after_write(user=user, now=utcnow(), force=True)
    return change


# --- API tokens -------------------------------------------------------------------------------


def token_create(*, user: User, name: str) -> tuple[m.ApiToken, str]:
    """A personal access token for programs. The raw token is returned once and never stored."""
    name = name.strip()
    if not name:
        raise InvalidInput("give the token a name, such as the program that will use it", field="name")
    raw = "spc_" + secrets.token_urlsafe(32)
    token = m.ApiToken.objects.create(user=user, name=name[:200], prefix=raw[:10], token_hash=token_hash(raw))
    return token, raw


#: `last_used_at` is written at most this often per token, so using a token costs no write per request.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def token_note_use(*, token: m.ApiToken, now: datetime | None = None) -> None:
    """Record that a token was just used (at most once a minute)."""
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        m.ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def token_revoke(*, user: User, token_id: int) -> m.ApiToken:
    token = m.ApiToken.objects.filter(user=user, id=token_id).first()
    if token is None:
        raise NotFound("no such token")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        token.save(update_fields=["revoked_at"])
    return token


# --- internals --------------------------------------------------------------------------------


def _owned_product(*, user: User, uid: UUID | str | None) -> m.Product | None:
    if uid is None or uid == "":
        return None
    try:
        return product_get(user=user, uid=uid)
    except NotFound:
        raise InvalidInput("no such product in your journal", field="product") from None


def not_in_future(moment: datetime, *, field: str, now: datetime | None = None) -> datetime:
    if dj_timezone.is_naive(moment):
        raise InvalidInput("must include a time zone", field=field)
    if moment > (now or utcnow()) + FUTURE_TOLERANCE:
        minutes = int(FUTURE_TOLERANCE.total_seconds() // 60)
        raise InvalidInput(f"is more than {minutes} minutes in the future", field=field)
    return moment


def _locked(*, user: User, kind: str, uid: UUID | str, expected_version: int | None = None) -> m.Entry:
    """The entry read afresh and locked until the caller's transaction ends, so that two writes of
    one entry run one after the other, the second on the first one's result (on SQLite the
    IMMEDIATE transaction already runs alone). A version other than `expected_version` raises."""
    spec = kind_named(kind)
    try:
        entry = spec.model.objects.select_for_update().filter(user=user, uid=uid).first()
    except (DjangoValidationError, ValueError):
        entry = None
    if entry is None:
        raise NotFound(f"no such {spec.singular}")
    if expected_version is not None and entry.version != expected_version:
        raise StaleEntry(
            f"this {spec.singular} changed elsewhere since it was read (version {expected_version}; "
            f"it is at version {entry.version} now), so nothing was saved: read it again and make "
            "the change on what it holds now",
            field="version",
            current_version=entry.version,
        )
    return entry  # type: ignore[no-any-return]


def lock_journal(*, user: User) -> None:
    """Wait, inside a transaction, until no other create-with-uid or import of this person's is
    running, so that the uids each finds stored include the other's (SQLite's IMMEDIATE
    transactions already run one at a time; PostgreSQL takes a row lock on the person)."""
    list(get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).values_list("pk"))


def _stored(*, user: User, kind: str, uid: UUID | str) -> m.Entry | None:
    """The person's entry with this uid, marked `already_stored`, or None."""
    try:
        entry = kind_named(kind).model.objects.filter(user=user, uid=uid).first()
    except (DjangoValidationError, ValueError):
        raise InvalidInput("must be a UUID", field="uid") from None
    if entry is not None:
        entry.already_stored = True
    return entry


def _checked(*, user: User, spec: Kind, values: dict[str, Any], now: datetime | None) -> fmt.Record:
    record = validate_record(spec, values)
    for field in ("at",):
        if hasattr(record, field):
            not_in_future(getattr(record, field), field=field, now=now)
    if isinstance(record, fmt.LabRecord):
        today = local_day(now or utcnow(), user_zone(user=user))
        if record.taken_on > today:
            raise InvalidInput("is in the future", field="taken_on")
    if isinstance(record, fmt.CheckInRecord):
        answers = [getattr(record, name) for name in CHECKIN_SCORES]
        if all(a is None for a in answers) and not record.side_effects and not record.note.strip():
            raise InvalidInput(
                "answer at least one question, pick a side effect or write a note", field="checkin"
            )
        vocabulary = side_effect_vocabulary()
        bad = [
            FieldError(f"side_effects[{i}].code", f"unknown side effect {s.code!r}")
            for i, s in enumerate(record.side_effects)
            if s.code not in vocabulary
        ]
        if bad:
            raise InvalidInput(bad)
    return record


def _store(*, user: User, record: fmt.Record, existing: m.Entry | None = None, once: bool = False) -> m.Entry:
    """Write a record and log the change, in one transaction. `existing`: the entry as `_locked`
    read it. `once`: a new record whose uid the caller chose; if it is stored already, that entry is
    returned and nothing written. The caller brings the findings up to date once its transaction is
    over (`findings_after_write`)."""
    spec = kind_of_record(record)
    with transaction.atomic():
        if once:
            lock_journal(user=user)
            if (found := _stored(user=user, kind=spec.name, uid=record.uid)) is not None:
                return found
        before = to_record(existing).model_dump(mode="json") if existing else None
        version = existing.version if existing else None  # before _write raises it
        entry = _write(user=user, record=record, existing=existing)
        action = m.Change.Action.UPDATE if existing else m.Change.Action.CREATE
        insert_rows(  # the undo log: one plain INSERT on every write
            m.Change,
            [
                {
                    "kind": spec.name,
                    "uid": record.uid,
                    "action": action.value,
                    "before": before,
                    "version": version,
                }
            ],
            user_id=user.pk,
            at=utcnow(),
        )
    return entry


def _write(
    *, user: User, record: fmt.Record, existing: m.Entry | None, version: int | None = None
) -> m.Entry:
    """Insert the record, or write onto `existing` the fields that differ and raise its version.
    `version`: for a deleted entry brought back, the version it had."""
    spec = kind_of_record(record)
    product_ids: dict[UUID, int] = {}
    if isinstance(record, fmt.DoseRecord) and record.product_uid:
        product = m.Product.objects.filter(user=user, uid=record.product_uid).first()
        if product is None:
            raise InvalidInput("no such product in your journal", field="product")
        product_ids[product.uid] = product.id
    values = model_values(record, product_ids=product_ids)
    if existing is None:  # a new entry: one plain INSERT (logging a dose is the hot path)
        now = utcnow()
        if version is not None:
            values["version"] = version + 1
        entry = spec.model(user=user, created_at=now, updated_at=now, **values)
        entry.pk = insert_row(spec.model, values, user_id=user.pk, created_at=now, updated_at=now)
        entry._state.adding = False
        entry._state.db = "default"
    else:
        entry = existing
        changed = [name for name, value in values.items() if getattr(entry, name) != value]
        for name in changed:
            setattr(entry, name, values[name])
        entry.version += 1
        entry.save(update_fields=[*changed, "version", "updated_at"])
    if isinstance(record, fmt.CheckInRecord):
        assert isinstance(entry, m.CheckIn)
        entry.side_effects.all().delete()
        m.SideEffect.objects.bulk_create(
            m.SideEffect(checkin=entry, code=s.code, severity=s.severity.value, text=s.text)
            for s in record.side_effects
        )
    return entry
