"""Search in the browser: each language searches its own pages, Chinese is found in the
middle of a sentence, English fallback copies are not found as another language, and a
query costs a slow connection at most 300 KB."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from igfpub.core.languages import DEFAULT, LANGUAGES, url_prefix
from tests.browser.conftest import Browse, Wire
from tests.browser.samples import Sample
from tests.browser.search_words import SOIL, SOIL_PAGE

QUERY_BUDGET = 300 * 1024


def search(browse: Browse, page: Page, lang: str, query: str) -> list[str]:
    """Result URLs (relative to the site root) of a query on ``lang``'s search page."""
    page.goto(browse.url(f"{url_prefix(lang)}search/?q={quote(query)}"))
    page.wait_for_selector("#igf-search-results[aria-busy=false]", state="attached")
    hrefs: list[str] = page.eval_on_selector_all(
        "#igf-search-results a", "as => as.map(a => a.href)"
    )
    return [h.removeprefix(browse.base) for h in hrefs]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_pages_in_the_readers_language_only(browse: Browse, lang: str) -> None:
    page = browse.page()
    found = search(browse, page, lang, SOIL[lang])
    # Stemming may bring in more pages (Arabic التربة "soil" and التربية "education" share
    # a stem), all in the reader's language.
    assert url_prefix(lang) + SOIL_PAGE in found
    assert all(url.startswith(url_prefix(lang)) for url in found), found
    assert lang == DEFAULT or not any(url.startswith(SOIL_PAGE) for url in found)
    status = page.text_content("#igf-search-status") or ""
    assert SOIL[lang] in status
    # The result is announced in the reader's language: never the English sentence.
    assert lang == DEFAULT or "Results for" not in status


def test_header_search_on_a_french_page_returns_french_pages(
    browse: Browse, samples: list[Sample]
) -> None:
    page = browse.page()
    session = next(s for s in samples if s.kind == "session")
    page.goto(browse.url(session.at("fr")))
    page.fill("#igf-header-q", "gouvernance des données")
    page.keyboard.press("Enter")
    page.wait_for_selector("#igf-search-results li a")
    assert page.url.startswith(browse.url("fr/search/?q="))
    hrefs = page.eval_on_selector_all("#igf-search-results a", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(browse.url("fr/")) for h in hrefs), hrefs


def test_chinese_word_in_the_middle_of_a_sentence_is_found(
    browse: Browse, sample_site: Path
) -> None:
    text = BeautifulSoup(
        (sample_site / "zh" / SOIL_PAGE / "index.html").read_bytes(), "html.parser"
    )
    sentences = re.split(r"[。；！？：\n]", text.select_one(".igf-report").get_text())
    holding = [s for s in sentences if SOIL["zh"] in s]
    assert holding and not holding[0].startswith(SOIL["zh"]), "not mid-sentence any more"
    page = browse.page()
    assert search(browse, page, "zh", SOIL["zh"]) == [f"zh/{SOIL_PAGE}"]
    # Two words of the same sentence, without the space a Chinese reader never types.
    assert f"zh/{SOIL_PAGE}" in search(browse, page, "zh", "土壤和产量")


def test_arabic_search_shows_an_arabic_excerpt(browse: Browse) -> None:
    page = browse.page()
    found = search(browse, page, "ar", SOIL["ar"])
    assert f"ar/{SOIL_PAGE}" in found
    result = page.locator("#igf-search-results li").nth(found.index(f"ar/{SOIL_PAGE}"))
    assert SOIL["ar"] in (result.locator(".igf-search__excerpt").text_content() or "")
    marked = result.locator(".igf-search__excerpt mark").all_text_contents()
    assert SOIL["ar"] in marked
    assert page.evaluate("document.body.dir") == "rtl"


def test_fallback_english_is_not_found_as_another_language(
    browse: Browse, samples: list[Sample], sample_site: Path
) -> None:
    fallback = next(s for s in samples if s.kind == "session-fallback")
    title = BeautifulSoup(
        (sample_site / fallback.url / "index.html").read_bytes(), "html.parser"
    ).h1.get_text(" ", strip=True)
    word = max(title.split(), key=len)
    page = browse.page()
    assert fallback.url in search(browse, page, "en", title)
    for lang in ("fr", "zh", "ar"):
        assert fallback.at(lang) not in search(browse, page, lang, word), (lang, word)
        assert fallback.at(lang) not in search(browse, page, lang, title), (lang, title)


def test_index_holds_only_pages_in_their_own_language(sample_site: Path) -> None:
    """Pagefind's per-language counts are exactly the pages marked searchable, and no
    fallback page is marked."""
    marked = dict.fromkeys(LANGUAGES, 0)
    for index in sample_site.rglob("index.html"):
        html = index.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        assert 'data-translation="fallback"' not in html, index
        lang = html.split('<html lang="', 1)[1].split('"', 1)[0]
        marked[lang] += 1
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert counts == marked
    assert counts[DEFAULT] > counts["zh"] > 0  # Chinese has fewer translations


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_a_query_downloads_at_most_300_kb(browse: Browse, lang: str) -> None:
    page = browse.page()
    wire = Wire(page)
    page.goto(browse.url(f"{url_prefix(lang)}search/"))
    page.wait_for_load_state("networkidle")
    wire.reset()
    # A common word: many results, so a full page of result fragments is fetched too.
    page.fill("#igf-search-q", {"en": "data", "zh": "数据", "ar": "البيانات"}[lang])
    page.keyboard.press("Enter")
    page.wait_for_selector("#igf-search-results[aria-busy=false]", state="attached")
    page.wait_for_load_state("networkidle")
    assert page.locator("#igf-search-results li").count() >= 5
    assert 0 < wire.total() <= QUERY_BUDGET, wire.report()


def test_a_message_is_found_on_its_session_not_on_the_briefs_that_repeat_it(
    browse: Browse, sample_site: Path
) -> None:
    """Briefs gather the messages addressed to a body, as outcome documents and body pages
    do; like them they leave the messages to their sessions' pages in the search index."""
    brief = sample_site / "briefs" / "2025" / "body-itu" / "index.html"
    soup = BeautifulSoup(brief.read_bytes(), "html.parser")
    items = soup.select("li.igf-brief__message")
    assert items and all(li.has_attr("data-pagefind-ignore") for li in items)
    texts = [(li.get_text(" ").lower(), str(li.select("a")[0].get("href"))) for li in items]
    for li in items:
        li.decompose()
    rest = soup.get_text(" ").lower()
    # A word of a message that the brief shows nowhere else.
    word, href = next(
        (w, href) for text, href in texts for w in re.findall(r"[a-z]{6,}", text) if w not in rest
    )
    session = (brief.parent / href.split("#")[0]).resolve().relative_to(sample_site)
    found = search(browse, browse.page(), "en", word)
    assert f"{session.as_posix()}/" in found, (word, found)
    assert not [url for url in found if url.startswith("briefs/")], (word, found)
