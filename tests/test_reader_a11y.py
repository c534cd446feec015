"""What an accessibility auditor found reading the site with a screen reader, the keyboard
and Windows' high contrast: each in the built pages of a tiny site, in French and Arabic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from igfpub.core.loader import load_corpus
from tests.contentkit import BASE, session, write_tree

WS = "sessions/2025/ws-1.md"
REPORT = (
    "Speakers met.[^1]\n\n| tool | use |\n|---|---|\n| grep | search |\n\n"
    "```\nigfpub translate export --lang fr -o a-very-long-file-name.xlf\n```\n\n[^1]: In Oslo.\n"
)
ABOUT = "# About\n\nA page with a note.[^n]\n\n[^n]: A note.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("a11y")
    content = write_tree(root / "content", {
        WS: session(organizers="organizers: [Norwegian community broadband initiatives]")
        .replace("Report.\n", REPORT),
        "registry/bodies.yml": BASE["registry/bodies.yml"].replace(
            "  type: igo\n", "  type: igo\n  contact: Through the Digital Economy Policy division\n"
        ),
        "about.md": ABOUT,
    })  # fmt: skip
    assert igfpub(["build", str(content), "-d", str(root / "site"), "--no-pdf",
                   "--cache-dir", str(root / "cache")]) == 0  # fmt: skip
    use(UN)
    return root / "site"


def _page(site: Path, url: str) -> BeautifulSoup:
    name = url if url.endswith(".html") else f"{url}index.html"
    return BeautifulSoup((site / name).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
def test_each_brief_link_of_the_edition_is_in_its_bodys_row(site: Path, prefix: str) -> None:
    """23 "read online" and 23 "PDF" links, the body a plain cell: a screen reader could
    not say which body a link was for (WCAG 2.4.4)."""
    table = _page(site, f"{prefix}editions/2025/").select_one(".igf-bodies-addressed table")
    assert table is not None and table["aria-labelledby"] == "bodies-addressed"
    for row in table.select("tbody tr"):
        header = row.find("th", scope="row")
        assert header is not None and header.a is not None
        assert header.find_next_sibling("td") is not None


@pytest.mark.parametrize(("prefix", "marked"), [("", False), ("fr/", True), ("ar/", True)])
def test_text_given_in_the_source_language_only_says_so(
    site: Path, prefix: str, marked: bool
) -> None:
    """A session's organisers and a body's contact, English sentences, were read with an
    Arabic voice on the Arabic pages (WCAG 3.1.2)."""
    organiser = _page(site, f"{prefix}sessions/2025/igf2025-ws-1/").find(
        "bdi", string="Norwegian community broadband initiatives"
    )
    contact = _page(site, f"{prefix}bodies/oecd/").find(
        "bdi", string="Through the Digital Economy Policy division"
    )
    for found in (organiser, contact):
        assert found is not None
        assert (found.get("lang"), found.get("dir")) == (("en", "ltr") if marked else (None, None))


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("", "Back to footnote 1 in the text"),
        ("fr/", "Retour à l'appel de la note 1 dans le texte"),
        ("ar/", "العودة إلى موضع الحاشية 1 في النص"),
    ],
)
def test_a_footnotes_link_back_is_titled_in_the_pages_language(
    site: Path, prefix: str, title: str
) -> None:
    """Python-Markdown's "Jump back to footnote 1 in the text", on every page (WCAG 3.1.2)."""
    for url in (f"{prefix}sessions/2025/igf2025-ws-1/", f"{prefix}about/"):
        page = _page(site, url)
        backrefs = page.select("a.footnote-backref")
        assert [a["title"] for a in backrefs] == [title], url
        assert "Jump back" not in str(page)


@pytest.mark.parametrize(("prefix", "label"), [("", "Table"), ("fr/", "Tableau"), ("ar/", "جدول")])
def test_a_reports_table_and_code_scroll_from_the_keyboard(
    site: Path, prefix: str, label: str
) -> None:
    """At 320 px a report's table and code block scroll sideways, and could not take focus:
    a keyboard user could not scroll them (axe scrollable-region-focusable, WCAG 2.1.1)."""
    page = _page(site, f"{prefix}sessions/2025/igf2025-ws-1/")
    tables = page.select("article table") or page.select("table")
    assert tables
    for table in tables:
        wrap = table.parent
        assert wrap.name == "div" and "igf-table-wrap" in wrap["class"], str(wrap)[:120]
        assert (wrap["tabindex"], wrap["role"]) == ("0", "region")
    report = next(t for t in tables if "grep" in t.get_text())
    assert report.parent["aria-label"] == label
    assert [pre["tabindex"] for pre in page.select("pre")] == ["0"]
    # Tables igfpub wraps itself are not wrapped twice.
    bodies = _page(site, f"{prefix}bodies/")
    assert not bodies.select(".igf-table-wrap > .igf-table-wrap, .igf-table-wrap .igf-table-wrap")


def test_a_footnote_a_text_does_not_define_or_use_is_a_warning(tmp_path: Path) -> None:
    """A takeaway's "[^1]" (its report's footnote) was shown as written, and the report's
    footnote listed with a link back to nothing; check said nothing."""
    root = write_tree(tmp_path, {
        WS: session(key_takeaways="key_takeaways:\n  - One, as noted.[^1]\n  - Two.")
        .replace("Report.\n", "Report, with `[^code]` and\n\n```\n[^fenced]\n```\n\n[^1]: A note.\n"),
    })  # fmt: skip
    assert [str(i) for i in load_corpus(root).issues] == [
        f"{WS}:10: warning: footnote [^1] is not defined in this text: it is shown as written "
        "('[^1]'); a footnote's definition ('[^1]: ...') goes in the text that refers to it, "
        "and a takeaway or call to action cannot use its report's",
        f"{WS}:22: warning: footnote [^1] is defined but nothing in this text refers to it: it "
        "is listed with a link back to a place that does not exist",
    ]


def test_the_chart_keeps_its_colours_and_labels_in_forced_colours() -> None:
    """In Windows' high contrast, the bodies' names kept #111827 on black, and the key's
    colours (backgrounds) were removed."""
    css = (Path(__file__).parent.parent / "igfpub/theme/assets/stylesheets/igfpub.css").read_text(
        "utf-8"
    )
    forced = css.split("@media (forced-colors: active) {", 1)[1].split("\n}", 1)[0]
    assert ".igf-chart__label { fill: CanvasText; }" in forced
    assert (
        ".igf-chart__seg, .igf-chart__n, .igf-chart__key { forced-color-adjust: none; }" in forced
    )


@pytest.mark.parametrize(
    ("prefix", "label"), [("", "Site navigation"), ("ar/", "التنقل في الموقع")]
)
def test_without_script_the_navigation_is_in_the_footer(
    site: Path, prefix: str, label: str
) -> None:
    """Below the sidebar's width the navigation is a drawer that only igfpub.js opens from
    the keyboard: without JavaScript, a keyboard could reach neither the home page nor the
    bodies (WCAG 2.1.1)."""
    page = _page(site, f"{prefix}sessions/2025/igf2025-ws-1/")
    nav = page.select_one("footer noscript nav.igf-site-nav")
    assert nav is not None and nav["aria-label"] == label
    hrefs = [a["href"] for a in nav.select("a")]
    assert "../../../bodies/" in hrefs and "../../../editions/2025/" in hrefs
    assert {"../../..", "../../../"} & set(hrefs) and "../../../about/" in hrefs


def _luminance(colour: str) -> float:
    if len(colour) == 4:  # #fff
        colour = "#" + "".join(c * 2 for c in colour[1:])
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_state_of_the_chart_is_seen_against_the_page_and_its_number_on_it() -> None:
    """The follow-up chart's segments (and the legend's keys, which take their colours)
    are graphics that tell the states apart: 3:1 against the white page (WCAG 1.4.11).
    The number on a segment is text: 4.5:1 against the segment (1.4.3). "Awaiting" was
    a light grey at 1.47:1."""
    css = (Path(__file__).parent.parent / "igfpub/theme/assets/stylesheets/igfpub.css").read_text(
        "utf-8"
    )
    fills = dict(re.findall(r"\.igf-chart__seg--(\w+) \{ fill: (#[0-9a-f]{6});", css))
    assert set(fills) == {"awaiting", "acknowledged", "supported", "noted", "declined"}
    numbers = dict(re.findall(r"\.igf-chart__n(?:--(\w+))? \{ fill: (#[0-9a-f]{3,6});", css))
    for state, fill in fills.items():
        assert _contrast(fill, "#ffffff") >= 3, (state, fill)
        number = numbers.get(state, numbers[""])
        assert _contrast(number, fill) >= 4.5, (state, number, fill)
