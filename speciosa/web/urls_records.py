"""URLs of the record pages: products, medications, substances, therapies, labs, Trends,
import and export, settings. Every object URL takes the entry's `uid` as its only argument."""

from django.urls import path

from speciosa.web.views import records, records_settings, records_transfer, records_trends

urlpatterns = [
    path("products/", records.product_list, name="products"),
    path("products/new", records.product_new, name="product_new"),
    path("products/<uuid:uid>/edit", records.product_edit, name="product_edit"),
    path("products/<uuid:uid>/delete", records.product_delete, name="product_delete"),
    path("products/<uuid:uid>/archive", records.product_archive, name="product_archive"),
    path("medications/", records.medication_list, name="medications"),
    path("medications/new", records.medication_new, name="medication_new"),
    path("medications/<uuid:uid>/edit", records.medication_edit, name="medication_edit"),
    path("medications/<uuid:uid>/delete", records.medication_delete, name="medication_delete"),
    path("substances/", records.substance_list, name="substances"),
    path("substances/new", records.substance_new, name="substance_new"),
    path("substances/<uuid:uid>/edit", records.substance_edit, name="substance_edit"),
    path("substances/<uuid:uid>/delete", records.substance_delete, name="substance_delete"),
    path("therapies/", records.therapy_list, name="therapies"),
    path("therapies/new", records.therapy_new, name="therapy_new"),
    path("therapies/<uuid:uid>/edit", records.therapy_edit, name="therapy_edit"),
    path("therapies/<uuid:uid>/delete", records.therapy_delete, name="therapy_delete"),
    path("labs/", records.lab_list, name="labs"),
    path("labs/new", records.lab_new, name="lab_new"),
    path("labs/<uuid:uid>/edit", records.lab_edit, name="lab_edit"),
    path("labs/<uuid:uid>/delete", records.lab_delete, name="lab_delete"),
    path("trends", records_trends.trends, name="trends"),
    path("transfer", records_transfer.transfer_page, name="transfer"),
    path("transfer/export.json", records_transfer.export_json, name="transfer_export_json"),
    path("transfer/export/<slug:kind>.csv", records_transfer.export_csv, name="transfer_export_csv"),
    path("transfer/import", records_transfer.import_upload, name="transfer_import"),
    path("settings", records_settings.settings_page, name="settings"),
    path("settings/timezone", records_settings.timezone_save, name="settings_timezone"),
    path("settings/teaspoon", records_settings.teaspoon_save, name="settings_teaspoon"),
    path("settings/pregnancy", records_settings.pregnancy_save, name="settings_pregnancy"),
    path("settings/tokens", records_settings.token_create, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke", records_settings.token_revoke, name="token_revoke"),
]
