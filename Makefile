# congvan: `make run` and `make test` do all set-up on a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

# Debian packages: the OCR engine with its Vietnamese models, poppler for PDFs,
# fonts with Vietnamese glyphs for the samples, and Python's venv.
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet poppler-utils \
                fonts-liberation2 fonts-dejavu-core python3 python3-venv python3-pip
# Only the tests need a browser (the staff pages are checked in a real one) and a PostgreSQL
# server (tests/conftest.py starts its own from /usr/lib/postgresql/*/bin, as nobody under root).
TEST_APT_PACKAGES := chromium postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run test lint bench model samples system-deps test-system-deps apt-install install clean

help:
	@echo "make run     install what is missing, process samples/, print an admin token, serve http://$(HOST):$(PORT)/"
	@echo "make test    install what is missing, then run the whole test suite"
	@echo "make lint    ruff"
	@echo "make bench   benchmarks into bench/out (see bench/RESULTS.md)"
	@echo "make model   retrain the committed language model and OCR confusions from ../shared/corpus"
	@echo "make samples regenerate samples/ from samples/letters/"

system-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-system-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"

apt-install:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml | system-deps
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

install: system-deps $(STAMP)

# Each run replaces the admin token of the last one ("make run"), so that they do not pile up.
run: install
	$(VENV)/bin/congvan process samples/*.pdf samples/*.png samples/*.jpg samples/*.tif samples/*.txt
	@echo
	@echo "=== ADMIN TOKEN for this local instance: sign in with it at http://$(HOST):$(PORT)/signin"
	@echo "=== or send it as 'Authorization: Bearer <token>'. It is shown only now."
	@$(VENV)/bin/congvan token create --role admin --name "make run" --replace
	@echo
	$(VENV)/bin/congvan serve --host $(HOST) --port $(PORT)

test: install test-system-deps
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: install
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) -m bench.pipeline
	$(PY) -m bench.ocr_set && $(PY) -m bench.ocr
	$(PY) -m bench.restore
	$(PY) -m bench.extract

model: install
	$(PY) -m bench.ocr_pairs --out build/ocr_pairs.jsonl
	$(VENV)/bin/congvan train-lm --ocr-pairs build/ocr_pairs.jsonl

samples: install
	$(PY) -m samples.make_samples

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
