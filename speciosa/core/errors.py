"""One error tree for every interface: the API, the pages and the CLI each map it once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """A problem with one field: where it is and what is wrong, in words a person can act on."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class ApplicationError(Exception):
    """Base of every error speciosa shows to a person or a program."""

    status = 400

    def __init__(self, errors: list[FieldError] | str, *, field: str = "") -> None:
        self.errors = [FieldError(field, errors)] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in self.errors))


class InvalidInput(ApplicationError):
    """Input that cannot be stored; nothing was changed."""


class ConfirmationRequired(InvalidInput):
    """Input that is possible but unusual enough to ask the person to confirm it."""

    status = 409


class NotFound(ApplicationError):
    """The object does not exist, or belongs to someone else (the two look the same on purpose)."""

    status = 404


class TooLarge(ApplicationError):
    status = 413


class TooManyAttempts(ApplicationError):
    """Too many failed sign-ins (or refused names, or unknown tokens) from one place: wait, then retry."""

    status = 429

    def __init__(self, errors: list[FieldError] | str, *, field: str = "", retry_after_seconds: int) -> None:
        super().__init__(errors, field=field)
        self.retry_after_seconds = retry_after_seconds


class StaleEntry(ApplicationError):
    """A change based on an older version of an entry than the stored one: someone (another device,
    another tab) changed it since it was read. Nothing was written; read it again and redo the change."""

    status = 412

    def __init__(self, errors: list[FieldError] | str, *, field: str = "", current_version: int) -> None:
        super().__init__(errors, field=field)
        self.current_version = current_version
