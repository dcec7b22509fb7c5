"""URLs of share links: the owner's page (create, revoke, who opened each when) and the shared
summary itself, opened by its token without signing in (as a page and as the PDF)."""

from django.urls import path

from speciosa.web.views import share

urlpatterns = [
    path("reports/share/", share.share_page, name="share_links"),
    path("reports/share/new", share.share_create, name="share_link_create"),
    path("reports/share/<int:link_id>/revoke", share.share_revoke, name="share_link_revoke"),
    path("share/<str:token>/", share.shared_report, name="shared_report"),
    path("share/<str:token>/report.pdf", share.shared_report_pdf, name="shared_report_pdf"),
]
