"""A cheap crawler over a built site's files: every local link of every page must lead to
a file that exists and, with a fragment, to an element of that page with that id.

It reads the HTML with the standard library's parser (a few milliseconds a page), so the
whole sample site in six languages is checked in seconds, without a browser.
"""

from __future__ import annotations

import posixpath
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch or go to another address.
_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
            "iframe": "src", "form": "action"}  # fmt: skip


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(str(values[name]))
        wanted = _LINKING.get(tag)
        if wanted and values.get(wanted) is not None:
            if (
                tag == "link"
                and values.get("rel") in ("alternate", "canonical")
                and values.get("href", "").startswith("http")
            ):
                return
            self.links.append(str(values[wanted]))


@cache
def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, page_url: str, href: str) -> tuple[str, str] | None:
    """(site path, fragment) of a local link; None for other sites, mail and the like."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page_url, unquote(parts.fragment)
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))
        if path.endswith("/") and not joined.endswith("/"):
            joined += "/"
    if joined in (".", "./"):
        joined = ""
    return joined, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """``"page: link (why)"`` for each local link that leads nowhere (a site built without
    PDFs links none)."""
    problems = []
    pages = sorted(site.rglob("*.html"))
    for file in pages:
        page_url = file.relative_to(site).as_posix()
        for href in _read(file).links:
            found = _target(site, page_url, href)
            if found is None:
                continue
            path, fragment = found
            if path.endswith(".md") or ".md/" in path:
                problems.append(f"{page_url}: {href} (a link to a Markdown source)")
                continue
            if path.startswith("../"):
                problems.append(f"{page_url}: {href} (outside the site)")
                continue
            target = site / path
            if path == "" or path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{page_url}: {href} (no file {path or '/'})")
                continue
            if fragment and target.suffix == ".html" and fragment not in _read(target).ids:
                problems.append(f"{page_url}: {href} (no element with id {fragment!r})")
    return problems


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))
