"""URLs of the record pages: products, medications, substances, therapies, labs, Trends,
import and export, settings. Every object URL takes the entry's `uid` as its only argument; the
add, edit and delete views are told which kind of entry they serve (`kind`)."""

from django.urls import path

from speciosa.web.views import insights, invitations, records_settings, records_transfer, records_trends
from speciosa.web.views import records_edit as edit
from speciosa.web.views import records_lists as lists

PRODUCTS = {"kind": "products"}
MEDICATIONS = {"kind": "medications"}
SUBSTANCES = {"kind": "substances"}
THERAPIES = {"kind": "therapies"}
LABS = {"kind": "labs"}

urlpatterns = [
    path("products/", lists.product_list, name="products"),
    path("products/new", edit.record_new, PRODUCTS, name="product_new"),
    path("products/<uuid:uid>/edit", edit.record_edit, PRODUCTS, name="product_edit"),
    path("products/<uuid:uid>/delete", edit.record_delete, PRODUCTS, name="product_delete"),
    path("products/<uuid:uid>/archive", edit.product_archive, name="product_archive"),
    path("medications/", lists.medication_list, name="medications"),
    path("medications/new", edit.record_new, MEDICATIONS, name="medication_new"),
    path("medications/<uuid:uid>/edit", edit.record_edit, MEDICATIONS, name="medication_edit"),
    path("medications/<uuid:uid>/delete", edit.record_delete, MEDICATIONS, name="medication_delete"),
    path("substances/", lists.substance_list, name="substances"),
    path("substances/new", edit.record_new, SUBSTANCES, name="substance_new"),
    path("substances/<uuid:uid>/edit", edit.record_edit, SUBSTANCES, name="substance_edit"),
    path("substances/<uuid:uid>/delete", edit.record_delete, SUBSTANCES, name="substance_delete"),
    path("therapies/", lists.therapy_list, name="therapies"),
    path("therapies/new", edit.record_new, THERAPIES, name="therapy_new"),
    path("therapies/<uuid:uid>/edit", edit.record_edit, THERAPIES, name="therapy_edit"),
    path("therapies/<uuid:uid>/delete", edit.record_delete, THERAPIES, name="therapy_delete"),
    path("labs/", lists.lab_list, name="labs"),
    path("labs/new", edit.record_new, LABS, name="lab_new"),
    path("labs/<uuid:uid>/edit", edit.record_edit, LABS, name="lab_edit"),
    path("labs/<uuid:uid>/delete", edit.record_delete, LABS, name="lab_delete"),
    path("trends", records_trends.trends, name="trends"),
    path("insights", insights.insights, name="insights"),
    path("transfer", records_transfer.transfer_page, name="transfer"),
    path("transfer/export.json", records_transfer.export_json, name="transfer_export_json"),
    path("transfer/export/<slug:kind>.csv", records_transfer.export_csv, name="transfer_export_csv"),
    path("transfer/import", records_transfer.import_upload, name="transfer_import"),
    path("settings", records_settings.settings_page, name="settings"),
    path("settings/timezone", records_settings.timezone_save, name="settings_timezone"),
    path("settings/teaspoon", records_settings.teaspoon_save, name="settings_teaspoon"),
    path("settings/pregnancy", records_settings.pregnancy_save, name="settings_pregnancy"),
    path("settings/tokens", records_settings.token_create, name="token_create"),
    path("settings/invitations", invitations.invitations_page, name="invitations"),
    path(
        "settings/invitations/<int:invitation_id>/withdraw",
        invitations.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("settings/tokens/<int:token_id>/revoke", records_settings.token_revoke, name="token_revoke"),
]
