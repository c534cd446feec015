"""A body's brief for edition N tells what became of the messages it received in N-1,
within the two-page limit: on its HTML page and in its PDF, in English and in Arabic."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from igfpub.catalogs import THEME, compile_all
from igfpub.core.briefs import FOLLOW_UP_ROWS, FollowUpSection, briefs, select
from igfpub.core.followup import Status, count
from igfpub.core.loader import load_corpus
from igfpub.core.model import FollowUp, Source
from igfpub.core.publications import addressed
from igfpub.render import Renderer
from tests.conftest import SITES

CORPUS = load_corpus(SITES / "followup").corpus


def _brief(key: str):  # type: ignore[no-untyped-def]
    return next(b for b in briefs(CORPUS) if b.key == key)


def test_the_section_holds_the_previous_editions_pairs_of_that_body() -> None:
    section = _brief("2025/body-itu").earlier
    assert section is not None and section.edition == 2024
    assert [(i.message.id, s.response) for i, s in section.pairs] == [
        ("IGF2024-WS-7/cta-1", "supported"), ("BPF-X-2024/rec-1", "declined")]  # fmt: skip
    assert _brief("2024/body-itu").earlier is None  # no earlier edition
    assert _brief("2025/body-w3c").earlier is None  # nothing addressed to it in 2024


def test_a_long_section_lists_answers_first_and_counts_the_rest() -> None:
    item = addressed(CORPUS)[0]
    entry = FollowUp(item.message.id, dt.date(2025, 1, 1), "noted", None, None, None, Source("x"))
    pairs = tuple((item, Status(item.message.id, f"b{n}", (entry,) if n % 3 == 0 else ()))
                  for n in range(10))  # fmt: skip
    section = FollowUpSection(2024, pairs, count(s for _, s in pairs))
    shown = [s.body for _, s in section.shown]
    assert len(shown) == FOLLOW_UP_ROWS and section.more == 10 - FOLLOW_UP_ROWS
    assert {"b0", "b3", "b6", "b9"} <= set(shown)  # every answer kept
    assert shown == sorted(shown, key=lambda b: int(b[1:]))  # in reading order


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    compile_all()
    return Renderer([THEME], CORPUS, "https://igf.example.org")


@pytest.mark.parametrize(
    ("lang", "heading", "states"),
    [
        ("en", "What became of the messages of IGF 2024", ["Supported, implementation: Ongoing", "Declined"]),
        ("ar", "ما آلت إليه رسائل IGF 2024", ["حظي بالتأييد، التنفيذ: جارٍ", "مرفوض"]),
    ],
)  # fmt: skip
def test_the_brief_page_shows_the_section_in_the_reader_language(
    renderer: Renderer, lang: str, heading: str, states: list[str]
) -> None:
    brief = _brief("2025/body-itu")
    html = BeautifulSoup(renderer.brief_fragment(brief, lang, brief.everything()), "html.parser")
    section = html.select_one(".igf-brief__follow-up")
    assert section["data-edition"] == "2024"
    assert " ".join(section.h2.get_text().split()) == heading
    cells = [" ".join(tr.select("td")[1].get_text().split()) for tr in section.select("tbody tr")]
    assert [c.split(" (")[0] for c in cells] == states
    link = section.select_one(".igf-brief__more a")
    expected = "editions/2024/follow-up/" if lang == "en" else "ar/editions/2024/follow-up/"
    assert link.get_text() == f"https://igf.example.org/{expected}"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_brief_pdf_keeps_two_pages_with_the_section(
    renderer: Renderer, lang: str, tmp_path: Path
) -> None:
    from igfpub.pdf import Printer

    brief = _brief("2025/body-itu")
    printer = Printer(renderer.stylesheet(), [THEME])
    done = printer.fit(
        lambda k: renderer.brief_document(brief, lang, select(brief, k)), brief.total, 2
    )
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        assert len(pdf.pages) <= 2
    path = tmp_path / "brief.pdf"
    path.write_bytes(done.data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = {"en": ["IGF2024-WS-7/cta-1", "Declined"], "ar": ["IGF2024-WS-7/cta-1", "مرفوض"]}[lang]
    assert all(w in text for w in words)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "IGF2024-WS-7/cta-1 · Addressed to: ITU (Supported, Ongoing), UNESCO (Noted)"),
        ("fr", "IGF2024-WS-7/cta-1 · Adressé à : UIT (Appuyé, En cours), UNESCO (Pris note)"),
    ],
)
def test_the_printable_outcome_document_gives_each_bodys_state(
    renderer: Renderer, lang: str, expected: str
) -> None:
    html = BeautifulSoup(renderer.outcome_document(2024, lang), "html.parser")
    meta = html.find(id="IGF2024-WS-7/cta-1").select_one(".igf-print__meta")
    assert " ".join(meta.get_text().split()) == expected
    oecd = html.find(id="IGF2024-WS-7/cta-2").select_one(".igf-print__meta")
    assert "(Awaiting response)" in oecd.get_text() or lang != "en"


@pytest.mark.parametrize(("lang", "title"), [("fr", "Note de recommandations\u00a0: UIT · "),
                                             ("en", "Recommendation brief: ITU · ")])  # fmt: skip
def test_the_pdf_title_joins_its_kind_and_body_by_the_languages_colon(
    renderer: Renderer, lang: str, title: str
) -> None:
    """Before, the template wrote the colon after the translated label, with no space in
    French: "Note de recommandations: UIT"."""
    brief = _brief("2025/body-itu")
    html = BeautifulSoup(renderer.brief_document(brief, lang, brief.everything()), "html.parser")
    assert html.title is not None and html.title.get_text().startswith(title)
