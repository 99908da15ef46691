# Two commands on a fresh machine: `make run` and `make test` (each sets up .venv on first use, and again
# whenever pyproject.toml is newer than it). CI runs the same two (.ci/run).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out.jsonl
REPORT ?= report.md
# The lowest versions pyproject.toml allows; `make test-low` runs the backend and contract tests on them.
LOW_DEPS := instructor==1.15.3 openai==2.0.0
LOW_TESTS := tests/test_server_profiles.py tests/test_backend.py tests/test_backend_cost.py tests/test_faults.py tests/test_run.py

.PHONY: install run test test-low lint typecheck schemas baseline cassettes run-seeds eval-seeds compare bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install -e ".[dev,ray]"
	touch $(STAMP)

install: $(STAMP)   ## the virtualenv with everything (llama-cpp-python compiles: minutes the first time)

run: $(STAMP)       ## the embedded default on the seed articles, then an eval report; exit code of the run
	@status=0; $(BIN)/extract run seeds/ -o $(OUT) || status=$$?; \
	$(BIN)/extract eval $(OUT) --gold evals/gold --markdown $(REPORT) >/dev/null || status=$$((status ? status : $$?)); \
	echo "results: $(OUT)"; echo "eval report: $(REPORT)"; exit $$status

test: $(STAMP)      ## the whole test suite, offline
	$(BIN)/pytest

test-low: $(STAMP)  ## the backend and contract tests on the lowest allowed Instructor and openai
	rm -rf .lowdeps
	$(BIN)/pip install -q --no-deps --target .lowdeps $(LOW_DEPS)
	PYTHONPATH=.lowdeps $(BIN)/pytest -q -p no:randomly $(LOW_TESTS)

lint: $(STAMP)
	$(BIN)/ruff check extract tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

schemas: $(STAMP)   ## regenerate schemas/ from the Pydantic models
	$(BIN)/python -m extract.schema_export schemas

baseline: $(STAMP)  ## rewrite evals/baseline.json (the regression gate's figures); commit it with the change that moves it
	$(BIN)/python -m extract.domains.release.regression --write

cassettes: $(STAMP) ## re-record vcrpy cassettes against the real embedded llama.cpp server
	rm -f tests/cassettes/*.yaml  # vcrpy's record mode keeps a cassette's stale interactions; start from none
	EXTRACT_RECORD=1 $(BIN)/pytest tests/test_recorded.py -p no:randomly

run-seeds: run

eval-seeds: run

compare: $(STAMP)   ## every (embedded model, strategy) pair on the seeds, one table
	$(BIN)/extract compare seeds/ --gold evals/gold

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_cli_startup.py

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .lowdeps
