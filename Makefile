# Linija: two commands for a fresh machine.
#   make run   – set up, load demo content, serve in development mode on http://HOST:PORT
#                (default 127.0.0.1:8000, e.g. make run PORT=8001) with the worker
#   make test  – set up and run every check and test
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APPS := accounts hours site consultations privacy inbox chat mail phone knowledge reports backups health
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
IGNORE_APPS := $(foreach app,$(APPS) testing tests,--ignore '$(app)/*')

.PHONY: run test setup messages compilemessages lint system-packages

run: setup
	$(PY) manage.py migrate --noinput
	@bash scripts/serve.sh $(HOST) $(PORT)

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS)

setup: $(STAMP) compilemessages node_modules/.installed

system-packages:
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt)…"; $(SUDO) apt-get install -y gettext; }
	@command -v npm >/dev/null || { echo "Installing Node.js and npm (for axe-core)…"; $(SUDO) apt-get update -qq; $(SUDO) apt-get install -y nodejs npm; }

# axe-core, which the accessibility test injects into Chromium (package-lock.json pins it).
node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund
	touch $@

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
