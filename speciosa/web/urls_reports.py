"""URLs of the Reports page and its downloads."""

from django.urls import path

from speciosa.web.views import reports

urlpatterns = [
    path("reports/", reports.reports, name="reports"),
    path("reports/<slug:exporter_id>/download", reports.report_download, name="report_download"),
]
