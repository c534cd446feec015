"""A site's document symbols (IGF/2025/BRIEF/ITU) begin with its own prefix, the plugin's
`document_symbol`: an NRI's briefs, outcome documents and letters' attachments were
numbered as the global IGF's. The PDFs of an NRI site are checked in test_adoption.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.briefs import briefs
from igfpub.core.languages import UN, use
from igfpub.core.loader import load_corpus
from igfpub.pack import attachment_name
from igfpub.scaffold import initials
from tests.contentkit import build_in

YEAR = dt.date.today().year


@pytest.mark.parametrize(
    ("forum", "symbol"),
    [
        ("Fórum da Internet no Brasil", "FIB"),
        ("West African IGF", "WAIGF"),
        ("Kenya Internet Governance Forum", "KIGF"),
        ("Форум по управлению Интернетом", "IGF"),  # no Latin initials: the IGF's
        ("youth igf", "IGF"),
    ],
)
def test_a_forums_initials_make_its_prefix(forum: str, symbol: str) -> None:
    assert initials(forum) == symbol


def _plugin(forum: Path) -> dict[str, object]:
    config = yaml.safe_load((forum / "mkdocs.yml").read_text("utf-8"))
    (entry,) = [p for p in config["plugins"] if isinstance(p, dict) and "igfpub" in p]
    return dict(entry["igfpub"])


def test_init_writes_the_prefix_the_igf_or_the_named_forums(tmp_path: Path) -> None:
    assert igfpub(["init", str(tmp_path / "igf"), "--languages", "en,fr"]) == 0
    assert _plugin(tmp_path / "igf")["document_symbol"] == "IGF"
    assert igfpub(["init", str(tmp_path / "nri"), "--languages", "pt,en",
                   "--name", "Fórum da Internet no Brasil"]) == 0  # fmt: skip
    assert _plugin(tmp_path / "nri")["document_symbol"] == "FIB"
    use(UN)


def test_the_brief_pages_show_the_sites_prefix_in_every_language(tmp_path: Path) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "es,en,pt"]) == 0
    config = forum / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert 'document_symbol: "IGF"' in text
    config.write_text(text.replace('document_symbol: "IGF"', "document_symbol: IGF-MX"), "utf-8")
    assert build_in(forum) == 0
    for prefix in ("", "en/", "pt/"):
        page = forum / "site" / prefix / f"briefs/{YEAR}/body-parliament/index.html"
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        symbol = soup.select_one(".igf-brief__symbol span")
        assert symbol is not None and symbol.get_text() == f"IGF-MX/{YEAR}/BRIEF/PARLIAMENT"


def test_a_letters_attachments_are_named_by_the_symbol(tmp_path: Path) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "pt,en", "--name", "Fórum da Internet"]) == 0
    corpus = load_corpus(forum / "content").corpus
    (brief,) = [b for b in briefs(corpus) if b.kind == "body"]
    assert attachment_name(brief, "en", "FI") == f"FI-{YEAR}-BRIEF-PARLIAMENT-en.pdf"
    assert attachment_name(brief, "pt") == f"IGF-{YEAR}-BRIEF-PARLIAMENT-pt.pdf"
    use(UN)
