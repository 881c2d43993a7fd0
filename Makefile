# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test install lint migrations schema bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Migrate an SQLite file, load the demo agencies, serve on http://127.0.0.1:$${JENJANG_PORT:-8000}
demo: install
	JENJANG_DEMO=1 $(BIN)/jenjang demo

## Run every test (PostgreSQL too where JENJANG_TEST_POSTGRES_URL is set)
test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

## Regenerate the migration for model changes (Tortoise's own autodetector)
migrations: install
	$(BIN)/tortoise -c portal.db.TORTOISE_ORM makemigrations

schema: install
	$(BIN)/jenjang export-schema > schema.graphql

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache jenjang.sqlite3*
