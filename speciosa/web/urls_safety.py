"""URLs of the safety pages: Findings, acknowledging one, a page per rule code, and Sources."""

from django.urls import path

from speciosa.web.views import safety

urlpatterns = [
    path("findings/", safety.findings_page, name="findings"),
    path("findings/acknowledge-all", safety.findings_acknowledge_all, name="findings_acknowledge_all"),
    path("findings/acknowledge/<path:key>", safety.finding_acknowledge, name="finding_acknowledge"),
    path("findings/log-symptoms/<path:key>", safety.finding_log_symptoms, name="finding_log_symptoms"),
    path("findings/rules/<str:code>/", safety.finding_rule, name="finding_rule"),
    path("sources/", safety.sources_page, name="sources"),
]
