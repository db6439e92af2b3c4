# Two commands do all the set-up on a fresh machine with only python3 and make:
#   make play   - create .venv, install the game, start it
#   make test   - create .venv with the test tools, run lint, types and the suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: play test lint types pytest bench clean schema docs-ref golden scenario-tests

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

# Regenerate docs/scenario.schema.json from the schema module.
schema: $(STAMP)
	$(PY) -m game schema -o docs/scenario.schema.json

# Refresh the golden baselines of seeded runs (an explicit, reviewed step).
golden: $(DEVSTAMP)
	$(PY) -m tests.golden --refresh

bench: $(DEVSTAMP)
	for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
