"""The language versions of a page, as search engines read them: ``<link rel="alternate"
hreflang>`` absolute where the site has a site_url, as the canonical link and sitemap.xml
are, with an x-default at the source language's version; relative without a site_url, so
that a site built for a local preview links to itself. The site is a stranger's: `igfpub
init --languages es,en,ar`, Spanish its source."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from tests.contentkit import build_in

SITE_URL = "https://outcomes.example.org/"  # what `igfpub init` writes
PREFIX = {"es": "", "en": "en/", "ar": "ar/"}
PAGES = ["", "sessions/2026/igf2026-ws-1/", "editions/2026/", "bodies/itu/", "search/"]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def forum(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("hreflang") / "forum"
    assert igfpub(["init", str(root), "--languages", "es,en,ar", "--name", "Foro"]) == 0
    assert build_in(root) == 0
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _alternates(site: Path, url: str) -> dict[str, str]:
    page = BeautifulSoup((site / url / "index.html").read_bytes(), "html.parser")
    return {a["hreflang"]: a["href"] for a in page.select('head link[rel="alternate"][hreflang]')}


@pytest.mark.parametrize("lang", list(PREFIX))
@pytest.mark.parametrize("url", PAGES)
def test_alternates_are_absolute_with_an_x_default(forum: Path, lang: str, url: str) -> None:
    links = _alternates(forum / "site", PREFIX[lang] + url)
    assert links == {
        **{other: SITE_URL + PREFIX[other] + url for other in PREFIX},
        "x-default": SITE_URL + url,  # Spanish, the source language, at the root
    }
    # The language switcher stays relative.
    page = BeautifulSoup(
        (forum / "site" / PREFIX[lang] / url / "index.html").read_bytes(), "html.parser"
    )
    assert all("://" not in a["href"] for a in page.select("a.md-select__link"))


def test_the_sitemap_says_what_the_pages_say(forum: Path) -> None:
    site = forum / "site"
    root = ET.parse(site / "sitemap.xml").getroot()
    checked = 0
    for entry in root.findall("s:url", NS):
        loc = entry.findtext("s:loc", namespaces=NS) or ""
        listed = {x.get("hreflang"): x.get("href") for x in entry.findall("x:link", NS)}
        assert listed == _alternates(site, loc.removeprefix(SITE_URL)), loc
        checked += 1
    assert checked >= 3 * len(PAGES) - 3  # every page of every language (search pages aside)


def test_without_a_site_url_the_alternates_are_relative(forum: Path, tmp_path: Path) -> None:
    local = tmp_path / "forum"
    shutil.copytree(forum, local, ignore=shutil.ignore_patterns("site", ".igfpub-cache"))
    config = local / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text("utf-8")), "utf-8")
    assert build_in(local) == 0
    links = _alternates(local / "site", "ar/sessions/2026/igf2026-ws-1/")
    assert links == {
        "es": "../../../../sessions/2026/igf2026-ws-1/",
        "en": "../../../../en/sessions/2026/igf2026-ws-1/",
        "ar": "./",
        "x-default": "../../../../sessions/2026/igf2026-ws-1/",
    }
    assert not (local / "site" / "sitemap.xml").exists()
