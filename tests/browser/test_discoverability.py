"""What crawlers and lost readers get: igfpub's sitemap (every page in every language,
with hreflang alternates and x-default, absolute URLs), robots.txt, and the neutral 404
page at the root that offers all six languages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from igfpub.catalogs import THEME, merged_translations
from igfpub.core.languages import AUTONYMS, DEFAULT, LANGUAGES, direction, url_prefix
from tests.browser.samples import english_pages

SITE_URL = "https://outcomes.example.org/"  # mkdocs.yml
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _sitemap(site: Path) -> dict[str, dict[str, str]]:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}urlset"
    out = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc is not None
        out[loc] = {
            link.get("hreflang", ""): link.get("href", "")
            for link in url.findall("x:link", NS)
            if link.get("rel") == "alternate"
        }
    return out


def test_sitemap_lists_every_page_in_every_language(sample_site: Path) -> None:
    sitemap = _sitemap(sample_site)
    searchable = [u for u in english_pages(sample_site) if not u.startswith("search/")]
    expected = {SITE_URL + url_prefix(lang) + url for url in searchable for lang in LANGUAGES}
    assert set(sitemap) == expected
    for loc, links in sitemap.items():
        assert set(links) == {*LANGUAGES, "x-default"}, loc
        assert loc in links.values()
        assert links["x-default"] == links[DEFAULT]
        assert all(href.startswith(SITE_URL) and href.endswith("/") for href in links.values())
    # Each version lists the same set of versions.
    home = sitemap[SITE_URL + "fr/"]
    assert home["en"] == SITE_URL and home["ar"] == SITE_URL + "ar/"
    assert not (sample_site / "sitemap.xml.gz").exists()  # MkDocs' own, now stale


def test_robots_txt_points_at_the_sitemap(sample_site: Path) -> None:
    robots = (sample_site / "robots.txt").read_text()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


def test_404_page_is_neutral_and_offers_every_language(sample_site: Path) -> None:
    page = BeautifulSoup((sample_site / "404.html").read_bytes(), "html.parser")
    assert page.html["lang"] == DEFAULT
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    blocks = page.select(".igf-not-found__list > li")
    assert [b["lang"] for b in blocks] == list(LANGUAGES)
    for block in blocks:
        lang = block["lang"]
        assert block["dir"] == direction(lang)
        assert AUTONYMS[lang] in block.get_text()
        links = {a["href"]: a for a in block.select("a")}
        # Root-relative: the page is served at whatever depth the missing address had.
        assert "/" + url_prefix(lang) in links
        assert "/" + url_prefix(lang) + "search/" in links
        assert all(a["hreflang"] == lang for a in links.values())
        if lang != DEFAULT:
            translated = merged_translations([THEME], lang).gettext("Page not found")
            assert translated != "Page not found"
            assert translated in page.h1.get_text()
    # Not the language switcher of some unrelated page, as static-i18n's was.
    assert not page.select("link[rel=alternate]")
