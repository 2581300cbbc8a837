# One command each; every target sets up .venv on first use, with exactly the versions in requirements.lock.
PYTHON ?= python3
PORT ?= 8000
ENGINE ?= $(or $(KBSITE_ENGINE),mkdocs)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCK := requirements.lock
UV := uv==0.13.9

.PHONY: site test check serve bench lighthouse screenshots schema lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# The lock pins every runtime and test dependency (and the ProperDocs and Zensical extras) with hashes;
# pip refuses anything else. The project itself is not installed: build.py and pytest run it from here.
$(STAMP): $(LOCK) | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	touch $(STAMP)

site: $(STAMP)  ## check the data and build site/
	$(PY) build.py build --engine $(ENGINE)$(if $(RELEASE), --release)

check: $(STAMP)  ## check the data, coverage, citations, review dates and readability
	$(PY) build.py check

serve: $(STAMP)  ## live preview on http://127.0.0.1:$(PORT)/ (make serve PORT=8001)
	$(PY) build.py serve --engine $(ENGINE) --dev-addr 127.0.0.1:$(PORT)

test: $(STAMP)  ## run every test (browser tests need /usr/bin/chromium)
	$(PY) -m pytest

bench: $(STAMP)  ## measure build speed, scaling and page weight; writes bench/results.json
	$(PY) bench/run.py

lock: | $(PY)  ## refresh requirements.lock: the newest versions pyproject.toml's ranges allow, with hashes
	$(PY) -m pip install --quiet --disable-pip-version-check $(UV)
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--generate-hashes --upgrade --custom-compile-command "make lock" --quiet -o $(LOCK)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

lighthouse: site node_modules/.package-lock.json  ## Lighthouse (mobile, offline) on two pages; writes bench/lighthouse.json
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) tools/lighthouse.py

screenshots: $(STAMP)  ## refresh the README's screenshots in assets/screenshots/ (needs /usr/bin/chromium)
	KBSITE_UPDATE_SCREENSHOTS=1 $(PY) -m pytest -q tests/browser -k screenshot

schema: $(STAMP)  ## regenerate schema/faq.schema.json from the model
	$(PY) build.py schema

clean:  ## remove the built site and the generated pages (only files carrying the GENERATED mark)
	$(PY) build.py clean 2>/dev/null || $(PYTHON) build.py clean
	rm -rf .pytest_cache
