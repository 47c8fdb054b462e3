# Two commands matter: `make run` (everything on localhost with the demo businesses) and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
SOCKETIO_CLIENT := var/static/socket.io.min.js
SOCKETIO_CLIENT_VERSION := 4.8.1
MODEL := models/assistant.tar.gz
TRAINING_INPUTS := config.yml $(wildcard domain/*.yml) $(shell find data -name '*.yml' 2>/dev/null)

export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export DATABASE_URL ?= sqlite:///$(CURDIR)/var/assistant.db
export DUCKLING_URL ?= http://127.0.0.1:8000
export RASA_DUCKLING_HTTP_URL ?= $(DUCKLING_URL)
export ACTION_SERVER_URL ?= http://127.0.0.1:5055/webhook
export RASA_URL ?= http://127.0.0.1:5005
export PUBLIC_BASE_URL ?= http://127.0.0.1:5005
export TWILIO_AUTH_TOKEN ?=
export DEFAULT_BUSINESS_ID ?= tonys-pizzeria
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help install run train test unit validate stories nlu-eval e2e shell clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: $(VENV)/.installed $(SOCKETIO_CLIENT) ## Make the virtualenv from the lock files (seconds when nothing changed)
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }

$(VENV)/.installed: requirements/rasa.lock requirements/app.lock
	test -x $(PY) || python3.11 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-deps --ignore-requires-python -r requirements/rasa.lock -r requirements/app.lock
	touch $@

$(SOCKETIO_CLIENT):
	mkdir -p var/static && tmp=$$(mktemp -d) && cd $$tmp && npm pack -q socket.io-client@$(SOCKETIO_CLIENT_VERSION) >/dev/null \
	  && tar xzf socket.io-client-$(SOCKETIO_CLIENT_VERSION).tgz && cp package/dist/socket.io.min.js $(CURDIR)/$@ && rm -rf $$tmp

train: install $(MODEL) ## Train the model if the data, domain or config changed

$(MODEL): $(TRAINING_INPUTS)
	$(RASA) train --domain domain --data data --config config.yml --out models --fixed-model-name assistant

run: install train ## Start Duckling, the action server, Rasa, the board and web chat; Ctrl-C stops them all
	$(PY) -m devstack

shell: install train ## Talk to the assistant in the terminal as a customer of DEFAULT_BUSINESS_ID
	$(PY) -m devstack --only duckling,actions & stack=$$!; trap "kill $$stack" EXIT; \
	  $(RASA) shell --model $(MODEL) --endpoints endpoints.yml

validate: install ## Check the training data and domain (warnings fail)
	$(RASA) data validate --domain domain --data data --config config.yml --fail-on-warnings

unit: install ## Unit tests (SQLite and PostgreSQL), on both cores
	$(PY) -m pytest tests/unit -q -n 2

stories: train ## Rasa test stories
	$(RASA) test core --model $(MODEL) --stories tests/stories --endpoints endpoints.yml --fail-on-prediction-errors --out results/core

nlu-eval: train ## Intent and entity F1 on the held-out split
	$(PY) -m tests.nlu_report --model $(MODEL) --nlu tests/nlu --out results/nlu

e2e: train ## End-to-end: real servers, whole conversations over HTTP and socket.io (SQLite, then PostgreSQL)
	$(PY) -m pytest tests/e2e -q

test: install unit validate train stories nlu-eval e2e ## Everything CI runs

clean: ## Remove generated files (models, results, var/)
	rm -rf models results var .pytest_cache
