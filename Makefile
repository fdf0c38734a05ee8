# Overstap: the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa must never prompt or phone home; keep TensorFlow and deprecation noise out of logs.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore

BIN := .venv/bin
MODEL = $(shell $(BIN)/python -c 'from bot.rasa_adapter.rasa_model import model_path; print(model_path())')

.PHONY: help install train run chat test system-deps lint validate stories pytest evaluate bench clean

help:
	@echo "make run       set up (first time ~4 min), train if needed, start the coach on http://127.0.0.1:8000/"
	@echo "make test      every test: system packages, lint, data validation, end-to-end stories, pytest (incl. held-out evaluation)"
	@echo "make chat      chat with the coach in the terminal"
	@echo "make evaluate  held-out classification report (macro-F1, per stage, confusion matrix)"
	@echo "make bench     benchmarks (training, cold start, REST latency, memory) -> bench/results/"
	@echo "make evaluate-miti  held-out report of the MITI coder (practice mode)"
	@echo "make evaluate-dialogue  scripted clients through the real stack, coded with MITI -> var/results/dialogue/"

install:
	@scripts/bootstrap.sh

train: install
	@$(BIN)/overstap train

run: train
	@$(BIN)/overstap serve

chat: train
	@$(BIN)/overstap chat

# --- tests -------------------------------------------------------------------------
test: system-deps install lint train validate stories pytest

# What the tests need from the system (Chromium, PostgreSQL, Redis, HAProxy, curl):
# installed with apt-get when missing (as root), else a clear message and a stop.
system-deps:
	@scripts/system_deps.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: install
	$(BIN)/rasa data validate --fail-on-warnings --data data/nlu data/rules data/stories

stories: train
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out var/results/stories

pytest: train
	$(BIN)/python -m pytest

evaluate: train train-miti
	$(BIN)/overstap evaluate --json var/results/heldout.json

bench: train
	$(BIN)/python -m bench.run_all

# Scripted clients (bench/dialogue/clients/) through the real stack, every coach message coded
# by the MITI coder: R:Q, % complex reflections, questions answered, fallbacks, stage at close.
.PHONY: evaluate-dialogue
evaluate-dialogue: train train-miti
	$(BIN)/python -m bench.dialogue.evaluate

clean:
	rm -rf var .rasa models

# --- practice mode (bot/practice): MITI code classifier, trained when its data changed ---
.PHONY: train-miti evaluate-miti
train-miti: install
	@$(BIN)/overstap train-miti

pytest: train-miti

evaluate-miti: train-miti
	$(BIN)/overstap evaluate-miti --json var/results/miti_heldout.json

# --- production profile and dependency audit (deploy/, docs/dependency-audit.md) ---
.PHONY: audit prod-start prod-stop prod-status bench-production
audit:
	scripts/audit.sh

prod-start: train
	deploy/profile.sh start

prod-stop:
	deploy/profile.sh stop

prod-status:
	deploy/profile.sh status

bench-production: train
	$(BIN)/python -m bench.production_latency
