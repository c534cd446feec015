"""With JavaScript off, every kind of page shows its content and its navigation: on a
wide screen in the sidebar, on a phone in the drawer that the menu button opens (a CSS
checkbox), and the language menu opens on focus."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP, MOBILE, Browse
from tests.browser.samples import Sample

NAV = ".md-nav--primary .md-nav__list .md-nav__link"


def _content_is_readable(page: Page) -> None:
    h1 = page.locator("#igf-content h1, .md-content h1").first
    assert h1.is_visible()
    text = page.locator("#igf-content, .md-content").first.inner_text()
    assert len(text.strip()) > 20


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_content_and_navigation_without_javascript(
    browse: Browse, samples: list[Sample], lang: str
) -> None:
    desktop = browse.page(js=False, viewport=DESKTOP)
    phone = browse.page(js=False, viewport=MOBILE)
    for sample in samples:
        url = browse.url(sample.at(lang))
        desktop.goto(url)
        _content_is_readable(desktop)
        links = desktop.locator(NAV)
        assert links.count() > 0 and all(links.nth(i).is_visible() for i in range(links.count()))
        desktop.focus(".md-select button")
        assert desktop.locator(".md-select__link").first.is_visible()

        phone.goto(url)
        _content_is_readable(phone)
        assert not phone.locator(NAV).first.is_visible()
        phone.click('.md-header label[for="__drawer"]')
        phone.locator(NAV).first.wait_for(state="visible")


def test_search_page_says_it_needs_javascript(browse: Browse) -> None:
    page = browse.page(js=False)
    page.goto(browse.url("fr/search/?q=sols"))
    assert page.locator("noscript, .igf-notice").first.is_visible()
    assert "JavaScript" in page.inner_text("#igf-content")
