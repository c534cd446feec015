"""One skip link per page, whatever its kind. Material writes its own on pages with a
table of contents (MkDocs' free pages), to their first heading, and igfpub's layer one
on every page: the home and an about page had two ("Pular para conteúdo" and "Ir para o
conteúdo" in Portuguese), which a keyboard or screen-reader user met one after the other."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from tests.contentkit import write_tree


def test_every_kind_of_page_has_one_skip_link_to_its_content(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"about.md": "# About\n\n## Who\n\nUs.\n"})
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    for url in ("", "about/", "fr/", "fr/about/", "sessions/2025/igf2025-ws-1/",
                "fr/sessions/2025/igf2025-ws-1/", "bodies/itu/"):  # fmt: skip
        page = BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")
        skips = page.select("a.md-skip")
        assert [a["href"] for a in skips] == ["#igf-content"], url
        assert page.find(id="igf-content") is not None, url
