"""Every kind of page, in every language, in Chromium: axe-core finds no WCAG 2.x A/AA
violation, the page says which language it is in (and so does each language link), the
keyboard reaches every control with a visible focus, the skip link works, and no page
scrolls sideways at 320 CSS pixels wide (reflow)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from igfpub.catalogs import THEME, merged_translations
from igfpub.core.languages import AUTONYMS, DEFAULT, LANGUAGES, direction, url_prefix
from tests.browser.axe import describe, violations
from tests.browser.conftest import DESKTOP, MOBILE, Browse
from tests.browser.samples import Sample
from tests.browser.search_words import SOIL

EXPECTED_KINDS = {"home", "edition", "session", "intersessional", "search"}


def _gettext(lang: str, text: str) -> str:
    return text if lang == DEFAULT else merged_translations([THEME], lang).gettext(text)


def test_samples_cover_the_main_kinds(samples: list[Sample]) -> None:
    assert {s.kind for s in samples} >= EXPECTED_KINDS
    assert "session-fallback" in {s.kind for s in samples}


def _visit(page: Page, browse: Browse, sample: Sample, lang: str) -> str:
    url = sample.at(lang)
    if sample.kind == "search":
        url += f"?q={SOIL[lang]}"
    response = page.goto(browse.url(url))
    assert response is not None and response.ok, url
    if sample.kind == "search":
        page.wait_for_selector("#igf-search-results[aria-busy=false]", state="attached")
    return url


def _language_problems(page: Page, lang: str, kind: str) -> list[str]:
    problems = []
    html = page.evaluate("[document.documentElement.lang, document.body.dir]")
    if html != [lang, direction(lang)]:
        problems.append(f"<html lang>/<body dir> is {html}")
    links = page.eval_on_selector_all(
        "a.md-select__link", "as => as.map(a => [a.lang, a.hreflang, a.textContent.trim()])"
    )
    if sorted(links) != sorted([code, code, AUTONYMS[code]] for code in LANGUAGES):
        problems.append(f"language switcher links: {links}")
    alternates = page.eval_on_selector_all(
        "link[rel=alternate][hreflang]", "ls => ls.map(l => l.hreflang)"
    )
    if sorted(alternates) != sorted([*LANGUAGES, "x-default"]):
        problems.append(f"<link rel=alternate hreflang>: {alternates}")
    state = page.evaluate("document.querySelector('[data-translation]')?.dataset.translation")
    if state == "fallback" and kind != "body":
        # English standing in for a translation must say it is English. (A body's page is
        # a fallback for its English report-back alone: its heading, the body's name from
        # the registry, is in the reader's language, and the report's element says "en".)
        h1_lang = page.eval_on_selector("h1", "h => h.closest('[lang]').lang")
        if h1_lang != DEFAULT:
            problems.append(f"fallback page's heading is marked {h1_lang!r}, not 'en'")
    if kind == "search" and page.locator("#igf-search-results a").count() == 0:
        problems.append("the search found nothing")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_of_page_is_accessible(
    browse: Browse, samples: list[Sample], axe_source: str, lang: str
) -> None:
    page = browse.page()
    problems = []
    for sample in samples:
        url = _visit(page, browse, sample, lang)
        found = violations(page, axe_source)
        if found:
            problems.append(f"{url} ({sample.kind}):\n{describe(found)}")
        problems += [f"{url}: {p}" for p in _language_problems(page, lang, sample.kind)]
    # The 404 page, as a host serves it for a missing address inside this language.
    missing = f"{url_prefix(lang)}no/such/page/"
    response = page.goto(browse.url(missing))
    assert response is not None and response.status == 404
    found = violations(page, axe_source)
    if found:
        problems.append(f"{missing} (404):\n{describe(found)}")
    assert problems == [], "\n".join(problems)


def test_no_page_downloads_the_search_index_until_the_reader_searches(
    browse: Browse, samples: list[Sample]
) -> None:
    page = browse.page()
    for sample in samples:
        for lang in ("en", "zh"):
            page.goto(browse.url(sample.at(lang)))  # the search page too, with no query
    page.wait_for_load_state("networkidle")
    assert [u for u in browse.requests if "/pagefind/" in u] == []


# -- keyboard ----------------------------------------------------------------------------

_FOCUS = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
  const ring = s.boxShadow !== "none";
  return {
    key: e.tagName + "|" + (e.getAttribute("href") || e.id || e.className),
    visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
             r.left < innerWidth && r.top < innerHeight && s.visibility === "visible",
    indicated: outline || ring,
    text: (e.innerText || e.getAttribute("aria-label") || "").trim().slice(0, 40),
    switcher: e.classList.contains("md-select__link"),
  };
}"""

_FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
  .filter((e) => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility === "visible" && !e.closest("[hidden]") &&
           r.right > 0 && r.left < innerWidth;
  })
  .map((e) => e.tagName + "|" + (e.getAttribute("href") || e.id || e.className))"""


def _tab_through(page: Page, limit: int = 400) -> list[dict[str, object]]:
    seen: list[dict[str, object]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if seen and focus["key"] == seen[0]["key"]:
            break  # round the page and back to the start
        if focus["key"].startswith("BODY"):
            continue
        seen.append(focus)
    return seen


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_keyboard_reaches_every_control_with_visible_focus(
    browse: Browse, samples: list[Sample], lang: str, viewport: dict[str, int]
) -> None:
    page = browse.page(viewport=viewport)
    for sample in samples:
        # Pages with a few dozen controls; an edition has hundreds of links of the same kinds.
        if sample.kind not in ("home", "session", "search"):
            continue
        page.goto(browse.url(sample.at(lang)))
        page.wait_for_load_state("networkidle")
        expected = set(page.evaluate(_FOCUSABLE))
        reached = _tab_through(page)
        keys = {str(f["key"]) for f in reached}
        assert expected - keys == set(), (sample.kind, "not reachable by Tab")
        hidden = [f for f in reached if not f["visible"]]
        assert hidden == [], (sample.kind, "focus on something the reader cannot see")
        unmarked = [f for f in reached if not f["indicated"]]
        assert unmarked == [], (sample.kind, "focus not shown")
        # Each language is offered in its own language, and reachable.
        switcher = [f["text"] for f in reached if f["switcher"]]
        assert sorted(switcher) == sorted(AUTONYMS.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_comes_first_and_moves_to_the_content(
    browse: Browse, samples: list[Sample], lang: str
) -> None:
    page = browse.page()
    session = next(s for s in samples if s.kind == "session")
    page.goto(browse.url(session.at(lang)))
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # Material fades the skip link in
    skip = page.evaluate(_FOCUS)
    assert skip["key"] == "A|#igf-content"
    assert skip["visible"] and skip["indicated"]
    assert skip["text"] == _gettext(lang, "Skip to content")
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "igf-content"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#igf-content')")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_navigation_drawer_opens_from_the_keyboard(
    browse: Browse, samples: list[Sample], lang: str
) -> None:
    page = browse.page(viewport=MOBILE)
    session = next(s for s in samples if s.kind == "session")
    page.goto(browse.url(session.at(lang)))
    opener = page.locator('.md-header label[for="__drawer"]')
    assert opener.get_attribute("role") == "button"
    assert opener.get_attribute("aria-expanded") == "false"
    nav_link = page.locator(".md-nav--primary .md-nav__list a").first
    assert not nav_link.is_visible()  # closed: not reachable by Tab either
    opener.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert opener.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible()
    assert page.evaluate("!!document.activeElement.closest('.md-nav--primary')")
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert opener.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"


def test_fallback_page_marks_its_english_text(browse: Browse, samples: list[Sample]) -> None:
    fallback = next(s for s in samples if s.kind == "session-fallback")
    page = browse.page()
    page.goto(browse.url(fallback.at("ar")))
    assert page.evaluate("document.documentElement.lang") == "ar"
    # The title, the messages and the report are English, each inside an element that says
    # so (names of people and organisations are exempt from WCAG 3.1.2 and not checked).
    marked = page.eval_on_selector_all(
        "h1, .igf-message__text, .igf-report > div",
        "es => es.map((e) => e.closest('[lang]').lang)",
    )
    assert marked and set(marked) == {"en"}
    # The interface around it stays Arabic.
    assert page.eval_on_selector(".igf-notice", "e => e.closest('[lang]').lang") == "ar"


# -- reflow ------------------------------------------------------------------------------

# WCAG 1.4.10: content reflows at 320 CSS pixels wide, with no scrolling sideways.
NARROW = {"width": 320, "height": 720}
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  // What reaches past either edge, deepest first: elements, and the text of elements whose
  // words overflow their box; not Material's drawer, which waits off-screen on purpose.
  const out = r => r.width > 0 && (r.right > width + 1 || r.left < -1);
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.nodeType === Node.TEXT_NODE ? n.parentElement : n;
    if (!e || e.closest(".md-sidebar--primary")) continue;
    let r;
    if (n.nodeType === Node.TEXT_NODE) {
      if (!n.textContent.trim()) continue;
      let clipped = false;  // text that a box clips (Material's ellipses) overflows nothing
      for (let a = e; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== "visible") { clipped = true; break; }
      if (clipped) continue;
      const range = document.createRange(); range.selectNodeContents(n); r = range.getBoundingClientRect();
    } else {
      r = n.getBoundingClientRect();
      if ([...n.children].some(c => out(c.getBoundingClientRect()))) continue;
    }
    if (out(r)) found.push(n.nodeType === Node.TEXT_NODE
      ? `text "${n.textContent.trim().slice(0, 40)}" in <${e.tagName.toLowerCase()}>`
      : `<${e.tagName.toLowerCase()} class="${e.className}">`);
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: found.slice(0, 3)};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", [NARROW, DESKTOP], ids=["320px", "desktop"])
def test_no_page_scrolls_sideways(
    browse: Browse, samples: list[Sample], lang: str, viewport: dict[str, int]
) -> None:
    page = browse.page(viewport=viewport)
    problems = []
    for sample in samples:
        url = _visit(page, browse, sample, lang)
        found = page.evaluate(_OVERFLOW)
        if found["scroll"] > found["width"]:
            problems.append(f"{url} ({sample.kind}): {found['scroll']} px wide in "
                            f"{found['width']}: {found['wide']}")  # fmt: skip
    assert problems == [], "\n".join(problems)
