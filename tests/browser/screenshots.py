"""Screenshots for a person to look at (not a test): an English and an Arabic page at
desktop and phone width, with and without the language menu open.

    .venv/bin/python -m tests.browser.screenshots SITE_DIR OUT_DIR [URL ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, MOBILE
from tests.browser.server import serve

PAGES = ["sessions/2025/igf2025-ws-142/", "ar/sessions/2025/igf2025-ws-142/", "ar/search/?q=التربة"]


def main(argv: list[str]) -> int:
    site, out, *pages = argv
    Path(out).mkdir(parents=True, exist_ok=True)
    with serve(Path(site)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
            page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
            for url in pages or PAGES:
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                slug = url.strip("/").replace("/", "_").replace("?", "_") or "home"
                page.screenshot(path=f"{out}/{slug}-{name}.png")
                print(f"{out}/{slug}-{name}.png")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
