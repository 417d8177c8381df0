# Mentorordning: `make run` sets up and runs the product on the embedded defaults with Danish demo
# data; `make test` sets up and runs the whole test suite. See README.md.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# mypy's own cache for `make test` and `make lint`: a hand-run `mypy some/file.py` leaves that file's errors in the
# default cache, and mypy 1.19 then reports them even where follow_imports is silent (python/mypy#20508).
MYPY_ARGS ?= --cache-dir .mypy_cache/make
# pytest-xdist worker processes for `make test`; 0 runs the suite in one process. Three on a 2-core machine: much
# of the suite waits (Chromium, the live server, Celery workers the fault tests start and kill), and a third
# worker fills those waits (conftest.py: two browser groups, the waiting tests handed out first).
PYTEST_WORKERS ?= 3

.PHONY: run test setup tools check-tools messages makemessages totp mitid-erhverv lint format clean bench-setup loadtest screenshots

run: export DJANGO_DEBUG ?= true
run: export MENTORSHIP_SITE_URL ?= http://$(HOST):$(PORT)
run: setup
	@mkdir -p var/broker/queue var/broker/control var/mail
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) seed_demo
	@echo ""
	@echo "Mentorordning kører på http://$(HOST):$(PORT)/  (sendte e-mails ligger i var/mail/; stop med Ctrl+C)"
	@echo ""
	HOST=$(HOST) PORT=$(PORT) $(BIN)/honcho start -f Procfile.dev

# The checks run beside pytest rather than before it: together they take one core for 15-25 s, while pytest's
# first phase (starting the workers, collecting, and one worker migrating the template database that both
# workers then copy) leaves a core mostly idle. Their output follows pytest's; `make test` fails if pytest or
# any check fails.
TEST_CHECKS = "$(BIN)/ruff check ." "$(BIN)/ruff format --check ." "$(BIN)/mypy $(MYPY_ARGS)" "$(BIN)/djlint templates --lint" \
	"$(MANAGE) check --fail-level WARNING" "$(MANAGE) makemigrations --check --dry-run"

test: export DJANGO_SETTINGS_MODULE = mentorship.settings_test
test: setup
	@checks_log=$$(mktemp); \
	( failed=0; for check in $(TEST_CHECKS); do echo "+ $$check"; $$check || failed=1; done; exit $$failed ) \
		>"$$checks_log" 2>&1 & checks=$$!; \
	echo "$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)   (the checks run beside it)"; \
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS); tests=$$?; \
	wait $$checks; checks_status=$$?; \
	echo "== the checks beside pytest:"; cat "$$checks_log"; rm -f "$$checks_log"; \
	if [ $$checks_status -ne 0 ]; then echo "make test: a check failed (above)."; fi; \
	if [ $$tests -ne 0 ]; then exit $$tests; fi; exit $$checks_status

setup: check-tools $(VENV)/.installed node_modules/.installed messages

check-tools:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo "Mentorordning needs Python 3.11 or newer as '$(PYTHON)' (found: $$($(PYTHON) --version 2>&1 || echo none))."; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' 2>/dev/null || \
		{ echo "Mentorordning needs Node.js 18 or newer with npm (found: $$(node --version 2>/dev/null || echo none))."; exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Compiles locale/*/LC_MESSAGES/django.po with polib, so no GNU gettext is needed to run the product.
messages: $(VENV)/.installed
	@$(BIN)/python scripts/compile_messages.py

# Needs GNU gettext (xgettext), like Django's own makemessages.
makemessages:
	DJANGO_DEBUG=true $(MANAGE) makemessages --locale da --ignore 'node_modules/*' --ignore '.venv/*' --ignore 'var/*' --no-obsolete

# Runs the browser tests asking for a screenshot of every page they check (under var/screenshots/; a plain test
# run takes none), and refreshes the README's pictures in docs/screenshots/ from them.
screenshots: export DJANGO_SETTINGS_MODULE = mentorship.settings_test
screenshots: export MENTORSHIP_SCREENSHOTS = 1
screenshots: setup
	rm -rf var/screenshots
	$(BIN)/pytest tests/browser -q -p no:cacheprovider
	mkdir -p docs/screenshots
	cp var/screenshots/*.png docs/screenshots/

totp:
	@DJANGO_DEBUG=true $(MANAGE) demo_totp

# A local test provider for MitID Erhverv sign-in with the demo data (README; never for production).
mitid-erhverv:
	@DJANGO_DEBUG=true $(MANAGE) mitid_erhverv_test_provider --port 8090

# Load test on the national data set (PostgreSQL; see BENCHMARKS.md). bench-setup builds it once.
bench-setup: setup
	benchmarks/loadtest/run.sh setup

loadtest:
	benchmarks/loadtest/run.sh run

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(MYPY_ARGS)
	$(BIN)/djlint templates --lint

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var $(VENV) node_modules
