# One command per chore. `make install` then `make test` is what CI runs (.ci/run).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install test lint typecheck schemas baseline cassettes run-seeds eval-seeds compare bench clean

install:            ## fresh virtualenv with everything (llama-cpp-python compiles: minutes the first time)
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install -e ".[dev,ray]"

test:               ## the whole test suite, offline
	$(BIN)/pytest

lint:
	$(BIN)/ruff check extract tests benchmarks

typecheck:
	$(BIN)/mypy

schemas:            ## regenerate schemas/ from the Pydantic models
	$(BIN)/python -m extract.schema_export schemas

baseline:           ## rewrite evals/baseline.json (the regression gate's figures); commit it with the change that moves it
	$(BIN)/python -m extract.regression --write

cassettes:          ## re-record vcrpy cassettes against the real embedded llama.cpp server
	EXTRACT_RECORD=1 $(BIN)/pytest tests/test_recorded.py -p no:randomly

run-seeds:          ## the embedded default on the seed articles
	$(BIN)/extract run seeds/ -o out.jsonl

eval-seeds: run-seeds
	$(BIN)/extract eval out.jsonl --gold evals/gold

compare:            ## every (embedded model, strategy) pair on the seeds, one table
	$(BIN)/extract compare seeds/ --gold evals/gold

bench:
	$(BIN)/python benchmarks/bench_scoring.py

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
