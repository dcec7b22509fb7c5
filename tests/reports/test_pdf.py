"""The clinician summary PDF: its figures read back from the PDF's text match the journal, it opens
(page 1 renders to PNG), and it stays within two pages. Reading a PDF needs Debian's poppler-utils
(pdftotext, pdfinfo, pdftoppm): CI installs it; elsewhere these tests skip and say so."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import back_pain_journal
from speciosa.journal import services, transfer
from speciosa.journal.findings import findings_current
from speciosa.journal.report_data import report_summary
from speciosa.reports.base import Period, period_of
from speciosa.reports.pdf import EXPORTERS, render

POPPLER = ("pdftotext", "pdfinfo", "pdftoppm", "pdfimages")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} missing: install Debian's poppler-utils to read the PDF back")


def pdf_of(user, period: Period, now: datetime, folder: Path) -> Path:
    path = folder / "summary.pdf"
    path.write_bytes(b"".join(render(user=user, period=period, now=now)))
    return path


def text_of(pdf: Path) -> str:
    found = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(found.split())


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def images_in(pdf: Path) -> int:
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return len(listed.splitlines()) - 2  # after its two heading lines


def first_page_opens(pdf: Path, folder: Path) -> bool:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(folder / "page")], check=True
    )
    [png] = folder.glob("page*.png")
    return png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5_000


def build_journal(user, now: datetime) -> None:
    """28 days: 2 doses of 2 g a day of a product with a lab sheet, a PEG-3 check-in every evening
    (nausea on every fourth), sertraline on the list, and two ALT results, one above its limit."""
    product = services.entry_create(
        user=user,
        kind="products",
        values={"name": "Green Malay – µ batch", "vendor": "Leafworks", "mitragynine_percent": 1.5},
    )
    today = now.astimezone(NEW_YORK).date()
    for back in range(28):
        day = today - timedelta(days=back)
        for hour in (6, 9):
            at = datetime(day.year, day.month, day.day, hour, tzinfo=NEW_YORK)
            services.dose_create(user=user, amount=2, product_uid=product.uid, taken_at=at, now=now)
        effects = [{"code": "nausea", "severity": "mild"}] if back % 4 == 0 else []
        services.entry_create(
            user=user,
            kind="checkins",
            values={
                "at": datetime(day.year, day.month, day.day, 8, tzinfo=NEW_YORK),
                "pain_now": 6,
                "peg_pain": 6,
                "peg_enjoyment": 5,
                "peg_activity": 4,
                "side_effects": effects,
            },
            now=now,
        )
    services.entry_create(user=user, kind="medications", values={"name": "Sertraline", "dose_text": "50 mg"})
    for day, value in ((today - timedelta(days=20), 31), (today - timedelta(days=3), 84)):
        services.entry_create(
            user=user,
            kind="labs",
            values={"taken_on": day, "test": "ALT", "value": value, "unit": "U/L", "reference_high": 56},
        )


def test_the_summary_reads_back_with_the_journals_figures(alice, frozen_now, poppler, tmp_path):
    build_journal(alice, frozen_now)
    period = period_of(user=alice, start=date(2026, 2, 8), end=date(2026, 3, 7), now=frozen_now)
    pdf = pdf_of(alice, period, frozen_now, tmp_path)
    text = text_of(pdf)
    assert "speciosa — summary for a clinician" in text
    assert "Period: 8 Feb 2026 to 7 Mar 2026 (28 days)" in text
    assert "Mean 4 g a day · 2 doses a day · doses on 28 of 28 days" in text
    assert "Green Malay – µ batch (Leafworks)" in text
    assert "1.5% 60" in text  # the lab sheet's mitragynine, and 4 g × 1.5% = 60 mg a day
    assert "Sertraline" in text and "SSRI antidepressants" in text
    assert "ALT (alanine aminotransferase)" in text and "84 U/L" in text and "1.50 above" in text
    assert "✓ within" in text
    assert "Nausea: 7 check-ins (worst mild)" in text
    titles = [f.title for f in findings_current(user=alice, now=frozen_now)]
    assert titles and all(" ".join(title.split()) in text for title in titles)
    assert "From the person's own journal; not a medical record; sources in the app" in text
    assert first_page_opens(pdf, tmp_path)
    assert pages_of(pdf) <= 2


def test_questions_come_from_the_findings_and_never_speak_of_amounts(alice, frozen_now):
    build_journal(alice, frozen_now)
    found = report_summary(user=alice, start=date(2026, 2, 8), end=date(2026, 3, 7), now=frozen_now)
    questions = " ".join(found.questions)
    assert "“Sertraline and kratom (SSRI antidepressants)” (caution)" in questions
    assert "“A liver test above your lab's range” (caution)" in questions
    assert all(f"“{f.title}”" in questions for f in found.findings if f.notable)
    assert questions.count("Sertraline") == 1 and "ALT" not in questions  # asked once, from the finding
    words = questions.lower()
    assert not any(w in words for w in ("safe", "recommend", "how much", "should i take", "treat"))


def test_a_flagged_medication_or_a_high_liver_test_no_finding_raised_is_asked_about(alice, frozen_now):
    services.entry_create(user=alice, kind="medications", values={"name": "Sertraline"})
    services.entry_create(
        user=alice,
        kind="labs",
        values={
            "taken_on": date(2025, 2, 1),
            "test": "ALT",
            "value": 84,
            "unit": "U/L",
            "reference_high": 56,
        },
    )
    found = report_summary(user=alice, start=date(2025, 1, 1), end=date(2025, 3, 1), now=frozen_now)
    assert found.questions == [
        "Is it a problem to take Sertraline while I use kratom?",
        "ALT (alanine aminotransferase) above the upper limit: what follow-up is needed?",
    ]


def test_an_empty_journal_gives_a_summary_that_says_so(alice, frozen_now, poppler, tmp_path):
    period = period_of(user=alice, start=None, end=None, now=frozen_now)
    text = text_of(pdf_of(alice, period, frozen_now, tmp_path))
    assert "No kratom doses logged in this period." in text
    assert "No pain or PEG-3 ratings logged in this period." in text
    assert "No liver tests logged in this period." in text


def test_the_back_pain_demo_fits_two_pages_with_its_mean_grams_a_day(db, poppler, tmp_path):
    user = services.account_create(
        username="backpain", password="a long enough password", timezone="America/Chicago"
    )
    now = timezone.now()
    document = back_pain_journal(end=now)
    transfer.journal_import(user=user, document=JournalDocument.model_validate(document), now=now)
    period = period_of(user=user, start=None, end=None, now=now)
    chicago = ZoneInfo("America/Chicago")
    grams = sum(
        dose["grams"]
        for dose in document["doses"]
        if period.start <= datetime.fromisoformat(dose["taken_at"]).astimezone(chicago).date() <= period.end
    )
    pdf = pdf_of(user, period, now, tmp_path)
    text = text_of(pdf)
    assert f"Mean {round(grams / period.days, 1):g} g a day" in text
    assert "Red Bali (Riverbend Botanicals)" in text and "1.4%" in text
    assert "Ibuprofen" in text
    assert "Clinically important change: ≥ 2 points or ≥ 30% (Farrar 2001" in text
    assert images_in(pdf) == 1  # the pain and PEG-3 chart
    assert first_page_opens(pdf, tmp_path)
    assert pages_of(pdf) <= 2


def test_the_exporter_names_a_pdf_file_for_its_period():
    [exporter] = EXPORTERS
    assert exporter.id == "clinician-pdf" and exporter.media_type == "application/pdf"
    assert exporter.filename(Period(date(2026, 1, 1), date(2026, 3, 31))) == (
        "speciosa-clinician-pdf-2026-01-01-to-2026-03-31.pdf"
    )


def test_the_experiment_demo_shows_its_experiment_with_its_result(db, poppler, tmp_path):
    from speciosa.demo.load import plan_demo_experiment
    from speciosa.demo.stories import case_named, experiment_journal
    from speciosa.journal.experiments import experiment_view, experiment_views

    user = services.account_create(
        username="trial", password="a long enough password", timezone="America/New_York"
    )
    now = timezone.now()
    document = JournalDocument.model_validate(experiment_journal(end=now))
    transfer.journal_import(user=user, document=document, now=now)
    plan_demo_experiment(user=user, case=case_named("experiment"), document=document)
    [listed] = experiment_views(user=user, now=now)
    view = experiment_view(user=user, uid=listed.experiment.uid, now=now)
    period = period_of(user=user, start=view.schedule.start, end=view.last_day, now=now)
    pdf = pdf_of(user, period, now, tmp_path)
    text = text_of(pdf)
    assert view.experiment.question in text
    assert view.result is not None and " ".join(view.result.verdict.split()) in text
    assert pages_of(pdf) <= 2


def test_an_interaction_class_is_named_with_its_severity_in_words(alice, frozen_now):
    services.entry_create(user=alice, kind="medications", values={"name": "Naloxone nasal spray"})
    found = report_summary(user=alice, start=date(2025, 1, 1), end=date(2025, 3, 1), now=frozen_now)
    [medication] = found.medications
    assert any(flag.endswith("(low risk)") for flag in medication.interactions)
    assert "low_risk" not in " ".join(medication.interactions)
