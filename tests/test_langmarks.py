"""On a site in a language igfpub has no catalog for, igfpub's labels show in English:
each is marked ``lang="en"``, so that a screen reader reads it with an English voice
(WCAG 3.1.2). Before, a German page read "Key takeaways" as German. What the site's own
catalog translates is not marked, and no mark ever reaches a file of the site."""

from __future__ import annotations

import datetime as dt
import gzip
import os
from email import message_from_bytes
from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, Tag

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from igfpub.langmarks import CLOSE, OPEN, SEP, mark, place
from tests.contentkit import build_in

YEAR = dt.date.today().year  # igfpub init makes an edition of this year
SESSION = f"sessions/{YEAR}/igf{YEAR}-ws-1/index.html"
TEXT_FILES = {".html", ".xml", ".json", ".csv", ".txt", ".js", ".css", ".pf_fragment"}


def test_a_mark_becomes_a_span_in_text_and_nothing_elsewhere() -> None:
    def en(text: str) -> str:
        return mark(text, "en")

    html = (
        f"<html><head><title>{en('Bodies')} - IGF</title>"
        f'<script>if (a<b) {{ s = "{en("Hi")}" }}</script></head><body>'
        f'<input placeholder="{en("Search")}"><h2>{en("Key takeaways")}</h2>'
        f"<p>{en('Read <a href=x>this</a>')}</p>"
        f"<select><option>{en('All')}</option></select>"
        f"<!-- {en('note')} --><p>{OPEN}en{SEP}cut {en('whole')} end{CLOSE}</p>"
        f"<p>{mark('Metodologia', 'pt')} · {mark('مهمتنا', 'ar')}</p></body></html>"
    )
    assert place(html) == (
        '<html><head><title>Bodies - IGF</title><script>if (a<b) { s = "Hi" }</script>'
        '</head><body><input placeholder="Search">'
        '<h2><span lang="en" dir="ltr">Key takeaways</span></h2>'
        '<p><span lang="en" dir="ltr">Read <a href=x>this</a></span></p>'
        "<select><option>All</option></select>"
        '<!-- note --><p>cut <span lang="en" dir="ltr">whole</span> end</p>'
        '<p><span lang="pt" dir="ltr">Metodologia</span> · '
        '<span lang="ar" dir="rtl">مهمتنا</span></p></body></html>'
    )


def test_a_page_without_marks_is_the_same_string() -> None:
    html = "<p>Points clés</p>"
    assert place(html) is html


def _english_text(tag: Tag) -> bool:
    return any(p.get("lang") == "en" for p in [tag, *tag.parents] if isinstance(p, Tag))


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    forum = tmp_path_factory.mktemp("de") / "forum"
    assert igfpub(["init", str(forum), "--languages", "de,en", "--name", "IGF Deutschland"]) == 0
    # The site's own catalog translates one label; the others stay English.
    po = forum / "overrides/locales/de/LC_MESSAGES/messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="de")
    catalog.add("Key takeaways", "Wichtigste Erkenntnisse")
    with po.open("wb") as f:
        write_po(f, catalog)
    registry = forum / "content/registry/bodies.yml"
    registry.write_text(
        registry.read_text("utf-8").replace(
            "  type: parliament\n",
            "  type: parliament\n  liaison:\n    name: Ausschuss Digitales\n"
            "    email: digitales@bundestag.example\n    languages: [de]\n",
        ),
        "utf-8",
    )
    cwd = Path.cwd()
    try:
        os.chdir(forum)
        assert igfpub(["build"]) == 0
        assert igfpub(["pack", str(YEAR), "-d", str(forum / "outbox")]) == 0
    finally:
        os.chdir(cwd)
        use(UN)
    return forum / "site"


def _languages_of_structure(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if "/Lang" in node:
                found.append(str(node.Lang))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_english_labels_on_a_german_page_are_marked(german_site: Path) -> None:
    page = BeautifulSoup((german_site / SESSION).read_text("utf-8"), "html.parser")
    assert page.html is not None and page.html["lang"] == "de"
    marked = {s.get_text(" ", strip=True) for s in page.select('span[lang="en"]')}
    # A label of the page, one of the header and a page title in the navigation.
    assert {"Calls to action", "Skip to content", "Decision-making bodies"} <= marked
    # Translated by the site's catalog: German, unmarked.
    heading = page.find(string="Wichtigste Erkenntnisse")
    assert heading is not None and heading.parent is not None
    assert not _english_text(heading.parent)
    assert "Key takeaways" not in page.get_text()
    # In an attribute or <title>, the label is plain text.
    assert page.select_one("input[placeholder='Search']") is not None
    bodies = BeautifulSoup((german_site / "bodies/index.html").read_text("utf-8"), "html.parser")
    assert bodies.title is not None and bodies.title.string is not None
    assert bodies.title.string.startswith("Decision-making bodies")
    h1 = bodies.select_one("h1")
    assert h1 is not None and h1.get_text(strip=True) == "Decision-making bodies"
    assert _english_text(h1.find(string=True).parent)  # type: ignore[union-attr]


def test_english_pages_and_the_site_files_carry_no_marks(german_site: Path) -> None:
    english = (german_site / "en" / SESSION).read_text("utf-8")
    assert '<span lang="en"' not in english
    assert "Key takeaways" in english
    seen = 0
    for path in german_site.rglob("*"):
        if not path.is_file() or path.suffix not in TEXT_FILES:
            continue  # a font or Pagefind's WebAssembly may hold the bytes by chance
        data = path.read_bytes()
        if path.suffix == ".pf_fragment":
            data = gzip.decompress(data)  # the search index is what it read from the pages
        seen += 1
        assert not any(m.encode() in data for m in (OPEN, SEP, CLOSE)), path
    assert seen > 50


def test_a_german_brief_tags_its_english_labels_and_its_letter_is_plain(
    german_site: Path,
) -> None:
    with pikepdf.open(german_site / f"briefs/{YEAR}/body-parliament.pdf") as pdf:
        assert str(pdf.Root.Lang) == "de"
        assert "en" in _languages_of_structure(pdf)
    mail = message_from_bytes((german_site.parent / "outbox/parliament.eml").read_bytes())
    letter = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    text = letter.get_payload(decode=True).decode("utf-8")
    assert f"IGF{YEAR}-WS-1/cta-1" in text
    assert not any(m in text for m in (OPEN, SEP, CLOSE)) and "<span" not in text


def test_an_untranslated_free_page_and_edition_are_marked_in_the_navigation(
    tmp_path: Path,
) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "pt,en,es", "--name", "Fórum"]) == 0
    (forum / "content/metodologia.md").write_text(
        "# Metodologia dos relatos\n\n## Modelo de relato\n\nTexto.\n", "utf-8"
    )
    assert build_in(forum) == 0
    site = forum / "site"

    def language_of(tag: Tag) -> str:
        return next(
            str(p["lang"]) for p in [tag, *tag.parents] if isinstance(p, Tag) and p.get("lang")
        )

    spanish = BeautifulSoup((site / "es/index.html").read_text("utf-8"), "html.parser")
    nav = spanish.select_one("nav.md-nav--primary")
    assert nav is not None
    link = nav.find(string=lambda s: s is not None and "Metodologia dos relatos" in s)
    assert link is not None and link.parent is not None
    assert language_of(link.parent) == "pt"
    edition = nav.find(string=lambda s: s is not None and f"Fórum {YEAR}" in s)
    assert edition is not None and edition.parent is not None
    assert language_of(edition.parent) == "pt"
    # The page itself: its table of contents, and <title> as plain text.
    page = BeautifulSoup((site / "es/metodologia/index.html").read_text("utf-8"), "html.parser")
    toc = page.select_one("nav.md-nav--secondary")
    assert toc is not None
    entry = toc.find(string=lambda s: s is not None and "Modelo de relato" in s)
    assert entry is not None and entry.parent is not None and language_of(entry.parent) == "pt"
    assert page.title is not None and (page.title.string or "").startswith("Metodologia dos")
    # On the Portuguese pages, nothing is marked.
    portuguese = (site / "index.html").read_text("utf-8")
    assert '<span lang="pt"' not in portuguese
