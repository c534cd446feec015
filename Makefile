# The two quick-start commands: `make site` and `make test`.
.PHONY: setup site serve test lint check bench
PY := .venv/bin

setup:
	./scripts/setup

site: setup
	$(PY)/igfpub build content -d site

serve: setup
	$(PY)/mkdocs serve

lint:
	$(PY)/ruff check igfpub tests bench
	$(PY)/ruff format --check igfpub tests bench
	$(PY)/mypy

test: setup lint
	$(PY)/igfpub check content
	$(PY)/pytest -q

bench: setup
	$(PY)/python bench/run.py --size quick
