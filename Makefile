# `make site` and `make test` work on a fresh machine: they create .venv and install the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

LOCK := requirements/lock.txt
COMPILE = $(strip $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 $(LOCK_FLAGS))

.PHONY: site test test-fast serve check lint bench clean lock

# Every version comes from the hashed lock; the project itself is installed without its dependencies.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock: $(STAMP)  ## re-resolve requirements/*.txt from pyproject.toml and requirements/*.in (LOCK_FLAGS=--upgrade for newest)
	$(COMPILE) pyproject.toml requirements/tools.in --extra test -o $(LOCK)
	$(COMPILE) pyproject.toml requirements/tools.in requirements/properdocs.in -c $(LOCK) -o requirements/properdocs.txt
	$(COMPILE) requirements/zensical.in -o requirements/zensical.txt
	$(COMPILE) requirements/audit.in -o requirements/audit.txt

site: $(STAMP)  ## build site/ strictly
	$(BIN)/mkdocs build --strict

serve: $(STAMP)  ## preview with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload

check: $(STAMP)  ## validate the fact base
	$(BIN)/python -m generator check content

test: $(STAMP)  ## the whole suite, browser tests included
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)  ## everything but the browser tests
	$(BIN)/python -m pytest -q -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site site.partial site.previous .cache
