"""``igfpub translate import``: translated XLIFF or PO files back into the content folder.

Everything is read and checked first; a single problem (a missing placeholder, an unknown
segment id, a target in another language) fails the import and no file changes. Then each
touched document gets its ``*.<lang>.md`` rewritten from the source's structure, with the
segments that the file did not bring carried over from the existing translation, and
``translation: {status, source_hash}`` recorded. Track titles and narratives, and registry
names, live in the source files as language maps: they are updated there in place
(comments and layout kept, with ruamel.yaml). Files whose content would not change are not
touched, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

from igfpub.core import mdblocks
from igfpub.core.fields import CONTROL
from igfpub.core.frontmatter import ReadError
from igfpub.core.issues import Issue, Issues, for_exchange
from igfpub.core.languages import site_code
from igfpub.core.loader import load_corpus, source_hash
from igfpub.core.model import (
    MESSAGE_LISTS,
    Corpus,
    Edition,
    FreePage,
    Intersessional,
    ReportPage,
    Session,
)
from igfpub.core.segments import (
    BODY,
    REPORT_LISTS,
    Doc,
    corpus_segments,
    doc_key,
    documents,
    registry_segments,
    report_texts,
)
from igfpub.exchange import po, store, xliff
from igfpub.exchange.progress import doc_state
from igfpub.exchange.units import FileRead

_LISTS = {token: key for key, (token, _) in MESSAGE_LISTS.items()}
_ADDRESSED = ("calls_to_action", "recommendations")


@dataclass(frozen=True)
class Target:
    text: str  # Markdown (or plain text for titles and names)
    machine: bool
    where: tuple[str, int] = ("", 0)  # the file and line it came from, for messages


class _Representer(RoundTripRepresenter):
    """ruamel.yaml writes YAML 1.2, where ``No``, ``on`` and ``yes`` are words; igfpub
    reads YAML 1.1 (PyYAML), where they are true and false: a translation "No" was written
    bare, and the file it was written into then failed ``check``. A text that YAML 1.1
    would read as other than a text is written in double quotes."""


def _text(representer: RoundTripRepresenter, value: str) -> Any:
    if value and _READ_AS.resolve(yaml.ScalarNode, value, (True, False)) != _STR_TAG:  # type: ignore[no-untyped-call]
        return representer.represent_scalar(_STR_TAG, value, style='"')
    return representer.represent_str(value)


_STR_TAG = "tag:yaml.org,2002:str"
_READ_AS = yaml.resolver.Resolver()
_Representer.add_representer(str, _text)


def _yaml(*, top_level_list: bool = False) -> YAML:
    """Round-trip YAML in the layout the sample content uses: front-matter lists indented
    under their key, registry files a list at the left margin."""
    y = YAML()
    y.Representer = _Representer
    y.width = 4096  # one line per text: diffs stay readable
    y.allow_unicode = True
    y.preserve_quotes = True
    if top_level_list:
        y.indent(mapping=2, sequence=2, offset=0)
    else:
        y.indent(mapping=2, sequence=4, offset=2)
    return y


def read_file(file: Path) -> FileRead:
    try:
        data = file.read_bytes()
    except OSError as exc:
        return FileRead(None, errors=[(0, f"cannot read: {exc.strerror}")])
    if not data.strip():
        return FileRead(None, errors=[(0, "the file is empty")])
    if file.suffix.lower() in (".po", ".pot"):
        return po.read(data)
    return xliff.read(data)


def collect(
    files: Sequence[Path], corpus: Corpus, issues: Issues
) -> dict[str, dict[str, dict[str, Target]]]:
    """lang -> document key -> segment id -> target, checking every unit."""
    segments = {s.id: s for s in corpus_segments(corpus)}
    langs = corpus.languages
    out: dict[str, dict[str, dict[str, Target]]] = defaultdict(lambda: defaultdict(dict))
    for file in files:
        name = str(file)
        read = read_file(file)
        for line, msg in read.errors:
            issues.error(name, line, msg)
        for line, msg in read.warnings:
            issues.warning(name, line, msg)
        if read.errors:
            continue
        if not read.lang:
            issues.error(name, read.lang_line, "the file does not say its target language")
            continue
        lang = site_code(read.lang, langs) or read.lang
        if lang not in langs.translations:
            issues.error(
                name, read.lang_line, f"target language {read.lang!r} is not a translation language of this "
                f"site ({', '.join(langs.translations)})"
            )  # fmt: skip
            continue
        if read.source_lang and site_code(read.source_lang, langs) != langs.source:
            issues.error(name, read.lang_line, f"the file translates from {read.source_lang!r}, but this "
                         f"site's source language is {langs.source!r}")  # fmt: skip
            continue
        encode = po.encode if file.suffix.lower() in (".po", ".pot") else xliff.encode
        copies: list[tuple[int, str]] = []
        for unit in read.units:
            where = f"segment {unit.id}"
            if unit.target_lang and site_code(unit.target_lang, langs) != lang:
                issues.error(name, unit.line, f"{where}: target is in {unit.target_lang!r}, "
                             f"but the file translates into {lang!r}")  # fmt: skip
                continue
            seg = segments.get(unit.id)
            if seg is None:
                issues.error(name, unit.line, f"{where}: no such segment in the content "
                             "(unknown id, or its source text changed: export again)")  # fmt: skip
                continue
            parts = seg.parts()
            if encode(parts) != unit.source:
                issues.error(name, unit.line, f"{where}: the source text changed since "
                             "this file was exported; export again")  # fmt: skip
                continue
            as_written = po.written if encode is po.encode else xliff.encode
            if not unit.confirmed and _copy_of_source(parts, as_written(unit.target), unit.source):
                copies.append((unit.line, unit.id))
                continue
            problems: list[str] = []
            text = _resolve(
                parts, unit.target, po_numbers=encode is po.encode, report=problems.append
            )
            for problem in problems:
                issues.error(name, unit.line, f"{where}: {problem}")
            if text is None:
                continue
            if not seg.markdown:
                # A title or a name is plain text (its source is, and the site escapes it
                # where it shows it): Markdown escapes would be shown as they are.
                plain = "".join(p for p in unit.target if isinstance(p, str))
                text = " ".join(plain.split())
            control = CONTROL.search(text)
            if control:
                # As check refuses it in content (PO can carry a NUL or an escape, XML
                # 1.0 the C1 controls): the file written would not build.
                what = "control character" if ord(control[0]) < 0xFFFE else "non-character"
                issues.error(name, unit.line, f"{where}: the translation contains the {what} "
                             f"U+{ord(control[0]):04X}; remove it")  # fmt: skip
                continue
            first = out[lang][seg.doc].get(seg.id)
            if first is not None:
                # The same unit twice (in one file, or in two imported together): which
                # text is meant is the translator's call, not the last one read.
                if first.text != text:
                    also = f"{first.where[0]}:{first.where[1]}"
                    issues.error(name, unit.line, f"{where}: translated twice, differently "
                                 f"(also at {also})")  # fmt: skip
                continue
            out[lang][seg.doc][seg.id] = Target(text, unit.machine, (name, unit.line))
        if copies:
            n = len(copies)
            kind = ("entries" if n != 1 else "entry") if encode is po.encode else (
                "units" if n != 1 else "unit")  # fmt: skip
            confirm = "" if encode is po.encode else (
                '; a target kept the same on purpose is imported when the unit says '
                'state="final" or approved="yes"')  # fmt: skip
            # Which ones, to find them in a file of thousands (the first few, by line).
            named = ", ".join(f"{sid} (line {line})" for line, sid in sorted(copies)[:5])
            more = f" and {n - 5} more" if n > 5 else ""
            issues.warning(name, 0, f"{n} {kind} not imported: the target is a copy of "
                           f"the source (what CAT tools put in an untranslated segment){confirm}: "
                           f"{named}{more}")  # fmt: skip
    return out


def _copy_of_source(source: list[mdblocks.Piece], target: str, source_written: str) -> bool:
    """A target that is the source as it is, spaces aside: what OmegaT, Okapi or Trados put
    in a segment nobody translated. Names, acronyms, codes and numbers stay the same in a
    translation ("ICANN", "Internet Society", "IPv6", "Introduction"), so a copy counts as
    untranslated only when its text has an ordinary word: four or more letters, all
    lower-case."""
    if " ".join(target.split()) != " ".join(source_written.split()):
        return False
    text = "".join(p for p in source if isinstance(p, str))
    for word in text.split():
        letters = "".join(c for c in word if not unicodedata.category(c).startswith(("P", "S")))
        if len(letters) >= 4 and letters.isalpha() and letters.islower():
            return True
    return False


def _resolve(
    source: list[mdblocks.Piece],
    target: list[mdblocks.Piece],
    *,
    po_numbers: bool,
    report: Callable[[str], None],
) -> str | None:
    """The target's placeholders checked against the source's, then turned back into the
    Markdown they stand for."""
    phs = [p for p in source if isinstance(p, mdblocks.Ph)]
    if po_numbers:
        by_key = {(str(n), "solo"): p for n, p in enumerate(phs, 1)}
        shown = {k: "{" + k[0] + "}" for k in by_key}
    else:
        by_key = {(p.id, p.role): p for p in phs}
        shown = {
            (p.id, p.role): (f'<x id="{p.id}"/>' if p.role == "solo" else f'<g id="{p.id}">')
            for p in phs
        }
    want: Counter[tuple[str, str]] = Counter(list(by_key))
    got: Counter[tuple[str, str]] = Counter(
        (p.id, p.role) for p in target if isinstance(p, mdblocks.Ph)
    )
    ok = True
    for key in want - got:
        if key[1] != "close" or po_numbers:
            report(f"placeholder {shown[key]} ({by_key[key].label}) is missing in the target")
            ok = False
    for key in got - want:
        ok = False
        if key[1] == "close" and not po_numbers and (key[0], "open") in got:
            continue  # said of its <g> (the open one)
        if key in want:  # the source has it once: a translator's copy of it
            what = shown[key] if key in shown else f"id {key[0]}"
            report(f"placeholder {what} ({by_key[key].label}) is used {got[key]} times in the "
                   f"target, and once in the source: use it once")  # fmt: skip
        elif key[0] in (None, "", "None"):
            report("the target has a placeholder without an id: copy the source's, which "
                   "have theirs")  # fmt: skip
        else:
            report(f"the target has a placeholder the source does not have: id {key[0]}")
    if not ok:
        return None
    resolved = [by_key[(p.id, p.role)] if isinstance(p, mdblocks.Ph) else p for p in target]
    opened: list[str] = []
    for p in resolved:
        if isinstance(p, mdblocks.Ph) and p.role == "open":
            opened.append(p.id)
        elif isinstance(p, mdblocks.Ph) and p.role == "close":
            if not opened or opened[-1] != p.id:
                # A link whose end comes before its start would print its Markdown.
                report(f"the placeholders of the {p.label} are out of order or overlap")
                return None
            opened.pop()
    return mdblocks.to_markdown(resolved)


# -- planning the writes ---------------------------------------------------------------------
def plan(
    content: Path,
    corpus: Corpus,
    targets: dict[str, dict[str, dict[str, Target]]],
    issues: Issues,
) -> dict[Path, bytes]:
    writes: dict[Path, bytes] = {}
    src = corpus.languages.source
    docs = {doc_key(d): d for d in documents(corpus)}
    # Track and registry texts are written into source files first: an edition file's hash
    # changes, and its translations must record the new one.
    new_hash: dict[str, str] = {}
    for doc in docs.values():
        if isinstance(doc, Edition):
            edits = {
                lang: {k: t for k, t in per.get(doc_key(doc), {}).items() if "/track-" in k}
                for lang, per in targets.items()
            }
            if any(edits.values()):
                path = content / doc.source.path
                before = path.read_bytes()
                after = _edit_front_matter(before, partial(_tracks, edits=edits, source=src))
                if after != before:
                    writes[path] = after
                    new_hash[doc_key(doc)] = source_hash(after)
    _registries(content, corpus, targets, writes)
    for lang, per_doc in targets.items():
        for key, tgt in per_doc.items():
            found = docs.get(key)
            if found is None or not tgt:
                continue
            current_hash = new_hash.get(key, found.text.source_hash)
            if _translation(content, corpus, found, lang, tgt, current_hash, writes, issues):
                segs = doc_state(content, corpus, found, lang).current
                writes[store.path(content, current_hash)] = store.dump(segs)
    # Translations that were current before an edition file changed stay current.
    for key, digest in new_hash.items():
        doc = docs[key]
        for info in doc.text.translations.values():
            path = content / info.path
            if info.stale or path in writes:
                continue
            before = path.read_bytes()
            writes[path] = _edit_front_matter(before, partial(_set_hash, digest=digest))
        if store.path(content, digest) not in writes:
            segs = doc_state(content, corpus, doc, src).current
            writes[store.path(content, digest)] = store.dump(segs)
    return writes


def _translation(
    content: Path,
    corpus: Corpus,
    doc: Doc,
    lang: str,
    imported: dict[str, Target],
    current_hash: str,
    writes: dict[Path, bytes],
    issues: Issues,
) -> bool:
    """Writes the translation; True if it now translates the current source throughout
    (and records its hash), False if parts it kept are still from an older source."""
    state = doc_state(content, corpus, doc, lang)
    current = {s.id: s for s in state.current}
    carried = {
        sid: text
        for sid, text in state.done.items()
        if sid in current and (state.old is None or state.old.get(sid) == current[sid].text)
    }
    texts = {**carried, **{sid: t.text for sid, t in imported.items()}}
    info = doc.text.translations.get(lang)
    machine = any(t.machine for t in imported.values()) or (
        info is not None and info.status == "machine" and bool(set(state.done) - set(imported))
    )
    path = content / _translation_path(doc.source.path, lang)
    data: CommentedMap
    if path.exists():
        raw = path.read_bytes()
        parsed = _split(raw)
        # A page's translation may have no front matter (index.fr.md): all of it is body.
        data, body = parsed if parsed else (CommentedMap(), raw.decode("utf-8-sig"))
    else:
        data, body = _page_settings(content, doc), ""
    key = doc_key(doc)
    _put(data, "title", texts.get(f"{key}/title"))
    written = {f"{key}/title"}
    if isinstance(doc, (Session, Intersessional)):
        written |= _lists(data, doc, key, {**state.done, **texts}, imported, issues)
    elif isinstance(doc, ReportPage):
        written |= _report_lists(content, data, doc, key, texts, imported)
    source_body = doc.text.body.values.get(corpus.languages.source, "")
    found = mdblocks.blocks(source_body)
    block_texts = {b.key: texts.get(f"{key}/{BODY}{b.key}") for b in found}
    rebuilt = bool(found) and all(v is not None for v in block_texts.values())
    if rebuilt:
        body = mdblocks.rebuild(source_body, found, {k: v for k, v in block_texts.items() if v})
        written |= {f"{key}/{BODY}{k}" for k in block_texts}
    else:
        _unwritten_blocks(key, found, block_texts, imported, issues)
    _replaced(path, carried, {sid: t for sid, t in imported.items() if sid in written}, issues)
    # What the file keeps that was translated from an older source and that this import
    # did not replace: while there is any, the translation is stale, and recording the
    # current hash would hide it (the page would call old text up to date).
    old_fields = [
        sid
        for sid in state.done
        if sid not in imported and sid not in carried and f"/{BODY}" not in sid
        and "/track-" not in sid
    ]  # fmt: skip
    old_body = not rebuilt and bool(body.strip()) and state.old is not None
    stale = len(old_fields) + (len(mdblocks.blocks(body)) if old_body else 0)
    previous = data.get("translation")
    kept_hash = previous.get("source_hash") if isinstance(previous, dict) else None
    if stale and kept_hash:
        issues.warning(str(path), 0, f"{key}: the {lang} translation stays stale (source_hash "
                       f"kept): {stale} of its translated segments were made from an older "
                       "source and this import did not bring them")  # fmt: skip
        # What this part was translated from, for the next import and export.
        since = store.load_overlay(content, kept_hash, lang)
        since.update({sid: current[sid].text for sid in imported
                      if sid in current and sid in written and f"/{BODY}" not in sid})  # fmt: skip
        writes[store.overlay_path(content, kept_hash, lang)] = store.dump_overlay(since)
    else:
        kept_hash = None
    if not body.strip() and not any(k in _TEXT_FIELDS or k in MESSAGE_LISTS for k in data):
        # Nothing of it is translated: a file with only a `translation:` header would make
        # the English page claim to be a translation.
        return False
    # An official translation stays official when text is imported into it (the status
    # says who stands behind it; lowering it is the editor's call); machine text makes it
    # machine. The map's other fields (translator, reviewed, ...) are kept.
    status = "machine" if machine else "official" if info and info.status == "official" else "human"
    if isinstance(previous, dict):
        previous["status"] = status
        previous["source_hash"] = kept_hash or current_hash
    else:
        data["translation"] = _flow({"status": status, "source_hash": kept_hash or current_hash})
    writes[path] = _join(data, body)
    return kept_hash is None


def _replaced(
    path: Path, current: dict[str, str], imported: dict[str, Target], issues: Issues
) -> None:
    """A segment whose translation was made from the English it has now is never exported
    again: a file that brings another text for it is older than that translation (a hand
    edit since the last import, as a rule, or another file imported since). Replacing it
    is what importing means, but not without a word. What earlier imports wrote is not
    recorded, so a hand edit cannot be told from another import."""
    for sid, target in sorted(imported.items()):
        before = current.get(sid)
        if before is not None and " ".join(before.split()) != " ".join(target.text.split()):
            file, line = target.where
            issues.warning(str(path), 0, f"segment {sid}: replaces text edited by hand since "
                           f"the last import (with the older text of {file}:{line})")  # fmt: skip


def _lists(
    data: CommentedMap,
    doc: Session | Intersessional,
    key: str,
    texts: dict[str, str],
    imported: dict[str, Target],
    issues: Issues,
) -> set[str]:
    """Each message list the file brought a text of, written whole: the file's texts, and
    the translation's own for the rest. A list the file did not touch stays as it is.
    Returns the segment ids written."""
    written: set[str] = set()
    by_list: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for m in doc.messages:
        sid = f"{key}/{m.token}-{m.position}"
        by_list[m.list_key].append((sid, texts.get(sid)))
    for list_key, values in by_list.items():
        brought = [imported[sid] for sid, _ in values if sid in imported]
        if not brought:
            continue
        missing = sum(1 for _, v in values if v is None)
        if missing:
            # A list must be whole; the source's is shown (marked) until it is.
            file, line = min(t.where for t in brought)
            issues.warning(file, line, f"{key}: {len(brought)} translated {list_key} not "
                           f"written: a list is written only whole ({missing} of "
                           f"{len(values)} missing); they will be exported again")  # fmt: skip
            continue
        written |= {sid for sid, _ in values}
        old = data.get(list_key)
        if isinstance(old, list) and len(old) == len(values):
            for i, (_, v) in enumerate(values):
                if isinstance(old[i], dict):
                    old[i]["text"] = v
                else:
                    old[i] = v
            continue
        items = [CommentedMap({"text": v}) if list_key in _ADDRESSED else v for _, v in values]
        data[list_key] = CommentedSeq(items)
    return written


_TEXT_FIELDS = ("title", "responses", "follow_up")  # what a translation translates but lists


def _report_lists(
    content: Path,
    data: CommentedMap,
    doc: ReportPage,
    key: str,
    texts: dict[str, str],
    imported: dict[str, Target],
) -> set[str]:
    """The report-back's ``responses`` and ``follow_up`` that the file brought a text of.
    A translation's list lines up with its source's, item by item; an item without a
    ``text`` (``{}``) keeps the source's, marked as such, so a list may be written in part.
    Returns the segment ids written."""
    parsed = _split((content / doc.source.path).read_bytes())
    source = parsed[0] if parsed else CommentedMap()
    if not isinstance(data.get("body"), str):
        data.insert(0, "body", doc.body)  # as the source names its body (bodies/itu.fr.md)
    written: set[str] = set()
    for list_key, _ in REPORT_LISTS:
        sids = {n: f"{key}/{field}-{n}" for k, field, n, _, _ in report_texts(doc) if k == list_key}
        if not any(sid in imported for sid in sids.values()):
            continue
        length = len(source.get(list_key) or [])
        old = data.get(list_key)
        if not isinstance(old, list) or len(old) != length:
            # A list that no longer lines up with the source's is made again: of the
            # texts that still translate the source's (texts holds those).
            old = data[list_key] = CommentedSeq(CommentedMap() for _ in range(length))
        for n, sid in sids.items():
            text = texts.get(sid)
            if text is None or n > length:
                continue
            if not isinstance(old[n - 1], dict):
                old[n - 1] = CommentedMap()
            old[n - 1]["text"] = text
            written.add(sid)
    return written


def _unwritten_blocks(
    key: str,
    found: list[mdblocks.Block],
    block_texts: dict[str, str | None],
    imported: dict[str, Target],
    issues: Issues,
) -> None:
    """A report is one Markdown text, and a page cannot mark one paragraph of it as English:
    it is written only whole. Blocks the file brought for an incomplete report are not
    written; say so rather than lose them without a word."""
    brought = [t for sid, t in imported.items() if sid.startswith(f"{key}/{BODY}")]
    if not brought:
        return
    missing = sum(1 for v in block_texts.values() if v is None)
    file, line = min(t.where for t in brought)
    issues.warning(file, line, f"{key}: {len(brought)} translated report "
                   f"block{'s' * (len(brought) != 1)} not written: the report is written only "
                   f"when all {len(found)} of its blocks are translated ({missing} missing); "
                   "they will be exported again")  # fmt: skip


def _page_settings(content: Path, doc: Doc) -> CommentedMap:
    """What a new translation of a free page starts with: its source's front matter but
    the title (``hide``, ``template``, ``icon``, ...), which MkDocs reads from each
    language's file; a document's translation inherits its settings from its source."""
    if not isinstance(doc, FreePage):
        return CommentedMap()
    parsed = _split((content / doc.source.path).read_bytes())
    data = parsed[0] if parsed else CommentedMap()
    for key in ("title", "translation"):
        data.pop(key, None)
    return data


def _translation_path(source: str, lang: str) -> str:
    return source[: -len(".md")] + f".{lang}.md"


def _put(data: CommentedMap, key: str, value: str | None) -> None:
    if value is not None:
        data[key] = value


def _flow(values: dict[str, str]) -> CommentedMap:
    m = CommentedMap(values)
    m.fa.set_flow_style()
    return m


def _set_hash(data: CommentedMap, *, digest: str) -> None:
    tr = data.get("translation")
    if isinstance(tr, dict) and "source_hash" in tr:
        tr["source_hash"] = digest


def _tracks(data: CommentedMap, *, edits: dict[str, dict[str, Target]], source: str) -> None:
    for track in data.get("tracks") or []:
        for lang, per in edits.items():
            for sid, target in per.items():
                field = sid.rsplit("/", 1)[1]
                if sid.endswith(f"/track-{track.get('id')}/{field}"):
                    _localize(track, field, lang, target.text, source)


def _localize(entry: Any, field: str, lang: str, text: str, source: str) -> None:
    value = entry.get(field)
    if isinstance(value, str):
        value = CommentedMap({source: value})
        entry[field] = value
    if isinstance(value, dict) and value.get(lang) != text:
        value[lang] = text


def _registries(
    content: Path,
    corpus: Corpus,
    targets: dict[str, dict[str, dict[str, Target]]],
    writes: dict[Path, bytes],
) -> None:
    per_file: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    sources = {seg.id: seg.text for seg in registry_segments(corpus)}
    translated_from = store.registry_sources(content)
    for lang, per_doc in targets.items():
        for key, tgt in per_doc.items():
            if not key.startswith("registry:"):
                continue
            kind, entry_id = key.split(":", 1)[1].split("/", 1)
            table: Any = getattr(corpus, kind)
            path = table[entry_id].source.path
            for sid, t in tgt.items():
                per_file[path].append((entry_id, sid.rsplit("/", 1)[1], lang, t.text))
                if sid in sources:
                    translated_from.setdefault(lang, {})[sid] = sources[sid]
    if per_file:
        writes[content / store.REGISTRY] = store.dump_registry_sources(translated_from)
    y = _yaml(top_level_list=True)
    for rel, edits in per_file.items():
        path = content / rel
        before = path.read_bytes()
        data = y.load(before)
        for entry in data or []:
            for entry_id, field, lang, text in edits:
                if isinstance(entry, dict) and entry.get("id") == entry_id:
                    _localize(entry, field, lang, text, corpus.languages.source)
        buf = io.BytesIO()
        y.dump(data, buf)
        if buf.getvalue() != before:
            writes[path] = buf.getvalue()


def _split(raw: bytes) -> tuple[CommentedMap, str] | None:
    text = raw.decode("utf-8-sig")
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    if end < 0:
        return None
    head = text[text.index("\n") + 1 : end + 1]
    rest = text[end + 4 :]
    body = rest[1:] if rest.startswith("\n") else rest
    data = _yaml().load(head) or CommentedMap()
    return data, body


def _join(data: CommentedMap, body: str) -> bytes:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return f"---\n{buf.getvalue()}---\n{body}".encode()


def _edit_front_matter(raw: bytes, edit: Callable[[CommentedMap], None]) -> bytes:
    parsed = _split(raw)
    if parsed is None:
        return raw
    data, body = parsed
    before = _join(data, body)
    edit(data)
    after = _join(data, body)
    # Leave the file byte for byte as it was when the edit changed nothing.
    return raw if after == before else after


# -- the command -------------------------------------------------------------------------------
def run(files: Sequence[Path], content: Path) -> tuple[list[Issue], list[Path]]:
    """Import; returns the problems and the files written (nothing if any error)."""
    result = load_corpus(content)
    said = for_exchange(result.issues)
    if any(i.is_error for i in said):
        return said, []
    issues = Issues()
    for problem in said:
        if problem.realign:
            issues.warning(problem.path, problem.line, problem.message, problem.mentions)
    targets = collect(files, result.corpus, issues)
    if issues.has_errors:
        return issues.sorted(), []
    try:
        writes = plan(content, result.corpus, targets, issues)
    except (OSError, ReadError, UnicodeDecodeError) as exc:
        issues.error(str(content), 0, f"cannot update the content: {exc}")
        return issues.sorted(), []
    changed = {p: b for p, b in writes.items() if not p.exists() or p.read_bytes() != b}
    _write_all(changed)
    return issues.sorted(), sorted(changed)


def _write_all(files: dict[Path, bytes]) -> None:
    """Every file to a temporary neighbour first, then all renamed into place: a failure
    while writing leaves the content as it was."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            name = _new_neighbour(path)
            staged.append((name, path))
            name.write_bytes(data)
            if path.exists():
                # A rewritten file keeps its mode (rename would give it the new file's).
                name.chmod(stat.S_IMODE(path.stat().st_mode))
    except BaseException:
        for staged_file, _ in staged:
            staged_file.unlink(missing_ok=True)
        raise
    for staged_file, path in staged:
        staged_file.replace(path)


def _new_neighbour(path: Path) -> Path:
    """A new, empty file beside ``path``, created with the umask's mode as any new file is
    (tempfile.mkstemp makes it 0600, which a site built by another user cannot read)."""
    while True:
        name = path.parent / f".{path.name}.{secrets.token_hex(4)}"
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return name
