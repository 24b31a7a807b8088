# Two commands for a fresh machine: `make serve` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
DB ?= var/portal.sqlite3
# e.g. `make serve NOW=2019-06-28T09:00` to rehearse inside the June 2019 window.
NOW ?=
PYTEST_ARGS ?=
# e.g. `make test-pythons NOX_ARGS="-s tests-3.13"` for one interpreter.
NOX_ARGS ?=

# The suite starts dozens of Python processes (pytester runs, portals, workers): with bytecode
# caches forbidden, as some images set, each one compiles the portal and its libraries again
# (~11 s of CPU per `make test` here). __pycache__/ is ignored by git.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: serve test test-pythons lint browser reset clean screenshots classe docs

# The package with its plugin's extra, and this project's own tools (PEP 735 group: pip >= 25.1).
$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=25.1'
	$(BIN)/python -m pip install --quiet -e '.[testing]' --group dev
	rm -f $(VENV)/.installed-* && touch $@

# Host names the portal answers besides loopback and HOST (space-separated): the address on the
# learners' cards, e.g. `make serve HOST=0.0.0.0 ALLOWED_HOSTS=192.168.1.20`.
ALLOWED_HOSTS ?=
serve: $(STAMP)
	$(BIN)/mock-portal serve --host $(HOST) --port $(PORT) --db $(DB) $(if $(NOW),--now $(NOW)) \
	  $(foreach name,$(ALLOWED_HOSTS),--allowed-host $(name))

reset: $(STAMP)
	$(BIN)/mock-portal reset --db $(DB)

# `make classe N=12`: 12 learner accounts in $(DB) and fiches-apprenants.pdf here. The cards
# carry BASE_URL: give the address learners' machines reach, e.g. BASE_URL=http://192.168.1.20:8000
# (with `make serve HOST=0.0.0.0 ALLOWED_HOSTS=192.168.1.20`).
N ?=
BASE_URL ?= http://$(HOST):$(PORT)
classe: $(STAMP)
	$(BIN)/mock-portal classe $(N) --db $(DB) --base-url $(BASE_URL)

browser: $(STAMP)
	$(BIN)/python playwright.config.py ensure-browser

# ruff, and the layers of README « Layout » ([tool.importlinter] in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -n auto --fidelity-report --junitxml=reports/junit.xml $(PYTEST_ARGS)

# The unit tests and a browser smoke test on each supported Python (noxfile.py; pyenv's or PATH's).
test-pythons: $(STAMP) browser
	$(BIN)/nox $(NOX_ARGS)

# docs/page-objects.md from the page objects (a unit test fails when it is stale).
docs: $(STAMP)
	$(BIN)/python scripts/page_objects_doc.py

# The tutorial's images, annotated, into reports/screenshots/ (scripts/screenshots.py).
screenshots: $(STAMP) browser
	$(BIN)/python scripts/screenshots.py

# The long fuzzing campaign: 5 000 Hypothesis examples per fuzz test (each form at least 5 000
# submissions), new inputs each run; prints submissions per form and status class. `make test`
# runs the same tests with 30 derandomized examples each (tests/support/fuzzing.py).
fuzz: $(STAMP)
	MOCK_PORTAL_FUZZ=campaign $(BIN)/python -m pytest -p no:randomly -p no:cacheprovider -n 0 \
	  -p bench.fuzz_report tests/fuzzing/test_connexion.py tests/fuzzing/test_actualisation.py $(PYTEST_ARGS)

# Figures, never assertions: a table and reports/bench.json (README « Performance »). wrk comes
# from Debian when run as root; without it a Python client measures instead.
BENCH_ARGS ?=
.PHONY: bench flake fuzz
bench: $(STAMP) browser
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || true
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The whole suite FLAKE_RUNS times (random order, 2 workers): failures per test, reports/flake.json.
FLAKE_RUNS ?= 20
# Busy processes beside the suite, to surface the races a slow shared CI runner shows.
FLAKE_LOAD ?= 0
flake: $(STAMP) browser
	FLAKE_RUNS=$(FLAKE_RUNS) FLAKE_LOAD=$(FLAKE_LOAD) $(BIN)/python -m bench.flake

clean:
	rm -rf $(VENV) test-results reports .ruff_cache
