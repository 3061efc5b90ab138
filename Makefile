# Set-up: `make run` opens the wizard, `make test` runs every test.
# Both create .venv (python3's venv) and install the project when needed,
# with the package's bytecode compiled at install: where PYTHONDONTWRITEBYTECODE
# is set (common on managed machines) every start would otherwise compile it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q wizard
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wizard $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check wizard tests bench templates
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

.PHONY: template
template: $(STAMP)
	$(BIN)/python templates/build_template.py
