# One command each; every target makes .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test check serve bench lighthouse screenshots schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## check the data and build site/
	$(PY) build.py build

check: $(STAMP)  ## check the data, coverage, citations, review dates and readability
	$(PY) build.py check

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000
	$(PY) build.py serve

test: $(STAMP)  ## run every test (browser tests need /usr/bin/chromium)
	$(PY) -m pytest

bench: $(STAMP)  ## measure build speed, scaling and page weight; writes bench/results.json
	$(PY) bench/run.py

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

lighthouse: site node_modules/.package-lock.json  ## Lighthouse (mobile, offline) on two pages; writes bench/lighthouse.json
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) tools/lighthouse.py

screenshots: $(STAMP)  ## refresh the README's phone screenshots in assets/screenshots/ (needs /usr/bin/chromium)
	KBSITE_UPDATE_SCREENSHOTS=1 $(PY) -m pytest -q tests/browser -k screenshot

schema: $(STAMP)  ## regenerate schema/faq.schema.json from the model
	$(PY) build.py schema

clean:
	rm -rf site .site-* docs/*.md docs/includes .pytest_cache
