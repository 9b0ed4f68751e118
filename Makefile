# The team's memory: every routine task of the portal is a target here.
# `make run` and `make test` set up everything they need on a fresh machine.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# make test always uses the real services: DATABASE_URL and CELERY_BROKER_URL
# when set, else the local PostgreSQL and Redis.
TEST_DATABASE_URL := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/onmt_portal)
TEST_BROKER_URL := $(or $(CELERY_BROKER_URL),redis://127.0.0.1:6379/15)

.PHONY: help install run serve test lint format worker beat messages lock clean backup restore bench

help:
	@echo "make run      set up and serve the portal on http://127.0.0.1:$(PORT) (SQLite, mail to var/mail/)"
	@echo "make test     set up and run the whole suite on PostgreSQL + Redis + Chromium"
	@echo "make lint     ruff check, ruff format --check, makemigrations --check"
	@echo "make worker / make beat   Celery processes for the configured broker"
	@echo "make messages             refresh the fr/ar/en catalogs and compile them"
	@echo "make bench                load scale-1 volume data once, load-test the portal (about 5 min)"
	@echo "make backup [FILE=…]      pg_dump -Fc of DATABASE_URL (default file in backups/)"
	@echo "make restore FILE=…       pg_restore a dump into DATABASE_URL (replaces its content)"

install: $(VENV)/.installed

# pyproject.toml names the direct dependencies; requirements.lock pins every package.
$(VENV)/.installed: pyproject.toml requirements.lock scripts/requirements.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) scripts/requirements.py --extra dev > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt -c requirements.lock
	@touch $@

run: install
	@mkdir -p var/mail var/media var/celery/queue var/celery/processed var/celery/results var/celery/control
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo
	@echo
	@echo "  ONMT Partner Portal: http://127.0.0.1:$(PORT)/"
	@echo "  Log in as admin, onmt.staff, delegate.fr, crt.fes, crt.rabat or cpt.ouarzazate"
	@echo "  with the password $${DEMO_PASSWORD:-portal-demo-2022}. E-mails land in var/mail/."
	@echo
	PY=$(PY) PORT=$(PORT) exec scripts/serve.sh

test: install
	@DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(PY) scripts/check_services.py
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(PY) -m pytest $(PYTEST_ARGS)

# The benchmark (bench/run.py): its own PostgreSQL database, created and loaded once;
# gunicorn with the production settings, locust, and Redis db 13 for its Celery worker.
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--duration 30".
bench: install
	@DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(PY) scripts/check_services.py
	$(PY) bench/run.py $(BENCH_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=onmt_portal.settings.local $(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

worker: install
	$(PY) -m celery -A onmt_portal worker --loglevel=INFO

beat: install
	$(PY) -m celery -A onmt_portal beat --loglevel=INFO

# Needs GNU gettext; the compiled .mo files are committed so `make run` does not.
messages: install
	$(PY) manage.py makemessages --locale fr --locale ar --locale en --no-obsolete \
		--extension html,txt,py --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(PY) manage.py compilemessages --ignore '.venv'

lock:
	rm -rf $(VENV)-lock && $(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install --quiet --disable-pip-version-check $$($(PYTHON) scripts/requirements.py --extra dev)
	( head -2 requirements.lock; $(VENV)-lock/bin/pip freeze ) > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf $(VENV)-lock

# Backups of the production PostgreSQL database (DATABASE_URL), custom format.
BACKUP_FILE ?= backups/portal-$(shell date -u +%Y%m%dT%H%M%SZ).dump
backup:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL (postgres://…) to the database to back up." >&2; exit 2; }
	@mkdir -p $(dir $(or $(FILE),$(BACKUP_FILE)))
	pg_dump --format=custom --no-owner --no-privileges --dbname="$(DATABASE_URL)" --file="$(or $(FILE),$(BACKUP_FILE))"
	@echo "Backup written to $(or $(FILE),$(BACKUP_FILE))"

restore:
	@test -n "$(FILE)" || { echo "Name the dump: make restore FILE=backups/portal-….dump" >&2; exit 2; }
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL (postgres://…) to the database to restore into." >&2; exit 2; }
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$(DATABASE_URL)" "$(FILE)"
	@echo "Restored $(FILE)"

clean:
	rm -rf $(VENV) var .pytest_cache
