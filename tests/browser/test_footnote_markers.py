"""Footnotes are listed by the numbers they are referenced by. A footnote inside a takeaway
sits in a list of messages, and Material styles a list inside a list as the next outline
level (``ol ol``: lower-alpha, then lower-roman): a note referenced "1" was listed "a.".
Read in Chromium, on the web pages (the session's numbered list, the outcome document's
list, an Arabic page) and on the printed outcome document with its print stylesheet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from igfpub.cli import main as igfpub
from igfpub.core.loader import load_corpus
from igfpub.render import Renderer
from tests.browser.server import serve
from tests.contentkit import session, write_tree

THEME = Path(__file__).resolve().parents[2] / "igfpub" / "theme"
TAKEAWAYS = [
    "Connectivity matters[^1].\n\n[^1]: Source: ITU Facts and Figures.",
    "Two[^2].\n\n[^2]: A second note.",
]
WS = (
    session(key_takeaways="key_takeaways:\n" + "".join(f"  - {json.dumps(t)}\n" for t in TAKEAWAYS).rstrip("\n"))
    .replace("Report.\n", "The report[^1].\n\n1. a list\n2. of the report's own\n\n[^1]: The notes.\n")
)  # fmt: skip
MARKERS = """() => [...document.querySelectorAll('.footnote > ol')].map(
  ol => [ol.closest('[id]')?.id ?? '', getComputedStyle(ol).listStyleType])"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("footnote-markers")
    content = write_tree(root / "content", {"sessions/2025/ws-1.md": WS})
    out = root / "site"
    cache = str(root / "cache")
    assert igfpub(["build", str(content), "-d", str(out), "--no-pdf", "--cache-dir", cache]) == 0
    with serve(out) as url:
        yield url, content


def _markers(page: Page) -> list[str]:
    found = page.evaluate(MARKERS)
    return [style for _, style in found]


@pytest.mark.parametrize(
    ("url", "notes"),
    [
        ("sessions/2025/igf2025-ws-1/", 3),  # two takeaways in an <ol>, and the report
        ("ar/sessions/2025/igf2025-ws-1/", 3),
        ("editions/2025/", 2),  # the takeaways in the outcome document's <ul>
    ],
)
def test_footnotes_are_numbered_as_referenced(
    browser: Browser, site: tuple[str, Path], url: str, notes: int
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(site[0] + url)
        assert response is not None and response.ok
        in_list = page.evaluate(
            "[...document.querySelectorAll('.footnote > ol')]"
            ".filter(ol => ol.parentElement.closest('.igf-message-list')).length"
        )
        assert in_list >= 2  # the case in point: notes inside a list of messages
        assert _markers(page) == ["decimal"] * notes
        # The report's own ordered list keeps Material's style.
        if "sessions" in url:
            own = page.evaluate(
                "getComputedStyle(document.querySelector('#igf-content ol:not(.igf-message-list)"
                ":not(.footnote ol)')).listStyleType"
            )
            assert own == "decimal"
    finally:
        context.close()


def test_printed_outcome_document_numbers_footnotes_as_referenced(
    browser: Browser, site: tuple[str, Path]
) -> None:
    corpus = load_corpus(site[1]).corpus
    assert corpus is not None
    renderer = Renderer([THEME], corpus, "https://outcomes.example.org/")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(renderer.outcome_document(2025, "en"))
        page.add_style_tag(content=renderer.stylesheet().read_text("utf-8"))
        page.emulate_media(media="print")
        assert _markers(page) == ["decimal", "decimal"]
    finally:
        context.close()
