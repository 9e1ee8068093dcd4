# `make site` and `make test` work on a fresh machine: they create .venv and install the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast serve check lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## build site/ strictly
	$(BIN)/mkdocs build --strict

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, rebuilding only what each save affects
	$(BIN)/python -m generator serve

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
	rm -rf site site.partial site.partial.* site.previous .cache
