"""URLs of Cutting down (the taper planner and its plans) and of the self-checks (SOWS, DSM-5)."""

from django.urls import path

from speciosa.web.views import selfchecks, taper

urlpatterns = [
    path("taper/", taper.taper_home, name="taper"),
    path("taper/<uuid:uid>/", taper.taper_plan, name="taper_plan"),
    path("taper/<uuid:uid>/act", taper.taper_act, name="taper_act"),
    path("taper/<uuid:uid>/end", taper.taper_end, name="taper_end"),
    path("taper/<uuid:uid>/delete", taper.taper_delete, name="taper_delete"),
    path("selfchecks/", selfchecks.selfchecks, name="selfchecks"),
    path("selfchecks/sows", selfchecks.selfcheck_sows, name="selfcheck_sows"),
    path("selfchecks/dsm5", selfchecks.selfcheck_dsm5, name="selfcheck_dsm5"),
    path("selfchecks/<uuid:uid>/", selfchecks.selfcheck, name="selfcheck"),
    path("selfchecks/<uuid:uid>/delete", selfchecks.selfcheck_delete, name="selfcheck_delete"),
]
