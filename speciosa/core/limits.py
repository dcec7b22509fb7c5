"""Input limits. They guard against typing mistakes; they say nothing about what is a wise dose."""

from __future__ import annotations

from datetime import timedelta

#: One dose above this many grams asks the person to confirm (a slipped decimal point is likelier
#: than a real 100 g dose; treatment-seeking people report up to ~92 g a day, facts §1.1).
CONFIRM_DOSE_GRAMS = 100.0
#: One dose above this is refused as a mistake.
MAX_DOSE_GRAMS = 250.0
#: A time further than this in the future is refused (clocks drift a little between devices).
FUTURE_TOLERANCE = timedelta(minutes=5)
#: Longest note or free-text field, in characters (any Unicode).
MAX_NOTE_CHARS = 5000
#: Longest short text (names, vendors, batches, dose text), in characters.
MAX_NAME_CHARS = 200
#: Most standard drinks in one alcohol entry.
MAX_STANDARD_DRINKS = 60.0
#: Longest therapy or activity entry, in minutes.
MAX_THERAPY_MINUTES = 24 * 60
