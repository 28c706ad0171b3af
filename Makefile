# SMART site platform. `make run` sets up and serves the demo site; `make test` sets up and runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve-production test setup demo lint format messages clean fonts

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The TrueType font with Chinese glyphs that donation receipts and donor reports embed (Debian's fonts-wqy-microhei,
# records/donations/documents.py): installed with apt-get when this runs as root, else named.
PDF_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
fonts:
	@test -f $(PDF_FONT) || test -n "$$RECORDS_PDF_FONT" || \
	{ test "$$(id -u)" = 0 && command -v apt-get >/dev/null && apt-get install -y -qq fonts-wqy-microhei >/dev/null; } || \
	echo "Receipts need a TrueType Chinese font: apt-get install fonts-wqy-microhei (or set RECORDS_PDF_FONT)."

setup: $(VENV)/.installed fonts
	mkdir -p var
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput

demo: setup
	$(PY) manage.py load_demo
	$(PY) manage.py rebuild_search_index
	$(PY) manage.py ensure_admin

# Serves site and admin at http://$(HOST):$(PORT) with the scheduler process beside it.
run: demo
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py run_scheduler & \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The production stack on this machine (README "Production stack"): nginx in front of the gunicorn workers, the
# task worker and the scheduler, with PostgreSQL, Redis and the page cache; the demo content loaded. nginx-light is
# installed when missing (site/config/install_nginx.sh). Each variable can be overridden.
serve-production: $(VENV)/.installed
	@site/config/install_nginx.sh
	@mkdir -p var; test -s var/production_secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > var/production_secret_key
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/production_secret_key)}" \
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/smart}" \
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SITE_BASE_URL="$${SITE_BASE_URL:-http://$(HOST):$(PORT)}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" SECURE_COOKIES="$${SECURE_COOKIES:-false}" \
	$(PY) manage.py serve_production --demo --bind $(HOST):$(PORT)

# Tests run on every core (pytest-xdist, each worker on its own test database: test_<name>_gw0, ...). --dist load
# hands each worker consecutive runs of tests in pytest-django's order, so every worker runs its database tests
# before its transactional ones, which flush the database (--dist loadfile would not: a file's transactional tests
# would flush the database under the next file's tests). PYTEST_WORKERS=0 runs them in this one process, the
# default on the embedded SQLite (no DATABASE_URL), whose in-memory worker databases the browser journeys' sign-ins
# do not survive.
PYTEST_WORKERS ?= $(if $(DATABASE_URL),auto,0)
test: $(VENV)/.installed fonts
	@# axe-core and vnu-jar (package.json) for the output checks; without npm those tests skip, naming what is missing.
	@if ! command -v npm >/dev/null 2>&1; then echo "npm not found: the axe-core and Nu Html Checker tests will skip"; \
	elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --ignore-scripts --no-audit --no-fund; fi
	$(PY) manage.py compile_translations
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

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
