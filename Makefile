# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/ward-reader $(ARGS)

check: $(VENV)/.installed-run
	$(BIN)/ward-reader check

lint: $(VENV)/.installed-test
	$(BIN)/ruff check tui tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 -q

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py $(ARGS)
