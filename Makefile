# Two commands do all the set-up on a fresh machine with only python3 and make:
#   make play   - create .venv, install the game, start it
#   make test   - create .venv with the test tools, run lint, types and the suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: play test lint types pytest bench fuzz soak clean schema reference golden

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

play: $(STAMP)
	$(PY) -m game play $(ARGS)

test: $(DEVSTAMP) lint types pytest

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check .

types: $(DEVSTAMP)
	$(VENV)/bin/mypy

pytest: $(DEVSTAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(VENV)/bin/pytest -n 2 --dist loadgroup

# Regenerate docs/scenario.schema.json and the reference in docs/authoring.md from the schema module.
schema: $(STAMP)
	$(PY) -m game schema -o docs/scenario.schema.json
	$(PY) -m game.scenario.reference --write

# Refresh the golden baselines of seeded runs (an explicit, reviewed step).
golden: $(DEVSTAMP)
	$(PY) -m tests.golden --refresh

# Speed figures (a few minutes). The long reliability runs are `make fuzz` and `make soak`.
BENCHES := validate sim_turn sim_batch sim_policies session balance audit workshop_report ui_startup ui_portraits ui_frames ui_idle ui_whatif
bench: $(DEVSTAMP)
	for b in $(BENCHES); do echo "== benchmarks/$$b.py"; $(PY) benchmarks/$$b.py || exit 1; done

# Fuzz every parser for a fixed budget per target (SECONDS=60 by default).
SECONDS ?= 60
fuzz: $(DEVSTAMP)
	$(PY) benchmarks/fuzz.py --seconds $(SECONDS)

# Kill-mid-save fault injection and the long soaks (about 40 minutes in all).
soak: $(DEVSTAMP)
	$(PY) benchmarks/fault_injection.py --kills 200
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) benchmarks/soak_desktop.py --minutes 30
	$(PY) benchmarks/soak_text.py --games 10000

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
