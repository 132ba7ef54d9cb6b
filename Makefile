# The two commands of the README: `make run` and `make test`.
# Each creates the virtual environment it needs (.venv) from python3 alone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= build

.PHONY: run test venv test-deps train-deps train eval eval-blind clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(BIN)/kg

venv: $(BIN)/kg

$(VENV)/.test-deps: $(BIN)/kg
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

test-deps: $(VENV)/.test-deps

# Build the bundled articles, validate, answer ticket-parties, export TriG and GEXF.
run: venv
	$(BIN)/kg build data/articles --out $(OUT)/graph
	$(BIN)/kg validate $(OUT)/graph
	$(BIN)/kg query ticket-parties --data $(OUT)/graph
	$(BIN)/kg export trig --data $(OUT)/graph --out $(OUT)/pilkada.trig
	$(BIN)/kg export gexf --data $(OUT)/graph --out $(OUT)/party-ticket.gexf

test: test-deps
	$(BIN)/python -m pytest

$(VENV)/.train-deps: $(BIN)/kg
	$(BIN)/python -m pip install --quiet -e '.[train]'
	@touch $@

train-deps: $(VENV)/.train-deps

# Retrain the learned layers of extraction (data/models/*.json) from the training sets of eval/sets.yaml.
# Deterministic; never run by `make run` or `make test`.
train: train-deps
	$(BIN)/python scripts/train_models.py

# Leave-one-set-out table of every training set (rules alone and rules + learned layers), pooled.
eval: train-deps
	$(BIN)/python scripts/eval_sets.py

# First contact: score the blind sets of eval/sets.yaml once with the shipped weights.
eval-blind: venv
	$(BIN)/python scripts/eval_sets.py --blind

clean:
	rm -rf $(OUT) .pytest_cache
