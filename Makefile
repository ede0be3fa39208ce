# The two commands a person needs: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,nlu]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/salesplay play scenarios

test: $(STAMP)
	$(BIN)/ruff check game tests bench main.py
	$(BIN)/ruff format --check game tests bench main.py
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check game tests bench main.py
	$(BIN)/ruff format --check game tests bench main.py

format: $(STAMP)
	$(BIN)/ruff format game tests bench main.py
	$(BIN)/ruff check --fix game tests bench main.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info
