# Sirius — the few targets people use. Every target works from a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
STAMP := $(VENV)/.installed
REQUIREMENTS := requirements/dev.txt
DEV_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.dev

.PHONY: install run test test-sqlite test-postgres lint fix bench requirements clean

install: $(STAMP)

$(STAMP): $(REQUIREMENTS) pyproject.toml
	@command -v uv >/dev/null 2>&1 || test -x $(UV) || python3 -m pip install --quiet --user uv
	@test -d $(VENV) || $(UV) venv --quiet --python python3 $(VENV)
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(REQUIREMENTS)
	@touch $(STAMP)

# Regenerate the pinned requirement files after editing pyproject.toml.
requirements:
	$(UV) pip compile pyproject.toml --generate-hashes --python-version 3.11 -q -o requirements/base.txt
	$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements/dev.txt

run: install
	$(DEV_SETTINGS) $(PY) manage.py migrate --noinput
	$(DEV_SETTINGS) $(PY) manage.py seed_demo
	$(DEV_SETTINGS) bin/serve

test: install test-sqlite test-postgres

test-sqlite: install
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

# Runs on PostgreSQL when DATABASE_URL points to it or when 127.0.0.1:5432 answers.
test-postgres: install
	@url="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sirius}"; \
	if $(PY) bin/database_reachable "$$url"; then \
		DATABASE_URL="$$url" $(PY) -m pytest $(PYTEST_ARGS); \
	else \
		echo "PostgreSQL injoignable ($$url) : tests PostgreSQL non lancés."; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	env -u DATABASE_URL $(DEV_SETTINGS) $(PY) manage.py makemigrations --check --dry-run

fix: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) bench/import_catalogue.py

clean:
	rm -rf $(VENV) var/*.sqlite3*
