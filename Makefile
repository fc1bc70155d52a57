# The course's commands. `make html` and `make test` are the whole set-up: the
# first call creates .venv and installs the pinned toolchain into it.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# the Pythons constraints.txt is tested on; without PYTHON=..., the first of these
# that runs one of them is used (3.11 first: the oldest, as CI's reference build)
PYTHONS     := python3.11 python3.12 python3.13 python3 python
SUPPORTED   := 3.11, 3.12 or 3.13
PY_OK       := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
ifeq ($(origin PYTHON),undefined)
PYTHON      := $(firstword $(foreach p,$(PYTHONS),$(shell $(p) -c '$(PY_OK)' >/dev/null 2>&1 && echo $(p))))
endif
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
SPHINXBUILD := $(BIN)/sphinx-build
SPHINXOPTS  ?=
BUILDDIR    := _build
# warnings are errors; -n reports every broken cross-reference
STRICT      := -W -n --keep-going
# the in-page checker's Python (curriculum/checker/): `curriculum checker-runtime`
# installs the Pyodide release curriculum/checker/install.py names (npm registry) and
# pydantic-core's WebAssembly wheel (PyPI) at the version the command line uses
PYDANTIC_CORE := $(shell sed -n 's/^pydantic_core==//p' constraints.txt)
CHECKER_RT    := $(VENV)/checker-runtime
CHECKER_STAMP := $(CHECKER_RT)/.installed-$(PYDANTIC_CORE)

.PHONY: help html trainer pdf slides slides-pdf offline serve test test-fast lint linkcheck bench clean checker-runtime

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml constraints.txt
	@[ -n "$(PYTHON)" ] || { echo "no Python $(SUPPORTED) found (tried $(PYTHONS)): install one, or run make PYTHON=/path/to/python3.x"; exit 2; }
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python $(SUPPORTED), or run make PYTHON=/path/to/python3.x"; exit 2; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || { echo "$(PYTHON) is Python $$($(PYTHON) -V 2>&1 | cut -d' ' -f2): the course needs 3.11 or later (tested on $(SUPPORTED))"; exit 2; }
	@$(PYTHON) -c '$(PY_OK)' || echo "note: $(PYTHON) is newer than $(SUPPORTED), the Pythons constraints.txt is tested on"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,live]'
	@# axe-core for the accessibility tests, from the npm registry, without a lock file
	@if command -v npm >/dev/null; then npm install --silent --no-package-lock --no-save --no-audit --no-fund --prefix $(VENV)/npm axe-core@4.14.1; else echo "npm not found: the accessibility tests will be skipped"; fi
	@touch $@

# without npm the site is built without the in-page checker (a note, not a failure;
# under CI the build refuses that); the stamp is written only once both are in place
$(CHECKER_STAMP): $(STAMP) curriculum/checker/install.py
	@if command -v npm >/dev/null; then \
	  $(BIN)/curriculum checker-runtime --into $(CHECKER_RT) && touch $@; \
	else \
	  echo "npm not found: the site will have no in-page checker (install Node.js and npm: .ci/install-system-deps)"; \
	fi

# Graphviz draws the {diagram} figures: installed as root on Debian, else a note (the
# build then shows each diagram as its text description)
GRAPHVIZ := @command -v dot >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then .ci/install-system-deps graphviz; \
	  else echo "Graphviz not found: diagrams will show as text (install it: .ci/install-system-deps graphviz, or apt-get install graphviz)"; fi; }

checker-runtime: $(CHECKER_STAMP) ## Install the in-page checker's Python (Pyodide, pydantic-core for WebAssembly) into .venv/

html: $(STAMP) $(CHECKER_STAMP) ## Build the learner site into _build/learner/html/
	$(GRAPHVIZ)
	rm -rf $(BUILDDIR)/learner/html $(BUILDDIR)/learner/doctrees
	$(SPHINXBUILD) -b html $(STRICT) -d $(BUILDDIR)/learner/doctrees -D course_edition=learner $(SPHINXOPTS) . $(BUILDDIR)/learner/html
	@echo "Learner site: $(BUILDDIR)/learner/html/index.html"

trainer: $(STAMP) $(CHECKER_STAMP) ## Build the trainer site into _build/trainer/html/
	$(GRAPHVIZ)
	rm -rf $(BUILDDIR)/trainer/html $(BUILDDIR)/trainer/doctrees
	$(SPHINXBUILD) -b html $(STRICT) -d $(BUILDDIR)/trainer/doctrees -D course_edition=trainer $(SPHINXOPTS) . $(BUILDDIR)/trainer/html
	@echo "Trainer site: $(BUILDDIR)/trainer/html/index.html"

bench: $(STAMP) $(CHECKER_STAMP) ## Measure builds, self-check and grading against the targets (about 10 min); writes _build/bench/results.json
	$(BIN)/python -m benchmarks.run $(BENCHOPTS)

offline: $(STAMP) ## Zip the learner site (after make html) into _build/offline/, to use without a network
	$(BIN)/curriculum offline --site $(BUILDDIR)/learner/html

pdf: $(STAMP) ## Build the workbook and trainer guide PDFs and a handout per module (needs TeX Live)
	$(GRAPHVIZ)
	$(BIN)/curriculum pdf --builddir $(BUILDDIR)

slides: $(STAMP) ## Build the trainers' slide decks (one per module, and the class deck) into _build/trainer/slides/
	$(GRAPHVIZ)
	$(BIN)/curriculum slides --builddir $(BUILDDIR)

slides-pdf: $(STAMP) ## The slide decks, and each as <deck>.pdf beside it, one slide a page (needs Chromium)
	$(GRAPHVIZ)
	$(BIN)/curriculum slides --pdf --builddir $(BUILDDIR)

serve: $(STAMP) $(CHECKER_STAMP) ## Live preview of the learner site at http://127.0.0.1:8000 (EDITION=trainer for the other)
	$(BIN)/sphinx-autobuild -b html -d $(BUILDDIR)/preview/doctrees -D course_edition=$(or $(EDITION),learner) --watch programme.yaml --watch curriculum . $(BUILDDIR)/preview/html

test: $(STAMP) ## Run the whole test suite (as root on Debian, installs Chromium first)
	@if [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then .ci/install-system-deps; fi
	@$(MAKE) --no-print-directory checker-runtime
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP) $(CHECKER_STAMP) ## The tests that build no whole course, drive no browser and print no PDF (about 3 min)
	$(BIN)/python -m pytest -m "not fullbuild and not browser and not pdf" $(PYTEST_ARGS)

linkcheck: $(STAMP) ## Check that every outside link in the course still answers (needs the network)
	$(BIN)/sphinx-build -b linkcheck -q -d $(BUILDDIR)/linkcheck/doctrees . $(BUILDDIR)/linkcheck

clean: ## Remove build output (keeps .venv)
	rm -rf $(BUILDDIR)

lint: $(STAMP) ## Check the course sources (curriculum lint), code style, types and the package's layers (ruff, mypy, import-linter)
	$(BIN)/curriculum lint
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[lint]'
	$(BIN)/ruff check curriculum tests benchmarks exercises
	$(BIN)/ruff format --check curriculum tests benchmarks exercises
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	MYPY=$(BIN)/mypy .ci/typecheck-exercises
