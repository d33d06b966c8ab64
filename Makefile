# Two commands do all the set-up: `make run` and `make test`.
# The venv is rebuilt only when pyproject.toml changes (stamp file), so the
# second run is quick.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench snapshots clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip >/dev/null
	@# setuptools' notice that every editable install prints is not about this package.
	@PYTHONWARNINGS='ignore:Editable installation' $(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/achilles-tui $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src
	$(BIN)/lint-imports

# Two workers for most tests, then the SVG snapshots alone (they need a quiet machine).
test: lint
	$(BIN)/python -m pytest -n 2 -m "not serial"
	$(BIN)/python -m pytest -m serial

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/ui/test_snapshots.py --snapshot-update -k "not readme"
	@mkdir -p docs/screenshots
	@for s in today assessment session diary history progress; do \
		cp "tests/ui/__snapshots__/test_snapshots/test_section[$$s-100x30-textual-dark].svg" docs/screenshots/$$s.svg; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
