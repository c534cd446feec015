"""A body's report-back is translatable like any document: ``itu.fr.md`` repeats the
``text`` of its responses (and of its follow-up steps) and translates its own Markdown.
Before, only the steps' texts were taken: the report's text and its responses stayed in
English on the French page (unmarked), and a translation whose responses did not line up
with the source's was not said to be wrong."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.loader import load_corpus
from tests.contentkit import session, write_tree

ITU = """\
---
body: itu
responses:
  - date: 2025-08-01
    edition: 2025
    about: [IGF2025-WS-1]
    text: "ITU read [the workshop](../sessions/2025/ws-1.md)."
  - date: 2025-09-01
    edition: 2025
    text: "A general answer."
---
## What ITU did

The ITU's own report.
"""
ITU_FR = """\
---
body: itu
translation: {status: human}
responses:
  - text: "L'UIT a lu [l'atelier](../sessions/2025/ws-1.md)."
  - {}
---
## Ce que l'UIT a fait

Le compte rendu de l'UIT.
"""


def _site(tmp_path: Path, itu_fr: str = ITU_FR) -> Path:
    return write_tree(tmp_path / "content", {
        "sessions/2025/ws-2.md": session(id="id: IGF2025-WS-2"),
        "bodies/itu.md": ITU,
        "bodies/itu.fr.md": itu_fr,
    })  # fmt: skip


def _texts(page: BeautifulSoup, selector: str) -> list[tuple[str | None, str]]:
    return [(div.get("lang"), " ".join(div.get_text(" ").split())) for div in page.select(selector)]


def test_the_report_and_its_responses_show_in_the_reader_language(tmp_path: Path) -> None:
    content = _site(tmp_path)
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0

    def page(url: str) -> BeautifulSoup:
        return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")

    fr = page("fr/bodies/itu/")
    assert _texts(fr, ".igf-report-back > div") == [
        (None, "Ce que l'UIT a fait Le compte rendu de l'UIT.")
    ]
    # Newest first; the response the translator kept ({}) is shown in English, marked so.
    assert _texts(fr, ".igf-response > div") == [
        ("en", "A general answer."),
        (None, "L'UIT a lu l'atelier ."),
    ]
    link = fr.select(".igf-response > div a")[-1]["href"]
    assert link == "../../sessions/2025/igf2025-ws-1/"
    # The session's page quotes the response in the reader's language too.
    session_fr = page("fr/sessions/2025/igf2025-ws-1/")
    assert _texts(session_fr, ".igf-responses li > div") == [(None, "L'UIT a lu l'atelier .")]
    # A language without a translation shows the English report, marked as English.
    es = page("es/bodies/itu/")
    assert _texts(es, ".igf-report-back > div") == [("en", "What ITU did The ITU's own report.")]
    assert [lang for lang, _ in _texts(es, ".igf-response > div")] == ["en", "en"]


def test_a_translation_whose_responses_do_not_line_up_is_an_error(tmp_path: Path) -> None:
    content = _site(tmp_path, ITU_FR.replace("  - {}\n", ""))
    errors = [str(i) for i in load_corpus(content).issues if i.is_error]
    assert errors == [
        "bodies/itu.fr.md:4: error: 'responses' has 1 item but the source bodies/itu.md has 2"
    ]


def test_links_in_a_translated_report_are_checked(tmp_path: Path) -> None:
    content = _site(
        tmp_path,
        ITU_FR.replace("ws-1.md)", "ws-9.md)").replace(
            "Le compte rendu", "Voir [le rapport](../nowhere.md). Le compte rendu"
        ),
    )
    errors = [str(i) for i in load_corpus(content).issues if i.is_error]
    assert errors == [
        "bodies/itu.fr.md:5: error: link to '../sessions/2025/ws-9.md': "
        "there is no content file sessions/2025/ws-9.md",
        "bodies/itu.fr.md:10: error: link to '../nowhere.md': there is no content file nowhere.md",
    ]
