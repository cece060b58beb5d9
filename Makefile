# Raadhuis: `make demo` runs the platform with a demo municipality; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/raadhuis

.PHONY: demo demo-smoke test lint bench install clean schema

# Front-end packages (NL Design System CSS, Leaflet, axe-core), served as static files.
NODE_STAMP := node_modules/.installed

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

demo: $(STAMP) $(NODE_STAMP)
	$(BIN)/raadhuis migrate --no-input
	$(BIN)/raadhuis demo
	$(BIN)/raadhuis serve --bind 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

# On PostgreSQL when one answers (CI always has one), else on SQLite.
test: $(STAMP) $(NODE_STAMP) lint
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "Testing on PostgreSQL ($(PG_TEST_URL))"; \
		DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest && $(MAKE) --no-print-directory demo-smoke; \
	else \
		echo "PostgreSQL not reachable: testing on SQLite"; \
		$(BIN)/pytest; \
	fi

# `make demo`'s embedded default: every migration and the demo loader on a fresh SQLite database
# (the suite above ran on PostgreSQL, where a PostgreSQL-only migration would pass unnoticed).
demo-smoke: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && echo "Demo on SQLite in $$tmp" && \
	env -u DATABASE_URL RAADHUIS_VAR_DIR=$$tmp $(BIN)/raadhuis migrate --no-input >/dev/null && \
	env -u DATABASE_URL RAADHUIS_VAR_DIR=$$tmp $(BIN)/raadhuis demo >/dev/null && \
	echo "Demo on SQLite: migrations and demo data load"

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
