"""The search index: Pagefind, run once over the finished site, all languages at once.

Pagefind splits the index by each page's ``<html lang>``, so a French reader's query
downloads only French index chunks (a few tens of kilobytes), and its extended build
segments Chinese, so a word in the middle of a sentence is found. Only the element marked
``data-pagefind-body`` is indexed: main.html sets it on a page's content unless that
content is an English fallback, and text shown in another language inside a translated
page carries ``data-pagefind-ignore`` (igfpub.core.present.Shown.attrs). Pages without a
body (search pages, the 404 page) are not indexed at all.

Material's lunr search is not used: one index of every language, megabytes on a large
archive, downloaded by every page view.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex

from igfpub.core.languages import site_languages, url_prefix
from igfpub.steps import StepFailed

OUTPUT = "pagefind"
ENTRY = "pagefind-entry.json"
# Pagefind's ready-made interfaces (~400 KB): igfpub's search page uses its JavaScript API.
UNUSED = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
)


# How long Pagefind may take to finish a file after answering that it wrote it.
WRITE_TIMEOUT = 60.0


class SearchIndexError(StepFailed):
    pass


def write_search_index(site: Path) -> int:
    """Index ``site`` into ``site/pagefind/``; returns the number of pages indexed."""
    out = site / OUTPUT
    shutil.rmtree(out, ignore_errors=True)
    # Pagefind's API is asynchronous. A caller may already run an event loop in this
    # thread (a notebook, or Playwright's sync API in the browser tests), where
    # asyncio.run() refuses to start another: run it on a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pages = pool.submit(asyncio.run, _index(site, out)).result()
    for unused in UNUSED:
        for path in out.glob(unused):
            path.unlink()
    return pages


async def _index(site: Path, out: Path) -> int:
    """One Pagefind run per language, into the same folder.

    Pagefind keeps every page of a run in memory (1.75 GB for the six languages of a
    2,000-session archive); its index is split by language anyway, so indexing one
    language at a time gives the same files at a sixth of the peak. Each run writes its
    own ``pagefind-entry.json``; the manifest the search script reads is their union.
    """
    languages: dict[str, dict[str, Any]] = {}
    version = ""
    for lang in site_languages().codes:
        # The manifest of the language before must not pass for this one's.
        (out / ENTRY).unlink(missing_ok=True)
        config: IndexConfig = {"output_path": str(out)}
        async with PagefindIndex(config) as index:
            await index.add_directory(str(site), glob=_glob(site, lang))
            # Written here, not by leaving the block: leaving it also stops Pagefind, which
            # may still be writing after it answered (a build once read an empty manifest).
            await index.write_files()
            entry = await _written_entry(out)
        languages.update(entry["languages"])
        version = entry["version"]
    pages = sum(int(v["page_count"]) for v in languages.values())
    if pages == 0:
        # An empty index would make every search silently find nothing.
        raise SearchIndexError(site, "no page has data-pagefind-body to index")
    missing = [lang for lang in site_languages().codes if lang not in languages]
    if missing:
        raise SearchIndexError(
            out / ENTRY, f"the search index has no pages in {', '.join(missing)}"
        )
    merged = {"version": version, "languages": dict(sorted(languages.items()))}
    (out / ENTRY).write_text(json.dumps(merged, separators=(",", ":")), encoding="utf-8")
    return pages


async def _written_entry(out: Path, timeout: float = WRITE_TIMEOUT) -> dict[str, Any]:
    """Pagefind's manifest once it and the index files it names are completely written.

    Waits (while Pagefind still runs) until the manifest is whole JSON and each language's
    metadata file exists and is not empty; a file still missing or empty after ``timeout``
    is an error that names it.
    """
    deadline = time.monotonic() + timeout
    while isinstance(found := _check_entry(out), tuple):
        if time.monotonic() > deadline:
            raise SearchIndexError(*found)
        await asyncio.sleep(0.05)
    return found


def _check_entry(out: Path) -> dict[str, Any] | tuple[Path, str]:
    """The manifest if it and its metadata files are whole, else (file, what is wrong)."""
    entry_path = out / ENTRY
    try:
        text = entry_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return entry_path, "not written by Pagefind"
    if not text.strip():
        return entry_path, "empty file written by Pagefind"
    try:
        entry = json.loads(text)
        languages = dict(entry["languages"])
        hashes = [str(v["hash"]) for v in languages.values()]
        str(entry["version"])
    except (ValueError, KeyError, TypeError) as exc:
        return entry_path, f"incomplete or invalid manifest written by Pagefind ({exc})"
    for digest in hashes:
        meta = out / f"pagefind.{digest}.pf_meta"
        if not meta.is_file() or meta.stat().st_size == 0:
            return meta, "index metadata not written by Pagefind"
    return dict(entry)


def _glob(site: Path, lang: str) -> str:
    """The pages of one language: under ``fr/`` etc., or for English everything else."""
    if lang != site_languages().source:
        return f"{url_prefix(lang)}**/index.html"
    others = {
        url_prefix(other).rstrip("/")
        for other in site_languages().codes
        if other != site_languages().source
    }
    sections = sorted(
        d.name for d in site.iterdir() if d.is_dir() and d.name not in others | {OUTPUT}
    )
    return "{" + ",".join(["index.html", *(f"{d}/**/index.html" for d in sections)]) + "}"
