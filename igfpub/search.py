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
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT = "pagefind"
# Pagefind's ready-made interfaces (~400 KB): igfpub's search page uses its JavaScript API.
UNUSED = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
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
    config: IndexConfig = {"output_path": str(out)}
    async with PagefindIndex(config) as index:
        result = await index.add_directory(str(site), glob="**/index.html")
        pages = int(result["page_count"])
        if pages == 0:
            # An empty index would make every search silently find nothing.
            raise SearchIndexError(f"no page of {site} has data-pagefind-body to index")
    return pages  # leaving the block wrote the index
