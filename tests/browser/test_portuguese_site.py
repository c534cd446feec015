"""A site that is not the global IGF's: `igfpub init` for Portuguese as the source with
English and Spanish, read in Chromium. Its pages pass axe-core, say which of its three
languages they are in, and show igfpub's interface in Portuguese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.axe import describe, violations
from tests.browser.server import serve
from tests.browser.sites import init_and_build
from tests.test_adoption import SECOND, SECOND_ES

LANGS = ["pt", "en", "es"]


@pytest.fixture(scope="module")
def portuguese(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = init_and_build(tmp_path_factory.mktemp("pt"), LANGS, "Fórum da Internet",
                          {"sessions/2026/igf2026-ws-2.md": SECOND,
                           "sessions/2026/igf2026-ws-2.es.md": SECOND_ES})  # fmt: skip
    with serve(site) as url:
        yield url


@pytest.mark.parametrize(
    ("url", "lang", "state"),
    [
        ("", "pt", "source"),
        ("sessions/2026/igf2026-ws-2/", "pt", "source"),
        ("es/sessions/2026/igf2026-ws-2/", "es", "translated"),
        ("en/sessions/2026/igf2026-ws-2/", "en", "fallback"),
        ("editions/2026/", "pt", "source"),
    ],
)
def test_portuguese_site_pages_are_accessible_and_in_their_language(
    browser: Browser, portuguese: str, axe_source: str, url: str, lang: str, state: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(portuguese + url)
        assert response is not None and response.ok, url
        found = violations(page, axe_source)
        assert found == [], f"{url}:\n{describe(found)}"
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
            lang,
            "ltr",
        ]
        links = page.eval_on_selector_all("a.md-select__link", "as => as.map(a => a.hreflang)")
        assert sorted(links) == sorted(LANGS)
        shown = page.evaluate("document.querySelector('[data-translation]').dataset.translation")
        assert shown == state
        if state == "fallback":
            # The Portuguese original, standing in for English, says it is Portuguese.
            assert page.eval_on_selector("h1", "h => h.closest('[lang]').lang") == "pt"
        if lang == "pt" and "sessions/" in url:
            assert page.locator("#calls-to-action").inner_text().strip() == "Chamadas à ação"
    finally:
        context.close()
