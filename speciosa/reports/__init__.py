"""Reports: every file speciosa hands out (clinician PDF, FHIR R4, CSV, calendar) is an exporter in one
registry (speciosa.reports.registry), so the Reports page, `GET /api/v1/reports/{id}` and
`speciosa report ID` offer the same list. Exporters read through speciosa.journal, never the ORM."""
