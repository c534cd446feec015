"""What the steps that span languages read from each page, read once per page and language.

The sitemap needs each page's language alternates, the slimmer stylesheet the component
families its class names use, the Chinese font subset the characters of the Chinese
pages, the search index whether a page is to be indexed and a digest of it. Each page is
read once for all four, by a task of the language's own as soon as that language is
written (the others are still being built), and only if its file is new since the last
build (igfpub/outputs/pagefacts.py); the steps then only combine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from igfpub.core.languages import Languages
from igfpub.core.sitemap import Entry, page_entry
from igfpub.outputs.pagefacts import page_facts
from igfpub.outputs.search import PageSum, language_pages, page_sum
from igfpub.slimcss import families_used

# The languages whose characters a font subset is made of (igfpub/webfonts.py).
SUBSET_LANGUAGES = ("zh",)


@dataclass(frozen=True)
class PageFacts:
    entry: Entry | None  # the page in the sitemap; None: it asks not to be indexed
    families: frozenset[str]  # the stylesheet's component families it uses
    chars: str  # its distinct characters, for a language in SUBSET_LANGUAGES; else ""
    search: PageSum  # what the search index needs of it


Scanned = list[tuple[tuple[str, ...], PageFacts]]  # (path parts in the site, facts), sorted


def scan_language(
    site: Path,
    lang: str,
    languages: Languages,
    memo: Path,
    fingerprint: str,
    files: Sequence[str] = (),
) -> Scanned:
    """The facts of every page of ``lang``; ``files``: as for
    :func:`~igfpub.outputs.search.language_pages`."""
    pages = language_pages(site, lang, languages, files)
    chars = lang in SUBSET_LANGUAGES

    def read(page: Path) -> PageFacts:
        data = page.read_bytes()
        html = data.decode("utf-8")
        return PageFacts(
            page_entry(site, page, html),
            families_used(html),
            "".join(sorted(set(html))) if chars else "",
            page_sum(data),
        )

    facts = page_facts(site, pages, read, memo, fingerprint)
    start = len(str(site)) + 1
    return [(tuple(str(page)[start:].split("/")), f) for page, f in zip(pages, facts, strict=True)]


def combined(scans: list[Scanned]) -> Scanned:
    """The languages' scans as one, in the order of the pages' paths."""
    return sorted((item for scan in scans for item in scan), key=lambda item: item[0])
