"""The web pages' forms, one module per subject; `fields` holds what they share (the person's own
time to the minute, dates, time zones, names, numbers, the note).

Forms only shape what a person typed; every rule lives in the services, whose errors are put back
on the fields they name (`speciosa.web.shortcuts.add_errors`).
"""

from speciosa.web.forms.accounts import SignupForm
from speciosa.web.forms.checkins import CheckInForm, checkin_initial
from speciosa.web.forms.doses import DoseForm, dose_initial
from speciosa.web.forms.history import HistoryFilter
from speciosa.web.forms.records import RECORD_FORMS, RecordForm
from speciosa.web.forms.settings import InvitationForm, PregnancyForm, TeaspoonForm, TimeZoneForm, TokenForm
from speciosa.web.forms.transfer import ImportForm

__all__ = [
    "RECORD_FORMS",
    "CheckInForm",
    "DoseForm",
    "HistoryFilter",
    "ImportForm",
    "InvitationForm",
    "PregnancyForm",
    "RecordForm",
    "SignupForm",
    "TeaspoonForm",
    "TimeZoneForm",
    "TokenForm",
    "checkin_initial",
    "dose_initial",
]
