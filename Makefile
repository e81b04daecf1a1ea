# Two commands do all set-up on a fresh machine:  make run   and   make test
# Each creates its own virtual environment the first time (runtime-only for `run`;
# runtime + test + asset tools for `test`), so the app never carries numpy at run time.

PY ?= python3
RUN_VENV := .venv
DEV_VENV := .venv-dev
RUN_STAMP := $(RUN_VENV)/.installed
DEV_STAMP := $(DEV_VENV)/.installed
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: run test lint unit screenshots bench assets audio-check clean

$(RUN_STAMP): pyproject.toml
	$(PY) -m venv $(RUN_VENV)
	$(RUN_VENV)/bin/pip install $(PIP_FLAGS) -e . --config-settings editable_mode=compat
	$(RUN_VENV)/bin/python -m compileall -q backcare_desktop  # as an installed wheel has it
	touch $@

$(DEV_STAMP): pyproject.toml
	$(PY) -m venv $(DEV_VENV)
	$(DEV_VENV)/bin/pip install $(PIP_FLAGS) -e '.[test,tools]' --config-settings editable_mode=compat
	touch $@

run: $(RUN_STAMP)
	$(RUN_VENV)/bin/backcare $(ARGS)

test: lint unit

# The house rules (docs/ARCHITECTURE.md): style, strict types over the whole package, layers.
lint: $(DEV_STAMP)
	$(DEV_VENV)/bin/ruff check .
	$(DEV_VENV)/bin/ruff format --check .
	$(DEV_VENV)/bin/mypy
	$(DEV_VENV)/bin/lint-imports

unit: $(DEV_STAMP)
	QT_QPA_PLATFORM=offscreen $(DEV_VENV)/bin/pytest -q --cov --cov-report= $(PYTEST_ARGS)

screenshots: $(DEV_STAMP)
	$(DEV_VENV)/bin/python packaging/screenshots.py

bench: $(DEV_STAMP)
	$(DEV_VENV)/bin/python tests/benchmarks/startup.py

assets: $(DEV_STAMP)
	$(DEV_VENV)/bin/python packaging/illustrations/generate.py
	$(DEV_VENV)/bin/python packaging/icons/generate_ui_icons.py
	$(DEV_VENV)/bin/python packaging/icons/generate_app_icon.py
	$(DEV_VENV)/bin/python packaging/audio/synthesize.py

# Renders every sound afresh (a few minutes) and checks it reproduces the committed files; the
# test suite itself re-renders only the shortest chime.
audio-check: $(DEV_STAMP)
	rm -rf build/audio-check
	$(DEV_VENV)/bin/python packaging/audio/synthesize.py --out build/audio-check
	$(DEV_VENV)/bin/python packaging/audio/reproduce.py build/audio-check

clean:
	rm -rf $(RUN_VENV) $(DEV_VENV) build dist *.egg-info

# Packaging (packaging/README.md): the PyInstaller bundle, tarball and .deb, plus sdist and wheel.
PACK_STAMP := $(DEV_VENV)/.packaging-installed
.PHONY: dist package-test

$(PACK_STAMP): $(DEV_STAMP)
	$(DEV_VENV)/bin/pip install $(PIP_FLAGS) -e '.[test,tools,packaging]' --config-settings editable_mode=compat
	touch $@

dist: $(PACK_STAMP)
	$(DEV_VENV)/bin/python packaging/build_dist.py --out dist

package-test: $(PACK_STAMP)
	BACKCARE_PACKAGING_TEST=1 QT_QPA_PLATFORM=offscreen $(DEV_VENV)/bin/pytest -q tests/packaging
