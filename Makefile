# The README's two commands are `make run` and `make test`; each does its own set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-postgres test-browser lint bench demo clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## Serve speciosa at http://127.0.0.1:8000 (creates the SQLite database on first run).
run: $(STAMP)
	$(BIN)/speciosa serve

## The whole test suite on SQLite (browser tests are `make test-browser`), with its coverage of
## speciosa/ (it fails below the floor in pyproject.toml, which only ever rises).
test: $(STAMP)
	$(BIN)/pytest -n 2 -q --cov --cov-report=

## The same suite against PostgreSQL (DATABASE_URL, default: the local `test` database).
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -n 2 -q -p no:cacheprovider

## Playwright driving Debian's chromium (/usr/bin/chromium).
test-browser: $(STAMP)
	$(BIN)/pytest -q -m browser tests

lint: $(STAMP)
	$(BIN)/ruff check speciosa tests bench
	$(BIN)/ruff format --check speciosa tests bench
	$(BIN)/mypy speciosa
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: $(STAMP)
	$(BIN)/python -m bench

demo: $(STAMP)
	$(BIN)/speciosa demo

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
