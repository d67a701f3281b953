# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3
# Test processes: one per core (pytest-xdist); TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= auto

.PHONY: run test test-fast lint fixtures bench bench-load bench-network system-deps system-deps-test messages plotly

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

# axe-core, run in Chromium by the browser tests, and vnu.jar, the Nu HTML Checker run by Java
# (package-lock.json pins both); no install scripts: vnu-jar's would fetch a Java that system-deps installs.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

system-deps:
	@scripts/system-deps.sh run

system-deps-test:
	@scripts/system-deps.sh test

run: system-deps $(VENV)/.installed
	DEBUG=True $(PY) manage.py migrate --noinput
	DEBUG=True $(PY) manage.py loaddata guide experiences
	DEBUG=True $(PY) manage.py load_demo
	DEBUG=True $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, browser journeys included (what .ci/run calls).
test: system-deps-test $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest -q -n $(TEST_WORKERS)

# Everything but the browser journeys.
test-fast: system-deps-test $(VENV)/.installed
	$(PY) -m pytest -q -n $(TEST_WORKERS) -m "not browser"

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	DEBUG=True $(PY) manage.py makemigrations --check --dry-run

# Rebuild static/plotly/plotly.min.js (committed: `make run` needs no npm) with only the trace
# types the pages draw, from the plotly.js that scripts/plotly/package-lock.json pins.
plotly:
	cd scripts/plotly && npm ci --no-audit --no-fund --loglevel=error && node build.mjs

# Regenerate fixtures/guide.json from the guide's text in fixtures/sources/.
fixtures: $(VENV)/.installed
	DEBUG=True $(PY) manage.py import_guide

# Page speed against a trivial view and query counts, then the PDF report (a throw-away SQLite
# database); then the load test against gunicorn and PostgreSQL (bench/RESULTS.md).
bench: $(VENV)/.installed
	$(PY) bench/pages.py
	$(PY) bench/scripts_weight.py
	$(PY) bench/action_history.py
	$(PY) bench/report.py
	$(MAKE) bench-load
	$(MAKE) bench-network

# gunicorn + PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432): 50 editors.
bench-load: $(VENV)/.installed
	$(PY) -u bench/load.py

# The network page for one year at 100 and 1,000 generated clusters × 10 years (PostgreSQL).
bench-network: $(VENV)/.installed
	$(PY) -u bench/network.py

# After changing a translatable string: update locale/*/django.po, translate, then compile the .mo
# files that are committed (so that `make run` needs no gettext). Needs Debian's gettext.
messages: $(VENV)/.installed
	DEBUG=True $(PY) manage.py makemessages -l fr -l en --no-obsolete --add-location=file --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'bench/*'
	$(PY) scripts/fill_french_plurals.py
	DEBUG=True $(PY) manage.py compilemessages --ignore '.venv/*' --ignore 'node_modules/*'
