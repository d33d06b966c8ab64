# Two commands do all the set-up: `make run` and `make test`.
# The venv installs the exact versions of requirements-dev.lock (with hashes), then the
# package itself without its dependencies; it is rebuilt only when pyproject.toml or the lock
# changes (stamp file), so the second run is quick. `make lock` refreshes the lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements-dev.lock
# pip itself is pinned too: the lock's hash checking needs a pip that reads it the same way.
PIP_VERSION := 26.3
PIP_TOOLS_VERSION := 7.7.0

.PHONY: run test test-fast lint bench snapshots lock clean

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q 'pip==$(PIP_VERSION)' >/dev/null
	@$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(LOCK)
	@# setuptools' notice that every editable install prints is not about this package.
	@PYTHONWARNINGS='ignore:Editable installation' $(BIN)/python -m pip install -q --no-deps -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
		echo "$(LOCK) does not match pyproject.toml: run 'make lock' and commit it"; exit 1; }
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/achilles-tui $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src
	$(BIN)/lint-imports

# Most tests on two workers, the SVG snapshots on their own (they need a quiet machine).
test: lint
	$(BIN)/python -m pytest -n 2 -m "not serial"
	$(BIN)/python -m pytest -m serial

# The inner loop: rules, review, timer and care state, in well under 90 s.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not serial and not slow" tests/domain tests/care tests/test_one_profile.py

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/ui/test_snapshots.py --snapshot-update -k "not readme"
	@mkdir -p docs/screenshots
	@for s in today assessment session diary history progress; do \
		cp "tests/ui/__snapshots__/test_snapshots/test_section[$$s-100x30-textual-dark].svg" docs/screenshots/$$s.svg; \
	done

# Exact versions and hashes of everything `make test` installs (the app's ranges stay in
# pyproject.toml). Needs the package index; commit the result.
LOCK_VENV := .venv-lock
lock:
	@test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	@$(LOCK_VENV)/bin/python -m pip install -q 'pip==$(PIP_VERSION)' 'pip-tools==$(PIP_TOOLS_VERSION)'
	$(LOCK_VENV)/bin/pip-compile --quiet --upgrade --generate-hashes --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra dev --extra pdf \
		--output-file $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) $(LOCK_VENV) .pytest_cache .mypy_cache .ruff_cache
