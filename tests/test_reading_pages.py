"""What a reader (and Pagefind, which reads the same HTML) gets from a page's facts: the
values of a list are told apart in every language."""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import re

import pytest
from bs4 import Tag

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


def _indexed_text(site: Site, url: str) -> str:
    """The text Pagefind extracted from the page at ``url``, as its excerpts show it."""
    for fragment in (site.root / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{") :])
        if page["url"] == "/" + url:
            return str(page["content"])
    raise AssertionError(f"{url} is not in the search index")


def _words(element: Tag) -> str:
    return " ".join(element.get_text().split())


@pytest.mark.parametrize(
    "url", ["sessions/2025/igf2025-ws-1/", "bodies/itu/", "editions/2025/", "open-data/"]
)
def test_search_text_separates_each_label_from_its_value(bilingual: Site, url: str) -> None:
    """Pagefind joins the text of adjacent elements as it finds it: a term and its
    description written <dt>Type</dt><dd>Workshop</dd> were indexed, and shown in search
    excerpts, as "TypeWorkshop"."""
    page, text = bilingual.page(url), _indexed_text(bilingual, url)
    terms = page.select(".igf-facts dt, .igf-fields dt")
    assert terms
    for dt in terms:
        label, value = _words(dt), _words(dt.find_next_sibling("dd"))
        assert f"{label} {value}" in text, (label, value, text[:300])


def _in_order(cells: list[str]) -> re.Pattern[str]:
    """The cells' texts one after the other, each apart from the next (Pagefind ends a
    <td>'s text as a sentence, a <th>'s not at all)."""
    return re.compile(r"[.\s]+".join(re.escape(c) for c in cells))


def test_search_text_separates_table_cells(bilingual: Site) -> None:
    url = "editions/2025/follow-up/"
    page, text = bilingual.page(url), _indexed_text(bilingual, url)
    for row in page.select("#table-by-body tr"):
        cells = [_words(cell) for cell in row.select("th, td")]
        assert len(cells) > 5 and _in_order(cells).search(text), cells


CSV_NOTES = {
    "messages.csv": "The same messages as a spreadsheet (UTF-8 with a byte order mark, one row per"
    " message, one text column per language).",
    "follow-up.csv": "The same as a spreadsheet (UTF-8 with a byte order mark, one row per message"
    " and body; the timeline as JSON in one column).",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_data_page_says_the_spreadsheets_begin_with_a_bom(bilingual: Site, lang: str) -> None:
    """The CSV files keep a UTF-8 byte order mark for Excel; the page said only "UTF-8",
    and a program that trusted it read the mark into the first column's name."""
    _ = merged_translations([THEME], lang).gettext
    page = bilingual.page(f"{PREFIX[lang]}open-data/")
    for name, note in CSV_NOTES.items():
        row = page.select_one(f'.igf-open-data a[href$="{name}"]').find_parent("tr")
        assert _words(row.td) == _(note)
        assert lang == "en" or _(note) != note  # translated
    how = page.select_one(".igf-open-data__bom")
    assert "BOM" in how.get_text()
    code = how.select_one("code")
    assert code.get_text() == 'encoding="utf-8-sig"' and code["dir"] == "ltr"


@pytest.mark.parametrize(("name", "first"), [("messages.csv", "id"), ("follow-up.csv", "message")])
def test_the_spreadsheets_read_as_the_page_says(bilingual: Site, name: str, first: str) -> None:
    path = bilingual.root / "api" / "v1" / name
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[0] == first
