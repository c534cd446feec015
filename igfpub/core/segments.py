"""What a translator translates: every document cut into segments with stable ids.

Ids are the document's id and a field (``IGF2025-WS-142/title``, ``IGF2025-WS-142/kt-2``,
the message ids of the contract), or for the narrative ``IGF2025-WS-142/body/p-3f2a9c0b``:
the block's kind and a hash of its text. A position would renumber every later block when
one paragraph is inserted, and the translator would be sent the whole narrative again; a
hash changes only for the block that changed. Editions are ``edition:2025/...`` (their
tracks ``edition:2025/track-trust/title``), free pages are named by their file
(``page:about.md/title``, ``page:index.md/body/p-3f2a9c0b``), a body's report-back by its
body and the place of each text in the file's lists (``report:itu/response-2``,
``report:itu/follow-up-1``, ``report:itu/body/p-3f2a9c0b``), and registry entries
``registry:bodies/itu/name``.

Everything here is pure: it reads the model, never a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from igfpub.core import mdblocks
from igfpub.core.loader import DATA_SECTIONS
from igfpub.core.model import (
    MESSAGE_LISTS,
    Body,
    BodyReport,
    Corpus,
    Edition,
    FreePage,
    Group,
    Intersessional,
    Localized,
    Observatory,
    ReportPage,
    Session,
)

BODY = "body/"
_FIELD_NAMES = {
    "kt": "key takeaway",
    "cta": "call to action",
    "rec": "recommendation",
    "con": "point of agreement",
    "div": "area of difference",
    "min": "minority view",
}


@dataclass(frozen=True)
class Segment:
    id: str  # "IGF2025-WS-142/kt-2"
    doc: str  # the document it belongs to: "IGF2025-WS-142", "edition:2025", "registry:bodies/itu"
    path: str  # the source file, relative to the content folder
    field: str  # "title", "kt-2", "body/p-3f2a9c0b", "track-trust/title", "name"
    text: str  # the source text as written (Markdown, or plain text if not markdown)
    note: str  # context for the translator
    markdown: bool = True

    @property
    def words(self) -> int:
        return len(self.text.split())

    def parts(self) -> list[mdblocks.Piece]:
        return mdblocks.pieces(self.text) if self.markdown else [self.text]


Doc = Session | Intersessional | Edition | FreePage | ReportPage
PAGE = "page:"
REPORT = "report:"


def doc_key(doc: Doc) -> str:
    if isinstance(doc, FreePage):
        return PAGE + doc.source.path
    if isinstance(doc, ReportPage):
        return REPORT + doc.body
    return f"edition:{doc.edition}" if isinstance(doc, Edition) else doc.id


def document_segments(doc: Doc, source: str) -> list[Segment]:
    """The title, messages and narrative blocks of a session, intersessional document or
    edition (with its tracks), or the title (if its front matter has one) and blocks of
    a free page, in reading order."""
    fields: list[tuple[str, str, str, bool]] = []
    if isinstance(doc, FreePage):
        title = doc.title.values[source] if doc.title is not None else ""
        return _build(doc_key(doc), doc.source.path, title, [], doc.text.body.values[source])
    if isinstance(doc, ReportPage):
        for _, field, n, text, what in report_texts(doc):
            fields.append(_report_item(field, n, text.values[source], what))
        return _build(doc_key(doc), doc.source.path, "", fields, doc.text.body.values[source])
    if isinstance(doc, Edition):
        for track in doc.tracks:
            title = track.title.values.get(source, "")
            narrative = track.narrative.values.get(source) if track.narrative else None
            fields.extend(_track(track.id, title, narrative))
    else:
        for m in doc.messages:
            fields.append(_message(m.token, m.position, m.text.values[source]))
    return _build(
        doc_key(doc),
        doc.source.path,
        doc.title.values[source],
        fields,
        doc.text.body.values.get(source, ""),
    )


def raw_document_segments(
    meta: Mapping[str, Any], body: str, path: str, source: str
) -> list[Segment] | None:
    """The same segments from a file's front matter as written (an older version of a
    source, found in the repository's history); None if it is not a document."""
    if not isinstance(meta, Mapping):
        return None

    def text(value: Any) -> str:
        if isinstance(value, Mapping):
            value = value.get(source, "")
        return value.strip() if isinstance(value, str) else ""

    fields: list[tuple[str, str, str, bool]] = []
    if "id" in meta:
        key = str(meta["id"])
        for list_key, (token, _) in MESSAGE_LISTS.items():
            items = meta.get(list_key)
            for i, item in enumerate(items if isinstance(items, list) else [], 1):
                value = item.get("text") if isinstance(item, Mapping) else item
                fields.append(_message(token, i, text(value)))
    elif "body" in meta and path.split("/", 1)[0] == "bodies":
        key = f"{REPORT}{str(meta['body']).strip().lower()}"  # as the registry's id
        for list_key, field in REPORT_LISTS:
            items = meta.get(list_key)
            for i, item in enumerate(items if isinstance(items, list) else [], 1):
                written = text(item.get("text")) if isinstance(item, Mapping) else ""
                if written:
                    fields.append(_report_item(field, i, written))
    elif "edition" in meta:
        key = f"edition:{meta['edition']}"
        for track in meta.get("tracks") or []:
            if isinstance(track, Mapping):
                narrative = text(track.get("narrative")) or None
                fields.extend(_track(str(track.get("id")), text(track.get("title")), narrative))
    elif path.split("/", 1)[0] not in DATA_SECTIONS:
        key = PAGE + path
    else:
        return None
    return _build(key, path, text(meta.get("title")), fields, body)


def _track(track_id: str, title: str, narrative: str | None) -> list[tuple[str, str, str, bool]]:
    out = [(f"track-{track_id}/title", title, f"title of track {track_id}", False)]
    if narrative:
        out.append((f"track-{track_id}/narrative", narrative, f"narrative of track {title}", True))
    return out


def _message(token: str, position: int, text: str) -> tuple[str, str, str, bool]:
    return (f"{token}-{position}", text, f"{_FIELD_NAMES[token]} {position}", True)


# A report-back's lists of texts, and the name of an item's segment (report:itu/follow-up-2).
REPORT_LISTS = (("responses", "response"), ("follow_up", "follow-up"))
_REPORT_LIST_OF = {field: key for key, field in REPORT_LISTS}


def report_texts(doc: ReportPage) -> list[tuple[str, str, int, Localized, str]]:
    """(list, segment name, place in the list, text, what it is) of each text of the
    report-back's lists, in file order."""
    lists = zip(REPORT_LISTS, (doc.responses, doc.follow_up), strict=True)
    return [(key, field, n, text, what)
            for (key, field), items in lists for n, text, what in items]  # fmt: skip


def _report_item(
    field: str, position: int, text: str, what: str = ""
) -> tuple[str, str, str, bool]:
    """A response's or follow-up entry's text, by its place in the file's list."""
    list_key = _REPORT_LIST_OF[field]
    note = f"{list_key} entry {position}" + (f": {what}" if what else "")
    return (f"{field}-{position}", text, note, True)


def _build(
    key: str, path: str, title: str, fields: list[tuple[str, str, str, bool]], body: str
) -> list[Segment]:
    if key.startswith(PAGE):
        what = f"page {path}" + (f": {title}" if title else "")
    elif key.startswith(REPORT):
        what = f"report-back of {key[len(REPORT) :]}"
    elif key.startswith("edition:"):
        what = f"edition {key.split(':', 1)[1]}"
    else:
        what = f"{key}: {title}"

    def seg(field: str, text: str, note: str, markdown: bool = True) -> Segment:
        return Segment(f"{key}/{field}", key, path, field, text, f"{what} | {note}", markdown)

    # A free page without a title in its front matter takes it from its first heading,
    # a block of its own.
    part = "text" if key.startswith(PAGE) else "report"
    untitled = key.startswith((PAGE, REPORT))
    out = [seg("title", title, "title", markdown=False)] if title or not untitled else []
    out.extend(seg(*f) for f in fields)
    for b in mdblocks.blocks(body):
        out.append(seg(BODY + b.key, b.text, f"{part}, {_BLOCK_NAMES[b.kind]}"))
    return out


_BLOCK_NAMES = {
    "h": "heading",
    "p": "paragraph",
    "li": "list item",
    "q": "quotation",
    "th": "table heading cell",
    "td": "table cell",
    "fn": "footnote",
    "dt": "defined term",
    "dd": "definition",
    "t": "box title",
}


def registry_segments(corpus: Corpus) -> list[Segment]:
    """Names (and acronyms) of bodies, groups and observatories."""
    src = corpus.languages.source
    out: list[Segment] = []
    entries: list[tuple[str, Body | Group | Observatory]] = [
        *(("bodies", b) for b in corpus.bodies.values()),
        *(("groups", g) for g in corpus.groups.values()),
        *(("observatories", o) for o in corpus.observatories.values()),
    ]
    for kind, entry in entries:
        key = f"registry:{kind}/{entry.id}"
        path = entry.source.path
        fields: list[tuple[str, Localized]] = [("name", entry.name)]
        if not isinstance(entry, Observatory):
            fields.append(("acronym", entry.acronym))
        for field, value in fields:
            text = value.values.get(src, "")
            if text:
                note = f"{kind[:-1] if kind != 'bodies' else 'body'} {entry.id} | {field}"
                out.append(Segment(f"{key}/{field}", key, path, field, text, note, False))
    return out


def corpus_segments(corpus: Corpus, edition: int | None = None) -> list[Segment]:
    """Every segment of the content folder (of one edition, registries always included)."""
    src = corpus.languages.source
    out: list[Segment] = []
    for doc in documents(corpus, edition):
        out.extend(document_segments(doc, src))
    out.extend(registry_segments(corpus))
    return out


def documents(corpus: Corpus, edition: int | None = None) -> list[Doc]:
    """The documents translators translate: of one edition (with the report-backs that
    respond to it), or all of them, free pages (which belong to no edition) and every
    report-back included."""
    docs = [*corpus.editions.values(), *corpus.documents()]
    reports = [
        r for r in corpus.reports.values() if edition is None or _answers(corpus, r, edition)
    ]
    pages = [r.translatable for r in reports]
    if edition is not None:
        return [*(d for d in docs if d.edition == edition), *pages]
    return [*docs, *corpus.free_pages.values(), *pages]


def _answers(corpus: Corpus, report: BodyReport, edition: int) -> bool:
    """Whether a report-back says something about that edition: a response, or a step of
    what the body did with one of its messages."""
    if any(r.edition == edition for r in report.responses):
        return True
    for entry in report.follow_up:
        doc = corpus.document(entry.message.partition("/")[0])
        if doc is not None and doc.edition == edition:
            return True
    return False


# -- what is already translated ------------------------------------------------------------
def translated(
    doc: Doc, lang: str, source: str, translated_source: Sequence[Segment] | None
) -> dict[str, str]:
    """Segment id -> the text of ``doc``'s translation into ``lang``, for every segment the
    translation holds. Narrative blocks are matched with the blocks of the source version
    the translation was made from (``translated_source``), position by position; when that
    version is unknown, or the block structure differs, no block counts as translated."""
    key = doc_key(doc)
    out: dict[str, str] = {}
    if doc.title is not None and lang in doc.title.values:
        out[f"{key}/title"] = doc.title.values[lang]
    if isinstance(doc, FreePage):
        pass
    elif isinstance(doc, ReportPage):
        for _, field, n, text, _ in report_texts(doc):
            if lang in text.values:
                out[f"{key}/{field}-{n}"] = text.values[lang]
    elif isinstance(doc, Edition):
        for track in doc.tracks:
            if lang in track.title.values:
                out[f"{key}/track-{track.id}/title"] = track.title.values[lang]
            if track.narrative and lang in track.narrative.values:
                out[f"{key}/track-{track.id}/narrative"] = track.narrative.values[lang]
    else:
        for m in doc.messages:
            if lang in m.text.values:
                out[f"{key}/{m.token}-{m.position}"] = m.text.values[lang]
    body = doc.text.body.values.get(lang)
    if body and translated_source is not None:
        old = [s for s in translated_source if s.field.startswith(BODY)]
        mine = mdblocks.blocks(body)
        if len(old) == len(mine) and all(
            o.field[len(BODY) :].split("-", 1)[0] == b.kind for o, b in zip(old, mine, strict=True)
        ):
            for o, b in zip(old, mine, strict=True):
                out[o.id] = b.text
    return out


def registry_translated(corpus: Corpus, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for seg in registry_segments(corpus):
        kind, entry_id = seg.doc.split(":", 1)[1].split("/", 1)
        tables: dict[str, Mapping[str, Body | Group | Observatory]] = {
            "bodies": corpus.bodies,
            "groups": corpus.groups,
            "observatories": corpus.observatories,
        }
        value: Localized = getattr(tables[kind][entry_id], seg.field)
        if lang in value.values:
            out[seg.id] = value.values[lang]
    return out


# -- what changed ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    id: str  # the current segment's id, or the old one's if it was removed
    old: str | None  # None: new segment
    new: str | None  # None: removed segment
    old_id: str | None = None  # the segment it replaces (a narrative block's id changes)


def changes(old: Sequence[Segment], new: Sequence[Segment]) -> list[Change]:
    """The segments of ``new`` that differ from ``old``. Fields are compared by id; narrative
    blocks, whose ids follow their text, are paired by their order, so an edited paragraph
    shows as its old and new text rather than as one removal and one addition."""
    import difflib

    out: list[Change] = []
    old_fields = {s.id: s.text for s in old if not s.field.startswith(BODY)}
    for s in new:
        if s.field.startswith(BODY):
            continue
        if old_fields.get(s.id) != s.text:
            was = s.id if s.id in old_fields else None
            out.append(Change(s.id, old_fields.get(s.id), s.text, was))
    a = [s for s in old if s.field.startswith(BODY)]
    b = [s for s in new if s.field.startswith(BODY)]
    matcher = difflib.SequenceMatcher(a=[s.id for s in a], b=[s.id for s in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            ident = n.id if n is not None else o.id if o is not None else ""
            out.append(
                Change(ident, o.text if o else None, n.text if n else None, o.id if o else None)
            )
    return out


def pending(
    current: Iterable[Segment], done: Mapping[str, str], old: Mapping[str, str] | None
) -> list[Segment]:
    """The segments left to translate: not translated yet, or translated from a source text
    that has changed since (``old``: segment id -> source text the translation was made
    from; ``None`` when that is the current source)."""
    return [s for s in current if s.id not in done or (old is not None and old.get(s.id) != s.text)]
