"""The search page, one per language (the index behind it is written by igfpub.outputs.search)."""

from __future__ import annotations

from igfpub.core import urls
from igfpub.core.languages import site_languages
from igfpub.core.model import Corpus, Localized
from igfpub.core.spec import PageSpec

# Its title is interface text: the adapter translates the msgid.
TITLE = "Search"


def plan_search(corpus: Corpus) -> list[PageSpec]:
    return [
        PageSpec(
            "search",
            "search",
            "igfpub/search.html",
            Localized.plain(TITLE),
            {lang: urls.search(lang) for lang in site_languages().codes},
            ui_title=TITLE,
        )
    ]
