"""Footnote ids are unique on every page, and each reference leads to its own note, when
texts with the same words meet on one page. Notes were named from a digest of the text
alone: two sessions with the takeaway "Connectivity matters[^1]" gave the outcome document
two ``id="fn:32a238d0-1"``, and both references jumped to the first note. Now a note is
named after what its text is too (the message id, the file and place of a response or a
follow-up step), still the same whatever was converted before."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.briefs import briefs
from igfpub.core.loader import load_corpus
from igfpub.render import Renderer
from tests.contentkit import session, write_tree

THEME = Path(__file__).resolve().parent.parent / "igfpub" / "theme"
SAME = "Connectivity matters[^1].\n\n[^1]: Source: ITU Facts and Figures 2025."
CTA = "Fund it[^1].\n\n[^1]: As the workshop agreed."


def _session(n: int, to: str) -> str:
    return session(
        id=f"id: IGF2025-WS-{n}",
        key_takeaways=f"key_takeaways:\n  - {json.dumps(SAME)}",
        calls_to_action=f"calls_to_action:\n  - text: {json.dumps(CTA)}\n    to: {to}",
        # The same words twice in one file: a point of agreement that repeats a takeaway.
        consensus=f"consensus:\n  - {json.dumps(SAME)}",
    ).replace("Report.\n", "Report[^1].\n\n[^1]: Source: ITU Facts and Figures 2025.\n")


ITU = f"""\
---
body: itu
responses:
  - date: 2025-08-01
    edition: 2025
    about: [IGF2025-WS-1]
    text: {json.dumps(CTA)}
  - date: 2025-09-01
    edition: 2025
    about: [IGF2025-WS-2]
    text: {json.dumps(CTA)}
follow_up:
  - message: IGF2025-WS-1/cta-1
    date: 2025-07-01
    response: supported
    text: {json.dumps(CTA)}
  - message: IGF2025-WS-1/cta-1
    date: 2025-08-01
    response: supported
    implementation: ongoing
    text: {json.dumps(CTA)}
---
The report[^1].

[^1]: {CTA.split(": ", 1)[1]}
"""
FILES = {
    "sessions/2025/ws-1.md": _session(1, "[itu]"),
    # Addressed to two bodies that have not answered: listed twice among those awaiting.
    "sessions/2025/ws-2.md": _session(2, "[itu, oecd]"),
    "bodies/itu.md": ITU,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("footnote-ids")
    content = write_tree(root / "content", FILES)
    out = root / "site"
    cache = str(root / "cache")
    assert igfpub(["build", str(content), "-d", str(out), "--no-pdf", "--cache-dir", cache]) == 0
    return out


def _duplicate_ids(html: str) -> list[str]:
    ids = Counter(e["id"] for e in BeautifulSoup(html, "html.parser").find_all(id=True))
    return sorted(i for i, n in ids.items() if n > 1)


def _notes(html: str) -> list[str]:
    """The note each footnote reference leads to, checking that its back-link returns."""
    page = BeautifulSoup(html, "html.parser")
    notes = []
    for ref in page.select("sup[id^=fnref] a[href^='#fn']"):
        note = page.find(id=ref["href"][1:])
        assert note is not None, ref
        back = note.select_one("a[href^='#fnref']")
        assert back is not None and back["href"] == "#" + ref.find_parent("sup")["id"]
        notes.append(" ".join(note.get_text(" ").replace("↩", "").split()))
    return notes


def test_no_page_has_an_id_twice(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    problems = {}
    for path in pages:
        found = _duplicate_ids(path.read_text("utf-8"))
        if found:
            problems[path.relative_to(site).as_posix()] = found
    assert problems == {}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Its takeaway, call to action, consensus and report, ITU's response about it, and
        # ITU's two follow-up steps on its call to action.
        ("sessions/2025/igf2025-ws-1/", 7),
        ("fr/sessions/2025/igf2025-ws-2/", 5),  # no follow-up steps
        ("editions/2025/", 8),  # both sessions' messages, the follow-up steps
        ("ar/editions/2025/", 8),
        ("bodies/itu/", 7),  # its report, two calls to action, two responses, two steps
        ("briefs/2025/body-itu/", 2),
        ("editions/2025/follow-up/", 2),  # ws-2/cta-1 awaits two bodies: shown twice
    ],
)
def test_each_reference_leads_to_its_own_note(site: Path, url: str, expected: int) -> None:
    html = (site / url / "index.html").read_text("utf-8")
    assert _duplicate_ids(html) == []
    notes = _notes(html)
    assert len(notes) == expected
    assert set(notes) <= {SAME.split(": ", 1)[1], CTA.split(": ", 1)[1]}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_printed_documents_have_unique_ids(lang: str, tmp_path: Path) -> None:
    corpus = load_corpus(write_tree(tmp_path / "content", FILES)).corpus
    assert corpus is not None
    renderer = Renderer([THEME], corpus, "https://outcomes.example.org/")
    outcome = renderer.outcome_document(2025, lang)
    assert _duplicate_ids(outcome) == []
    assert len(_notes(outcome)) == 6  # both sessions' takeaways, calls to action, consensus
    (brief,) = [b for b in briefs(corpus) if b.key == "2025/body-itu"]
    printed = renderer.brief_document(brief, lang, brief.everything())
    assert _duplicate_ids(printed) == []
    assert len(_notes(printed)) == 2  # the two calls to action to ITU
