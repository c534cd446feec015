"""How the sample site reads, as the public and a body's liaison read it: in Arabic, on a
wide screen and on a phone. Registry and content values of unknown direction are isolated,
ids stay whole, the states of the follow-up stay whole, and a linked message shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import DESKTOP, MOBILE, Browse

# Pages where ids, names and states sit in running Arabic text.
ARABIC_PAGES = [
    "ar/bodies/unesco/",
    "ar/editions/2025/",
    "ar/editions/2025/follow-up/",
    "ar/sessions/2025/igf2025-day0-166/",
    "ar/sessions/2025/igf2025-ws-87/",
]


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_bytes(), "html.parser")


# -- bidi: the HTML ----------------------------------------------------------------------
def test_registry_values_are_isolated_and_joined_the_arabic_way(sample_site: Path) -> None:
    page = _soup(sample_site, "ar/bodies/unesco/")
    liaison = page.select_one(".igf-facts a[href^='mailto:']").find_parent("dd")
    name = liaison.find("bdi")
    assert (
        name is not None
        and name.get_text() == "Digital Policies and Digital Transformation Section"
    )
    assert liaison.get_text() == (
        "Digital Policies and Digital Transformation Section، digital-policies@unesco.org"
    )
    assert liaison.a["dir"] == "ltr"
    processes = page.select_one(".igf-facts a[href^='https://www.unesco.org']").find_parent("dl")
    assert [b.get_text() for b in processes.select("dd bdi")][:3] == [
        "wsis", "internet-universality-romx", "ai-ethics-recommendation",
    ]  # fmt: skip

    session = _soup(sample_site, "ar/sessions/2025/igf2025-ws-142/")
    facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in session.select(".igf-facts dt")}
    assert [b.get_text() for b in facts["المقرر"].select("bdi")] == ["Amina Diallo"]
    organisers = facts["الجهات المنظِّمة"]
    assert [b.get_text() for b in organisers.select("bdi")] == [
        "Research ICT Africa", "Centre for Internet and Society (India)", "Data Privacy Brasil",
    ]  # fmt: skip
    assert organisers.get_text() == (
        "Research ICT Africa، Centre for Internet and Society (India)، Data Privacy Brasil"
    )


def test_report_back_header_uses_the_arabic_comma(sample_site: Path) -> None:
    page = _soup(sample_site, "ar/sessions/2025/igf2025-ws-87/")
    header = page.select_one(".igf-responses li p")
    assert header.find("bdi") is not None and header.bdi.a is not None
    text = header.get_text()
    assert "، " in text and ", " not in text, text


def test_every_id_shown_is_left_to_right(sample_site: Path) -> None:
    for url in ARABIC_PAGES:
        page = _soup(sample_site, url)
        ids = page.select(".igf-message__id, .igf-id")
        assert ids, url
        assert {e.get("dir") for e in ids} == {"ltr"}, url
    session = _soup(sample_site, "ar/sessions/2025/igf2025-day0-166/")
    assert session.select_one(".igf-facts code.igf-id").get_text() == "IGF2025-DAY0-166"


# -- bidi and ids: the layout ------------------------------------------------------------
_LIAISON = """() => {
  const dd = document.querySelector(".igf-facts a[href^='mailto:']").closest("dd");
  const name = dd.querySelector("bdi"), mail = dd.querySelector("a");
  const sep = document.createRange();
  sep.setStartAfter(name); sep.setEndBefore(mail);
  const n = name.getBoundingClientRect(), s = sep.getBoundingClientRect();
  return {mailLines: mail.getClientRects().length, mailWords: (() => {
            const r = document.createRange(); r.selectNodeContents(mail);
            return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })(),
          sep: sep.toString(), nameLeft: n.left, sepRight: s.right, sameLine: Math.abs(n.top - s.top) < 4};
}"""


def test_arabic_liaison_reads_right_to_left_with_its_address_whole(browse: Browse) -> None:
    page = browse.page(viewport=DESKTOP)
    page.goto(browse.url("ar/bodies/unesco/"))
    found = page.evaluate(_LIAISON)
    assert found["sep"] == "، "
    # The address is on one line, and the comma follows the name (to its left).
    assert found["mailLines"] == 1 and found["mailWords"] == 1, found
    assert found["sameLine"] and abs(found["sepRight"] - found["nameLeft"]) < 2, found


_SPLIT_IDS = """() => [...document.querySelectorAll(".igf-message__id, .igf-id")]
  .filter(e => e.getClientRects().length)
  .filter(e => {
    const r = document.createRange(); r.selectNodeContents(e);
    return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
  }).map(e => e.textContent)"""


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_ids_are_never_cut(browse: Browse, viewport: dict[str, int]) -> None:
    page = browse.page(viewport=viewport)
    problems = {}
    for url in ARABIC_PAGES:
        page.goto(browse.url(url))
        if split := page.evaluate(_SPLIT_IDS):
            problems[url] = split[:5]
    assert problems == {}


# -- follow-up states on a phone ---------------------------------------------------------
_BADGES = """() => [...document.querySelectorAll(".igf-state")]
  .filter(e => e.getClientRects().length)
  .map(e => {
    const r = document.createRange(); r.selectNodeContents(e);
    const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
    const box = e.getBoundingClientRect();
    return {text: e.textContent, lines, boxes: e.getClientRects().length,
            left: box.left, right: innerWidth - box.right};
  })
  .filter(b => b.lines > 1 || b.boxes > 1 || b.left < 8 || b.right < 8)"""


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_follow_up_states_stay_whole_on_a_phone(browse: Browse, lang: str) -> None:
    page = browse.page(viewport=MOBILE)
    problems = {}
    for url in ("editions/2025/", "bodies/unesco/", "editions/2025/follow-up/"):
        at = f"{lang}/{url}" if lang != "en" else url
        page.goto(browse.url(at))
        assert page.locator(".igf-state").count() or "follow-up/" in url, at
        if found := page.evaluate(_BADGES):
            problems[at] = found[:3]
    assert problems == {}


# -- a link to one message ---------------------------------------------------------------
_STYLE = """id => {
  const s = getComputedStyle(document.getElementById(id));
  return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), background: s.backgroundColor,
          animation: s.animationName, top: document.getElementById(id).getBoundingClientRect().top,
          header: document.querySelector(".md-header").getBoundingClientRect().bottom};
}"""


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_linked_message_is_marked(browse: Browse, lang: str, motion: str) -> None:
    page = browse.page(viewport=DESKTOP)
    page.emulate_media(reduced_motion=motion)  # type: ignore[arg-type]
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(browse.url(f"{prefix}sessions/2025/igf2025-ws-142/#IGF2025-WS-142/cta-2"))
    target = page.evaluate(_STYLE, "IGF2025-WS-142/cta-2")
    other = page.evaluate(_STYLE, "IGF2025-WS-142/cta-1")
    # Framed, not only tinted: an outline the other messages do not have.
    assert target["outline"] == "solid" and target["width"] >= 2, target
    assert other["outline"] == "none", other
    assert target["background"] != other["background"]
    # Below the sticky header, not under it.
    assert target["top"] >= target["header"], target
    # It fades in only for readers who have not asked for less motion.
    assert target["animation"] == ("none" if motion == "reduce" else "igf-target")


# -- emphasis in scripts without an italic -----------------------------------------------
_EMPHASIS = """() => {
  const p = document.createElement("p");
  p.innerHTML = '<em>مؤكد</em> <span lang="en"><em>stressed</em></span>';
  document.querySelector("#igf-content").append(p);
  const [native, english] = p.querySelectorAll("em");
  const style = e => [getComputedStyle(e).fontStyle, getComputedStyle(e).fontWeight];
  return {native: style(native), english: style(english)};
}"""


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_emphasis_is_upright_where_the_script_has_no_italic(browse: Browse, lang: str) -> None:
    page = browse.page(viewport=DESKTOP)
    page.goto(browse.url(f"{lang}/sessions/2025/igf2025-ws-142/"))
    found = page.evaluate(_EMPHASIS)
    assert found["native"] == ["normal", "700"], found
    # English standing in for a translation keeps its italic.
    assert found["english"][0] == "italic", found
