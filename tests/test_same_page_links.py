"""A link to a place on the text's own page (``[section](#nächste-schritte)``) is resolved
as a link to another document's heading is: against the headings of the document the text
belongs to, and written on each language's page as that page's id for the heading. A
translation keeps its source's fragments while its headings are in its own words.

The site is a national IGF's: German is its source language, English its translation."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from igfpub.core.loader import Limits, load_corpus, reload_documents
from tests.contentkit import BASE, session, write_tree
from tests.linkcheck import broken_links

SESSION_DE = """\
---
id: IGF2026-WS-1
edition: 2026
type: workshop
title: "Ein Workshop"
track: access
date: 2026-06-02
rapporteur: "A. Person"
key_takeaways:
  - "Siehe den [Abschnitt](#nächste-schritte) und [weiter unten](#gibt-es-nicht)."
calls_to_action:
  - text: "Handeln, wie [die Erkenntnis](#IGF2026-WS-1/kt-1) sagt."
    to: [parliament]
---
## Nächste Schritte

Wir [kommen wieder](#Nächste-Schritte)[^1].

[^1]: Im Jahr 2027.
"""
SESSION_EN = """\
---
title: "A workshop"
translation: {{status: human, source_hash: {hash}}}
key_takeaways:
  - "See the [section](#nächste-schritte) and [further below](#gibt-es-nicht)."
calls_to_action:
  - text: "Act, as [the takeaway](#IGF2026-WS-1/kt-1) says."
---
## Next steps

We [come back](#nächste-schritte)[^1].

[^1]: In 2027.
"""
REPORT_DE = (
    "---\nbody: parliament\n---\n[Siehe unten](#was-wir-taten).\n\n## Was wir taten\n\nText.\n"
)
REPORT_EN = "---\nbody: parliament\n---\n[See below](#was-wir-taten).\n\n## What we did\n\nText.\n"
HOME_DE = "# Start\n\n[Über uns](#über-uns)\n\n## Über uns\n\nText.\n"
HOME_EN = "# Home\n\n[About us](#über-uns)\n\n## About us\n\nText.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    root = tmp_path_factory.mktemp("here") / "s"
    assert igfpub(["init", str(root), "--languages", "de,en", "--name", "NRI"]) == 0
    content = root / "content"
    sessions = content / "sessions" / "2026"
    source = sessions / "igf2026-ws-1.md"
    source.write_text(SESSION_DE, encoding="utf-8")
    (sessions / "igf2026-ws-1.en.md").write_text(
        SESSION_EN.format(hash=_digest(source)), encoding="utf-8"
    )
    edition = content / "editions" / "2026.md"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text + "\n[Das Programm](#programm)\n\n## Programm\n", encoding="utf-8")
    (content / "editions" / "2026.en.md").write_text(
        "---\ntitle: NRI 2026\n---\n[The programme](#programm)\n\n## Programme\n",
        encoding="utf-8",
    )
    (content / "bodies").mkdir()
    (content / "bodies" / "parliament.md").write_text(REPORT_DE, encoding="utf-8")
    (content / "bodies" / "parliament.en.md").write_text(REPORT_EN, encoding="utf-8")
    (content / "index.md").write_text(HOME_DE, encoding="utf-8")
    (content / "index.en.md").write_text(HOME_EN, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(root)
    told = io.StringIO()
    try:
        with redirect_stderr(told):
            assert igfpub(["check"]) == 0
        problems = [line for line in told.getvalue().splitlines() if ": warning: " in line]
        assert igfpub(["build", "--no-pdf", "--cache-dir", str(root / "cache")]) == 0
    finally:
        os.chdir(cwd)
        use(UN)
    yield root / "site", problems


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _href(page: BeautifulSoup, text: str) -> str:
    link = page.find("a", string=text)
    assert link is not None, text
    return str(link["href"])


def test_a_fragment_that_names_no_heading_is_a_warning_on_its_line(
    built: tuple[Path, list[str]],
) -> None:
    """The same severity as a fragment into another file that names nothing: the link is
    written as it is, and the build goes on."""
    assert built[1] == [
        "content/sessions/2026/igf2026-ws-1.en.md:5: warning: link to '#gibt-es-nicht': this page "
        "has no heading or section 'gibt-es-nicht' (its headings: next-steps, nächste-schritte)",
        "content/sessions/2026/igf2026-ws-1.md:10: warning: link to '#gibt-es-nicht': this page has "
        "no heading or section 'gibt-es-nicht' (its headings: next-steps, nächste-schritte)",
    ]


@pytest.mark.parametrize(
    ("prefix", "section", "below", "back", "heading"),
    [
        ("", "Abschnitt", "weiter unten", "kommen wieder", "nächste-schritte"),
        ("en/", "section", "further below", "come back", "next-steps"),
    ],
)
def test_each_language_page_leads_to_its_own_heading(
    built: tuple[Path, list[str]], prefix: str, section: str, below: str, back: str, heading: str
) -> None:
    page = _page(built[0], f"{prefix}sessions/2026/igf2026-ws-1/")
    assert [h["id"] for h in page.select(".igf-report h3")] == [heading]
    assert _href(page, section) == f"#{heading}"  # a takeaway
    assert _href(page, back) == f"#{heading}"  # the report itself
    assert _href(page, below) == "#gibt-es-nicht"  # named nothing: as written
    # A message of the page, and the footnotes, are places on it too.
    assert _href(page, "die Erkenntnis" if not prefix else "the takeaway") == ("#IGF2026-WS-1/kt-1")
    note = page.select_one(".igf-report sup a")
    assert note is not None and note["href"].startswith("#fn:")


def test_on_another_page_the_link_leads_to_the_place_on_the_text_s_page(
    built: tuple[Path, list[str]],
) -> None:
    """A takeaway shows on its outcome document, a call to action on its body's page:
    the place it names is on its session's page."""
    site = built[0]
    assert _href(_page(site, "en/editions/2026/"), "section") == (
        "../../sessions/2026/igf2026-ws-1/#next-steps"
    )
    assert _href(_page(site, "editions/2026/"), "Abschnitt") == (
        "../../sessions/2026/igf2026-ws-1/#nächste-schritte"
    )
    assert _href(_page(site, "en/bodies/parliament/"), "the takeaway") == (
        "../../sessions/2026/igf2026-ws-1/#IGF2026-WS-1/kt-1"
    )


@pytest.mark.parametrize(
    ("url", "link", "heading"),
    [
        ("editions/2026/", "Das Programm", "programm"),
        ("en/editions/2026/", "The programme", "programme"),
        ("bodies/parliament/", "Siehe unten", "was-wir-taten"),
        ("en/bodies/parliament/", "See below", "what-we-did"),
        # A free page: MkDocs names its headings (ASCII slugs by default).
        ("", "Über uns", "uber-uns"),
        ("en/", "About us", "about-us"),
    ],
)
def test_the_other_texts_lead_to_their_own_page_s_heading(
    built: tuple[Path, list[str]], url: str, link: str, heading: str
) -> None:
    page = _page(built[0], url)
    assert _href(page, link) == f"#{heading}"
    assert page.find(id=heading).name in ("h2", "h3", "h4")


def test_every_fragment_of_the_site_lands_on_an_element(built: tuple[Path, list[str]]) -> None:
    """But the one that names nothing, on each page that shows its takeaway."""
    broken = broken_links(built[0])
    assert broken and all("#gibt-es-nicht (no element" in link for link in broken)


WS = "sessions/2025/ws-1.md"


def _problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(i) for i in load_corpus(write_tree(tmp_path, files)).issues]


def test_ids_the_page_has_are_places_on_it(tmp_path: Path) -> None:
    """Its sections, its messages, ids its text gives itself and its footnotes."""
    report = (
        "## Background\n\n"
        "See [the list](#Key-Takeaways), [the call](#IGF2025-WS-1/cta-1),\n"
        "[the call, in any case](#igf2025-ws-1/CTA-1), [my anchor](#mine), [html](#raw),\n"
        "[the note](#fn:1)[^1] and [the background](#background).\n\nText {#mine}\n\n"
        '<span id="raw">x</span>\n\n[^1]: A note.\n'
    )
    assert _problems(tmp_path, {WS: BASE[WS].replace("Report.", report)}) == []


def test_a_message_that_is_not_on_the_page_is_an_error(tmp_path: Path) -> None:
    """As a link into another file that names a message it does not have is."""
    text = session(key_takeaways=(
        "key_takeaways:\n  - One [two](#IGF2025-WS-1/kt-2).\n"
        "  - Two [nope](#IGF2025-WS-1/kt-3) [other](#IGF2025-WS-2/cta-1)."
    ))  # fmt: skip
    other = session(id="id: IGF2025-WS-2")
    assert _problems(tmp_path, {WS: text, "sessions/2025/ws-2.md": other}) == [
        f"{WS}:11: error: link to '#IGF2025-WS-1/kt-3': this page has no message IGF2025-WS-1/kt-3",
        f"{WS}:11: error: link to '#IGF2025-WS-2/cta-1': this page has no message "
        "IGF2025-WS-2/cta-1; link it as [...][IGF2025-WS-2/cta-1]",
    ]


def test_an_edition_s_text_may_name_any_message_that_exists(tmp_path: Path) -> None:
    """An outcome document shows the messages of its edition's documents."""
    edition = BASE["editions/2025.md"].replace(
        "Intro.", "Intro: [the call](#IGF2025-WS-1/cta-1) and [a typo](#IGF2025-WS-1/cta-7)."
    )
    assert _problems(tmp_path, {"editions/2025.md": edition}) == [
        "editions/2025.md:12: error: link to '#IGF2025-WS-1/cta-7': no message has the id "
        "IGF2025-WS-1/cta-7"
    ]


def test_a_free_page_fragment_that_names_no_heading_is_a_warning(tmp_path: Path) -> None:
    home = (
        "# Home\n\n## Über uns\n\n[us](#über-uns) [us](#uber-uns) [us](#Über-uns)\n[x](#nowhere)\n"
    )
    assert _problems(tmp_path, {"index.md": home}) == [
        "index.md:6: warning: link to '#nowhere': this page has no heading or section "
        "'nowhere' (its headings: home, uber-uns)"
    ]


def test_a_save_that_links_a_heading_of_its_own_page_takes_a_whole_load(
    tmp_path: Path,
) -> None:
    """Other pages show the takeaway, with a link to the heading: what they are made of
    depends on the session's headings, which only a whole load finds."""
    root = write_tree(tmp_path, {WS: BASE[WS].replace("Report.", "## Next steps\n")})
    base = load_corpus(root).corpus
    assert base.heading_targets == frozenset()
    for added, whole in [
        ("A [message](#IGF2025-WS-1/cta-1) and [a site](https://e.org/#x).", False),
        ("See [the next steps](#next-steps).", True),
    ]:
        (root / WS).write_text(
            BASE[WS].replace("Report.", f"## Next steps\n\n{added}\n"), encoding="utf-8"
        )
        reloaded = reload_documents(root, base, [WS], Limits())
        assert (reloaded is None) == whole, added
    assert load_corpus(root).corpus.heading_targets == {"IGF2025-WS-1"}
