"""A message away from its own page (a body's page and feed, the outcome document, the
messages to everyone, a brief and its PDF, the e-mail to a liaison) says what its text is:
a stale translation gives way to the current source text, marked as such; a machine
translation is marked, with the way to the original. Built end to end, PDFs included."""

from __future__ import annotations

import email
import io
import subprocess
import unicodedata
from email import policy
from email.message import EmailMessage
from pathlib import Path

import feedparser
import pikepdf
import pytest
from bs4 import BeautifulSoup, Tag

from igfpub.cli import main as igfpub
from tests.contentkit import digest, session, write_tree

BODIES = (
    "- id: itu\n"
    "  acronym: ITU\n"
    "  name: {en: International Telecommunication Union, fr: Union internationale des "
    "télécommunications, ar: الاتحاد الدولي للاتصالات}\n"
    "  type: un-agency\n"
    "  liaison: {name: WSIS, email: wsis@itu.example, languages: [es, ar]}\n"
    "- id: unesco\n"
    "  acronym: UNESCO\n"
    "  name: {en: UNESCO, fr: UNESCO}\n"
    "  type: un-agency\n"
    "  liaison: {name: Unité, email: digital@unesco.example, languages: [fr]}\n"
    "- id: oecd\n"
    "  acronym: OECD\n"
    "  name: Organisation for Economic Co-operation and Development\n"
    "  type: igo\n"
)
OLD_ARABIC = "تغطية ثلاثين في المائة من المدارس"  # what the Arabic says: the old threshold
NEW_SOURCE = "Connect 50% of schools by 2030."
MACHINE_FRENCH = "Publier les données ouvertes des écoles."
SITE_URL = "https://outcomes.example.org/"


def _tree(root: Path) -> Path:
    content = write_tree(root, {
        "registry/bodies.yml": BODIES,
        # The call to action to ITU, and one to every body, translated into Arabic...
        "sessions/2025/ws-1.md": session(calls_to_action=(
            "calls_to_action:\n"
            "  - text: Connect 30% of schools by 2030.\n"
            "    to: [itu]\n"
            "  - text: Report every year.\n")),
        # ... and a session whose call to action has a current machine translation.
        "sessions/2025/ws-2.md": session(id="id: IGF2025-WS-2", calls_to_action=(
            "calls_to_action:\n"
            "  - text: Publish open data on schools.\n"
            "    to: [itu, unesco, oecd]\n")),
        # What OECD reported back: in English, and machine-translated into French.
        "bodies/oecd.md": (
            "---\nbody: oecd\nresponses:\n"
            "  - {date: 2025-10-02, edition: 2025, about: [IGF2025-WS-2], text: We read it.}\n"
            "---\nThe OECD reads the messages of the IGF.\n"),
    })  # fmt: skip
    (content / "bodies/oecd.fr.md").write_text(
        "---\nbody: oecd\n"
        f"translation: {{status: machine, source_hash: {digest(content / 'bodies/oecd.md')}}}\n"
        "responses:\n  - text: Nous l'avons lu.\n"
        "---\nL'OCDE lit les messages du FGI.\n",
        encoding="utf-8",
    )
    source = content / "sessions/2025/ws-1.md"
    (content / "sessions/2025/ws-1.ar.md").write_text(
        "---\n"
        "title: جلسة\n"
        f"translation: {{status: human, source_hash: {digest(source)}}}\n"
        "key_takeaways: [واحد., اثنان.]\n"
        f"calls_to_action:\n  - text: {OLD_ARABIC}.\n  - text: تقديم تقرير كل عام.\n"
        "---\n"
        "تقرير.\n",
        encoding="utf-8",
    )
    # The source changes after the translation was made: the Arabic is now stale.
    source.write_text(source.read_text("utf-8").replace("Connect 30%", "Connect 50%"), "utf-8")
    ws2 = content / "sessions/2025/ws-2.md"
    (content / "sessions/2025/ws-2.fr.md").write_text(
        "---\n"
        "title: Une séance\n"
        f"translation: {{status: machine, source_hash: {digest(ws2)}}}\n"
        f"calls_to_action:\n  - text: {MACHINE_FRENCH}\n"
        "---\n"
        "Rapport.\n",
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("states")
    content = _tree(root / "content")
    assert igfpub(["build", str(content), "-d", str(root / "site"),
                   "--cache-dir", str(root / "cache")]) == 0  # fmt: skip
    assert igfpub(["pack", "2025", str(content), "-d", str(root / "out")]) == 0
    return root


def _page(root: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / url / "index.html").read_text("utf-8"), "html.parser")


def _message(page: BeautifulSoup, message_id: str) -> Tag:
    found = page.find(id=message_id)
    assert isinstance(found, Tag), message_id
    return found


def _norm(text: str) -> str:
    """White space as one space (a no-break space too)."""
    return " ".join(text.split())


def _words(tag: Tag) -> str:
    return _norm(tag.get_text(" "))


def _pdf_text(path: Path | bytes) -> str:
    data = path if isinstance(path, bytes) else path.read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) <= 2
    return subprocess.run(["pdftotext", "-", "-"], input=data, check=True,
                          capture_output=True).stdout.decode("utf-8")  # fmt: skip


def _letters(text: str) -> str:
    """Letters and digits only, in logical order: what Arabic text extraction can be held
    to (tests/test_briefs.py)."""
    return "".join(
        c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c)[0] in "LN"
    )


STALE_MARK = "ترجمة هذا النص لم تعد محدّثة؛ ويُعرض النص الأصلي (الإنجليزية)."
MACHINE_MARK = "Traduction automatique\u00a0; seul l'original (anglais) fait foi."

# Every page that shows the stale call to action away from its session's page.
AWAY = ["ar/bodies/itu", "ar/editions/2025", "ar/briefs/2025/body-itu"]


def test_the_session_page_itself_still_shows_its_stale_translation(built: Path) -> None:
    page = _page(built, "ar/sessions/2025/igf2025-ws-1")
    assert page.select_one("[data-translation]")["data-translation"] == "stale"
    assert OLD_ARABIC in _words(_message(page, "IGF2025-WS-1/cta-1"))


@pytest.mark.parametrize("url", AWAY)
def test_a_stale_translation_gives_way_to_the_source_marked_away_from_its_page(
    built: Path, url: str
) -> None:
    item = _message(_page(built, url), "IGF2025-WS-1/cta-1")
    text = item.select_one(".igf-message__text, .igf-brief__text")
    assert text is not None and text.get_text(strip=True) == NEW_SOURCE
    assert text["lang"] == "en"
    assert OLD_ARABIC not in _words(item)
    mark = item.select_one('[data-text-state="stale"]')
    assert mark is not None and _words(mark) == _norm(STALE_MARK)
    assert "lang" not in mark.attrs  # in the reader's language, as the page is


def test_messages_to_everyone_are_marked_the_same(built: Path) -> None:
    item = _message(_page(built, "ar/bodies/all"), "IGF2025-WS-1/cta-2")
    assert item.select_one(".igf-message__text").get_text(strip=True) == "Report every year."
    assert _words(item.select_one('[data-text-state="stale"]')) == _norm(STALE_MARK)


@pytest.mark.parametrize("url", ["fr/bodies/itu", "fr/editions/2025", "fr/briefs/2025/body-itu"])
def test_a_machine_translation_is_marked_with_a_link_to_the_original(built: Path, url: str) -> None:
    item = _message(_page(built, url), "IGF2025-WS-2/cta-1")
    text = item.select_one(".igf-message__text, .igf-brief__text")
    assert text is not None and text.get_text(strip=True) == MACHINE_FRENCH
    assert "lang" not in text.attrs  # French, as the page
    mark = item.select_one('[data-text-state="machine"]')
    assert mark is not None and _words(mark) == _norm(f"{MACHINE_MARK} English")
    link = mark.a
    assert link["hreflang"] == "en" and link["lang"] == "en"
    assert link["href"].endswith("sessions/2025/igf2025-ws-2/#IGF2025-WS-2/cta-1")
    assert "/fr/" not in link["href"] and not link["href"].startswith("fr/")


def test_current_human_translations_and_the_source_carry_no_mark(built: Path) -> None:
    for url in ("bodies/itu", "fr/bodies/itu"):
        item = _message(_page(built, url), "IGF2025-WS-1/cta-1")
        assert item.select_one("[data-text-state]") is None, url


def test_feeds_say_the_same(built: Path) -> None:
    arabic = feedparser.parse((built / "site/ar/bodies/itu/feed.xml").read_bytes())
    entry = next(e for e in arabic.entries if e.id.endswith(":IGF2025-WS-1/cta-1"))
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert entry.content[0].language == "en"
    assert NEW_SOURCE in content.get_text() and OLD_ARABIC not in content.get_text()
    mark = content.find("p", lang="ar")
    assert mark is not None and _words(mark) == _norm(STALE_MARK)
    french = feedparser.parse((built / "site/fr/bodies/itu/feed.xml").read_bytes())
    entry = next(e for e in french.entries if e.id.endswith(":IGF2025-WS-2/cta-1"))
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert entry.content[0].language == "fr"
    assert MACHINE_FRENCH in content.get_text() and _norm(MACHINE_MARK) in _words(content)
    assert content.a["href"] == f"{SITE_URL}sessions/2025/igf2025-ws-2/#IGF2025-WS-2/cta-1"


def test_brief_pdfs_say_the_same(built: Path) -> None:
    arabic = _pdf_text(built / "site/ar/briefs/2025/body-itu.pdf")
    assert NEW_SOURCE in arabic
    assert _letters(OLD_ARABIC) not in _letters(arabic)
    # The mark wraps, and Arabic text extraction gives its lines in either order.
    assert all(_letters(word) in _letters(arabic) for word in STALE_MARK.split())
    french = _norm(_pdf_text(built / "site/fr/briefs/2025/body-itu.pdf"))
    assert MACHINE_FRENCH in french and _norm(MACHINE_MARK) in french


def test_the_printed_outcome_document_says_the_same(built: Path) -> None:
    french = _norm(_pdf_text_any(built / "site/fr/editions/2025/igf-2025-outcome-fr.pdf"))
    assert MACHINE_FRENCH in french and _norm(MACHINE_MARK) in french
    arabic = _pdf_text_any(built / "site/ar/editions/2025/igf-2025-outcome-ar.pdf")
    assert NEW_SOURCE in arabic and _letters(OLD_ARABIC) not in _letters(arabic)


def _pdf_text_any(path: Path) -> str:
    """The text of a PDF of any length."""
    return subprocess.run(["pdftotext", str(path), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")  # fmt: skip


def _mail(built: Path, body: str) -> EmailMessage:
    mail = email.message_from_bytes((built / "out" / f"{body}.eml").read_bytes(),
                                    policy=policy.default)  # fmt: skip
    assert isinstance(mail, EmailMessage)
    return mail


def test_a_body_receives_one_wording_in_its_letter_and_every_brief(built: Path) -> None:
    mail = _mail(built, "itu")  # in Spanish (no translation), with the Arabic brief
    letter = mail.get_body(("plain",))
    assert letter is not None and NEW_SOURCE in letter.get_content()
    pdfs = {p["Content-Language"]: p.get_content() for p in mail.iter_attachments()
            if p.get_content_type() == "application/pdf"}  # fmt: skip
    assert sorted(pdfs) == ["ar", "es"]
    for lang, data in pdfs.items():
        text = _pdf_text(data)
        assert NEW_SOURCE in text, lang
        assert _letters(OLD_ARABIC) not in _letters(text), lang


def test_the_letter_marks_a_machine_translation(built: Path) -> None:
    letter = _mail(built, "unesco").get_body(("plain",))
    assert letter is not None
    lines = [line.strip() for line in letter.get_content().splitlines()]
    at = lines.index(MACHINE_FRENCH)
    assert _norm(lines[at + 1]) == _norm(
        f"{MACHINE_MARK} {SITE_URL}sessions/2025/igf2025-ws-2/#IGF2025-WS-2/cta-1"
    )


# -- a body's page says what it is in -----------------------------------------------------
def _state(page: BeautifulSoup) -> tuple[str, list[str]]:
    """The page's data-translation and the kinds of its notices."""
    main = page.select_one("[data-translation]")
    assert main is not None
    kinds = [c.removeprefix("igf-notice--") for n in page.select(".igf-notice")
             for c in n["class"] if c.startswith("igf-notice--")]  # fmt: skip
    return main["data-translation"], kinds


def test_a_body_page_with_an_untranslated_report_back_is_a_fallback(built: Path) -> None:
    page = _page(built, "ar/bodies/oecd")
    assert _state(page) == ("fallback", ["fallback"])
    assert _words(page.select_one(".igf-notice--fallback")) == (
        "لم تُترجم هذه الصفحة بعد. وهي معروضة بلغتها الأصلية (الإنجليزية)."
    )
    report = page.select_one(".igf-report-back div")
    assert report is not None and report["lang"] == "en"
    # Still in the Arabic search index: its name and headings are Arabic; the English
    # report-back is left out by its own element.
    assert page.select_one("[data-translation]").has_attr("data-pagefind-body")
    assert report.has_attr("data-pagefind-ignore")


def test_a_body_page_says_its_report_back_is_a_machine_translation(built: Path) -> None:
    page = _page(built, "fr/bodies/oecd")
    assert _state(page) == ("machine", ["machine"])
    assert "L'OCDE lit les messages du FGI." in _words(page.select_one(".igf-report-back"))
    assert _state(_page(built, "bodies/oecd")) == ("source", [])


def test_a_body_page_says_once_that_some_messages_are_untranslated(built: Path) -> None:
    page = _page(built, "ar/bodies/itu")  # no report-back; IGF2025-WS-2 is not in Arabic
    assert _state(page) == ("translated", ["partial"])
    assert _words(page.select_one(".igf-notice--partial")) == (
        "تُعرض النصوص التي لم تُترجم بعد إلى هذه اللغة بلغتها الأصلية (الإنجليزية)."
    )
    assert _message(page, "IGF2025-WS-2/cta-1").select_one(".igf-message__text")["lang"] == "en"
    # Every message in French, a machine translation marked at its text: no notice.
    assert _state(_page(built, "fr/bodies/unesco")) == ("translated", [])
    # The messages to everyone the same; an untranslated outcome document's notice says
    # it all already.
    assert _state(_page(built, "fr/bodies/all")) == ("translated", ["partial"])
    assert _state(_page(built, "ar/bodies/all")) == ("translated", [])
    assert _state(_page(built, "ar/editions/2025")) == ("fallback", ["fallback"])


def test_the_letter_says_that_some_texts_are_untranslated(built: Path) -> None:
    letter = _mail(built, "itu").get_body(("plain",))
    assert letter is not None
    assert "Los textos que aún no se han traducido a este idioma se presentan en inglés." in (
        letter.get_content()
    )
