"""The `speciosa` command line: a thin Typer shell over the journal's services and selectors."""
