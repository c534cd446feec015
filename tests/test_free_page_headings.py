"""A link to a heading of a translated free page lands on that heading in every language.

MkDocs names a free page's headings after their words on each language's page: the
source's ``## Modelo de relato`` is ``#modelo-de-relato``, its English translation's
``## Report template`` is ``#report-template``. A link written in the source's words
(``metodologia.md#modelo-de-relato``) becomes, on each language's page that holds it (a
free page, an outcome document, a feed), the id of the same heading on that language's
page; a language shown untranslated keeps the source's ids. Before, the fragment was
written as it was, a dead anchor on every translation. A fragment that names no heading
of the free page is a warning of ``check`` and ``build``, as for a document's headings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.inputs import PageInputs
from igfpub.core.languages import UN, use
from igfpub.core.loader import load_corpus
from igfpub.core.publications import Index
from igfpub.scaffold import example_phrases
from tests.contentkit import BASE, build_in, write_tree

METHOD_PT = "# Metodologia\n\nComo relatamos.\n\n## Modelo de relato\n\nO modelo.\n"
METHOD_EN = "# Methodology\n\nHow we report.\n\n## Report template\n\nThe template.\n"


def _forum(root: Path) -> Path:
    """`igfpub init --languages pt,en,es` with a free page translated into English only,
    whose heading the home page, the edition's introduction and a call to action link."""
    assert igfpub(["init", str(root), "--languages", "pt,en,es"]) == 0
    content = root / "content"
    (content / "metodologia.md").write_text(METHOD_PT, "utf-8")
    (content / "metodologia.en.md").write_text(METHOD_EN, "utf-8")
    home = content / "index.md"
    home.write_text(
        home.read_text("utf-8") + "\nVeja o [modelo](metodologia.md#modelo-de-relato).\n",
        "utf-8",
    )
    edition = content / "editions/2026.md"
    edition.write_text(
        edition.read_text("utf-8")
        + "\nVer [o modelo](../metodologia.md#modelo-de-relato).\n"
        + "\nVer [nada](../metodologia.md#nada).\n",
        "utf-8",
    )
    session = content / "sessions/2026/igf2026-ws-1.md"
    session.write_text(
        session.read_text("utf-8").replace(
            json.dumps(example_phrases("pt")["call"], ensure_ascii=False),  # igfpub init's
            '"Publicar metas de preços acessíveis ([modelo](../../metodologia.md#Modelo-de-relato))."',
        ),
        "utf-8",
    )
    return root


def _fragments(page: Path) -> set[str]:
    """The fragments of the page's links to the free page."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return {
        urlsplit(a["href"]).fragment
        for a in soup.select("a[href]")
        if "metodologia" in a["href"] and urlsplit(a["href"]).fragment
    }


def _heading_ids(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [str(h["id"]) for h in soup.select("article h2[id]")]


def test_a_link_to_a_translated_free_pages_heading_lands_on_it_in_every_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forum = _forum(tmp_path / "forum")
    assert build_in(forum) == 0
    site = forum / "site"
    # The heading's id on each language's page, as MkDocs gave it.
    assert _heading_ids(site / "metodologia/index.html") == ["modelo-de-relato"]
    assert _heading_ids(site / "en/metodologia/index.html") == ["report-template"]
    assert _heading_ids(site / "es/metodologia/index.html") == ["modelo-de-relato"]  # fallback
    expected = {"": "modelo-de-relato", "en/": "report-template", "es/": "modelo-de-relato"}
    for prefix, heading in expected.items():
        # A free page (the home page, untranslated: its English page shows the source)
        # and igfpub's pages: an outcome document, a body's page.
        assert _fragments(site / prefix / "index.html") == {heading}, prefix
        assert _fragments(site / prefix / "editions/2026/index.html") == {heading, "nada"}
        assert _fragments(site / prefix / "bodies/parliament/index.html") == {heading}
    feed = (site / "en/bodies/parliament/feed.xml").read_text("utf-8")
    assert "metodologia/#report-template" in feed
    capsys.readouterr()

    # `check` says which fragment names no heading of the free page, with its line.
    cwd = Path.cwd()
    os.chdir(forum)
    try:
        assert igfpub(["check"]) == 0
    finally:
        os.chdir(cwd)
        use(UN)
    said = capsys.readouterr()
    problems = [line for line in (said.out + said.err).splitlines() if "warning:" in line]
    assert problems == [
        "content/editions/2026.md:19: warning: link to '../metodologia.md#nada': that page "
        "has no heading or section 'nada' (its headings: methodology, metodologia, "
        "modelo-de-relato, report-template)"
    ]


def test_the_pages_that_link_a_free_pages_heading_change_with_its_words(tmp_path: Path) -> None:
    """Which id a link's fragment becomes is the words of the free page's headings in
    every language: the render cache's keys of the pages holding such a link change with
    them (igfpub.core.inputs): here the edition's pages, whose outcome text holds it."""
    files: dict[str, str | bytes] = {
        "about.md": "# About\n\n## Report template\n",
        "about.fr.md": "# À propos\n\n## Modèle de rapport\n",
        "editions/2025.md": _edition_linking("../about.md#report-template"),
    }
    root = write_tree(tmp_path, files)
    before = load_corpus(root).corpus
    assert before.heading_targets == {"page:about.md"}
    (root / "about.fr.md").write_text("# À propos\n\n## Gabarit\n", "utf-8")
    after = load_corpus(root).corpus
    old, new = PageInputs(before, Index(before)), PageInputs(after, Index(after))
    assert old.editions[2025] != new.editions[2025]
    assert old.shared == new.shared  # not every page's


def _edition_linking(href: str) -> str:
    return BASE["editions/2025.md"].replace("Intro.\n", f"Intro, [the template]({href}).\n")


def test_a_heading_id_the_writer_gave_a_free_page_is_the_one_linked(tmp_path: Path) -> None:
    """``## Contact {#contact-us}``: MkDocs keeps the writer's id, and a link to it led to
    ``#contact``, the id of the heading's words, which is on no page."""
    files: dict[str, str | bytes] = {
        "about.md": "# About\n\n## Contact {#contact-us}\n\nWrite to us.\n",
        "about.fr.md": "# À propos\n\n## Nous écrire\n\nÉcrivez-nous.\n",
        "editions/2025.md": _edition_linking("../about.md#contact-us"),
    }
    root = write_tree(tmp_path / "content", files)
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(root), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    for prefix, wanted in (("", "contact-us"), ("fr/", "nous-ecrire")):
        about = BeautifulSoup(
            (site / prefix / "about/index.html").read_text("utf-8"), "html.parser"
        )
        assert about.select_one(f"h2#{wanted}") is not None
        edition = BeautifulSoup(
            (site / prefix / "editions/2025/index.html").read_text("utf-8"), "html.parser"
        )
        # The navigation links the page; the introduction its heading.
        (link,) = [a["href"] for a in edition.select("a[href]") if "about/#" in a["href"]]
        assert link.endswith(f"about/#{wanted}"), link
