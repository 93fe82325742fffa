# Linija: two commands for a fresh machine.
#   make run   – set up, load demo content, serve on http://127.0.0.1:8000 with the worker
#   make test  – set up and run every check and test
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APPS := accounts hours site consultations privacy inbox chat mail phone knowledge reports
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
IGNORE_APPS := $(foreach app,$(APPS) testing tests,--ignore '$(app)/*')

.PHONY: run test setup messages compilemessages lint system-packages

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_load
	@bash scripts/serve.sh $(HOST) $(PORT)

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS)

setup: $(STAMP) compilemessages

system-packages:
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt)…"; $(SUDO) apt-get install -y gettext; }

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Linija needs Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

compilemessages: system-packages $(STAMP)
	@for app in $(APPS); do \
	  if [ -d linija/$$app/locale ]; then (cd linija/$$app && DJANGO_SETTINGS_MODULE=linija.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(VENV)/bin/django-admin compilemessages -v 0) || exit 1; fi; \
	done
	@cd linija && DJANGO_SETTINGS_MODULE=linija.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(VENV)/bin/django-admin compilemessages -v 0

# Re-extract every translatable string (run after changing strings, then translate the .po files).
messages: setup
	@for app in $(APPS); do \
	  if [ -d linija/$$app/locale ]; then (cd linija/$$app && DJANGO_SETTINGS_MODULE=linija.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(VENV)/bin/django-admin makemessages -l lt -l en --no-obsolete) || exit 1; fi; \
	done
	@cd linija && DJANGO_SETTINGS_MODULE=linija.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(VENV)/bin/django-admin makemessages -l lt -l en --no-obsolete $(IGNORE_APPS)
