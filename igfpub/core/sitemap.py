"""The site's sitemap, written from the built pages themselves.

MkDocs' sitemap (which mkdocs-static-i18n extends) misses pages that plugins generate and
gives no ``x-default``. This one lists every page in every language, each with all of its
language versions as ``xhtml:link`` alternates plus ``x-default`` (the English original,
which lives at the site root), all as absolute URLs from ``site_url``.

It reads each page's own ``<link rel="alternate" hreflang>`` tags, the same ones a
crawler reads, so the sitemap and the pages cannot disagree, and any page that any part
of igfpub adds is listed without registering it here.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from igfpub.core.languages import site_languages

# Well under the protocol's 50,000 URLs and 50 MB per file, with six alternates per URL.
URLS_PER_FILE = 10_000
# Material writes <head> first: the alternates are within its first few kilobytes.
HEAD_BYTES = 32_768
NOT_PAGES = ("assets/", "pagefind/", "api/")

_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
_NOINDEX = re.compile(r'<meta\s+name="robots"\s+content="[^"]*noindex', re.I)

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


@dataclass(frozen=True)
class Entry:
    url: str  # site-root-relative, "" for the English home page
    # hreflang -> URL: absolute as the page gives it (it does where the site has a
    # site_url, the only case in which there is a sitemap), else site-root-relative
    alternates: dict[str, str]


def page_entry(site: Path, path: Path, html: str) -> Entry | None:
    """The sitemap's entry for the page at ``path`` in ``site``, whose text is ``html``;
    None if it is not a page of the sitemap (it says ``noindex``, or is not content).
    A folder's index.html is listed as the folder (the contract's address, which a web
    server serves), any other page as its file: a free page of a site that links files
    (``about.html``), which has no folder."""
    rel = path.relative_to(site).as_posix()
    folder = posixpath.dirname(rel)
    base = "" if not folder else f"{folder}/"
    url = base if path.name == "index.html" else rel
    if url.startswith(NOT_PAGES):
        return None
    head = html[:HEAD_BYTES].split("</head>", 1)[0]
    if _NOINDEX.search(head):
        return None
    alternates: dict[str, str] = {}
    for tag in _LINK.findall(head):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("rel") == "alternate" and "hreflang" in attrs and "href" in attrs:
            alternates[attrs["hreflang"]] = _resolve(base, attrs["href"])
    return Entry(url, alternates)


def _resolve(folder: str, href: str) -> str:
    """A link on a page in ``folder`` (both relative to the site root) made root-relative;
    an absolute URL as it is."""
    if "://" in href:
        return href
    if href.startswith("/"):
        return href.lstrip("/")
    joined = posixpath.normpath(posixpath.join("/" + folder, href)).lstrip("/")
    return (
        ""
        if joined in (".", "")
        else (joined if joined.endswith((".html", ".xml")) else f"{joined}/")
    )


def render(entries: list[Entry], site_url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    source = site_languages().source
    # A page's versions in every language list the same alternates: made once for them all
    # (hundreds of thousands of attributes at 2,000 sessions).
    blocks: dict[tuple[tuple[str, str], ...], str] = {}
    out = [HEADER]
    for entry in entries:
        out.append(f"  <url>\n    <loc>{_xml(base + entry.url)}</loc>\n")
        key = tuple(entry.alternates.items())
        block = blocks.get(key)
        if block is None:
            links = dict(entry.alternates)
            if source in links:
                links["x-default"] = links[source]
            block = blocks[key] = "".join(
                f'    <xhtml:link rel="alternate" hreflang={_attr(lang)} '
                f"href={_attr(url if '://' in url else base + url)}/>\n"
                for lang, url in links.items()
            )
        out.append(block)
        out.append("  </url>\n")
    out.append("</urlset>\n")
    return "".join(out)


def render_index(files: list[str], site_url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    body = "".join(f"  <sitemap><loc>{_xml(base + name)}</loc></sitemap>\n" for name in files)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{body}</sitemapindex>\n"
    )


def _attr(text: str) -> str:
    """``quoteattr(text)``, made quickly in the usual case (a large archive's sitemap has
    hundreds of thousands of attributes; quoteattr's general escaping was most of its
    time)."""
    if '"' in text or "\n" in text or "\r" in text or "\t" in text:
        return quoteattr(text)
    return f'"{_xml(text)}"'


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_sitemap(site: Path, site_url: str, entries: list[Entry]) -> list[Path]:
    """Replace MkDocs' sitemap with igfpub's; one file, or an index of several for a large
    archive. Without a ``site_url`` there can be no absolute URLs, hence no sitemap."""
    for old in [*site.glob("sitemap*.xml"), *site.glob("sitemap*.xml.gz")]:
        old.unlink()
    if not site_url:
        return []
    chunks = [entries[i : i + URLS_PER_FILE] for i in range(0, len(entries), URLS_PER_FILE)]
    if len(chunks) <= 1:
        out = site / "sitemap.xml"
        out.write_text(render(entries, site_url), encoding="utf-8")
        return [out]
    written = []
    for n, chunk in enumerate(chunks, start=1):
        part = site / f"sitemap-{n}.xml"
        part.write_text(render(chunk, site_url), encoding="utf-8")
        written.append(part)
    index = site / "sitemap.xml"
    index.write_text(render_index([p.name for p in written], site_url), encoding="utf-8")
    return [index, *written]


def write_robots(site: Path, site_url: str) -> Path | None:
    """A robots.txt that points crawlers at the sitemap, unless the site already has one."""
    robots = site / "robots.txt"
    if robots.exists() or not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    robots.write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
    return robots
