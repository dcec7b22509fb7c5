"""Learn: the claim checker page (issue 12). GET: the form and every known claim with its verdict;
POST: the pasted text's sentences with the claims they make. Nothing is stored or sent anywhere."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from speciosa.core.errors import ApplicationError
from speciosa.journal.claim_check import MAX_TEXT_CHARS, check_claims
from speciosa.refdata.claims import Claim, claims
from speciosa.refdata.loader import sources
from speciosa.web.presenters.findings_display import grade_label, source_anchor


class ClaimCheckForm(forms.Form):
    text = forms.CharField(
        label="Text to check",
        help_text=f"Paste a vendor's page or product text (at most {MAX_TEXT_CHARS:,} characters). "
        "It is checked here and then forgotten: nothing is stored or sent anywhere.",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_TEXT_CHARS,
        strip=False,
    )


def claim_entry(claim: Claim) -> dict[str, Any]:
    """A claim as the page shows it, with each source's citation, grade and anchor on /sources/."""
    known = sources()
    return {
        "claim": claim,
        "sources": [
            {
                "id": s,
                "citation": known[s].citation,
                "grade": known[s].grade,
                "grade_label": grade_label(known[s].grade),
                "anchor": source_anchor(s),
            }
            for s in claim.sources
        ],
    }


@require_http_methods(["GET", "POST"])
def claims_page(request: HttpRequest) -> HttpResponse:
    form = ClaimCheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = check_claims(form.cleaned_data["text"])
        except ApplicationError as error:
            for problem in error.errors:
                form.add_error("text", problem.message)
    context = {
        "nav": "learn",
        "form": form,
        "result": result,
        "found": [claim_entry(c) for c in result.claims_found] if result else [],
        "entries": [claim_entry(c) for c in claims()],
    }
    return render(request, "web/learn/claims.html", context, status=400 if form.errors else 200)
