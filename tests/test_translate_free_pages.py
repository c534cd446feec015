"""Free pages (the home page, an about page) go through translators' tools like documents:
exported, imported into ``about.fr.md`` with the source's page settings, counted by
``status``, and exported again when their source changes. Before, ``translate export``
left them out, and the home page could only be translated by copying the file.

The pages are written as a site's webmaster writes them for Material: front matter that
hides the navigation, an admonition, a definition list, a heading with its own id, a
button link, and a page in a folder with no title of its own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from tests.contentkit import digest, write_tree
from tests.test_translate_import_edits import body, export, fill, front, run_import

PROJECT = Path(__file__).resolve().parent.parent

ABOUT = """\
---
title: About the outcomes site
hide:
  - navigation
description: Who publishes the outcomes.
---
# About us

The Secretariat publishes what the **sessions** conclude. [Write to us](#contact){ .md-button }

!!! note "Where the texts come from"
    Rapporteurs write them during the meeting,
    and the Secretariat checks them.

Takeaway
:   One thing a session concluded.

## Contact {#contact}

Write to the [Secretariat](index.md).
"""

GUIDE = "# Reading guide\n\nEach session has its own page.\n"
HOME_FR = "# Accueil\n\nTraduit à la main, sans en-tête.\n"


def _site(tmp_path: Path) -> Path:
    """A site folder: content, and the default configuration with the admonition
    extension added, as a Material site has it."""
    content = write_tree(
        tmp_path / "site-src" / "content",
        {"about.md": ABOUT, "guide/index.md": GUIDE, "index.fr.md": HOME_FR},
    )
    config = (PROJECT / "igfpub/default/mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n  - admonition\n", 1)
    (content.parent / "mkdocs.yml").write_text(config, encoding="utf-8")
    return content


def _ids(xlf: Path) -> list[str]:
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(xlf.read_bytes())
    return [u.xmlelement.get("id") for u in store.unit_iter()]


def test_free_pages_are_exported_with_their_title_and_blocks(tmp_path: Path) -> None:
    content = _site(tmp_path)
    ids = _ids(export(content, tmp_path / "fr.xlf"))
    about = [i for i in ids if i.startswith("page:about.md/")]
    kinds = [i.split("/", 2)[-1].split("-")[0] for i in about]
    # The title, then the blocks in reading order: the admonition's title is a segment
    # of its own, its body one paragraph; the definition list a term and a definition.
    assert kinds == ["title", "h", "p", "t", "p", "dt", "dd", "h", "p"], about
    # A page without a title in its front matter: its first heading is its title.
    guide = [i.split("/body/")[1][:2] for i in ids if i.startswith("page:guide/index.md/")]
    assert guide == ["h-", "p-"]
    # The home page's translation has fewer blocks than its source: it is sent again.
    assert sum(i.startswith("page:index.md/") for i in ids) == 1
    # An edition's export holds that edition's documents only.
    ids_2025 = _ids(export(content, tmp_path / "fr-2025.xlf", "--edition", "2025"))
    assert ids_2025 and not any(i.startswith("page:") for i in ids_2025)
    text = (tmp_path / "fr.xlf").read_text(encoding="utf-8")
    # Attribute lists are markup: placeholders, not words to translate.
    assert "{#contact}" not in text.replace('equiv-text="{#contact}"', "")
    assert "Where the texts come from" in text


def test_a_free_page_round_trip_keeps_its_settings_and_structure(tmp_path: Path) -> None:
    content = _site(tmp_path)
    xlf = fill(export(content, tmp_path / "fr.xlf"))
    assert run_import(xlf, content) == 0
    about = content / "about.fr.md"
    meta = yaml.safe_load(front(about).removeprefix("---\n"))
    assert meta == {
        "hide": ["navigation"],
        "description": "Who publishes the outcomes.",
        "title": "«About the outcomes site»",
        "translation": {"status": "human", "source_hash": digest(content / "about.md")},
    }
    text = body(about)
    assert '!!! note "«Where the texts come from»"\n' in text
    assert (
        "\n    «Rapporteurs write them during the meeting, and the Secretariat checks them.»\n"
        in text
    )
    assert "\n«Takeaway»\n:   «One thing a session concluded.»\n" in text
    assert "## «Contact» {#contact}\n" in text
    assert "[Write to us](#contact){ .md-button }»" in text
    # The hand-made home page, without front matter, is replaced by the imported one.
    home = (content / "index.fr.md").read_text(encoding="utf-8")
    assert home.startswith("---\ntranslation: {status: human, source_hash: ")
    assert home.endswith("---\n# «Home»\n")
    guide = content / "guide/index.fr.md"
    assert front(guide).startswith("---\ntranslation: {status: human, ")
    assert body(guide) == "# «Reading guide»\n\n«Each session has its own page.»\n"
    # Nothing is left to translate in French, and importing again changes nothing.
    assert not any(i.startswith("page:") for i in _ids(export(content, tmp_path / "again.xlf")))
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    assert run_import(xlf, content) == 0
    assert {p: p.read_bytes() for p in content.rglob("*.md")} == before

    # The French pages, built: translated, with the box, the list and the heading's id.
    site = tmp_path / "site"
    cwd = Path.cwd()
    try:
        os.chdir(content.parent)
        assert (
            igfpub(["build", "--no-pdf", "-d", str(site), "--cache-dir", str(tmp_path / "c")]) == 0
        )
    finally:
        os.chdir(cwd)
        use(UN)
    page = BeautifulSoup((site / "fr/about/index.html").read_text("utf-8"), "html.parser")
    main = page.find(id="igf-content")
    assert main["data-translation"] == "translated"
    box = main.select_one(".admonition.note")
    assert box is not None
    assert box.select_one(".admonition-title").get_text(strip=True) == "«Where the texts come from»"
    assert "«Rapporteurs write them" in box.get_text()
    assert [dd.get_text(strip=True) for dd in main.select("dd")] == [
        "«One thing a session concluded.»"
    ]
    assert main.select_one("h2#contact").get_text(strip=True).startswith("«Contact»")
    assert main.select_one("a.md-button").get_text(strip=True) == "Write to us"
    assert page.title.get_text().startswith("«About the outcomes site»")


def test_a_changed_free_page_is_stale_and_only_its_change_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _site(tmp_path)
    assert run_import(fill(export(content, tmp_path / "fr.xlf")), content) == 0
    shutil.copy(content / "about.md", tmp_path / "about.old")
    about = content / "about.md"
    about.write_text(
        ABOUT.replace("and the Secretariat checks them.", "and the Secretariat reviews them."),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert igfpub(["status", str(content)]) == 0
    out = capsys.readouterr().out
    rows = {
        tuple(line.split()[:2]): line.split()[2:]
        for line in out.splitlines()
        if line.startswith("pages ")
    }
    # docs, translated, machine, stale, fallback: about, guide and the home page.
    assert rows[("pages", "fr")] == ["3", "2", "0", "1", "0"]
    assert rows[("pages", "es")] == ["3", "0", "0", "0", "3"]
    assert "  about.fr.md: source_hash " in out
    assert f"  {digest(about)}  about.md" in out
    xlf = export(content, tmp_path / "changed.xlf")
    assert _ids(xlf) == [i for i in _ids(xlf) if i.startswith("page:about.md/body/p-")]
    assert len(_ids(xlf)) == 1
    assert "the Secretariat reviews them" in xlf.read_text(encoding="utf-8")
