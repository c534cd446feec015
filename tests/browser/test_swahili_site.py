"""A site in a language Material has no interface strings for: `igfpub init` for Swahili
as the source with English, read in Chromium. Its pages say they are in Swahili, pass
axe-core, and its search finds a Swahili session by a Swahili word (Pagefind has no
stemmer for Swahili, and indexes its words as written)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from tests.browser.axe import describe, violations
from tests.browser.server import serve
from tests.browser.sites import init_and_build

SESSION = """---
id: IGF2026-WS-2
edition: 2026
type: workshop
title: "Mitandao ya jamii vijijini 📶"
track: access
date: 2026-06-03
rapporteur: "Amina Mwakyusa"
stakeholders: [civil-society]
key_takeaways:
  - "Mitandao ya jamii inahitaji masafa ya bei nafuu."
calls_to_action:
  - text: "Tengeni masafa kwa mitandao ya jamii."
    to: [parliament]
---
## Muhtasari wa majadiliano

Washiriki walijadili [ripoti ya kwanza](igf2026-ws-1.md#Summary-of-the-Discussion).
"""


@pytest.fixture(scope="module")
def swahili(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = init_and_build(tmp_path_factory.mktemp("sw"), ["sw", "en"],
                          "Jukwaa la Utawala wa Mtandao",
                          {"sessions/2026/igf2026-ws-2.md": SESSION})  # fmt: skip
    with serve(site) as url:
        yield url


def test_swahili_pages_say_their_language_and_search_finds_swahili_words(
    browser: Browser, swahili: str, axe_source: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        for url, lang in (("sessions/2026/igf2026-ws-2/", "sw"), ("en/", "en")):
            response = page.goto(swahili + url)
            assert response is not None and response.ok, url
            found = violations(page, axe_source)
            assert found == [], f"{url}:\n{describe(found)}"
            assert page.evaluate("document.documentElement.lang") == lang, url
            current = page.eval_on_selector_all(
                "a.md-select__link[aria-current=true]", "as => as.map(a => a.hreflang)"
            )
            assert current == [lang], url
        page.goto(swahili + f"search/?q={quote('masafa')}")
        page.wait_for_selector("#igf-search-results[aria-busy=false]", state="attached")
        hrefs = page.eval_on_selector_all("#igf-search-results a", "as => as.map(a => a.href)")
        assert [h.removeprefix(swahili) for h in hrefs] == ["sessions/2026/igf2026-ws-2/"]
    finally:
        context.close()
