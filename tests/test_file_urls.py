"""A site that links pages by their files (``use_directory_urls: false``: read from a disk
or a USB stick, where a folder does not open its ``index.html``) links igfpub's pages so
too: from its own pages, the nav, free pages and the language switcher. Before, igfpub's
pages were linked as folders (``bodies/``), which open a folder listing or nothing."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use

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


def test_a_site_that_links_files_links_igfpubs_pages_by_their_files(tmp_path: Path) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "pt,en"]) == 0
    config = forum / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", "utf-8")
    cwd = Path.cwd()
    try:
        os.chdir(forum)
        assert igfpub(["build", "--no-pdf"]) == 0
    finally:
        os.chdir(cwd)
        use(UN)
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
