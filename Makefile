# The README's commands. Each sets up what it needs itself (virtual environment in .venv/).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test bench validate export lint monkey

run: $(VENV)/.app    ## set up and start the app (opens a browser; no internet needed)
	$(PY) -m escape_routes.warmup http://127.0.0.1:$(PORT) >/dev/null & \
	exec $(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev chromium    ## set up and run every check: validator, lint, unit, AppTest, browser
	$(PY) -m escape_routes validate
	$(PY) -m ruff check .
	$(PY) -m pytest

monkey: $(VENV)/.dev chromium    ## long randomised browser run: 5 seeds x 250 actions (~20 min)
	MONKEY_SEEDS=$${MONKEY_SEEDS:-1,2,3,4,5} MONKEY_ACTIONS=$${MONKEY_ACTIONS:-250} \
	  $(PY) -m pytest -q -s tests/browser/test_monkey.py

bench: $(VENV)/.dev chromium    ## benchmarks (not tests): figures go to bench/RESULTS.md
	$(PY) bench/run.py

validate: $(VENV)/.app
	$(PY) -m escape_routes validate

export: $(VENV)/.app
	$(PY) -m escape_routes export escape-routes.html

$(VENV)/.app: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Browser tests drive Debian's chromium through Playwright (Playwright cannot download its own
# browsers here). Installed when missing and we are allowed to; otherwise the tests say so.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and cannot be installed here: browser tests will skip (fail in CI)"; fi; }
