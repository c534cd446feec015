"""A large archive's search index in parts (igfpub/outputs/search.py): the sample site's
index made again with parts of a few pages, so that every year of sessions is a part of
its own. Queries in the browser find pages of the parts in the reader's language, the
parts hold exactly the pages the single index held, and a query stays within the budget
of a slow connection."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from igfpub.core.languages import url_prefix, use
from igfpub.mkdocs.site import read_site
from igfpub.outputs.search import write_search_index
from tests.browser.conftest import CONTENT, ROOT, Browse, Wire
from tests.browser.search_words import SOIL, SOIL_PAGE
from tests.browser.server import serve
from tests.browser.test_search import QUERY_BUDGET, search


@pytest.fixture(scope="module")
def parted_site(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("parts") / "site"
    shutil.copytree(sample_site, site)
    single = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    languages = read_site(ROOT / "mkdocs.yml", CONTENT).languages
    use(languages)
    pages = write_search_index(site, languages, site.parent / "cache", part_pages=1)
    assert pages == sum(v["page_count"] for v in single["languages"].values())
    return site


@pytest.fixture(scope="module")
def browse_parts(browser: Browser, parted_site: Path) -> Iterator[Browse]:
    with serve(parted_site) as url:
        b = Browse(browser, url)
        yield b
        b.close()
    assert b.foreign() == []


def test_the_index_is_in_parts_by_year_and_language(parted_site: Path) -> None:
    listed = json.loads((parted_site / "pagefind" / "parts.json").read_text())
    assert "en/sessions-2025" in listed["en"]
    assert "fr/sessions-2025" in listed["fr"]
    assert all(part.startswith("zh/") for part in listed["zh"])
    part = parted_site / "pagefind" / "parts" / "en" / "sessions-2025"
    entry = json.loads((part / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] == sum(
        1
        for page in (parted_site / "sessions" / "2025").rglob("index.html")
        if "data-pagefind-body" in page.read_text(encoding="utf-8")
    )
    # A part uses the main index's scripts and WebAssembly.
    assert not list(part.glob("*.js")) and not list(part.glob("wasm.*"))


@pytest.mark.parametrize("lang", ["en", "fr", "zh", "ar"])
def test_a_page_of_a_part_is_found_in_the_readers_language(browse_parts: Browse, lang: str) -> None:
    page = browse_parts.page()
    found = search(browse_parts, page, lang, SOIL[lang], every=True)
    assert url_prefix(lang) + SOIL_PAGE in found
    assert all(url.startswith(url_prefix(lang)) for url in found), found


@pytest.mark.parametrize("query", ["internet governance", "data"])
def test_the_parts_find_what_the_single_index_finds(
    browse: Browse, browse_parts: Browse, query: str
) -> None:
    """As many results as the single index, from the main part and the parts alike."""

    def total(b: Browse) -> tuple[int, list[str]]:
        page = b.page()
        found = search(b, page, "en", query)
        status = page.text_content("#igf-search-status") or ""
        return int(re.sub(r"\D", "", status.rsplit(":", 1)[1])), found

    single, _ = total(browse)
    parted, found = total(browse_parts)
    assert parted == single > 10
    assert any(url.startswith("sessions/") for url in found), found


def test_a_query_over_the_parts_downloads_at_most_300_kb(browse_parts: Browse) -> None:
    page = browse_parts.page()
    wire = Wire(page)
    page.goto(browse_parts.url("search/"))
    page.wait_for_load_state("networkidle")
    wire.reset()
    page.fill("#igf-search-q", "data")
    page.keyboard.press("Enter")
    page.wait_for_selector("#igf-search-results[aria-busy=false]", state="attached")
    page.wait_for_load_state("networkidle")
    assert page.locator("#igf-search-results li").count() >= 5
    assert 0 < wire.total() <= QUERY_BUDGET, wire.report()
