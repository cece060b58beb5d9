# Raadhuis: `make demo` runs the platform with a demo municipality; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/raadhuis

.PHONY: demo test lint bench install clean schema

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
		DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest; \
	else \
		echo "PostgreSQL not reachable: testing on SQLite"; \
		$(BIN)/pytest; \
	fi

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
