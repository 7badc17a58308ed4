# edustats: `make help` lists the targets. Two set-up commands on a fresh machine:
#   make briefings   # builds the HTML briefings (creates .venv if needed)
#   make test        # runs the whole test suite, notebooks and doctests included
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help venv browser briefings test benchmark lab clean

help: ## List the targets with what they do
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP) ## Create .venv and install edustats with its test tools

briefings: $(STAMP) ## Execute the notebooks and write the HTML briefings to reports/ (figures to figures/)
	$(PY) -m edustats.build

browser: ## Install Debian's Chromium for the offline briefing test (root + apt; skipped where present)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the offline briefing test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || \
	  echo "warning: could not install chromium (the offline browser test fails under CI, skips elsewhere)"; }

test: $(STAMP) browser ## Run every test: unit tests, doctests, all notebooks from a clean kernel, briefings offline in Chromium
	$(PY) -m pytest -q

benchmark: $(STAMP) ## Time the vectorised assessment (prints speedup_vs_loop=… seconds=…)
	@for b in benchmarks/*.py; do [ -e "$$b" ] && $(PY) "$$b"; done; true

lab: $(STAMP) ## Open JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab notebooks/

clean: ## Remove generated briefings and figures (keeps .venv)
	rm -rf reports figures/*.png figures/*.svg
