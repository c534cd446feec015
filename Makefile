# The two quick-start commands: `make site` and `make test`.
.PHONY: setup site serve test test-browser lint check bench fonts
PY := .venv/bin

setup:
	./scripts/setup

site: setup
	$(PY)/igfpub build content -d site

serve: setup
	$(PY)/igfpub serve content

lint:
	$(PY)/ruff check igfpub tests bench
	$(PY)/ruff format --check igfpub tests bench
	$(PY)/mypy

test: setup lint
	$(PY)/igfpub check content
	$(PY)/pytest -q

# The browser suite alone (also part of `make test`): axe-core, keyboard, search, page
# weight, privacy, no-JavaScript and HTML validity, in Debian's Chromium.
test-browser: setup
	$(PY)/pytest -q tests/browser

bench: setup
	$(PY)/python bench/run.py --size quick

# The Latin, Cyrillic and Arabic web font subsets that ship in igfpub/fonts/, made again
# from the Debian fonts (after changing their ranges or features in igfpub/webfonts.py).
fonts: setup
	$(PY)/python -m igfpub.webfonts
