"""Load a content folder into a validated :class:`Corpus`, reporting every problem.

Loading never stops at the first bad file: each file is read, each field checked, and the
result is the corpus built from what was valid plus the full list of located problems.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, cast

from igfpub.core.fields import (
    MISSING,
    REGISTRY_ID,
    Fields,
    canonical_id,
    quoted,
    source_hash_digits,
    whole_number,
)
from igfpub.core.frontmatter import (
    MAX_BYTES,
    Document,
    Parsed,
    ReadError,
    Remembered,
    read_document,
)
from igfpub.core.issues import Issue, Issues
from igfpub.core.languages import site_languages, split_suffix
from igfpub.core.links import Linker
from igfpub.core.markup import (
    Links,
    Place,
    id_problems,
    link_problems,
    may_link,
    may_link_heading,
    outline,
)
from igfpub.core.model import (
    ADDRESSED_LISTS,
    EDITION_FORMATS,
    MESSAGE_LISTS,
    MESSAGE_STATUSES,
    SESSION_TYPES,
    STAKEHOLDERS,
    TRANSLATION_STATUSES,
    Body,
    BodyReport,
    Corpus,
    Edition,
    FreePage,
    Group,
    Intersessional,
    Localized,
    Message,
    Narrative,
    Response,
    Session,
    Source,
    Track,
    TranslationInfo,
)
from igfpub.core.registry import Entries, load_bodies, load_groups, load_observatories
from igfpub.core.reportback import read_follow_up, targets, translated_texts

# Folders whose Markdown igfpub reads as data (everything else is an ordinary page).
DATA_SECTIONS = ("editions", "sessions", "messages", "bodies")
# The line of a problem with a file as a whole (its name, its language, its bytes): the
# first, so that every problem in a file reads path:line:, and an editor opens the file.
# Line 0 (path: error:) is left to what has no line: a folder, a file that is missing.
WHOLE_FILE = 1
# Front-matter fields a translation inherits from its source.
STRUCTURAL = ("id", "edition", "type", "track", "date", "group", "status", "rapporteur",
              "organizers", "stakeholders", "participants", "links", "full_report")  # fmt: skip
# The same, in an item of a list (a call to action's addressees): read from the source's item.
ITEM_STRUCTURAL = ("to", "stakeholders")
SESSION_LISTS = ("key_takeaways", "calls_to_action", "consensus", "divergence")
INTERSESSIONAL_LISTS = ("key_takeaways", "recommendations", "minority_views")
# The fields of one kind of document that the other kind does not read, each with what to
# write instead (or ""): a writer who starts from the other kind's template, or expects
# its sections, would otherwise see text vanish from the page while `check` says OK.
SESSION_ONLY = {
    "calls_to_action": "write them as recommendations",
    "consensus": "write points of agreement as key_takeaways",
    "divergence": "write differences of view as minority_views",
    "type": "its kind (bpf, dc, pn) is its group's, in registry/groups.yml",
    "track": "",
    "date": "",
    "rapporteur": "",
    "organizers": "its group is named instead",
    "stakeholders": "its group's stakeholder_groups (registry/groups.yml) are shown instead",
    "participants": "",
    "links": "write the address of the full report as full_report",
}
INTERSESSIONAL_ONLY = {
    "recommendations": "write them as calls_to_action",
    "minority_views": "write them as divergence",
    "group": "",
    "status": "",
    "full_report": "write it in links, e.g. links: {report: https://...}",
}


@dataclass(frozen=True)
class Limits:
    """Configurable limits of the session template (the IGF asks for at most three)."""

    key_takeaways: int = 3
    calls_to_action: int = 3


@dataclass
class LoadResult:
    corpus: Corpus
    issues: list[Issue]

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)


@dataclass
class _File:
    rel: str
    abs: Path
    lang: str
    data: bytes = b""
    doc: Document | None = None


class _Made(NamedTuple):
    """A document as the loader made it, and what making it said (_Loader._made)."""

    item: Any  # Session | Intersessional
    claim: tuple[str, str]  # its id, lower-cased, and where it is written
    issues: tuple[Issue, ...]  # its warnings
    texts: tuple[tuple[str, int, str], ...]  # its texts, for the link check


@dataclass
class _Family:
    """A source file and its translations (same folder, same stem)."""

    source: _File | None = None
    translations: dict[str, _File] = field(default_factory=dict)


def source_hash(data: bytes) -> str:
    """The ``source_hash`` a new translation records: the first 12 hex digits of the
    SHA-256 of the source's bytes (the contract accepts 12 to 64)."""
    return hashlib.sha256(data).hexdigest()[:12]


def load_corpus(
    content_dir: Path | str, limits: Limits | None = None, parsed: Parsed | None = None
) -> LoadResult:
    """``parsed``: files read by earlier loads of the same folder (the preview server)."""
    loader = _Loader(Path(content_dir), limits or Limits(), parsed)
    try:
        return loader.load()
    finally:
        if parsed is not None:
            parsed.done()


def reload_documents(
    content_dir: Path,
    base: Corpus,
    rels: list[str],
    limits: Limits | None = None,
) -> tuple[LoadResult, set[str]] | None:
    """``base`` with the documents that ``rels`` (content files, source or translation) belong
    to read again, everything else as it was; and those documents' ids. This is the
    preview's first look at a save, in milliseconds: the full load that follows also checks
    what spans documents (links, follow-up). A new session or intersessional document is
    read too: its own pages depend on nothing that other documents' pages show
    (igfpub.core.inputs). None when a file is not part of a session or intersessional
    document with a source, when the document is not valid or takes an id another one
    has, or when an existing document's id or edition changed (pages would move)."""
    loader = _Loader(content_dir, limits or Limits())
    loader.bodies, loader.editions = dict(base.bodies), dict(base.editions)
    loader.groups = dict(base.groups)
    languages = site_languages()
    by_path = {doc.source.path: doc for doc in base.documents()}
    families: dict[str, _Family] = {}
    for rel in rels:
        folder, _, name = rel.rpartition("/")
        stem, _lang = split_suffix(name)
        source = f"{folder}/{stem}.md"
        if source not in by_path and (
            folder.split("/", 1)[0] not in ("sessions", "messages")
            or not (content_dir / source).is_file()
        ):
            return None
        if source in families:
            continue
        fam = families[source] = _Family(_File(source, content_dir / source, languages.source))
        for lang in languages.translations:
            path = content_dir / folder / f"{stem}.{lang}.md"
            if path.is_file():
                fam.translations[lang] = _File(f"{folder}/{stem}.{lang}.md", path, lang)
    # The ids of the documents not read again, taken: a new document with one of them is
    # the full load's to report.
    for doc in base.documents():
        if doc.source.path not in families:
            loader.ids[doc.id.lower()] = f"{doc.source.path}:{doc.source.line}"
    sessions, inters = dict(base.sessions), dict(base.intersessional)
    for source, fam in families.items():
        old = by_path.get(source)
        assert fam.source is not None
        if loader._read(fam.source) is None:
            return None
        for t in fam.translations.values():
            loader._read(t)
        is_session = isinstance(old, Session) if old else source.startswith("sessions/")
        new = loader._session(fam) if is_session else loader._intersessional(fam)
        if new is None or (old is not None and (new.id, new.edition) != (old.id, old.edition)):
            return None
        if isinstance(new, Session):
            sessions[new.id] = new
        else:
            inters[new.id] = new
    issues = loader.issues.sorted()
    if any(i.is_error for i in issues):
        return None
    if any(may_link_heading(text) for _, _, text in loader.texts):
        # It may link a heading (corpus.heading_targets), which only a whole load finds.
        return None
    corpus = replace(base, sessions=sessions, intersessional=inters)
    ids = {doc.id for doc in corpus.documents() if doc.source.path in families}
    return LoadResult(corpus, issues), ids


def _by_file(found: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {path: frozenset(names) for path, names in sorted(found.items()) if names}


def _source_path(path: str) -> str:
    """The source's path of a content file: ``sessions/2025/a.md`` for ``.../a.fr.md``."""
    folder, _, name = path.rpartition("/")
    stem, _lang = split_suffix(name)
    return f"{folder}/{stem}.md" if folder else f"{stem}.md"


class _Loader:
    def __init__(self, root: Path, limits: Limits, parsed: Parsed | None = None) -> None:
        self.root = root
        self.limits = limits
        self.read_document = parsed.read if parsed is not None else read_document
        self.memo = parsed.documents if parsed is not None else None
        self.context = ""  # what a document is checked against (_remember_context)
        self.issues = Issues()
        self.bodies: dict[str, Body] = {}
        self.ids: dict[str, str] = {}  # lower-cased id -> "path:line" of first use
        # What errors kept out of the archive (load()): documents (_left_out) and their
        # ids, lower-cased, the registries' entries, and the editions' years.
        self.left_out: list[_Family] = []
        self.faulty_ids: frozenset[str] = frozenset()
        self.faulty_bodies: frozenset[str] = frozenset()
        self.faulty_groups: frozenset[str] = frozenset()
        self.faulty_editions: set[int] = set()
        # Every Markdown text read, for the link check once all targets are known:
        # (file, line where the text starts, text).
        self.texts: list[tuple[str, int, str]] = []

    # -- the walk ----------------------------------------------------------------------
    def load(self) -> LoadResult:
        if not self.root.is_dir():
            self.issues.error(str(self.root), 0, "content folder not found")
            return LoadResult(_empty_corpus(), self.issues.sorted())
        families, pages = self._families()
        reg = self.root / "registry"
        bodies: Entries[Body] = self._registry(reg / "bodies.yml", load_bodies, required=True)
        self.bodies = dict(bodies)  # plain: the corpus travels to workers and into digests
        found_groups: Entries[Group] = self._registry(reg / "groups.yml", load_groups)
        groups = dict(found_groups)
        observatories = self._registry(reg / "observatories.yml", load_observatories)
        self.faulty_bodies = bodies.left_out
        self.faulty_groups = found_groups.left_out

        editions = {e.edition: e for e in self._each(families, "editions", self._edition)}
        self.editions = editions
        self.faulty_editions = {
            int(stem) for stem in (k.rpartition("/")[2] for k in families.get("editions", {}))
            if stem.isdigit() and int(stem) not in editions
        }  # fmt: skip
        self.groups = groups
        self._remember_context()
        sessions = sorted(
            self._each(families, "sessions", self._session, memo=True),
            key=lambda s: (s.edition, s.date, s.id),
        )
        inters = sorted(
            self._each(families, "messages", self._intersessional, memo=True),
            key=lambda d: (d.edition, d.group, d.id),
        )
        known = {s.id for s in sessions} | {d.id for d in inters}
        self.left_out = _left_out(families, (*sessions, *inters))
        known_lower = {doc_id.lower() for doc_id in known}
        self.faulty_ids = frozenset(
            written
            for fam in self.left_out
            if fam.source is not None
            and (written := _written_id(fam.source)) is not None
            and written not in known_lower
        )
        self.targets = targets(sessions, inters, editions)
        reports = self._reports(self._each(families, "bodies", lambda f: self._report(f, known)))
        corpus = Corpus(
            bodies=self.bodies,
            groups=groups,
            observatories=observatories,
            editions=dict(sorted(editions.items(), reverse=True)),
            sessions={s.id: s for s in sessions},
            intersessional={d.id: d for d in inters},
            reports=reports,
            pages=tuple(pages),
            languages=site_languages(),
        )
        page_translations = {}
        read: dict[str, _PageText] = {}
        for page in pages:
            info = self._free_page(page, read)
            if info is not None:
                page_translations[page] = info
        free_pages = _free_pages(read, page_translations)
        corpus = replace(corpus, page_translations=page_translations, free_pages=free_pages)
        corpus = self._check_links(corpus)
        return LoadResult(corpus, self.issues.sorted())

    # -- links between documents -----------------------------------------------------------
    def _text(self, path: str, line: int, text: str, place: Place = "elsewhere") -> None:
        """A Markdown text of ``path`` from ``line``: its links are checked once every
        target is known, the ids it gives elements now."""
        if may_link(text):
            self.texts.append((path, line, text))
        for at, message in id_problems(text, place):
            self.issues.warning(path, line + text.count("\n", 0, at), message)
        if "[^" in text:
            for at, message in footnote_problems(text):
                self.issues.warning(path, line + text.count("\n", 0, at), message)

    def _check_links(self, corpus: Corpus) -> Corpus:
        """Reports every link that leads nowhere; the corpus, with the documents whose
        headings links name."""
        if not self.texts:
            return corpus
        # Files with errors of their own, and the documents left out with an edition in
        # error: a link to one is not also said to lead to no file.
        left_out = {
            file.rel
            for fam in self.left_out
            for file in (fam.source, *fam.translations.values())
            if file is not None
        }
        faulty = frozenset(i.path for i in self.issues.sorted() if i.is_error) | left_out
        linker = Linker(corpus, self._assets(), outline, faulty, self.faulty_ids)
        linked: defaultdict[str, set[str]] = defaultdict(set)
        headings: defaultdict[str, set[str]] = defaultdict(set)
        for path, line, text in self.texts:
            # What this file's links lead to, recorded under its source's path.
            source = _source_path(path)
            linker.linked_docs, linker.heading_targets = linked[source], headings[source]
            for written, message, is_error in link_problems(text, Links(linker, path)):
                at = text.lower().find(written.lower())
                where = line + (text.count("\n", 0, at) if at > 0 else 0)
                if is_error:
                    self.issues.error(path, where, message)
                else:
                    self.issues.warning(path, where, message)
        return replace(corpus, heading_targets=frozenset().union(*headings.values()),
                       linked_docs=_by_file(linked), linked_headings=_by_file(headings))  # fmt: skip

    def _assets(self) -> frozenset[str]:
        """Files other than Markdown in the content folder (not hidden): what an image or
        download link may point at."""
        found = set()
        for folder, dirs, files in os.walk(self.root):
            rel = Path(folder).relative_to(self.root).as_posix()
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith(".") and not name.endswith(".md"):
                    found.add(name if rel == "." else f"{rel}/{name}")
        return frozenset(found)

    def _free_page(self, rel: str, read: dict[str, _PageText]) -> TranslationInfo | None:
        """An ordinary page (home, about): MkDocs renders it, igfpub checks it like any
        content: hostile markup in its title or body, and its links. A translation's
        ``translation:`` is read as a document's: what its page says of it. What
        translators translate of it goes into ``read``."""
        file = _File(rel, self.root / rel, site_languages().source)
        try:
            if file.abs.stat().st_size > MAX_BYTES:
                raise ReadError(1, f"file is larger than the {MAX_BYTES}-byte limit")
            raw = file.abs.read_bytes()
            doc = self.read_document(raw)
        except ReadError as exc:
            for line, message in exc.problems:
                self.issues.error(rel, line, message)
            return None
        except OSError as exc:
            self.issues.error(rel, WHOLE_FILE, f"cannot read: {exc.strerror}")
            return None
        for line, message in doc.marks.twice:
            self.issues.error(rel, line, message)
        f = Fields(doc, rel, self.issues)
        title = f.string("title", prose=True)
        f.check_body()
        self._text(rel, doc.body_line, doc.body, "free")
        stem, lang = split_suffix(file.abs.name)
        lang = lang or site_languages().source
        read[rel] = _PageText(lang, title, doc.body, source_hash(raw))
        if lang == site_languages().source:
            return None
        try:
            current = source_hash(file.abs.with_name(f"{stem}.md").read_bytes())
        except OSError:
            current = ""  # no source: the i18n plugin shows it as it is
        info = self._translation_info(f, lang, current)
        return replace(info, stale=info.stale and bool(current))

    def _families(self) -> tuple[dict[str, dict[str, _Family]], list[str]]:
        """Group Markdown files by section and (folder, stem); refuse unknown languages."""
        families: dict[str, dict[str, _Family]] = defaultdict(lambda: defaultdict(_Family))
        pages: list[str] = []
        for rel, path in self._walk(self.root, ""):
            stem, lang = split_suffix(path.name)
            if lang is not None and lang not in site_languages().codes:
                self.issues.error(
                    rel,
                    WHOLE_FILE,
                    f"unknown language suffix '.{lang}'; "
                    f"expected one of: {', '.join(site_languages().translations)}",
                )
                continue
            section = rel.split("/", 1)[0] if "/" in rel else ""
            if section not in DATA_SECTIONS:
                pages.append(rel)
                continue
            key = f"{rel.rpartition('/')[0]}/{stem}"
            fam = families[section][key]
            file = _File(rel, path, lang or site_languages().source)
            if lang is None or lang == site_languages().source:
                if fam.source is not None:
                    # The file without a suffix is the source, whichever sorts first: the
                    # other was read as the source and said every field it lacks missing.
                    extra, kept = (fam.source, file) if lang is None else (file, fam.source)
                    self.issues.error(
                        extra.rel,
                        WHOLE_FILE,
                        f"two sources for one document: {kept.rel} is its source; a "
                        "translation's suffix names another language of the site",
                        [kept.rel],
                    )
                    fam.source = kept
                    continue
                fam.source = file
            else:
                fam.translations[lang] = file
        return families, sorted(pages)

    def _walk(self, folder: Path, prefix: str) -> Iterator[tuple[str, Path]]:
        """The Markdown files under ``folder``, by name: (path in the content, path)."""
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            if entry.is_symlink():
                continue  # never follow links out of the content folder
            if entry.is_dir():
                yield from self._walk(folder / entry.name, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".md"):
                yield f"{prefix}{entry.name}", folder / entry.name

    def _read(self, file: _File) -> Document | None:
        return self._parse(file) if self._read_bytes(file) else None

    def _read_bytes(self, file: _File) -> bool:
        try:
            if file.abs.stat().st_size > MAX_BYTES:
                raise ReadError(1, f"file is larger than the {MAX_BYTES}-byte limit")
            file.data = file.abs.read_bytes()
        except ReadError as exc:
            for line, message in exc.problems:
                self.issues.error(file.rel, line, message)
            return False
        except OSError as exc:
            self.issues.error(file.rel, WHOLE_FILE, f"cannot read: {exc.strerror}")
            return False
        return True

    def _parse(self, file: _File) -> Document | None:
        try:
            file.doc = self.read_document(file.data)
        except ReadError as exc:
            for line, message in exc.problems:
                self.issues.error(file.rel, line, message)
            return None
        if not file.doc.has_front_matter:
            self.issues.error(file.rel, 1, "front matter ('---' block of fields) is missing")
            return None
        for line, message in file.doc.marks.twice:
            self.issues.error(file.rel, line, message)
        return file.doc

    def _registry(self, path: Path, load: Any, required: bool = False) -> Any:
        rel = path.relative_to(self.root).as_posix()
        if not path.exists():
            if required:
                self.issues.error(rel, 0, "registry file is missing")
            return Entries()
        return load(path, rel, self.issues)

    def _each(
        self, families: dict[str, dict[str, _Family]], section: str, make: Any, memo: bool = False
    ) -> list[Any]:
        out = []
        for fam in families.get(section, {}).values():
            if fam.source is None:
                for t in fam.translations.values():
                    stem = split_suffix(Path(t.rel).name)[0]
                    self.issues.error(
                        t.rel,
                        WHOLE_FILE,
                        f"translation without a source: expected "
                        f"{Path(t.rel).parent.as_posix()}/{stem}.md",
                    )
                continue
            if memo and self.memo is not None:
                item = self._made(fam, make, self.memo)
            else:
                if self._read(fam.source) is None:
                    continue
                for t in fam.translations.values():
                    self._read(t)
                item = make(fam)
            if item is not None:
                out.append(item)
        return out

    # -- documents made before ---------------------------------------------------------
    # Making a session of its files (checking every field, merging its translations) was
    # most of the load of a large archive: 1.4 s of every build at 2,000 sessions, though
    # a build after one report landed has one document to make. A document made without
    # errors is remembered by its files' bytes and what it was checked against, with the
    # warnings and texts it gave; igfpub's code is in the parse cache's fingerprint.
    def _remember_context(self) -> None:
        """What a session or intersessional document is checked against, besides its files:
        the limits, the languages, the registries and the editions."""
        context = (
            (self.limits, site_languages().codes),
            (self.editions, sorted(self.faulty_editions)),
            (self.bodies, sorted(self.faulty_bodies)),
            (self.groups, sorted(self.faulty_groups)),
        )
        self.context = hashlib.sha256(pickle.dumps(context, protocol=5)).hexdigest()

    def _made(self, fam: _Family, make: Any, memo: Remembered[str, object]) -> Any:
        """``make(fam)``, or what it made before from the same files in the same context;
        its files are only parsed to be made again."""
        assert fam.source is not None
        if not self._read_bytes(fam.source):
            return None
        translations = [fam.translations[lang] for lang in sorted(fam.translations)]
        readable = [t for t in translations if self._read_bytes(t)]
        h = hashlib.sha256(self.context.encode())
        for file in (fam.source, *translations):
            h.update(f"\0{file.rel}\0".encode())
            h.update(hashlib.sha256(file.data).digest())
        key = h.hexdigest()
        found = cast(_Made | None, memo.get(key))
        # Its id, unless another document took it first: then made again, which says so.
        if found is not None and self.ids.setdefault(*found.claim) == found.claim[1]:
            for issue in found.issues:
                self.issues.add(issue)
            self.texts.extend(found.texts)
            return found.item
        issues_before, texts_before = len(self.issues), len(self.texts)
        if self._parse(fam.source) is None:
            return None
        for t in readable:
            self._parse(t)
        item = make(fam)
        issues = self.issues.since(issues_before)
        if item is not None and not any(issue.is_error for issue in issues):
            claim = (item.id.lower(), self.ids[item.id.lower()])
            memo.put(key, _Made(item, claim, issues, tuple(self.texts[texts_before:])))
        return item

    # -- shared pieces -----------------------------------------------------------------
    def _other_kind(self, fam: _Family, fields: dict[str, str], kind: str, other: str) -> None:
        """A warning for each field, in the document or a translation, that only ``other``
        documents publish (``fields``: those fields, with what to write instead)."""
        assert fam.source is not None
        files = [fam.source, *fam.translations.values()]
        for file in files:
            if file.doc is None:
                continue
            for key, instead in fields.items():
                if key in file.doc.meta and file.doc.meta[key] is not None:
                    self.issues.warning(
                        file.rel,
                        file.doc.line(key),
                        f"'{key}' is ignored: {kind} do not publish it ({other} do)"
                        + (f"; {instead}" if instead else ""),
                    )

    def _claim_id(self, f: Fields) -> str | None:
        doc_id = f.doc_id()
        if doc_id is None:
            return None
        where = f"{f.path}:{f.line('id')}"
        first = self.ids.setdefault(doc_id.lower(), where)
        if first != where:
            f.error(
                ("id",),
                f"duplicate id {doc_id!r}: already used in {first}",
                [first.rpartition(":")[0]],
            )
            return None
        return doc_id

    def _edition_of(self, f: Fields) -> Edition | None:
        year = f.integer("edition", required=True)
        if year is None:
            return None
        edition = self.editions.get(year)
        if edition is None and year not in self.faulty_editions:
            f.error(("edition",), f"edition {year} does not exist (no editions/{year}.md)")
        return edition

    def _body_refs(self, f: Fields, where: tuple[str | int, ...], value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            f.error(where, f"'to' must be a list of body ids: write to: [{value}]")
            # Read as meant, so that the message is not taken to be addressed to everyone.
            value = [part.strip() for part in value.split(",") if part.strip()]
        ids = f.string_list("to", value=value, where=where)
        out = []
        for i, written in enumerate(ids):
            body_id = canonical_id(written, self.bodies) or written
            if body_id.lower() in self.faulty_bodies:
                out.append(body_id)
            elif body_id not in self.bodies:
                hint = _closest(body_id, self.bodies)
                f.error(
                    (*where, i),
                    f"unknown body {quoted(body_id)} in 'to'"
                    + (f" (did you mean {hint!r}?)" if hint else ""),
                )
            elif body_id in out:
                f.error((*where, i), f"body {quoted(body_id)} is named twice in 'to'")
            else:
                out.append(body_id)
        return tuple(out)

    def _message_list(
        self, f: Fields, doc_id: str, key: str, lo: int, hi: int | None
    ) -> list[Message]:
        raw = f.raw(key)
        if raw is None or raw is MISSING:
            if lo:
                f.error((key,), f"'{key}' is required (at least {lo})")
            return []
        if not isinstance(raw, list):
            f.error(
                (key,),
                f"'{key}' must be a list"
                + ("" if key in ADDRESSED_LISTS else f': write {key}: ["..."]'),
            )
            return []
        if len(raw) < lo:
            f.error((key,), f"'{key}' needs at least {lo} item{'s' if lo > 1 else ''}")
        if hi is not None and len(raw) > hi:
            f.error((key,), f"'{key}' has {len(raw)} items; the limit is {hi}")
        out = []
        for i, item in enumerate(raw):
            where = (key, i)
            msg_id = f"{doc_id}/{_token(key)}-{i + 1}"
            if key in ADDRESSED_LISTS:
                if not isinstance(item, dict):
                    f.error(
                        where,
                        f"item {i + 1} of '{key}' must be a mapping: "
                        "write '- text: ...' and 'to: [...]'",
                    )
                    continue
                sub = Fields(f.doc.part(where, item), f.path, self.issues)
                text = sub.string("text", required=True, prose=True)
                to = self._body_refs(f, (*where, "to"), item.get("to"))
                stakeholders = f.choices(
                    "stakeholders",
                    STAKEHOLDERS,
                    value=item.get("stakeholders"),
                    where=(*where, "stakeholders"),
                )
                if text:
                    self._text(f.path, sub.line("text"), text)
                    out.append(
                        Message(msg_id, key, i + 1, Localized.plain(text, f.path), to, stakeholders)
                    )
            elif isinstance(item, dict):
                # Written like a call to action, whose 'to' this list has no place for.
                f.error(
                    where,
                    f"item {i + 1} of '{key}' must be a text, not a mapping: write - \"...\""
                    + (
                        "; only calls_to_action and recommendations have 'to' and 'stakeholders'"
                        if "to" in item or "stakeholders" in item
                        else ""
                    ),
                )
            else:
                text = f.item(key, where, item, prose=True)
                if text:
                    self._text(f.path, f.line(*where), text)
                    out.append(Message(msg_id, key, i + 1, Localized.plain(text, f.path)))
        return out

    def _translate(
        self, fam: _Family, f: Fields, lists: tuple[str, ...], messages: list[Message]
    ) -> tuple[dict[str, str], dict[str, str], list[Message], dict[str, TranslationInfo]]:
        """Merge the translations of one document: titles, bodies, message texts, status."""
        assert fam.source is not None
        current = hashlib.sha256(fam.source.data).hexdigest()
        titles: dict[str, str] = {}
        bodies: dict[str, str] = {}
        infos: dict[str, TranslationInfo] = {}
        per_msg: dict[str, dict[str, str]] = defaultdict(dict)
        raw_counts = {k: len(f.raw(k)) if isinstance(f.raw(k), list) else 0 for k in lists}
        for lang, t in sorted(
            fam.translations.items(), key=lambda kv: site_languages().codes.index(kv[0])
        ):
            if t.doc is None:
                continue
            tf = Fields(t.doc, t.rel, self.issues)
            title = tf.string("title", prose=True)
            if title:
                titles[lang] = title
            if t.doc.body.strip():
                bodies[lang] = t.doc.body
                tf.check_body()
                self._text(t.rel, t.doc.body_line, t.doc.body, "own")
            for key in STRUCTURAL:
                if tf.has(key) and f.has(key) and not _same(tf.raw(key), f.raw(key)):
                    tf.warning(
                        (key,),
                        f"'{key}' differs from the source {fam.source.rel}; "
                        "the source's value is used",
                        [fam.source.rel],
                    )
            for key in lists:
                value = tf.raw(key)
                if value is MISSING or value is None:
                    continue
                if not isinstance(value, list):
                    tf.error((key,), f"'{key}' must be a list")
                    continue
                if len(value) != raw_counts[key]:
                    tf.error(
                        (key,),
                        f"'{key}' has {len(value)} item{'s' * (len(value) != 1)} "
                        f"but the source {fam.source.rel} has {raw_counts[key]}",
                        [fam.source.rel],
                        realign=True,
                    )
                    continue
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        self._item_structure(tf, key, i, item, f.raw(key)[i], fam.source.rel)
                    text = self._translated(tf, key, i, item)
                    if text is not None:
                        self._text(t.rel, tf.line(key, i), text)
                        per_msg[f"{_token(key)}-{i + 1}"][lang] = text
            infos[lang] = self._translation_info(tf, lang, current)
        merged = []
        for m in messages:
            extra = per_msg.get(f"{m.token}-{m.position}", {})
            merged.append(
                Message(
                    m.id,
                    m.list_key,
                    m.position,
                    Localized({**m.text.values, **extra}, m.text.where),
                    m.to,
                    m.stakeholders,
                )
                if extra
                else m
            )
        return titles, bodies, merged, infos

    @staticmethod
    def _translated(tf: Fields, key: str, i: int, item: Any) -> str | None:
        """The text of item ``i`` of a translation's list ``key`` (a takeaway, or the
        ``text`` of a call to action)."""
        where: tuple[str | int, ...] = (key, i, "text") if isinstance(item, dict) else (key, i)
        value = item.get("text") if isinstance(item, dict) else item
        name = f"item {i + 1} of '{key}'"
        text = None if value is None else tf.as_text(where, value, name, prose=True)
        if value is None or text == "":
            tf.error((key, i), tf.why_empty(where, name, prose=True) or f"{name} needs a text")
        if not text:
            return None
        tf.check_hostile(where, text)
        return text

    @staticmethod
    def _item_structure(
        tf: Fields, key: str, i: int, item: dict[Any, Any], source: Any, source_rel: str
    ) -> None:
        """A warning for each structural field of a translation's item that says otherwise
        than the source's item (a translator who edits a call to action's ``to`` expects
        the page to change): the source's value is the one used."""
        source = source if isinstance(source, dict) else {}
        for field_ in ITEM_STRUCTURAL:
            if field_ in item and _as_set(item[field_]) != _as_set(source.get(field_)):
                tf.warning(
                    (key, i, field_),
                    f"'{field_}' of item {i + 1} of '{key}' differs from the source "
                    f"{source_rel}; the source's value is used",
                    [source_rel],
                )

    def _translation_info(self, tf: Fields, lang: str, current: str) -> TranslationInfo:
        raw = tf.raw("translation")
        status: str | None = None
        recorded: str | None = None
        if isinstance(raw, dict):
            sub = Fields(tf.doc.part(("translation",), raw), tf.path, self.issues)
            status = sub.choice("status", TRANSLATION_STATUSES)
            # Copied bare from `igfpub status`, YAML may read it as a number: the text is
            # as written (Fields.string), the digits, not the number's.
            recorded = sub.string("source_hash")
            digits = source_hash_digits(recorded) if recorded is not None else None
            if recorded is not None and digits is None:
                sub.error(
                    ("source_hash",),
                    "'source_hash' must be 12 to 64 hex digits of the source's SHA-256, "
                    f"optionally written sha256:... (the current one is {current[:12]})",
                )
            recorded = digits
        elif raw is not MISSING and raw is not None:
            tf.error(
                ("translation",),
                "'translation' must be a mapping: "
                "{status: machine|human|official, source_hash: ...}",
            )
        # A prefix of the digest, whatever its length: 12 digits or all 64 both match.
        stale = recorded is not None and not current.startswith(recorded)
        return TranslationInfo(lang, tf.path, status, recorded, stale)

    # -- documents -------------------------------------------------------------------------
    def _edition(self, fam: _Family) -> Edition | None:
        assert fam.source is not None and fam.source.doc is not None
        f = Fields(fam.source.doc, fam.source.rel, self.issues)
        year = f.integer("edition", required=True)
        stem = Path(fam.source.rel).stem
        if year is not None and str(year) != stem:
            f.error(
                ("edition",),
                f"edition {year} is in a file named {stem}.md; name it editions/{year}.md",
            )
        number = f.integer("number")
        title = f.localized("title", required=True)
        city = f.string("city", required=True, prose=True)
        country = f.string("country", required=True, prose=True)
        dates = f.raw("dates")
        start = end = None
        if isinstance(dates, dict):
            start = f.date(
                "start", value=dates.get("start"), where=("dates", "start"), required=True
            )
            end = f.date("end", value=dates.get("end"), where=("dates", "end"), required=True)
            if start and end and end < start:
                f.error(("dates", "end"), f"edition ends ({end}) before it starts ({start})")
                start = end = None
        else:
            f.error(
                ("dates",), "'dates' is required: write dates: {start: YYYY-MM-DD, end: YYYY-MM-DD}"
            )
        fmt = f.choice("format", EDITION_FORMATS) or "in-person"
        tracks = self._tracks(f)
        status = f.choice("messages_status", MESSAGE_STATUSES) or "draft"
        consultation = None
        cons = f.raw("consultation")
        if isinstance(cons, dict):
            c_open = f.date(
                "open", value=cons.get("open"), where=("consultation", "open"), required=True
            )
            c_close = f.date(
                "close", value=cons.get("close"), where=("consultation", "close"), required=True
            )
            if c_open and c_close:
                consultation = (c_open, c_close)
        f.check_body()
        self._text(f.path, f.doc.body_line, f.doc.body, "own")
        titles, bodies, _, infos = self._translate(fam, f, (), [])
        f.near_misses()
        if None in (year, title, city, country, start, end) or not tracks:
            return None
        assert year is not None and title and city and country and start and end
        title = Localized({**title.values, **titles})
        text = Narrative(
            Localized({site_languages().source: fam.source.doc.body, **bodies}, fam.source.rel),
            infos,
            source_hash(fam.source.data),
        )
        return Edition(
            year,
            number,
            title,
            city,
            country,
            start,
            end,
            fmt,
            tuple(tracks),
            status,
            consultation,
            text,
            Source(fam.source.rel),
        )

    def _tracks(self, f: Fields) -> list[Track]:
        raw = f.raw("tracks")
        if not isinstance(raw, list) or not raw:
            f.error(("tracks",), "'tracks' is required: a list of {id, title}")
            return []
        tracks: list[Track] = []
        for i, item in enumerate(raw):
            where = ("tracks", i)
            if not isinstance(item, dict):
                f.error(where, f"track {i + 1} must be a mapping with 'id' and 'title'")
                continue
            track_id = item.get("id")
            if not isinstance(track_id, str) or not REGISTRY_ID.match(track_id):
                f.error((*where, "id"), f"track {i + 1} needs an 'id' of a-z, 0-9 and '-'")
                continue
            if any(t.id == track_id for t in tracks):
                f.error((*where, "id"), f"duplicate track id {track_id!r}")
                continue
            title = f.localized(
                "title", value=item.get("title"), where=(*where, "title"), required=True
            )
            narrative = f.localized(
                "narrative", value=item.get("narrative"), where=(*where, "narrative")
            )
            if narrative is not None:
                narrative = replace(narrative, where=f.path)
                for lang, text in narrative.values.items():
                    self._text(f.path, f.line(*where, "narrative", lang), text)
            if title:
                tracks.append(Track(track_id, title, narrative))
        return tracks

    def _session(self, fam: _Family) -> Session | None:
        assert fam.source is not None and fam.source.doc is not None
        f = Fields(fam.source.doc, fam.source.rel, self.issues)
        doc_id = self._claim_id(f)
        edition = self._edition_of(f)
        kind = f.choice("type", SESSION_TYPES, required=True)
        title = f.localized("title", required=True)
        track = f.string("track", required=True)
        if track and edition:
            track = canonical_id(track, [t.id for t in edition.tracks]) or track
        if track and edition and edition.track(track) is None:
            f.error(
                ("track",),
                f"track {quoted(track)} is not a track of edition {edition.edition} "
                f"(tracks: {', '.join(t.id for t in edition.tracks)})",
            )
            track = None
        date = f.date("date", required=True)
        if date and edition and not edition.start <= date <= edition.end:
            f.error(
                ("date",),
                f"date {date} is outside edition {edition.edition} "
                f"({edition.start} to {edition.end})",
            )
            date = None
        rapporteur = f.string("rapporteur", required=True, prose=True)
        organizers = tuple(f.string_list("organizers", prose=True))
        stakeholders = f.choices("stakeholders", STAKEHOLDERS)
        ident = doc_id or "?"
        messages = [
            *self._message_list(f, ident, "key_takeaways", 1, self.limits.key_takeaways),
            *self._message_list(f, ident, "calls_to_action", 0, self.limits.calls_to_action),
            *self._message_list(f, ident, "consensus", 0, None),
            *self._message_list(f, ident, "divergence", 0, None),
        ]
        f.check_body()
        self._text(f.path, f.doc.body_line, f.doc.body, "own")
        participants = self._participants(f)
        links = self._links(f)
        titles, bodies, messages, infos = self._translate(fam, f, SESSION_LISTS, messages)
        self._other_kind(fam, INTERSESSIONAL_ONLY, "sessions", "intersessional documents")
        f.near_misses()
        if None in (doc_id, edition, kind, title, track, date, rapporteur):
            return None
        assert doc_id and edition and kind and title and track and date and rapporteur
        return Session(
            doc_id,
            edition.edition,
            kind,
            Localized({**title.values, **titles}),
            track,
            date,
            rapporteur,
            organizers,
            stakeholders,
            tuple(messages),
            participants,
            links,
            Narrative(
                Localized({site_languages().source: fam.source.doc.body, **bodies}, fam.source.rel),
                infos,
                source_hash(fam.source.data),
            ),
            Source(fam.source.rel),
        )

    def _participants(self, f: Fields) -> dict[str, int]:
        raw = f.raw("participants")
        if raw is MISSING or raw is None:
            return {}
        if not isinstance(raw, dict):
            f.error(("participants",), "'participants' must be a mapping: {onsite: N, online: N}")
            return {}
        out = {}
        for key, value in raw.items():
            if key not in ("onsite", "online"):
                f.error(
                    ("participants", str(key)),
                    f"'participants' has {quoted(key)}; expected onsite, online",
                )
            elif (number := whole_number(value)) is None or number < 0:
                f.error(("participants", key), f"'participants.{key}' must be a whole number >= 0")
            else:
                out[key] = number
        return out

    def _links(self, f: Fields) -> dict[str, str]:
        raw = f.raw("links")
        if raw is MISSING or raw is None:
            return {}
        if not isinstance(raw, dict):
            f.error(
                ("links",),
                "'links' must be a mapping: {video: https://..., transcript: https://...}",
            )
            return {}
        out = {}
        for key, value in raw.items():
            url = f.url(f"links.{key}", value=value, where=("links", str(key)))
            if url:
                out[str(key)] = url
        return out

    def _intersessional(self, fam: _Family) -> Intersessional | None:
        assert fam.source is not None and fam.source.doc is not None
        f = Fields(fam.source.doc, fam.source.rel, self.issues)
        doc_id = self._claim_id(f)
        edition = self._edition_of(f)
        group_id = f.string("group", required=True)
        group_id = group_id and (canonical_id(group_id, self.groups) or group_id)
        group = self.groups.get(group_id) if group_id else None
        if group_id and group is None and group_id.lower() not in self.faulty_groups:
            f.error(("group",), f"unknown group {quoted(group_id)} (not in registry/groups.yml)")
        title = f.localized("title", required=True)
        status = f.choice("status", MESSAGE_STATUSES, required=True)
        ident = doc_id or "?"
        messages = [
            *self._message_list(f, ident, "key_takeaways", 1, None),
            *self._message_list(f, ident, "recommendations", 1, None),
            *self._message_list(f, ident, "minority_views", 0, None),
        ]
        full_report = f.url("full_report")
        f.check_body()
        self._text(f.path, f.doc.body_line, f.doc.body, "own")
        titles, bodies, messages, infos = self._translate(fam, f, INTERSESSIONAL_LISTS, messages)
        self._other_kind(fam, SESSION_ONLY, "intersessional documents", "sessions")
        f.near_misses()
        if None in (doc_id, edition, group, title, status):
            return None
        assert doc_id and edition and group and title and status
        return Intersessional(
            doc_id,
            edition.edition,
            group.id,
            Localized({**title.values, **titles}),
            status,
            tuple(messages),
            full_report,
            Narrative(
                Localized({site_languages().source: fam.source.doc.body, **bodies}, fam.source.rel),
                infos,
                source_hash(fam.source.data),
            ),
            Source(fam.source.rel),
            group.kind,
        )

    def _reports(self, found: list[BodyReport]) -> dict[str, BodyReport]:
        """One report-back per body, in the file named after it (``bodies/<body-id>.md``,
        in any case): links to ``../bodies/itu.md`` name that file, and a second file for
        a body would lose one of the two reports. The file named after the body is its
        report; any other is an error, located at its ``body:``."""
        named: dict[str, BodyReport] = {}
        for report in found:
            if _named_after(report):
                named.setdefault(report.body, report)
        out: dict[str, BodyReport] = {}
        for report in found:
            path = report.source.path
            first = out.get(report.body) or named.get(report.body)
            if first is not None and first is not report:
                self.issues.error(path, report.source.line, f"{report.body!r} already has its "
                                  f"report-back in {first.source.path}: write one file per body",
                                  [first.source.path])  # fmt: skip
                continue
            if first is None:
                want = posixpath.join(posixpath.dirname(path), f"{report.body}.md")
                self.issues.error(path, report.source.line, f"the report-back of "
                                  f"{report.body!r} must be in the file {want} (links to a "
                                  "body's report-back use that name)", [want])  # fmt: skip
            out[report.body] = report
        return out

    def _report(self, fam: _Family, known: set[str]) -> BodyReport | None:
        assert fam.source is not None and fam.source.doc is not None
        f = Fields(fam.source.doc, fam.source.rel, self.issues)
        body_id = f.string("body", required=True)
        body_id = body_id and (canonical_id(body_id, self.bodies) or body_id)
        if body_id and body_id not in self.bodies:
            if body_id.lower() not in self.faulty_bodies:
                f.error(("body",), f"unknown body {quoted(body_id)} (not in registry/bodies.yml)")
            body_id = None
        raw = f.raw("responses")
        responses = []
        if raw is MISSING or raw is None:
            raw = []
        if not isinstance(raw, list):
            f.error(("responses",), "'responses' must be a list")
            raw = []
        source = site_languages().source
        translated = [(lang, Fields(t.doc, t.rel, self.issues))
                      for lang, t in fam.translations.items() if t.doc is not None]  # fmt: skip
        texts = translated_texts(f, "responses", "response", raw, translated, self._text)
        for i, item in enumerate(raw):
            where = ("responses", i)
            if not isinstance(item, dict):
                f.error(where, f"response {i + 1} must be a mapping with date, edition, text")
                continue
            date = f.date("date", value=item.get("date"), where=(*where, "date"), required=True)
            written = item.get("edition")
            year = whole_number(written)
            if written is None:  # absent, or written with no value
                f.error((*where, "edition"), f"response {i + 1}: 'edition' is required")
            elif year is None or year not in self.editions:
                if year not in self.faulty_editions:  # else its own error says what to fix
                    f.error((*where, "edition"),
                            f"response {i + 1}: edition {quoted(written)} does not exist")  # fmt: skip
                year = None
            about = [
                canonical_id(ref, known) or ref
                for ref in f.string_list("about", value=item.get("about"), where=(*where, "about"))
            ]
            for j, ref in enumerate(about):
                if ref not in known and ref.lower() not in self.faulty_ids:
                    # A message id (IGF2025-WS-10/cta-1) is what a body answers: its
                    # document is what `about` names.
                    doc = canonical_id(ref.split("/", 1)[0], known) if "/" in ref else None
                    hint = f"; 'about' names documents: write {doc}" if doc else ""
                    f.error(
                        (*where, "about", j),
                        f"response {i + 1}: unknown session or messages id {quoted(ref)}{hint}",
                    )
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                f.error((*where, "text"), f"response {i + 1} needs a 'text'")
                continue
            f.check_cut((*where, "text"), f"the 'text' of response {i + 1}")
            f.check_hostile((*where, "text"), text)
            self._text(f.path, f.line(*where, "text"), text)
            if date and year:
                shown = Localized({source: text.strip(), **texts.get(i, {})}, f.path)
                about_known = tuple(a for a in about if a in known)
                responses.append(Response(date, year, about_known, shown, i + 1))
        body = {source: f.doc.body}
        for lang, tf in [("", f), *translated]:
            tf.check_body()
            self._text(tf.path, tf.doc.body_line, tf.doc.body, "own")
            if lang and tf.doc.body.strip():
                body[lang] = tf.doc.body
        # What each translation says of itself, as a document's does: the body's page shows
        # the report-back, and says whether it is a machine translation or out of date.
        current = hashlib.sha256(fam.source.data).hexdigest()
        infos = {lang: self._translation_info(tf, lang, current) for lang, tf in translated}
        if body_id is None:
            return None
        follow_up = read_follow_up(
            f, body_id, self.targets, translated, self.faulty_ids, self._text
        )
        f.near_misses()
        return BodyReport(
            body_id,
            tuple(sorted(responses, key=lambda r: r.date, reverse=True)),
            Localized(body, f.path),
            Source(fam.source.rel, f.line("body")),  # where a second file for it is told
            follow_up,
            infos,
            source_hash(fam.source.data),
        )


@dataclass(frozen=True)
class _PageText:
    lang: str
    title: str | None
    body: str
    digest: str


def _free_pages(
    read: dict[str, _PageText], translations: dict[str, TranslationInfo]
) -> dict[str, FreePage]:
    """The free pages that have a source, with their translations (``about.fr.md`` beside
    ``about.md``), by the source's path."""
    source = site_languages().source
    out: dict[str, FreePage] = {}
    for rel, page in read.items():
        if page.lang != source:
            continue
        folder, _, name = rel.rpartition("/")
        stem = split_suffix(name)[0]
        titles: dict[str, str] = {}
        bodies = {source: page.body}
        infos: dict[str, TranslationInfo] = {}
        if page.title:
            titles[source] = page.title
        for lang in site_languages().translations:
            trel = posixpath.join(folder, f"{stem}.{lang}.md")
            found = read.get(trel)
            if found is None:
                continue
            if found.title:
                titles[lang] = found.title
            if found.body.strip():
                bodies[lang] = found.body
            if trel in translations:
                infos[lang] = translations[trel]
        narrative = Narrative(Localized(bodies, rel), infos, page.digest)
        title = Localized(titles, rel) if source in titles else None
        out[rel] = FreePage(title, narrative, Source(rel))
    return out


# A document's id as written, read from a file whose front matter may not parse.
_ID_LINE = re.compile(rb"^id:[ \t]*[\"']?([A-Za-z0-9][A-Za-z0-9-]*)", re.MULTILINE)


def _left_out(
    families: dict[str, dict[str, _Family]], loaded: Iterable[Session | Intersessional]
) -> list[_Family]:
    """The sessions and intersessional documents that errors kept out of the archive: their
    own, or their edition's. Where such a document is named (a link to its file or id, a
    report-back on one of its messages), it is not also said to name nothing, with a guess
    at another id: the first error says what to fix."""
    kept = {doc.source.path for doc in loaded}
    return [
        fam
        for section in ("sessions", "messages")
        for fam in families.get(section, {}).values()
        if fam.source is not None and fam.source.rel not in kept
    ]


def _written_id(file: _File) -> str | None:
    """A document's id as written, lower-cased, from its front matter or, where that does
    not parse, its text."""
    written = file.doc.meta.get("id") if file.doc is not None else None
    if not isinstance(written, str):
        match = _ID_LINE.search(file.data)
        written = match.group(1).decode() if match else None
    return written.strip().lower() if written else None


def _named_after(report: BodyReport) -> bool:
    return posixpath.basename(report.source.path).lower() == f"{report.body.lower()}.md"


def _same(value: Any, other: Any) -> bool:
    """Whether a translation's structural field says what its source's does: quoted or
    not (edition: "2025" and 2025, date: "2025-06-24" and 2025-06-24)."""
    scalars = not isinstance(value, bool | dict | list) and not isinstance(
        other, bool | dict | list
    )
    return value == other or (scalars and str(value).strip() == str(other).strip())


def _as_set(value: Any) -> Any:
    """A list of ids as what it means: the same ids in another order or case, or written
    ``to: itu`` (refused in a source, with a hint), name the same ones."""
    if value is None or value == []:
        return frozenset()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return repr(value)  # not a list of texts: only the same thing is the same
    return frozenset(v.strip().casefold() for v in value if v.strip())


def _token(key: str) -> str:
    return MESSAGE_LISTS[key][0]


def _closest(word: str, options: dict[str, Any]) -> str | None:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.75)
    return match[0] if match else None


def _empty_corpus() -> Corpus:
    return Corpus({}, {}, {}, {}, {}, {}, {})


_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|`+[^`\n]*`+", re.MULTILINE | re.DOTALL)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


def footnote_problems(text: str) -> list[tuple[int, str]]:
    """(offset, warning) for each footnote reference whose definition is not in ``text``,
    and each definition nothing in ``text`` refers to (code left aside). Python-Markdown
    shows the first as written, "[^1]" (a reader met it in a takeaway that its report's
    footnotes were meant for), and lists the second with a link back to nothing."""
    bare = _CODE.sub(lambda m: " " * len(m[0]), text)
    refs = list(_FOOTNOTE_REF.finditer(bare))
    defs = list(_FOOTNOTE_DEF.finditer(bare))
    defined = {m[1].lower() for m in defs}
    used = {m[1].lower() for m in refs}
    problems = [
        (m.start(), f"footnote [^{m[1]}] is not defined in this text: it is shown as written "
         f"('[^{m[1]}]'); a footnote's definition ('[^{m[1]}]: ...') goes in the text that "
         "refers to it, and a takeaway or call to action cannot use its report's")
        for m in refs if m[1].lower() not in defined
    ]  # fmt: skip
    problems += [
        (m.start(), f"footnote [^{m[1]}] is defined but nothing in this text refers to it: "
         "it is listed with a link back to a place that does not exist")
        for m in defs if m[1].lower() not in used
    ]  # fmt: skip
    return sorted(problems)
