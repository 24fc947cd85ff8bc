# CERS: the two commands of the README are `make run` (the whole system) and `make test`.
# Every target installs what it needs first; see deploy/local/ for the scripts.
SHELL := /bin/bash
LOCAL := deploy/local
VENV := .venv/bin
PYTEST_ARGS ?=

.PHONY: bootstrap up run down test lint schemas bench clean

bootstrap:            ## uv + the locked Python dependencies
	@$(LOCAL)/bootstrap.sh

up: bootstrap         ## PostgreSQL + Kafka (fetched once from Maven Central), topics, migrations
	@$(LOCAL)/up.sh

run: up               ## the whole system in the foreground; prints the portal URL; Ctrl-C stops
	@$(LOCAL)/run.sh

down:                 ## stop the services, Kafka and PostgreSQL (by pid)
	@$(LOCAL)/down.sh

test: up              ## the whole test suite against the local runtime (+ Debian's Chromium)
	@$(LOCAL)/debian_packages.sh chromium
	$(VENV)/pytest $(PYTEST_ARGS)

lint: bootstrap       ## ruff, mypy strict, import-linter, schema drift
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy contracts chassis services tests bench deploy
	$(VENV)/lint-imports
	$(VENV)/generate-schemas --check

schemas: bootstrap    ## regenerate contracts/schemas and contracts/asyncapi.json
	$(VENV)/generate-schemas

bench: up             ## benchmarks; figures printed and written to bench/results/
	$(VENV)/python -m bench.floor
	$(VENV)/python -m bench.documents

clean: down           ## forget the local runtime's state (databases, Kafka logs, venv)
	rm -rf .local .venv
