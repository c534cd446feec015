"""A site that links pages by their files (``use_directory_urls: false``: read from a disk
or a USB stick, where a folder does not open its ``index.html``) links igfpub's pages so
too: from its own pages, the nav, free pages and the language switcher. Before, igfpub's
pages were linked as folders (``bodies/``), which open a folder listing or nothing.

A free page is the file MkDocs writes (``sobre/metodologia.html``: there is no folder
``sobre/metodologia/``), from every text that links it, in pages, feeds, open data and the
sitemap, which lists it. Before, igfpub's pages linked ``sobre/metodologia/index.html``,
and the sitemap left it out."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.scaffold import example_phrases
from tests.contentkit import build_in

_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


def _links_to_no_file(site: Path) -> tuple[int, dict[str, str]]:
    """How many local links the pages have, and those that lead to no file (by link, a
    page that has it). The 404 page is served by a web server, at any depth: its links
    start at the site's root."""
    count, missing = 0, {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            count += 1
            if not (page.parent / unquote(parts.path)).resolve().is_file():
                missing.setdefault(href, page.relative_to(site).as_posix())
    return count, missing


SITE_URL = "https://outcomes.example.org/"  # what `igfpub init` writes
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _add_free_page(content: Path) -> None:
    """``sobre/metodologia.md``, linked from a session's report and call to action and
    from the edition's introduction (to a heading)."""
    (content / "sobre").mkdir()
    (content / "sobre/metodologia.md").write_text(
        "# Metodologia\n\nComo relatamos.\n\n## Modelo\n\nO modelo de relato.\n", "utf-8"
    )
    session = content / "sessions/2026/igf2026-ws-1.md"
    text = session.read_text("utf-8").replace(
        json.dumps(example_phrases("pt")["call"], ensure_ascii=False),  # igfpub init's
        '"Publicar metas de preços acessíveis ([o modelo](../../sobre/metodologia.md#modelo))."',
    )
    session.write_text(text + "\nVeja o [método](../../sobre/metodologia.md).\n", "utf-8")
    edition = content / "editions/2026.md"
    edition.write_text(
        edition.read_text("utf-8") + "\nVer [o modelo](../sobre/metodologia.md#modelo).\n",
        "utf-8",
    )


def _page_files(site: Path) -> set[str]:
    """Every page of the site, by its file (the 404 page and the search page aside, which
    ask not to be indexed)."""
    return {
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if page.name != "404.html"
        and not page.relative_to(site).as_posix().startswith(("assets/", "pagefind/"))
        and 'content="noindex' not in page.read_text("utf-8")
    }


def _sitemap_files(site: Path) -> set[str]:
    """The file behind each address of the sitemap (a folder's is its index.html)."""
    root = ET.parse(site / "sitemap.xml").getroot()
    found = set()
    for loc in root.iterfind("s:url/s:loc", SITEMAP):
        url = (loc.text or "").removeprefix(SITE_URL)
        found.add(url if url.endswith(".html") else f"{url}index.html")
    return found


def test_a_site_that_links_files_links_igfpubs_pages_by_their_files(tmp_path: Path) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "pt,en"]) == 0
    config = forum / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", "utf-8")
    _add_free_page(forum / "content")
    assert build_in(forum) == 0
    site = forum / "site"
    count, missing = _links_to_no_file(site)
    assert missing == {}
    assert count > 200
    # The contract's addresses are unchanged: each page is its folder's index.html.
    assert (site / "sessions/2026/igf2026-ws-1/index.html").is_file()
    assert (site / "en/bodies/index.html").is_file()
    page = BeautifulSoup(
        (site / "sessions/2026/igf2026-ws-1/index.html").read_text("utf-8"), "html.parser"
    )
    switcher = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
    assert switcher == {
        "pt": "index.html",
        "en": "../../../en/sessions/2026/igf2026-ws-1/index.html",
    }
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert "bodies/index.html" in [a["href"] for a in home.select("a[href]")]

    # The free page is the file MkDocs wrote, from a session's page and an outcome document.
    assert (site / "sobre/metodologia.html").is_file()
    assert (site / "en/sobre/metodologia.html").is_file()
    hrefs = {a["href"] for a in page.select("#igf-content a[href*=metodologia]")}
    assert hrefs == {"../../../sobre/metodologia.html", "../../../sobre/metodologia.html#modelo"}
    outcome = BeautifulSoup(
        (site / "en/editions/2026/index.html").read_text("utf-8"), "html.parser"
    )
    assert "../../sobre/metodologia.html#modelo" in [a["href"] for a in outcome.select("a[href]")]
    free = BeautifulSoup((site / "sobre/metodologia.html").read_text("utf-8"), "html.parser")
    assert free.find(id="modelo") is not None
    # Feeds and open data give the free page's address on the site: its file.
    feed = (site / "en/bodies/parliament/feed.xml").read_text("utf-8")
    assert "https://outcomes.example.org/en/sobre/metodologia.html#modelo" in feed
    messages = (site / "api/v1/messages.json").read_text("utf-8")
    [cta] = [m for m in json.loads(messages)["messages"] if m["id"] == "IGF2026-WS-1/cta-1"]
    assert f"{SITE_URL}sobre/metodologia.html#modelo" in cta["text"]["pt"]
    assert "metodologia/" not in feed + messages

    # The sitemap lists every page, the free page in every language by its file.
    pages = _page_files(site)
    assert {"sobre/metodologia.html", "en/sobre/metodologia.html"} <= pages
    assert _sitemap_files(site) == pages
