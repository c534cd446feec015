"""A free page's translation (``about.fr.md``) says what it is as a document's does:
``translation: {status, source_hash}`` gives its page the machine or stale notice and
``data-translation``. Before, any such page said "translated", and a wrong status passed."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.loader import load_corpus
from tests.contentkit import digest, write_tree

ABOUT = "---\ntitle: About\n---\n# About\n\nWho we are.\n"


def _translation(title: str, translation: str) -> str:
    return f"---\ntitle: {title}\ntranslation: {translation}\n---\n# {title}\n\nTexte.\n"


def test_a_free_page_translation_shows_its_state(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"about.md": ABOUT})
    current = digest(content / "about.md")
    write_tree(content, {
        "about.fr.md": _translation("À propos", f"{{status: machine, source_hash: '{current}'}}"),
        "about.es.md": _translation("Acerca", "{status: human, source_hash: 'abcdef012345'}"),
        "about.ru.md": _translation("О нас", f"{{status: official, source_hash: '{current}'}}"),
    })  # fmt: skip
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    found = {}
    for lang in ("fr", "es", "ru", "zh", ""):
        url = f"{lang}/about/" if lang else "about/"
        page = BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")
        main = page.find(id="igf-content")
        notice = page.select_one(".igf-notice")
        found[lang] = (main["data-translation"], notice["class"][1] if notice else None)
    assert found == {
        "fr": ("machine", "igf-notice--machine"),
        "es": ("stale", "igf-notice--stale"),
        "ru": ("translated", None),
        "zh": ("fallback", "igf-notice--fallback"),
        "": ("source", None),
    }


def test_a_free_page_translation_with_a_wrong_status_is_an_error(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "about.md": ABOUT,
        "about.fr.md": _translation("À propos", "{status: automatique, source_hash: zz}"),
    })  # fmt: skip
    errors = [str(i) for i in load_corpus(content).issues if i.is_error]
    current = digest(content / "about.md")
    assert errors == [
        "about.fr.md:3: error: 'source_hash' must be 12 to 64 hex digits of the source's "
        f"SHA-256, optionally written sha256:... (the current one is {current})",
        "about.fr.md:3: error: 'status' is 'automatique'; expected one of: machine, human, official",
    ]
