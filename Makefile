# Quickstart: `make run` (set up and start) and `make test` (set up and pass the tests).
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test setup bench model demo clean-venv

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): $(PY) pyproject.toml setup.py extractor/_speedups.c
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	HOST=127.0.0.1 PORT=8080 $(VENV)/bin/gunicorn -c service/gunicorn.conf.py 'service:create_app()'

test: $(STAMP)
	$(PY) -m pytest -q

demo: $(STAMP)
	$(PY) -m extractor.cli demo

# Rebuilds extractor/data/model.json and the mined phrase rules extractor/rules/packs/learned/*.txt.
model: $(STAMP)
	$(PY) -m pip install -q -e '.[train]'
	$(PY) -m extractor.cli train --bench ../shared/bench

bench: $(STAMP)
	$(PY) benchmarks/quality.py

clean-venv:
	rm -rf $(VENV)
