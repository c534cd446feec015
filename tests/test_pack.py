"""`igfpub pack` and `igfpub new response` on the follow-up fixture: the e-mails are parsed
back as a mail client would, the PDFs opened, the response file loaded as content."""

from __future__ import annotations

import csv
import datetime as dt
import email
import io
import shutil
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pikepdf
import pytest

from igfpub.cli import main as igfpub
from igfpub.core.frontmatter import read_document
from igfpub.core.languages import UN, use
from igfpub.core.loader import load_corpus
from igfpub.core.responses import response_file
from igfpub.mkdocs.site import DEFAULT_CONFIG
from igfpub.pack import PackError, default_sender
from tests.conftest import SITES
from tests.contentkit import build_in

FIXTURE = SITES / "followup"


@pytest.fixture(scope="module")
def outbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "out"
    assert igfpub(["pack", "2025", str(FIXTURE), "-d", str(out)]) == 0
    return out


def _mail(outbox: Path, body: str) -> EmailMessage:
    mail = email.message_from_bytes((outbox / f"{body}.eml").read_bytes(), policy=policy.default)
    assert isinstance(mail, EmailMessage)
    return mail


def test_one_email_per_body_with_a_liaison_and_a_manifest_row_for_every_body(outbox: Path) -> None:
    assert sorted(p.name for p in outbox.iterdir()) == ["itu.eml", "manifest.csv", "unesco.eml"]
    rows = list(csv.DictReader(io.StringIO((outbox / "manifest.csv").read_text("utf-8"))))
    assert rows == [
        {"body": "itu", "liaison": "Bureau de liaison SMSI <liaison.wsis@itu.example>",
         "languages": "fr en", "messages": "1",
         "attachments": "IGF-2025-BRIEF-ITU-fr.pdf IGF-2025-BRIEF-ITU-en.pdf itu.md"},
        {"body": "unesco", "liaison": "قسم السياسات الرقمية <digital@unesco.example>",
         "languages": "ar", "messages": "1", "attachments": "IGF-2025-BRIEF-UNESCO-ar.pdf unesco.md"},
        {"body": "oecd", "liaison": "", "languages": "", "messages": "1", "attachments": ""},
        {"body": "w3c", "liaison": "", "languages": "", "messages": "1", "attachments": ""},
    ]  # fmt: skip


def test_the_email_is_addressed_to_the_liaison_in_its_first_language(outbox: Path) -> None:
    mail = _mail(outbox, "itu")
    assert mail["To"].addresses[0].addr_spec == "liaison.wsis@itu.example"
    assert mail["To"].addresses[0].display_name == "Bureau de liaison SMSI"
    assert mail["Content-Language"] == "fr"
    assert mail["Subject"].startswith("Forum sur la gouvernance de l'Internet : messages")
    assert mail["X-Unsent"] == "1"
    letter = mail.get_body(("plain",))
    assert letter is not None and letter["Content-Language"] == "fr"
    text = letter.get_content()
    assert text.startswith("Chères et chers collègues,")
    assert "1. IGF2025-WS-9/cta-1" in text
    assert "https://outcomes.example.org/fr/sessions/2025/igf2025-ws-9/#IGF2025-WS-9/cta-1" in text
    assert "https://outcomes.example.org/fr/editions/2025/follow-up/" in text
    arabic = _mail(outbox, "unesco")
    assert arabic["To"].addresses[0].display_name == "قسم السياسات الرقمية"
    assert arabic.get_body(("plain",)).get_content().startswith("الزملاء الأعزاء،")


@pytest.mark.parametrize(("body", "langs"), [("itu", ["fr", "en"]), ("unesco", ["ar"])])
def test_briefs_are_attached_in_the_liaison_languages(
    outbox: Path, body: str, langs: list[str]
) -> None:
    mail = _mail(outbox, body)
    pdfs = [p for p in mail.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert [p.get_filename() for p in pdfs] == [
        f"IGF-2025-BRIEF-{body.upper()}-{lang}.pdf" for lang in langs
    ]
    assert [p["Content-Language"] for p in pdfs] == langs
    for part, lang in zip(pdfs, langs, strict=True):
        with pikepdf.open(io.BytesIO(part.get_content())) as pdf:
            assert 1 <= len(pdf.pages) <= 2
            assert str(pdf.Root.Lang) == lang


def test_the_response_file_is_attached_and_loads(outbox: Path, tmp_path: Path) -> None:
    mail = _mail(outbox, "itu")
    reply = next(p for p in mail.iter_attachments() if p.get_filename() == "itu.md")
    assert reply.get_content_type() == "text/markdown"
    text = reply.get_content()
    # The body's existing file, extended: what was there is still there.
    assert text.startswith((FIXTURE / "bodies/itu.md").read_text("utf-8").split("\n---\n")[0])
    assert "# - message: IGF2025-WS-9/cta-1" in text
    site = shutil.copytree(FIXTURE, tmp_path / "content")
    (site / "bodies/itu.md").write_text(text, "utf-8")
    assert load_corpus(site).ok


def _uncomment(text: str, message: str) -> str:
    """What a body's clerk does: remove the '# ' before the entry's first three lines."""
    lines = text.split("\n")
    at = lines.index(f"  # - message: {message}")
    for n in range(at, at + 3):
        lines[n] = lines[n].replace("# ", "", 1)
    return "\n".join(lines)


def test_new_response_writes_a_file_that_loads_before_and_after_it_is_filled_in(
    tmp_path: Path,
) -> None:
    site = shutil.copytree(FIXTURE, tmp_path / "content")
    (site / "bodies/oecd.md").unlink()
    # A body's id in any case: ids are unique whatever their case.
    assert igfpub(["new", "response", "--body", "OECD", "--edition", "2024", str(site)]) == 0
    text = (site / "bodies/oecd.md").read_text("utf-8")
    assert read_document(text.encode()).meta == {"body": "oecd", "follow_up": None}
    assert "# - message: IGF2024-WS-7/cta-2" in text
    assert load_corpus(site).ok
    (site / "bodies/oecd.md").write_text(_uncomment(text, "IGF2024-WS-7/cta-2"), "utf-8")
    result = load_corpus(site)
    assert [str(i) for i in result.issues] == []
    [entry] = result.corpus.reports["oecd"].follow_up
    assert (entry.message, entry.response, entry.date) == (
        "IGF2024-WS-7/cta-2",
        "acknowledged",
        dt.date.today(),
    )


def test_new_response_extends_an_existing_file_and_keeps_what_is_there(tmp_path: Path) -> None:
    site = shutil.copytree(FIXTURE, tmp_path / "content")
    before = (site / "bodies/itu.md").read_text("utf-8")
    assert igfpub(["new", "response", "--body", "itu", "--edition", "2024", str(site)]) == 0
    after = (site / "bodies/itu.md").read_text("utf-8")

    # Every original line, in order; the additions are comments inside the follow_up list.
    def content(text: str) -> list[str]:
        return [
            line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")
        ]

    assert content(after) == content(before)
    added = [line for line in after.split("\n") if line.lstrip().startswith("#")]
    assert after.index(added[0]) < after.index("\n---\nThe ITU's report-back.")
    assert [line.split(": ")[1] for line in added if "# - message:" in line] == [
        "IGF2024-WS-7/cta-1", "BPF-X-2024/rec-1"]  # fmt: skip
    corpus = load_corpus(site).corpus
    assert len(corpus.reports["itu"].follow_up) == 4
    # Again: nothing is listed twice.
    assert igfpub(["new", "response", "--body", "itu", "--edition", "2024", str(site)]) == 0
    assert (site / "bodies/itu.md").read_text("utf-8") == after


@pytest.mark.parametrize(
    ("front", "where"),
    [
        ("body: itu\nfollow_up: []\nresponses: []\n", "before responses"),
        ("body: itu\nresponses: []\n", "a new list at the end"),
    ],
)
def test_new_response_adds_a_list_where_there_is_none(
    tmp_path: Path, front: str, where: str
) -> None:
    corpus = load_corpus(FIXTURE).corpus
    text, added = response_file(
        corpus, "itu", 2025, dt.date(2025, 10, 1), f"---\n{front}---\nText.\n"
    )
    assert added == 1
    doc = read_document(text.encode())
    assert doc.meta["body"] == "itu" and doc.meta["follow_up"] is None and doc.body == "Text.\n"
    filled = text.replace("  # - message:", "  - message:").replace("  #   date:", "    date:")
    filled = filled.replace("  #   response:", "    response:")
    assert read_document(filled.encode()).meta["follow_up"] == [
        {"message": "IGF2025-WS-9/cta-1", "date": dt.date(2025, 10, 1), "response": "acknowledged"}]  # fmt: skip


def test_new_response_says_which_of_body_and_edition_is_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = shutil.copytree(FIXTURE, tmp_path / "content")
    assert igfpub(["new", "response", "--body", "oecdd", "--edition", "2024", str(site)]) == 2
    assert "igfpub: there is no body 'oecdd' in registry/bodies.yml (its ids: " in (
        capsys.readouterr().err
    )
    assert igfpub(["new", "response", "--body", "oecd", "--edition", "2031", str(site)]) == 2
    assert "igfpub: there is no edition 2031 (editions: " in capsys.readouterr().err


def test_a_new_pack_replaces_the_earlier_pack_and_keeps_no_stale_email(tmp_path: Path) -> None:
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    out = tmp_path / "out"
    assert igfpub(["pack", "2025", str(content), "-d", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["itu.eml", "manifest.csv", "unesco.eml"]
    registry = content / "registry" / "bodies.yml"
    text = registry.read_text("utf-8")
    registry.write_text(text.replace("  liaison: {name: \"قسم السياسات الرقمية\", "
                                     "email: digital@unesco.example, languages: [ar]}\n", ""),
                        "utf-8")  # fmt: skip
    assert igfpub(["pack", "2025", str(content), "-d", str(out)]) == 0
    # UNESCO's e-mail of the first pack would be sent with the rest: it is gone.
    assert sorted(p.name for p in out.iterdir()) == ["itu.eml", "manifest.csv"]
    rows = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8"))))
    assert [(r["body"], r["liaison"]) for r in rows if r["body"] == "unesco"] == [("unesco", "")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]  # nothing left over


def test_pack_refuses_an_outbox_holding_files_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", "utf-8")
    (out / "old.eml").write_text("not listed in a manifest", "utf-8")
    assert igfpub(["pack", "2025", str(FIXTURE), "-d", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "old.eml"]
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"igfpub: {out} holds files that igfpub pack did not write (notes.txt, old.eml); "
        "pack into a new or empty folder, or into an earlier pack's outbox"
    )


def test_subjects_decode_to_their_exact_words_in_french_and_arabic(tmp_path: Path) -> None:
    """RFC 2047: the space between two encoded words is not part of the text, so the
    spaces must be inside them (Python's own folding lost some, and doubled others)."""
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    edition = content / "editions" / "2025.md"
    edition.write_text(edition.read_text("utf-8").replace(
        'title: "IGF 2025"',
        'title: {en: "IGF 2025", fr: "FGI 2025 : Construire ensemble la gouvernance numérique",'
        ' ar: "منتدى حوكمة الإنترنت 2025: نبني الحوكمة الرقمية معاً"}', 1), "utf-8")  # fmt: skip
    registry = content / "registry" / "bodies.yml"
    registry.write_text(registry.read_text("utf-8").replace(
        "  acronym: UNESCO\n",
        '  acronym: {en: UNESCO, ar: "منظمة الأمم المتحدة للتربية والعلم والثقافة"}\n', 1), "utf-8")  # fmt: skip
    out = tmp_path / "out"
    assert igfpub(["pack", "2025", str(content), "-d", str(out)]) == 0
    assert _mail(out, "itu")["Subject"] == (
        "Forum sur la gouvernance de l'Internet : messages à l'intention de l'organe UIT, "
        "FGI 2025 : Construire ensemble la gouvernance numérique"
    )
    assert _mail(out, "unesco")["Subject"] == (
        "منتدى إدارة الإنترنت: رسائل إلى منظمة الأمم المتحدة للتربية والعلم والثقافة، "
        "منتدى حوكمة الإنترنت 2025: نبني الحوكمة الرقمية معاً"
    )
    for body in ("itu", "unesco"):
        head = (out / f"{body}.eml").read_bytes().split(b"\r\n\r\n", 1)[0]
        assert max(len(line) for line in head.split(b"\r\n")) <= 78


# A call to action as rapporteurs write them: reference links whose labels are ids (a body,
# a message), a link to another document's file, emphasis, and markup meant to harm.
WRITTEN = (
    "See [ITU][itu], [the other call][IGF2025-WS-9/cta-2], "
    "[the 2024 session](../2024/ws-7.md#IGF2024-WS-7/cta-1), **bold words** and "
    "<img src=https://example.org/x.png onerror=alert(1)> [a trap](javascript:alert(2))."
)


def _with_message(tmp_path: Path, text: str) -> Path:
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    session = content / "sessions" / "2025" / "ws-9.md"
    session.write_text(session.read_text("utf-8").replace(
        '  - text: "Open the statistics."', f"  - text: '{text}'", 1), "utf-8")  # fmt: skip
    return content


def _letter(outbox: Path, body: str) -> str:
    letter = _mail(outbox, body).get_body(("plain",))
    assert letter is not None
    text = letter.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")  # the mail's line ends


def test_the_letter_shows_a_message_as_plain_text_with_its_links_resolved(
    tmp_path: Path,
) -> None:
    """The letter is text/plain: a message's Markdown there left its reference labels and
    relative files unresolved, and hostile markup as it was written."""
    content = _with_message(tmp_path, WRITTEN)
    out = tmp_path / "out"
    assert igfpub(["pack", "2025", str(content), "-d", str(out)]) == 0
    text = _letter(out, "itu")
    site = "https://outcomes.example.org/fr/"  # the liaison's first language
    assert (
        f"   See ITU <{site}bodies/itu/>, "
        f"the other call <{site}sessions/2025/igf2025-ws-9/#IGF2025-WS-9/cta-2>, "
        f"the 2024 session <{site}sessions/2024/igf2024-ws-7/#IGF2024-WS-7/cta-1>, "
        "bold words and a trap.\n"
    ) in text
    for written in ("[", "](", "**", "<img", "onerror", "javascript:", "alert("):
        assert written not in text


def test_without_a_site_url_the_letter_links_pages_by_their_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As feeds do: a path from the site's root names the page, "fr/bodies/itu/" none."""
    content = _with_message(tmp_path, WRITTEN)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        DEFAULT_CONFIG.read_text("utf-8").replace("site_url: https://outcomes.example.org/\n", ""),
        "utf-8",
    )
    out = tmp_path / "out"
    assert igfpub(["pack", "2025", str(content), "-f", str(config), "-d", str(out)]) == 0
    assert "igfpub: site_url is not set in mkdocs.yml" in capsys.readouterr().out
    text = _letter(out, "itu")
    assert (
        "   See ITU </fr/bodies/itu/>, "
        "the other call </fr/sessions/2025/igf2025-ws-9/#IGF2025-WS-9/cta-2>, "
        "the 2024 session </fr/sessions/2024/igf2024-ws-7/#IGF2024-WS-7/cta-1>, "
        "bold words and a trap.\n"
    ) in text
    assert "   /fr/sessions/2025/igf2025-ws-9/#IGF2025-WS-9/cta-1\n" in text
    assert "\n/fr/editions/2025/follow-up/\n" in text


def test_a_liaison_name_with_a_line_break_is_a_problem_record_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The name is the display name of the e-mail's To: header: "\\r\\nBcc: ..." would
    start a header of its own. Python's email package refused it with a ValueError, which
    pack printed as a traceback, after check had said the content was fine."""
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    registry = content / "registry" / "bodies.yml"
    registry.write_text(registry.read_text("utf-8").replace(
        '    name: "Bureau de liaison SMSI"\n',
        '    name: "Bureau de liaison SMSI\\r\\nBcc: x@evil.example"\n', 1), "utf-8")  # fmt: skip
    record = (f"{content}/registry/bodies.yml:6: error: 'liaison.name' contains a carriage return "
              "(U+000D); the name is one line of the e-mail's To: header: remove it")  # fmt: skip
    assert igfpub(["check", str(content)]) == 1
    assert [line for line in capsys.readouterr().err.splitlines() if ": error: " in line] == [
        record
    ]
    out = tmp_path / "out"
    assert igfpub(["pack", "2025", str(content), "-d", str(out)]) == 1
    err = capsys.readouterr().err
    assert record in err and "Traceback" not in err
    assert not out.exists()


def test_a_sender_with_a_line_break_is_refused_before_anything_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    sender = "IGF <igf@un.org>\r\nBcc: x@evil.example"
    assert igfpub(["pack", "2025", str(FIXTURE), "-d", str(out), "--from", sender]) == 2
    assert capsys.readouterr().err == (
        "igfpub: --from must be one line, a name and an address: 'IGF Secretariat <igf@un.org>'\n"
    )
    assert not out.exists()


def test_the_igfs_letters_come_from_its_secretariat_by_default(outbox: Path) -> None:
    for body in ("itu", "unesco"):
        sender = _mail(outbox, body)["From"].addresses[0]
        assert (sender.display_name, sender.addr_spec) == ("IGF Secretariat", "igf@un.org")


def test_a_named_forums_letters_come_from_it_at_its_contact_address() -> None:
    """A national forum's letters went out From: the IGF Secretariat at un.org."""
    assert default_sender("Fórum da Internet no Brasil", "secretaria@forum.example") == (
        "=?utf-8?q?F=C3=B3rum_da_Internet_no_Brasil?= <secretaria@forum.example>"
    )
    parsed = email.message_from_string(
        "From: " + default_sender("Fórum da Internet no Brasil", "secretaria@forum.example")
        + "\n\n", policy=policy.default)  # fmt: skip
    assert parsed["From"].addresses[0].display_name == "Fórum da Internet no Brasil"
    # The contact's own name wins: it is who answers.
    assert default_sender("Kenya IGF", "KIGF Secretariat <kigf@example.org>") == (
        "KIGF Secretariat <kigf@example.org>"
    )
    assert default_sender("Internet Governance Forum", "") == "IGF Secretariat <igf@un.org>"
    with pytest.raises(PackError, match="set the igfpub plugin's contact"):
        default_sender("Kenya IGF", "")


def test_a_named_forum_without_a_contact_is_asked_for_a_sender(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "pt,en", "--name", "Fórum da Internet"]) == 0
    config = forum / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        'contact: "outcomes@example.org"', 'contact: ""'), "utf-8")  # fmt: skip
    capsys.readouterr()
    year = str(dt.date.today().year)
    out = tmp_path / "outbox"
    assert igfpub(["pack", year, str(forum / "content"), "-f", str(config), "-d", str(out)]) == 1
    assert capsys.readouterr().err == (
        "igfpub: the letters need a sender: set the igfpub plugin's contact (an e-mail address) "
        "in mkdocs.yml, or give --from 'Fórum da Internet <secretariat@example.org>'\n"
    )
    assert not out.exists()
    use(UN)


def test_a_new_response_file_publishes_nothing_until_it_is_filled_in(tmp_path: Path) -> None:
    """Its placeholder sentence was published as the body's own report, on its page."""
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "en,fr"]) == 0
    content = forum / "content"
    year = str(dt.date.today().year)
    assert igfpub(["new", "response", "--body", "parliament", "--edition", year, str(content),
                   "-f", str(forum / "mkdocs.yml")]) == 0  # fmt: skip
    # No message of the edition names ITU: no file to fill in.
    assert igfpub(["new", "response", "--body", "itu", "--edition", year, str(content),
                   "-f", str(forum / "mkdocs.yml")]) == 1  # fmt: skip
    assert not (content / "bodies/itu.md").exists()
    assert build_in(forum) == 0
    for prefix in ("", "fr/"):
        page = (forum / "site" / prefix / "bodies/parliament/index.html").read_text("utf-8")
        assert "reports back on the messages" not in page
        assert 'id="report-back"' not in page
    # Filled in, it is the body's report.
    reply = content / "bodies/parliament.md"
    reply.write_text(reply.read_text("utf-8") + "The committee met in March.\n", "utf-8")
    assert build_in(forum) == 0
    page = (forum / "site/bodies/parliament/index.html").read_text("utf-8")
    assert 'id="report-back"' in page and "The committee met in March." in page
    assert "reports back on the messages" not in page
