# The two commands of the README. Both work on a fresh machine: they make .venv and install into it.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 7878

.PHONY: install system-deps bench-deps serve test lint pytest bench clean screenshots

$(BIN)/policykg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(BIN)/policykg

install: $(BIN)/policykg ## create .venv and install policykg with its dev tools

# Debian chromium and a CJK font for the browser tests (never a browser download).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto.*cjk'; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; fi; \
	fi

serve: install ## build the graph from seeds/ and serve it on 127.0.0.1:$(PORT)
	$(BIN)/policykg serve --seeds seeds --port $(PORT)

lint: install
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy
	$(BIN)/lint-imports

pytest: install system-deps
	@PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

test: lint pytest ## install everything and run linters, type checks, the import contract and the tests

screenshots: install system-deps ## redraw docs/screenshots/*.png (every view on the seeds, headless chromium)
	$(BIN)/python docs/screenshots.py

# wrk (Debian) generates the server benchmark's load in C; only `make bench` needs it
# (without it `policykg bench server` falls back to its Python client threads).
bench-deps:
	@if ! command -v wrk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; fi; \
	fi

bench: install system-deps bench-deps ## run the benchmark suite (not part of the tests)
	$(BIN)/policykg bench all

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
