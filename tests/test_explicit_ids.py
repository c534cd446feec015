"""Ids a writer gives elements (``## Context {#key-takeaways}``, ``{: #igf-content }`` under
a paragraph, ``id="..."``) never make an id twice on a page. Before, a report's attribute
lists gave a second ``key-takeaways``, ``igf-content`` (the skip link's target) and
``IGF2026-WS-1/cta-1`` (a message's anchor) to every language's page, and ``check`` said
nothing: an id the page already has, or that the text gave before, is now a warning of
``check`` and ``build``, and is left out (a heading gets the id of its text instead). So
on free pages, which MkDocs renders: the skip link's target and Material's ids stay the
page's, and the table of contents follows a heading given another id."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core import headings, markup
from igfpub.core.languages import site_languages
from tests.contentkit import digest, session, write_tree
from tests.linkcheck import broken_links

WS = "sessions/2025/ws-1.md"
MESSAGES = ("IGF2025-WS-1/kt-1", "IGF2025-WS-1/kt-2", "IGF2025-WS-1/cta-1")
REPORT = """\
## Context {#key-takeaways}

See [the list](#key-takeaways), [the context](#context) and [the call](#IGF2025-WS-1/cta-1).

Para.
{: #igf-content }

Another.
{: #IGF2025-WS-1/cta-1 }

Once more.
{: #igf2025-ws-1/KT-1 }

## Next {#session-report}

## Drawer {#__drawer}

Mine.
{: #mine }

<p id='Mine'>Mine again, in HTML.</p>
"""
SOURCE = session(key_takeaways="key_takeaways:\n  - 'One *now*{: #igf-content }.'\n  - Two.")
SOURCE = SOURCE.replace("---\nReport.\n", "---\n" + REPORT)
TRANSLATION = """\
---
title: Une session
translation: {{status: human, source_hash: {hash}}}
---
## Contexte {{#calls-to-action}}

Texte.
"""
ABOUT = """\
# About

## Skip {#igf-content}

Text.
{: #__search }

## One {#twice}

## Two {#twice}
"""


def _line(text: str, written: str) -> int:
    """The line of ``written`` in ``text`` (after the line break it may start with)."""
    at = text.index(written) + len(written) - len(written.lstrip("\n"))
    return text.count("\n", 0, at) + 1


def _expected() -> list[str]:
    def said(path: str, text: str, written: str, message: str) -> str:
        return f"{path}:{_line(text, written)}: warning: {message}"

    elsewhere = f"{headings.ELSEWHERE}; it is left out"
    fr = TRANSLATION.format(hash="x")
    return [
        said("about.md", ABOUT, "{#igf-content}", "id 'igf-content': the page has the id "
             "'igf-content' already; the heading's id is 'skip'"),
        said("about.md", ABOUT, "{: #__search }", "id '__search': the page has the id "
             "'__search' already; it is left out"),
        said("about.md", ABOUT, "## Two", "id 'twice': an element before it in the text has "
             "the id 'twice'; the heading's id is 'two'"),
        said("sessions/2025/ws-1.fr.md", fr, "{#calls-to-action}", "id 'calls-to-action': the "
             "page has the id 'calls-to-action' already; the heading's id is 'contexte'"),
        said(WS, SOURCE, "*now*", f"id 'igf-content': {elsewhere}"),
        said(WS, SOURCE, "{#key-takeaways}", "id 'key-takeaways': the page has the id "
             "'key-takeaways' already; the heading's id is 'context'"),
        said(WS, SOURCE, "\n{: #igf-content }", "id 'igf-content': the page has the id "
             "'igf-content' already; it is left out"),
        said(WS, SOURCE, "{: #IGF2025", "id 'IGF2025-WS-1/cta-1': an id with a slash is a "
             "message's anchor; it is left out"),
        said(WS, SOURCE, "{: #igf2025", "id 'igf2025-ws-1/KT-1': an id with a slash is a "
             "message's anchor; it is left out"),
        said(WS, SOURCE, "{#session-report}", "id 'session-report': the page has the id "
             "'session-report' already; the heading's id is 'next'"),
        said(WS, SOURCE, "{#__drawer}", "id '__drawer': the page has the id '__drawer' "
             "already; the heading's id is 'drawer'"),
        said(WS, SOURCE, "<p id='Mine'>", "id 'Mine': an element before it in the text has "
             "the id 'mine'; it is left out"),
    ]  # fmt: skip


def _content(root: Path) -> Path:
    content = write_tree(root, {WS: SOURCE, "about.md": ABOUT})
    translation = TRANSLATION.format(hash=digest(content / WS))
    (content / "sessions/2025/ws-1.fr.md").write_text(translation, encoding="utf-8")
    return content


def _run(argv: list[str]) -> tuple[int, list[str]]:
    """The exit code and warnings of ``igfpub argv``, their paths from the content folder."""
    said = io.StringIO()
    with redirect_stdout(said), redirect_stderr(said):
        code = igfpub(argv)
    lines = said.getvalue().replace(argv[1] + "/", "").splitlines()
    return code, [line for line in lines if ": warning: " in line]


def _build(content: Path, site: Path, cache: Path) -> tuple[int, list[str]]:
    return _run(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", str(cache)])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    root = tmp_path_factory.mktemp("explicit-ids")
    content = _content(root / "content")
    checked = _run(["check", str(content)])
    site = root / "site"
    done = _build(content, site, root / "cache")
    assert checked[0] == done[0] == 0
    return site, checked[1], done[1]


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path, url: str) -> list[tuple[str, BeautifulSoup]]:
    """Each language's page at ``url`` (a path from the source language's root)."""
    languages = site_languages()
    return [(lang, _soup(site, languages.prefix(lang) + url)) for lang in languages.codes]


def test_check_and_build_warn_of_each_id_once_where_it_is_written(
    built: tuple[Path, list[str], list[str]],
) -> None:
    _, checked, done = built
    assert checked == _expected()
    assert done == checked


def test_every_page_of_every_language_has_each_id_once(
    built: tuple[Path, list[str], list[str]],
) -> None:
    site, _, _ = built
    twice = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        ids = [el["id"] for el in soup.find_all(id=True)]
        if len(ids) != len(set(ids)):
            twice[path.relative_to(site).as_posix()] = sorted({i for i in ids if ids.count(i) > 1})
    assert twice == {}
    assert broken_links(site) == []


def test_the_skip_link_sections_and_messages_keep_their_ids(
    built: tuple[Path, list[str], list[str]],
) -> None:
    site, _, _ = built
    for lang, page in _pages(site, "sessions/2025/igf2025-ws-1/"):
        assert "igf-main" in page.find(id="igf-content")["class"], lang
        assert page.find("a", href="#igf-content") is not None, lang
        for section in ("key-takeaways", "session-report"):
            assert page.find(id=section).name == "h2", (lang, section)
        for message in MESSAGES:
            found = page.find(id=message)
            assert found.name == "li" and "igf-message" in found["class"], (lang, message)
        assert page.find(id="__drawer").name == "input", lang
        report = {h["id"] for h in page.find_all("h3", id=True)}
        assert report >= ({"contexte"} if lang == "fr" else {"context", "next", "drawer"}), lang
        # The takeaway shown with its message keeps no id of its own.
        assert page.find(id=MESSAGES[0]).find(id=True) is None, lang


def test_same_page_links_still_lead_where_they_did(
    built: tuple[Path, list[str], list[str]],
) -> None:
    site, _, _ = built
    page = _soup(site, "sessions/2025/igf2025-ws-1/")
    hrefs = {a.get_text(): a["href"] for a in page.find_all("a", href=True)}
    assert hrefs["the list"] == "#key-takeaways"  # the page's section, not the heading
    assert hrefs["the context"] == "#context"
    assert hrefs["the call"] == "#IGF2025-WS-1/cta-1"


def test_a_free_page_keeps_the_theme_s_ids_and_its_contents_follow_its_headings(
    built: tuple[Path, list[str], list[str]],
) -> None:
    site, _, _ = built
    for lang, page in _pages(site, "about/"):
        assert "igf-main" in page.find(id="igf-content")["class"], lang
        assert page.find(id="__search").name == "input", lang
        ids = [h["id"] for h in page.find_all("h2")]
        assert ids == ["skip", "twice", "two"], lang
        # Material shows the table of contents twice (in the drawer and beside the text).
        for toc in page.select("nav.md-nav--secondary"):
            hrefs = [a["href"] for a in toc.select("a.md-nav__link")]
            assert hrefs == ["#skip", "#twice", "#two"], lang


def test_a_warm_build_writes_what_a_cold_one_does(tmp_path: Path) -> None:
    content = _content(tmp_path / "content")
    warm, cache = tmp_path / "warm", tmp_path / "warm-cache"
    assert _build(content, warm, cache)[0] == 0
    path = content / WS
    path.write_text(SOURCE.replace("{#session-report}", "{#responses}"), encoding="utf-8")
    about = ABOUT.replace("{#igf-content}", "{#igf-header-q}")
    (content / "about.md").write_text(about, encoding="utf-8")
    assert _build(content, warm, cache)[0] == 0
    cold = tmp_path / "cold"
    assert _build(content, cold, tmp_path / "cold-cache")[0] == 0
    files = {p.relative_to(warm).as_posix(): p.read_bytes() for p in warm.rglob("*") if p.is_file()}
    again = {p.relative_to(cold).as_posix(): p.read_bytes() for p in cold.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(again)
    assert [name for name in files if files[name] != again[name]] == []
    page = _soup(warm, "sessions/2025/igf2025-ws-1/")
    assert page.find(id="responses") is None  # the session has no responses
    assert page.find(id="next").name == "h3"


def test_a_text_gives_its_ids_and_loses_only_those_the_page_has() -> None:
    text = "## Findings {#findings}\n\nSee below.\n{: #below }\n\n## Findings\n"
    html = markup.block(text, anchors=True)
    assert re.findall(r' id="([^"]*)"', html) == ["findings", "below", "findings_1"]
    assert markup.id_problems(text, "own") == []
    # A heading named like an id the writer gave, in any case, takes another.
    assert [h.id for h in markup.outline("## Below\n\nx\n{: #Below }\n")] == ["below_1"]


def test_a_free_page_s_permalink_follows_its_heading() -> None:
    page = headings.free_page(
        '<h2 id="igf-content">Skip<a class="headerlink" href="#igf-content">¶</a></h2>'
        '<p><a href="#igf-content">skip</a></p>'
    )
    assert page.html == (
        '<h2 id="skip">Skip<a class="headerlink" href="#skip">¶</a></h2>'
        '<p><a href="#igf-content">skip</a></p>'
    )
    assert page.renamed == (("igf-content", 0, "skip"),)


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("x\n{: #__palette_0 }\n", 2, "ids that begin with '__' are the theme's (Material for "
         "MkDocs); it is left out"),
        ("## Tracks {#Track-Access}\n", 1, "the page's own ids begin with 'track-' (tracks, "
         "editions, documents); the heading's id is 'tracks'"),
        ('<p ID="two words">x</p>\n', 1, "an HTML id is not empty and holds no space"),
        ("## A {#a}\n\n## B {#A}\n", 3, "an element before it in the text has the id 'a'; the "
         "heading's id is 'b'"),
    ],
)  # fmt: skip
def test_what_a_page_s_own_text_is_told(text: str, line: int, said: str) -> None:
    (problem,) = markup.id_problems(text, "own")
    assert text.count("\n", 0, problem[0]) + 1 == line
    assert said in problem[1]


def test_a_text_shown_on_several_pages_keeps_no_id_of_its_own() -> None:
    text = "## Findings {#findings}\n\nSee[^1].\n\n[^1]: A note.\n"
    html = markup.block(text, owner="IGF2025-WS-1/kt-1")
    # Its footnotes keep theirs, made its own.
    assert [i.split(":")[0] for i in re.findall(r' id="([^"]*)"', html)] == ["fnref", "fn"]
    (problem,) = markup.id_problems(text, "elsewhere")
    assert problem == (12, f"id 'findings': {headings.ELSEWHERE}; it is left out")
