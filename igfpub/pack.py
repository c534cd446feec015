"""``igfpub pack EDITION``: for each body addressed in an edition, a ready-to-send e-mail
(``<body-id>.eml``) to its liaison with its briefs as PDF in the liaison's languages, a
covering letter in the first of them, and the response file to fill in; and
``manifest.csv``. Nothing is sent.

The briefs are rendered by the build's own PDF code through the build's PDF cache, so a
pack made after ``igfpub build`` renders nothing, and a pack made from a content folder
alone renders only the briefs it attaches.

The outbox holds exactly one pack: the files are written into a new folder beside it,
which then takes its place, so a pack made again after a liaison was removed leaves no
e-mail of the earlier pack to be sent with the rest, and a pack that fails leaves the
outbox as it was. An outbox holding anything but an earlier pack (its manifest and the
e-mails it lists) is refused, never emptied.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, Policy
from email.utils import formataddr, parseaddr
from pathlib import Path

from igfpub.catalogs import FORUM_MSGID
from igfpub.core.briefs import MAX_PAGES, Brief, briefs
from igfpub.core.feeds import forum
from igfpub.core.fields import CONTROL
from igfpub.core.model import Body, Corpus
from igfpub.core.present import Presenter
from igfpub.core.responses import response_file
from igfpub.langmarks import strip
from igfpub.pdfcache import PdfCache, key
from igfpub.printfonts import font_identity
from igfpub.printing import WORKERS, Job, render
from igfpub.render import Renderer
from igfpub.userfiles import reason

LETTER_TEMPLATE = "igfpub/mail/letter.txt"
MANIFEST_COLUMNS = ["body", "liaison", "languages", "attachments", "messages"]


@dataclass
class Packed:
    body: str
    liaison: str  # "Name <address>", or "" for a body without a liaison
    languages: tuple[str, ...]
    attachments: list[str]
    messages: int
    eml: Path | None = None


class PackError(Exception):
    """The outbox cannot be written; the message is one line for the user."""


@dataclass
class PackReport:
    packed: list[Packed] = field(default_factory=list)
    rendered: int = 0  # PDFs rendered (the others came from the cache)


def attachment_name(brief: Brief, lang: str, symbol: str = "IGF") -> str:
    """``IGF-2025-BRIEF-ITU-fr.pdf``: the document symbol (``symbol`` is its prefix),
    which all languages share, and the language."""
    return f"{symbol}/{brief.doc_id}-{lang}.pdf".replace("/", "-")


def _letter_presenter(renderer: Renderer, lang: str) -> Presenter:
    """What a covering letter shows the messages with: links by absolute URLs, since the
    letter is read in a mail client, away from the site. A site without a ``site_url``
    gets paths from the site's root (``/fr/bodies/itu/``), as its feeds do: they name the
    page where the site is, where a path relative to nothing (``fr/bodies/itu/``, what
    the briefs' links are then) names none."""
    base = renderer.site_url.rstrip("/") + "/" if renderer.site_url else "/"
    return Presenter(renderer.corpus, lang, lambda url: base + url, index=renderer.index,
                     site_url=base, symbol=renderer.symbol)  # fmt: skip


def pack(
    corpus: Corpus,
    content: Path,
    edition: int,
    outbox: Path,
    *,
    theme_dirs: Sequence[Path],
    site_url: str,
    sender: str | None,
    cache: Path,
    today: dt.date,
    workers: int = WORKERS,
    file_urls: bool = False,
    symbol: str = "IGF",
    contact: str = "",
) -> PackReport:
    """``file_urls``: the site links pages by their files (``use_directory_urls: false``);
    ``symbol``: the prefix of document symbols. ``sender``: the From: of the e-mails;
    None: the forum, at the site's ``contact`` address (:func:`default_sender`)."""
    if sender is None:
        gettext = Renderer(theme_dirs, corpus).gettext(corpus.languages.source)
        sender = default_sender(forum(gettext), contact)
    with _outbox(outbox) as folder:
        return _pack(corpus, content, edition, outbox, folder, theme_dirs, site_url, sender,
                     cache, today, workers, file_urls, symbol)  # fmt: skip


# The global IGF's Secretariat: who writes a site's letters that names no forum of its own
# and gives no contact address.
IGF_SENDER = "IGF Secretariat <igf@un.org>"


def default_sender(forum_name: str, contact: str) -> str:
    """The forum's name at the site's ``contact`` address (the plugin's, shown on every
    page). A national or regional forum's letters went out From: the IGF Secretariat at
    un.org: a forum that names itself and gives no address is asked for ``--from``."""
    name, address = parseaddr(contact.strip())
    if "@" in address and not CONTROL.search(contact):
        return formataddr((" ".join(CONTROL.sub(" ", name or forum_name).split()), address))
    if forum_name == FORUM_MSGID:
        return IGF_SENDER
    raise PackError(
        f"the letters need a sender: set the igfpub plugin's contact (an e-mail address) in "
        f"mkdocs.yml, or give --from '{forum_name} <secretariat@example.org>'"
    )


def _not_ours(outbox: Path) -> list[str]:
    """The names of the files in ``outbox`` that no earlier pack wrote: anything but its
    manifest.csv and the e-mails that manifest lists."""
    if not outbox.is_dir():
        return []
    names = sorted(p.name for p in outbox.iterdir())
    ours = set()
    if "manifest.csv" in names:
        try:
            rows = csv.DictReader(io.StringIO((outbox / "manifest.csv").read_text("utf-8")))
            ours = {"manifest.csv"} | {f"{r['body']}.eml" for r in rows if r.get("liaison")}
        except (OSError, UnicodeDecodeError, csv.Error, KeyError):
            ours = set()
    return [name for name in names if name not in ours]


@contextmanager
def _outbox(outbox: Path) -> Iterator[Path]:
    """A new folder beside ``outbox`` to write the pack into, which takes the place of
    ``outbox`` (and of the earlier pack there) once all is written, and is removed if
    anything fails."""
    try:
        if outbox.exists() and not outbox.is_dir():
            raise PackError(f"{outbox} is a file, not a folder")
        foreign = _not_ours(outbox)
        if foreign:
            raise PackError(f"{outbox} holds files that igfpub pack did not write "
                            f"({', '.join(foreign)}); pack into a new or empty folder, or "
                            "into an earlier pack's outbox")  # fmt: skip
        outbox.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{outbox.name}.", dir=outbox.parent))
    except OSError as exc:
        # Reading the folder may fail too (a parent that may not be searched).
        raise PackError(f"{outbox}: cannot write: {reason(outbox, exc)}") from exc
    try:
        yield fresh
        if outbox.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{outbox.name}.old.", dir=outbox.parent))
            outbox.replace(old / "pack")
            fresh.replace(outbox)
            shutil.rmtree(old, ignore_errors=True)
        else:
            fresh.replace(outbox)
    except OSError as exc:
        raise PackError(f"{outbox}: cannot write: {exc.strerror}") from exc
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _pack(corpus: Corpus, content: Path, edition: int, outbox: Path, folder: Path,
          theme_dirs: Sequence[Path], site_url: str, sender: str, cache: Path, today: dt.date,
          workers: int, file_urls: bool = False, symbol: str = "IGF") -> PackReport:  # fmt: skip
    """The pack, written into ``folder``, which becomes ``outbox``."""
    renderer = Renderer(theme_dirs, corpus, site_url, file_urls, symbol)
    index = renderer.index
    of_edition = {
        b.subject_id: b for b in briefs(corpus) if b.kind == "body" and b.edition == edition
    }
    addressed = [b for b in corpus.bodies.values() if b.id in index.bodies_in(edition)]
    pdfs = _briefs_as_pdf(renderer, corpus, of_edition, addressed, cache, theme_dirs, workers)
    report = PackReport(rendered=pdfs.rendered)
    for body in addressed:
        items = index.for_body(body.id, edition)
        liaison = body.liaison
        if liaison is None:
            report.packed.append(Packed(body.id, "", (), [], len(items)))
            continue
        brief = of_edition[body.id]
        attachments = [(attachment_name(brief, lang, renderer.symbol), lang, pdfs.data[(body.id, lang)])
                       for lang in liaison.languages]  # fmt: skip
        reply_name = f"{body.id}.md"
        existing = content / "bodies" / reply_name
        reply, _ = response_file(corpus, body.id, edition, today,
                                 existing.read_text("utf-8") if existing.is_file() else None,
                                 items)  # fmt: skip
        lang = liaison.languages[0]
        env = renderer.env(lang)
        igf = _letter_presenter(renderer, lang)
        # Plain text: an untranslated label's mark has no place to become lang="en".
        letter = strip(env.get_template(LETTER_TEMPLATE).render(
            igf=igf, body=body, liaison=liaison, edition=corpus.editions[edition], items=items,
            briefs=[a[0] for a in attachments], response_file=reply_name,
        ))  # fmt: skip
        gettext = renderer.gettext(lang)
        subject = gettext("%(forum)s: messages to %(body)s, %(meeting)s") % {
            "forum": forum(gettext), "body": body.acronym.get(lang)[0],
            "meeting": corpus.editions[edition].title.get(lang)[0]}  # fmt: skip
        mail = _email(sender, body, subject, lang, letter, attachments, reply_name, reply)
        eml = outbox / f"{body.id}.eml"
        (folder / eml.name).write_bytes(mail.as_bytes(policy=SMTP))
        report.packed.append(Packed(body.id, str(_address(body)),
                                    liaison.languages, [*(a[0] for a in attachments), reply_name],
                                    len(items), eml))  # fmt: skip
    (folder / "manifest.csv").write_text(manifest(report.packed), encoding="utf-8", newline="")
    return report


def _email(sender: str, body: Body, subject: str, lang: str, letter: str,
           attachments: list[tuple[str, str, bytes]], reply_name: str,
           reply: str) -> EmailMessage:  # fmt: skip
    assert body.liaison is not None
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = _address(body)
    mail["Subject"] = subject if subject.isascii() else _Subject(subject)
    # A draft: mail clients (Outlook, Thunderbird) open it ready to send, not as received.
    mail["X-Unsent"] = "1"
    mail.set_content(letter, charset="utf-8")
    for name, attachment_lang, data in attachments:
        mail.add_attachment(data, maintype="application", subtype="pdf", filename=name,
                            headers=[f"Content-Language: {attachment_lang}"])  # fmt: skip
    # As bytes (base64): a text part would get the mail's CRLF line ends in the saved file.
    mail.add_attachment(reply.encode("utf-8"), maintype="text", subtype="markdown",
                        filename=reply_name, params={"charset": "utf-8"})  # fmt: skip
    # Set last: turning the message into multipart/mixed moves Content-* headers.
    mail["Content-Language"] = lang
    next(mail.iter_parts())["Content-Language"] = lang
    return mail


class _Subject(str):
    """A Subject folded as encoded words that hold their spaces, so that it decodes to
    exactly its text. The space between two encoded words is not text (RFC 2047), and
    Python's own folding (3.11) put some outside them: Arabic words ran together, French
    got a double space. The email package calls ``fold`` of a header object (one with a
    ``name``) instead of folding it itself."""

    name = "Subject"

    def fold(self, *, policy: Policy) -> str:
        encoded = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {encoded}{policy.linesep}"


def _address(body: Body) -> Address:
    assert body.liaison is not None
    user, _, domain = body.liaison.email.partition("@")
    return Address(display_name=body.liaison.name, username=user, domain=domain)


@dataclass
class _Pdfs:
    data: dict[tuple[str, str], bytes]  # (body id, language) -> PDF
    rendered: int


def _briefs_as_pdf(renderer: Renderer, corpus: Corpus, of_edition: dict[str, Brief],
                   bodies: list[Body], cache: Path, theme_dirs: Sequence[Path],
                   workers: int) -> _Pdfs:  # fmt: skip
    """The briefs the e-mails attach, through the build's cache (same keys as printing)."""
    fonts = font_identity()
    store = PdfCache(cache / "pdf")
    jobs: dict[tuple[str, str], Job] = {}
    for body in bodies:
        if body.liaison is None:
            continue
        brief = of_edition[body.id]
        for lang in body.liaison.languages:
            html = renderer.brief_document(brief, lang, brief.everything())
            k = key(html, fingerprint=renderer.fingerprint(lang), fonts=fonts, max_pages=MAX_PAGES)
            jobs[(body.id, lang)] = Job(brief.pdf_url(lang), lang, k, html, brief.key, brief.total)
    missing = [j for j in {j.key: j for j in jobs.values()}.values() if store.get(j.key) is None]
    roots = [d for d in theme_dirs if (d / "igfpub").is_dir()]
    for job, done in render(missing, renderer, roots, workers):
        store.put(job.key, done.data, pages=done.pages, shown=done.shown, notes=done.notes)
    data = {}
    for where, job in jobs.items():
        entry = store.get(job.key)
        assert entry is not None
        data[where] = entry.pdf.read_bytes()
    return _Pdfs(data, len(missing))


def manifest(packed: list[Packed]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for p in packed:
        writer.writerow({"body": p.body, "liaison": p.liaison, "languages": " ".join(p.languages),
                         "attachments": " ".join(p.attachments), "messages": p.messages})  # fmt: skip
    return buffer.getvalue()
