"""No dead link anywhere: every page of the sample site and of the fixture sites, every
local link (Markdown sources included) and every fragment, checked over the built files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import Browse
from tests.conftest import SITES, build
from tests.linkcheck import broken_links, count_pages

FIXTURES = sorted(p.name for p in SITES.iterdir() if p.is_dir() and p.name != "broken")


def test_every_link_of_the_sample_site_leads_somewhere(sample_site: Path) -> None:
    assert count_pages(sample_site) > 500
    assert broken_links(sample_site) == []


@pytest.mark.parametrize("site", FIXTURES)
def test_every_link_of_each_fixture_site_leads_somewhere(site: str, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(site, out) == 0
    try:
        assert count_pages(out) > 20
        assert broken_links(out) == []
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_the_crawler_finds_what_a_reader_would_trip_on(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#x">ok</a> <a href="https://example.org/">away</a>'
        '<a href="sessions/2024/igf2024-dc-dcad.md">md</a> <a href="a/#nope">anchor</a>'
        '<a href="b/">gone</a> <a href="#top" id="top">self</a> <a href="a/doc.pdf">pdf</a>',
        encoding="utf-8",
    )
    (tmp_path / "a/index.html").write_text('<p id="x">x</p><a href="../">home</a>', "utf-8")
    assert broken_links(tmp_path) == [
        "index.html: sessions/2024/igf2024-dc-dcad.md (a link to a Markdown source)",
        "index.html: a/#nope (no element with id 'nope')",
        "index.html: b/ (no file b/)",
        "index.html: a/doc.pdf (no file a/doc.pdf)",
    ]


LANGS = ["", "fr/", "es/", "ru/", "zh/", "ar/"]


def _hrefs(site: Path, url: str) -> set[str]:
    from urllib.parse import urljoin

    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    main = page.find(id="igf-content")
    assert main is not None
    return {urljoin(f"/{url}", a["href"]) for a in main.find_all("a", href=True)}


@pytest.mark.parametrize("lang", LANGS)
def test_sample_home_links_each_outcome_document(sample_site: Path, lang: str) -> None:
    assert {f"/{lang}editions/2025/", f"/{lang}editions/2024/"} <= _hrefs(sample_site, lang)


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_sample_messages_link_their_sessions(sample_site: Path, lang: str) -> None:
    pnma = _hrefs(sample_site, f"{lang}messages/2025/pnma-2025/")
    assert f"/{lang}sessions/2025/igf2025-pn-2/" in pnma
    dcdt = _hrefs(sample_site, f"{lang}messages/2025/dc-dt-2025/")
    assert f"/{lang}sessions/2025/igf2025-ws-142/" in dcdt
    assert f"/{lang}sessions/2025/igf2025-ws-142/#IGF2025-WS-142/cta-2" in dcdt


@pytest.mark.parametrize(
    ("home", "link", "heading"),
    [("", "the next steps", "Next steps"), ("es/", "los próximos pasos", "Próximos pasos")],
)
def test_a_link_to_a_heading_of_a_report_shows_that_heading(
    browse: Browse, home: str, link: str, heading: str
) -> None:
    """The sample's home pages link a heading of a session report, the Spanish one by its
    Spanish words: the reader lands on it, below the header that stays on screen."""
    page = browse.page(viewport={"width": 1280, "height": 600})
    page.goto(browse.url(home))
    page.get_by_role("link", name=link).click()
    page.wait_for_load_state("load")
    target = page.locator(":target")
    assert target.evaluate("e => e.tagName") == "H3"
    assert target.inner_text() == heading
    top = target.evaluate("e => e.getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")
    assert header <= top < 600
