"""What a reader (and Pagefind, which reads the same HTML) gets from a page's facts: the
values of a list are told apart in every language."""

from __future__ import annotations

import pytest

from igfpub.catalogs import THEME, merged_translations
from igfpub.core.languages import LANGUAGES, comma
from tests.conftest import Site

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}


def _fact(site: Site, url: str, label: str) -> str:
    page = site.page(url)
    for dt in page.select(".igf-facts dt"):
        if dt.get_text(strip=True) == label:
            return dt.find_next_sibling("dd").get_text()
    raise AssertionError(f"{url}: no fact {label!r}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_participants_on_site_and_online_are_two_items(bilingual: Site, lang: str) -> None:
    _ = merged_translations([THEME], lang).gettext
    shown = _fact(bilingual, f"{PREFIX[lang]}sessions/2025/igf2025-ws-1/", _("Participants"))
    onsite, online = (f"{_(label)} {n}" for label, n in (("On site:", 120), ("Online:", 85)))
    assert shown == onsite + comma(lang) + online
