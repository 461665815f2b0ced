# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE := sample_data/beicheng.gpkg

.PHONY: setup run test bench translations sample lint

setup:
	@bash scripts/setup.sh

run: setup
	$(PY) main.py $(SAMPLE)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider
	$(VENV)/bin/lint-imports --no-cache

bench: setup
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) benchmarks/run_all.py

lint: setup
	$(VENV)/bin/ruff check gisheat tests benchmarks

sample: setup
	$(PY) -m gisheat.sample.city $(SAMPLE)

translations: setup
	$(PY) -m gisheat.ui.translations