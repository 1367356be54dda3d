# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench check bytecode

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

# The editable install leaves tui/ uncompiled and PYTHONDONTWRITEBYTECODE may forbid
# writing bytecode on import: compiling here saves ~50 ms at every start (cheap when current).
bytecode: $(VENV)/.installed-run
	@$(BIN)/python -m compileall -q tui

run: bytecode
	$(BIN)/ward-reader $(ARGS)

check: bytecode
	$(BIN)/ward-reader check

lint: $(VENV)/.installed-test
	$(BIN)/ruff check tui tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 -q

bench: $(VENV)/.installed-test bytecode
	$(BIN)/python bench/run.py $(ARGS)
