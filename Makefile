# make run    open the app        (installs system libraries and a .venv if needed)
# make test   lint and types, then the whole suite (the same, plus the test tools; includes the import-linter
#             contracts); core, store and export run as their own step with PySide6 made unimportable;
#             each step runs in two processes (PARALLEL=-n0 runs it in one)
# make check  lint (ruff), types (mypy --strict) and the quick subset of tests (no slow ones): under a minute
# make test-layout  only the room-size layout matrix (80 rooms; `make test` runs it too)
# make dist   build the one-folder bundle dist/workshop-app/ with PyInstaller
# make bench  run the benchmarks, if there are any

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

# The quick subset: core, store and export without Qt, and a few fast window tests.
QUICK_UI := tests/test_layers.py tests/ui/test_qt_binding.py
# Both test steps run in two processes (pytest-xdist). Each test file stays whole in one process, so a file's
# module-wide fixtures (the layout matrix's rooms and windows, a charter built once) are built once; the files with
# the most tests are handed out first, so the layout matrix starts at once beside the rest.
PARALLEL ?= -n 2 --dist loadfile

.PHONY: run test check lint types test-layout dist bench system-deps-run system-deps-test system-deps-dist clean

run: system-deps-run $(VENV)/.installed-test
	$(PY) -m workshop_app

lint: $(VENV)/.installed-test
	$(PY) -m ruff check workshop_app tests

types: $(VENV)/.installed-test
	$(PY) -m mypy --strict

check: lint types
	$(PY) scripts/without_qt.py -q -m "not slow" -n 2 tests/core tests/store tests/export
	$(PY) -m pytest -q -m "not slow" $(QUICK_UI)

test: system-deps-test $(VENV)/.installed-test lint types
	$(PY) -m pytest $(PARALLEL) --ignore=tests/core --ignore=tests/store --ignore=tests/export
	$(PY) scripts/without_qt.py $(PARALLEL)

test-layout: system-deps-test $(VENV)/.installed-test
	$(PY) -m pytest tests/ui/test_layout_matrix.py

dist: system-deps-dist $(VENV)/.installed-build
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN build.spec

bench: $(VENV)/.installed-test
	@if [ -f bench/run.py ]; then $(PY) bench/run.py; else echo "No benchmarks yet (bench/run.py)."; fi

system-deps-run system-deps-test system-deps-dist:
	@scripts/system-deps.sh $(@:system-deps-%=%)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changes (the stamp files record the last install).
$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-build: pyproject.toml $(VENV)/.installed-test
	$(PY) -m pip install --quiet -e '.[test,build]'
	touch $@

clean:
	rm -rf build dist
