"""`python -m speciosa.cli ...` runs the same command line as `speciosa ...`."""

from speciosa.cli.main import run

run()
