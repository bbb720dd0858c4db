# Havre: `make run` serves the chat on SQLite; `make test` runs every check and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install install-test native test check lint typecheck imports unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-native: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[native]'
	touch $@

# The hot safety modules compiled with mypyc (about a minute); rebuilt whenever a safety source changes.
# A build that no longer matches its sources is never used (see src/havre/safety/native.py).
$(VENV)/.native: $(wildcard src/havre/safety/*.py) pyproject.toml $(VENV)/.installed-native
	HAVRE_NATIVE=0 $(BIN)/python -c 'from havre.safety import native; native.build()' >/dev/null
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## native: compile the hot safety modules (mypyc); `run`, `test` and `bench` do it when sources changed
native: $(VENV)/.native

## run: create .venv, install, migrate the SQLite database under ./var/ and serve on http://127.0.0.1:8000
run: install
	@$(MAKE) --no-print-directory native || echo "make run: compiling the safety modules failed (no C compiler?); serving with their Python sources"
	mkdir -p var
	$(BIN)/havre db upgrade
	$(BIN)/havre serve --host $(HOST) --port $(PORT)

## test: install the test dependencies, then lint, type-check, check layers and run the whole suite
test: install-test native check
	$(BIN)/python -m pytest

check: lint typecheck imports

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-test
	$(BIN)/mypy

imports: install-test
	$(BIN)/lint-imports

## bench: the benchmarks of bench/ (results go to docs/benchmarks.md by hand, with the command)
bench: install-test native
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts src/build src/.mypy_cache
	rm -f src/*__mypyc*.so src/havre/safety/*.so src/havre/safety/native-build.json
