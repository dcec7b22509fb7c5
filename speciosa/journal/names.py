"""Names of medicines and substances as people type them: what speciosa reads, and "did you mean ...?"
before saving.

Every interface asks the same question through the same service (`entry_create` / `entry_update` with
`confirmed=`): the web form shows "did you mean oxycodone?" with one button to use the suggestion and
one to keep the name as typed; the API answers 409 until the entry is sent again with `confirm: true`;
the CLI stops and asks for `--confirm`. The name is always saved as typed, never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from speciosa.core.errors import ConfirmationRequired, FieldError
from speciosa.refdata import read_name

#: The field that holds the name, by kind of entry.
NAME_FIELDS = {"medications": "name", "substances": "substance"}


@dataclass(frozen=True)
class NameCheck:
    """What speciosa reads in a typed name. `suggestions`: the known names it may be a misspelling of;
    `read_as`: how a misspelling is read ("we read 'oxycodn' as oxycodone"); `classes`: the interaction
    classes the name reaches (labels)."""

    typed: str
    suggestions: tuple[str, ...]
    read_as: str
    classes: tuple[str, ...]
    known: bool

    @property
    def needs_confirmation(self) -> bool:
        """True when the name is read as something it resembles, or is unknown but resembles a known one."""
        return bool(self.suggestions) and (bool(self.read_as) or not self.known)

    @property
    def question(self) -> str:
        """ "did you mean oxycodone? ..." (lower case first word: it follows the field name)."""
        options = " or ".join(self.suggestions[:3])
        text = f"did you mean {options}?"
        if self.read_as:
            text += f" As typed, {self.read_as}."
        else:
            text += f" We do not recognise {self.typed!r}."
        return text + " Correct the name, or confirm to keep it as typed."


def name_check(text: str) -> NameCheck:
    """What a typed medicine or substance name reads as, and what it may be a misspelling of."""
    reading = read_name(text)
    return NameCheck(
        typed=text,
        suggestions=reading.suggestions,
        read_as=reading.read_as_words,
        classes=tuple(c.label for c in reading.classes),
        known=reading.known,
    )


def check_name(kind: str, values: dict[str, object], *, confirmed: bool) -> None:
    """Ask "did you mean ...?" (ConfirmationRequired, naming the field) for a medication or substance
    whose name resembles a known name, unless the person confirmed the name as typed."""
    field = NAME_FIELDS.get(kind)
    if field is None or confirmed:
        return
    typed = str(values.get(field) or "").strip()
    if not typed or (kind == "substances" and values.get("kind") == "alcohol"):
        return
    check = name_check(typed)
    if check.needs_confirmation:
        raise ConfirmationRequired([FieldError(field, check.question)])
