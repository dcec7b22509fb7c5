"""Learn: the claim checker (issue 12). `speciosa claims FILE` marks the known marketing claims in a
vendor's text, with what the evidence says. Nothing is stored and nothing is sent anywhere."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from speciosa.cli.output import Format, FormatOption, command, csv_text, fail, out, print_json
from speciosa.journal.claim_check import ClaimCheck, check_claims
from speciosa.refdata.claims import Claim

commands = typer.Typer()


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "claim": claim.claim,
        "verdict": claim.verdict,
        "verdict_words": claim.verdict_words,
        "explanation": claim.explanation,
        "sources": list(claim.sources),
        "guide": claim.guide_url,
        "url": claim.url,
    }


def as_document(result: ClaimCheck) -> dict[str, Any]:
    """What --format json prints: the same fields as POST /claims/check answers."""
    return {
        "sentences": len(result.sentences),
        "marked": [
            {"text": s.text, "start": s.start, "end": s.end, "claims": [c.id for c in s.claims]}
            for s in result.marked
        ],
        "claims": [_claim(c) for c in result.claims_found],
    }


@command(commands, "claims", example="speciosa claims vendor-page.txt", fields={"text": "FILE"})
def claims_command(
    file: Annotated[
        str, typer.Argument(help='A text file to check; "-" or nothing reads standard input.')
    ] = "-",
    format: FormatOption = Format.TABLE,
) -> None:
    """Mark the known marketing claims in a vendor's text, each with its verdict and sources."""
    if file == "-":
        text = sys.stdin.read()
    else:
        path = Path(file)
        if not path.is_file():
            fail(f"no such file: {file}", field="text")
        text = path.read_text(encoding="utf-8", errors="replace")
    result = check_claims(text)
    if format is Format.JSON:
        print_json(as_document(result))
        return
    if format is Format.CSV:
        rows = [
            {"sentence": s.text, "claim": c.id, "verdict": c.verdict, "sources": " ".join(c.sources)}
            for s in result.marked
            for c in s.claims
        ]
        typer.echo(csv_text(rows, ["sentence", "claim", "verdict", "sources"]), nl=False)
        return
    console = out()
    if not result.marked:
        console.print(f"No known marketing claim in {len(result.sentences)} sentences.", markup=False)
        return
    console.print(f"{len(result.marked)} of {len(result.sentences)} sentences make a known marketing claim.")
    for sentence in result.marked:
        console.print()
        console.print(f"> {sentence.text}", markup=False)
        for claim in sentence.claims:
            console.print(f"  {claim.verdict_words.upper()}: {claim.claim} [{claim.id}]", markup=False)
    console.print()
    console.print("What the sources say:")
    for claim in result.claims_found:
        console.print()
        console.print(f"{claim.id}: {claim.verdict_words}", markup=False)
        console.print(f"  {claim.explanation}", markup=False)
        console.print(f"  Sources: {', '.join(claim.sources)}  Guide: {claim.guide_url}", markup=False)
