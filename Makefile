# SMART site platform. `make run` sets up and serves the demo site; `make test` sets up and runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup demo lint format messages clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	mkdir -p var
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput

demo: setup
	$(PY) manage.py load_grants_demo
	$(PY) manage.py load_demo
	$(PY) manage.py rebuild_search_index
	$(PY) manage.py ensure_admin

# Serves site and admin at http://$(HOST):$(PORT) with the scheduler process beside it.
run: demo
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py run_scheduler & \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(PY) manage.py compile_translations
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Extract interface strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages:
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var --ignore=node_modules --ignore=tests --ignore=bench --no-obsolete

clean:
	rm -rf $(VENV) var
