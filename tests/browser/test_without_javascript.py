"""With JavaScript off, every kind of page shows its content and its navigation: on a
wide screen in the sidebar, on a phone in the drawer that the menu button opens (a CSS
checkbox), and the language menu opens on focus."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP, MOBILE, Browse
from tests.browser.samples import Sample

# The site's pages in the sidebar. Not the toggle label of the current page, nor the table
# of contents that Material also puts there for phones (on a wide screen it is hidden
# there and shown in the right-hand sidebar instead).
NAV = ".md-nav--primary .md-nav__list a.md-nav__link:not(.md-nav--secondary a)"
# In the phone's drawer: whatever comes first (the current page's label, or a link).
DRAWER = ".md-nav--primary .md-nav__list .md-nav__link"


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
        hidden = [
            links.nth(i).inner_text() for i in range(links.count()) if not links.nth(i).is_visible()
        ]
        assert links.count() > 0 and hidden == [], (url, hidden)
        desktop.focus(".md-select button")
        assert desktop.locator(".md-select__link").first.is_visible()

        phone.goto(url)
        _content_is_readable(phone)
        assert not phone.locator(DRAWER).first.is_visible()
        phone.click('.md-header label[for="__drawer"]')
        phone.locator(DRAWER).first.wait_for(state="visible")


def test_search_page_says_it_needs_javascript(browse: Browse) -> None:
    page = browse.page(js=False)
    page.goto(browse.url("fr/search/?q=sols"))
    assert page.locator("noscript, .igf-notice").first.is_visible()
    assert "JavaScript" in page.inner_text("#igf-content")
