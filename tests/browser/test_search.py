"""Search in the browser: each language searches its own pages, Chinese is found in the
middle of a sentence, a page shown in English in another language's place is found there
by what it says in that language (its id, its labels) and never by its English text, and
a query costs a slow connection at most 300 KB."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from igfpub.core.languages import DEFAULT, LANGUAGES, url_prefix
from tests.browser.conftest import Browse, Wire
from tests.browser.samples import Sample
from tests.browser.search_words import SOIL, SOIL_PAGE

QUERY_BUDGET = 300 * 1024


def search(browse: Browse, page: Page, lang: str, query: str, *, every: bool = False) -> list[str]:
    """Result URLs (relative to the site root) of a query on ``lang``'s search page: the
    first ones shown, or with ``every`` all of them ("More results" pressed until none
    are left)."""
    page.goto(browse.url(f"{url_prefix(lang)}search/?q={quote(query)}"))
    page.wait_for_selector("#igf-search-results[aria-busy=false]", state="attached")
    while every and page.locator(".igf-search__more").count():
        shown = page.locator("#igf-search-results li").count()
        page.click(".igf-search__more")
        page.wait_for_function(
            "n => document.querySelectorAll('#igf-search-results li').length > n", arg=shown
        )
    hrefs: list[str] = page.eval_on_selector_all(
        "#igf-search-results a", "as => as.map(a => a.href)"
    )
    return [h.removeprefix(browse.base) for h in hrefs]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_pages_in_the_readers_language_only(browse: Browse, lang: str) -> None:
    page = browse.page()
    # Stemming may bring in more pages (Arabic التربة "soil" and التربية "education" share
    # a stem: UNESCO's name, on every page that addresses it), all in the reader's language.
    found = search(browse, page, lang, SOIL[lang], every=True)
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
    found = search(browse, page, "ar", SOIL["ar"], every=True)
    assert f"ar/{SOIL_PAGE}" in found
    result = page.locator("#igf-search-results li").nth(found.index(f"ar/{SOIL_PAGE}"))
    assert SOIL["ar"] in (result.locator(".igf-search__excerpt").text_content() or "")
    marked = result.locator(".igf-search__excerpt mark").all_text_contents()
    assert SOIL["ar"] in marked
    assert page.evaluate("document.body.dir") == "rtl"


def _fallback(sample_site: Path, url: str) -> tuple[str, list[str], str]:
    """A fallback page's title, its English text (the texts of its content marked
    ``lang="en"``, but for its title and the facts given in English alone: an organiser's
    name, a body's contact, marked so on every page and indexed in every language) and the
    rest of its content, as text."""
    soup = BeautifulSoup((sample_site / url / "index.html").read_bytes(), "html.parser")
    root = soup.select_one("#igf-content")
    assert root is not None and root["data-translation"] == "fallback", url
    assert root.has_attr("data-pagefind-body"), url
    h1 = root.h1
    assert h1 is not None
    title = h1.extract().get_text(" ", strip=True)
    english = [e.extract().get_text(" ", strip=True) for e in root.select('[lang="en"]:not(bdi)')]
    return title, english, root.get_text(" ", strip=True)


def _english_only_words(sample_site: Path, url: str) -> list[str]:
    """Words of a fallback page's English text that nothing else on the page says: not its
    title (the result's, indexed), nor a name (an organiser's, say, indexed in every
    language)."""
    title, english, rest = _fallback(sample_site, url)
    said = f"{title} {rest}".lower()
    words = {w for text in english for w in re.findall(r"[A-Za-z]{7,}", text)}
    return sorted((w for w in words if w.lower() not in said), key=len)[-4:]


def test_a_fallback_session_is_found_by_its_id_in_every_language(
    browse: Browse, samples: list[Sample], sample_site: Path
) -> None:
    """A session without any translation shows its English text in every language; its id,
    which is no language's, finds its page in each language's search, and only there."""
    fallback = next(s for s in samples if s.kind == "session-fallback")
    soup = BeautifulSoup((sample_site / fallback.url / "index.html").read_bytes(), "html.parser")
    session_id = soup.select(".igf-facts code")[-1].get_text(strip=True)
    assert session_id.lower() in fallback.url
    page = browse.page()
    for lang in LANGUAGES:
        found = search(browse, page, lang, session_id)
        assert fallback.at(lang) in found, (lang, session_id, found)
        assert all(url.startswith(url_prefix(lang)) for url in found), found
        # Its title is English, and the result says so, as the page does.
        link = page.locator("#igf-search-results a").nth(found.index(fallback.at(lang)))
        marked = (link.get_attribute("lang"), link.get_attribute("dir"))
        assert marked == ((None, None) if lang == DEFAULT else ("en", "ltr")), (lang, marked)


def test_a_result_in_the_readers_language_is_not_marked(browse: Browse) -> None:
    page = browse.page()
    found = search(browse, page, "ar", SOIL["ar"], every=True)
    link = page.locator("#igf-search-results a").nth(found.index(f"ar/{SOIL_PAGE}"))
    assert link.get_attribute("lang") is None and link.get_attribute("dir") is None


def test_a_fallback_is_found_by_its_labels_in_the_readers_language(
    browse: Browse, samples: list[Sample], sample_site: Path
) -> None:
    """Its labels and facts are in the reader's language: the Arabic and French names of
    its track, with its id, find it."""
    fallback = next(s for s in samples if s.kind == "session-fallback")
    page = browse.page()
    for lang in ("fr", "ar"):
        soup = BeautifulSoup(
            (sample_site / fallback.at(lang) / "index.html").read_bytes(), "html.parser"
        )
        facts = soup.select_one(".igf-facts")
        assert facts is not None
        track = facts.select("dd")[1]
        assert not track.select('[lang="en"]'), "the sample's track has no translation"
        session_id = facts.select("code")[-1].get_text(strip=True)
        query = f"{track.get_text(' ', strip=True)} {session_id}"
        assert fallback.at(lang) in search(browse, page, lang, query), (lang, query)


def test_fallback_english_text_is_not_found_as_another_language(
    browse: Browse, samples: list[Sample], sample_site: Path
) -> None:
    """Words of a fallback's English text find it in English only. Its title, which its
    language's pages list it by, finds it there too: the result shows it."""
    fallback = next(s for s in samples if s.kind == "session-fallback")
    title = BeautifulSoup(
        (sample_site / fallback.url / "index.html").read_bytes(), "html.parser"
    ).h1.get_text(" ", strip=True)
    page = browse.page()
    assert fallback.url in search(browse, page, "en", title)
    in_english = set()
    for lang in ("fr", "zh", "ar"):
        words = _english_only_words(sample_site, fallback.at(lang))
        assert len(words) == 4, words
        for word in words:
            if word not in in_english:
                assert fallback.url in search(browse, page, "en", word, every=True), word
                in_english.add(word)
            found = search(browse, page, lang, word, every=True)
            assert fallback.at(lang) not in found, (lang, word)
        assert fallback.at(lang) in search(browse, page, lang, title), (lang, title)


def _indexed(sample_site: Path) -> dict[str, dict[str, Any]]:
    """What Pagefind indexed of each page (its fragment), by URL relative to the site."""
    found = {}
    for path in (sample_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        found[record["url"].lstrip("/")] = record
    return found


def test_index_holds_only_text_in_each_pages_own_language(sample_site: Path) -> None:
    """Pagefind's per-language counts are exactly the pages marked searchable, generated
    pages shown in English among them: each is indexed for what it says in the reader's
    language or in none (its id, labels and facts), never for its English copy."""
    marked = dict.fromkeys(LANGUAGES, 0)
    fallbacks = []
    for index in sample_site.rglob("index.html"):
        html = index.read_text(encoding="utf-8")
        if 'data-translation="fallback"' in html:
            fallbacks.append(index.parent.relative_to(sample_site).as_posix() + "/")
        if "data-pagefind-body" not in html:
            continue
        lang = html.split('<html lang="', 1)[1].split('"', 1)[0]
        marked[lang] += 1
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert counts == marked
    # Every page of the sample exists in every language, and is found in each.
    assert len(set(counts.values())) == 1, counts
    indexed = _indexed(sample_site)
    assert fallbacks and all(url in indexed for url in fallbacks)
    for url in fallbacks:
        title, english, rest = _fallback(sample_site, url)
        # Pagefind's title of the page: its h1, but for an English acronym it ignores.
        assert indexed[url]["meta"]["title"] and indexed[url]["meta"]["title"] in title
        content = indexed[url]["content"]
        for text in english:
            words = text.split()
            # No run of four words of the English copy (a name may be in both).
            for n in range(len(words) - 3):
                run = " ".join(words[n : n + 4])
                assert run not in content or run in rest, (url, run)
    session = next(url for url in fallbacks if url.startswith("ar/sessions/"))
    content = indexed[session]["content"]
    session_id = session.split("/")[-2].upper()
    assert f"{session_id}/kt-1" in content and "الاستنتاجات الرئيسية" in content, content


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
