# `make site` and `make test` work on a fresh machine: they create .venv and install the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

LOCK := requirements/lock.txt
COMPILE = $(strip $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 $(LOCK_FLAGS))
.PHONY: site test test-fast serve check lint bench clean pdf lock messages

# Every version comes from the hashed lock; the project itself is installed without its dependencies.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The browser tests and `make pdf` drive Debian's Chromium; install it when it is missing.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@echo "Chromium is missing at $(CHROMIUM): installing Debian's chromium package (apt-get update, apt-get install chromium)..."
	@if [ "$$(id -u)" = 0 ]; then sudo=; elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else echo "error: cannot install chromium: not root and no sudo; run as root: apt-get install chromium" >&2; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "error: cannot install chromium: no apt-get (not Debian); install Chromium so that $(CHROMIUM) exists" >&2; exit 1; fi; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
	  && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	  || { echo "error: apt-get could not install chromium (see above); the browser tests and make pdf need it" >&2; exit 1; }
	@test -x $(CHROMIUM) || { echo "error: chromium was installed but $(CHROMIUM) does not exist" >&2; exit 1; }

lock: $(STAMP)  ## re-resolve requirements/*.txt from pyproject.toml and requirements/*.in (LOCK_FLAGS=--upgrade for newest)
	$(COMPILE) pyproject.toml requirements/tools.in --extra test -o $(LOCK)
	$(COMPILE) pyproject.toml requirements/tools.in requirements/properdocs.in -c $(LOCK) -o requirements/properdocs.txt
	$(COMPILE) requirements/zensical.in -o requirements/zensical.txt
	$(COMPILE) requirements/audit.in -o requirements/audit.txt

# Interface strings of templates/*.j2 and generator/ into locales/messages.pot, then into each language's .po.
messages: $(STAMP)  ## extract interface strings and update locales/*/LC_MESSAGES/messages.po
	$(BIN)/pybabel -q extract -F babel.cfg --sort-by-file --omit-header --no-wrap -o locales/messages.pot .
	$(BIN)/pybabel -q update -i locales/messages.pot -d locales --no-wrap --ignore-obsolete

site: $(STAMP)  ## build site/ strictly
	$(BIN)/mkdocs build --strict

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, rebuilding only what each save affects
	$(BIN)/python -m generator serve

check: $(STAMP)  ## validate the fact base
	$(BIN)/python -m generator check content

test: $(STAMP) $(CHROMIUM)  ## the whole suite, browser tests included
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)  ## everything but the browser tests
	$(BIN)/python -m pytest -q -m "not browser"

pdf: site $(CHROMIUM)  ## the whole report as one PDF per language edition: site/report.pdf, site/fr/report.pdf
	$(BIN)/python -m generator pdf --site site --every-edition

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site site.partial site.partial.* site.previous .cache
