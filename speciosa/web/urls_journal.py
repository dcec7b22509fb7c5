"""The journal pages: accounts, Today, doses, check-ins, History and Undo (names in the `web:` namespace)."""

from django.urls import path

from speciosa.web.views import journal_accounts as accounts
from speciosa.web.views import journal_checkins as checkins
from speciosa.web.views import journal_doses as doses
from speciosa.web.views import journal_history as history
from speciosa.web.views import journal_today as today

urlpatterns = [
    path("", today.today, name="today"),
    path("signup/", accounts.signup, name="signup"),
    path("join/<str:token>", accounts.signup, name="join"),
    path("login/", accounts.login_page, name="login"),
    path("logout/", accounts.logout_page, name="logout"),
    path("health", accounts.health, name="health"),
    path("doses/new/", doses.dose_new, name="dose_new"),
    path("doses/repeat/", today.dose_repeat, name="dose_repeat"),
    path("doses/preview/", doses.dose_preview, name="dose_preview"),
    path("doses/<uuid:uid>/", doses.dose_edit, name="dose_edit"),
    path("doses/<uuid:uid>/delete/", doses.dose_delete, name="dose_delete"),
    path("checkins/new/", checkins.checkin_new, name="checkin_new"),
    path("checkins/<uuid:uid>/", checkins.checkin_edit, name="checkin_edit"),
    path("checkins/<uuid:uid>/delete/", checkins.checkin_delete, name="checkin_delete"),
    path("history/", history.history, name="history"),
    path("undo/", history.undo, name="undo"),
]
