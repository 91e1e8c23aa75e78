# The README's commands. Each sets up what it needs itself (virtual environment in .venv/).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

WORKERS ?= 2
ADDRESS ?= 0.0.0.0
# The tests run in TEST_JOBS processes (pytest-xdist): the machine has two cores. With the browser
# tests each test module stays whole in one process (its servers are started once), and the
# modules are handed out in the order tests/conftest.py gives them, the longest first (xdist's
# own order, most tests first, left the 100 s monkey to the end while the other process sat
# idle); without them an idle process takes the next test from the other's queue (worksteal).
TEST_JOBS ?= 2
PYTEST := $(PY) -m pytest -n $(TEST_JOBS)

.PHONY: run serve test test-fast bench validate export lint monkey lock chromium haproxy gdal lighthouse npm

run: $(VENV)/.app    ## set up and start the app (opens a browser; no internet needed)
	$(PY) -m escape_routes compile --quiet
	$(PY) -m escape_routes.warmup http://127.0.0.1:$(PORT) >/dev/null & \
	exec $(PY) -m streamlit run app.py --server.port $(PORT)

# For a class: WORKERS Streamlit processes behind HAProxy on PORT (README: "Serving a class").
serve: $(VENV)/.app haproxy
	$(PY) deploy/serve.py --workers $(WORKERS) --port $(PORT) --address $(ADDRESS)

test: $(VENV)/.dev chromium haproxy gdal    ## set up and run every check: validator, lint, unit, AppTest, browser
	$(PY) -m escape_routes validate
	$(PY) -m ruff check .
	$(PYTEST) --dist loadscope --no-loadscope-reorder

# The same without a browser (the tests marked `browser` are left out): 40 s measured on this
# 2-core machine (load average 4-6); the whole `make test` 7 min 09 s (load 3.6 at its start).
test-fast: $(VENV)/.dev    ## validator, lint, unit and AppTest tests (no browser)
	$(PY) -m escape_routes validate
	$(PY) -m ruff check .
	$(PYTEST) --dist worksteal -m "not browser"

monkey: $(VENV)/.dev chromium    ## long randomised browser run: 5 seeds x 250 actions (~20 min)
	MONKEY_SEEDS=$${MONKEY_SEEDS:-1,2,3,4,5} MONKEY_ACTIONS=$${MONKEY_ACTIONS:-250} \
	  $(PY) -m pytest -q -s tests/browser/test_monkey.py

bench: $(VENV)/.dev chromium haproxy lighthouse    ## benchmarks (not tests): figures go to bench/RESULTS.md
	$(PY) bench/run.py

# Lighthouse for the bench, from the npm registry at the versions bench/lighthouse/package-lock.json
# pins (into bench/lighthouse/node_modules/, git-ignored). Needs Node.js 18+ and npm.
LIGHTHOUSE := bench/lighthouse/node_modules/.bin/lighthouse
lighthouse: npm $(LIGHTHOUSE)
npm:
	$(call debian,npm,npm,the bench runs Lighthouse from npm)
$(LIGHTHOUSE): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

validate: $(VENV)/.app
	$(PY) -m escape_routes validate

export: $(VENV)/.app
	$(PY) -m escape_routes export escape-routes.html

# The environment is installed from the lock files: every package of it pinned, with its hashes.
# They are written from the hand-edited requirements*.txt by `make lock` (README: "Dependencies").
$(VENV)/.app: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

# After editing requirements.txt or requirements-dev.txt: resolve again for Python 3.11 and up on
# any platform, from PyPI; the app's lock first, the whole environment's constrained to it.
UV_LOCK := $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"
lock: $(VENV)/.dev
	$(UV_LOCK) requirements.txt -o requirements.lock
	$(UV_LOCK) requirements-dev.txt -c requirements.lock -o requirements-dev.lock

# Debian packages the commands need, installed when missing and we are allowed to (root or
# passwordless sudo); otherwise a message says what is missing. $(call debian,PACKAGE,COMMAND,WHY)
debian = @command -v $(2) >/dev/null 2>&1 || [ -x /usr/sbin/$(2) ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then SUDO=; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	  else echo "$(1) is missing and cannot be installed here: $(3)"; exit 0; fi; \
	  echo "installing Debian's $(1): $(3)"; $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; }

# Browser tests drive Debian's chromium through Playwright (Playwright cannot download its own
# browsers here).
chromium:
	$(call debian,chromium,chromium,browser tests need it (they skip without it; fail in CI))

# make serve (and its test) put HAProxy in front of the Streamlit processes.
haproxy:
	$(call debian,haproxy,haproxy,make serve and its test need it)

# The layer files' tests read them back with GDAL's own ogrinfo and ogr2ogr (they skip without
# them; fail in CI).
gdal:
	$(call debian,gdal-bin,ogrinfo,the layer files' tests read them back with GDAL's ogrinfo)
