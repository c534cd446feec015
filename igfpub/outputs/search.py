"""The Pagefind index, one language at a time, each in parts cached by the pages they index.

Pagefind keeps every page of a run in memory, writes one index per language anyway, and
cannot add a page to an index: it indexes everything again. So each language is indexed
by runs of its own, into folders of their own in the cache, named by a digest of what
Pagefind reads of the pages they index (:func:`page_sum`: not what a page marks ignored,
nor what is outside the content of a page it reads only that of). A language whose pages
did not change in what it reads is not indexed again, and languages are indexed in
parallel.

A large archive's language is indexed in parts: a top-level folder with more than
``PART_PAGES`` pages of the language (``sessions/``), and a fifth of that per sub-folder,
gets one part per sub-folder (one per year), so that a report that lands re-indexes its
year's few hundred pages, not the whole archive. The site's ``pagefind/`` is the union of
the languages' main parts (the files they share, Pagefind's scripts and WebAssembly, are
the same in each) with one manifest
listing every language; the other parts are under ``pagefind/parts/<language>/<part>/``,
listed in ``pagefind/parts.json``, and the search page merges them into its queries
(Pagefind's ``mergeIndex``: they use the main part's WebAssembly, and cost a reader two
small files each on the first query, and a chunk of their own per word searched).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from igfpub.core.languages import Languages
from igfpub.core.present import TITLE_LANGUAGE
from igfpub.lifetime import die_with_parent
from igfpub.outputs.cache import (
    FOLDER_SEAL,
    folder_unchanged,
    link_new,
    link_or_copy,
    seal_folder,
)
from igfpub.steps import StepFailed
from igfpub.timings import phase

OUTPUT = "pagefind"
ENTRY = "pagefind-entry.json"
PARTS = "parts"  # pagefind/parts/<language>/<part>/
PARTS_LIST = "parts.json"  # {Pagefind's language key: [part, ...]}
PART_PAGES = 500
MAIN = "main"  # the part of the pages outside the folders indexed in parts
# What a part needs besides its manifest (the rest is the main part's, shared).
PART_FILES = ("pagefind-entry.json", "pagefind.*.pf_meta", "index", "fragment", "filter")
# Pagefind's ready-made interfaces (~400 KB): igfpub's search page uses its JavaScript API.
UNUSED = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
)


class SearchIndexError(StepFailed):
    """The search step failed on a file it names."""


def language_pages(
    site: Path, lang: str, languages: Languages, files: Sequence[str] = ()
) -> list[Path]:
    """The pages of one language: under ``fr/`` etc., or for the source language every
    page outside the other languages' folders. Pages are index.html files, and ``files``
    (paths in a language's folder) where they exist: the free pages of a site that links
    files (igfpub.core.links.free_page_files), which MkDocs writes as ``about.html``."""
    own = [page for rel in files if (page := site / languages.prefix(lang) / rel).is_file()]
    if lang != languages.source:
        return _pages_under(site / languages.prefix(lang)) + own
    others = {languages.prefix(other).rstrip("/") for other in languages.translations}
    found = [site / "index.html"] if (site / "index.html").is_file() else []
    for folder in sorted(site.iterdir()):
        if folder.is_dir() and folder.name not in others | {OUTPUT}:
            found += _pages_under(folder)
    return found + own


def _pages_under(folder: Path) -> list[Path]:
    """``sorted(folder.rglob("index.html"))``, walked in strings (thousands of Path objects
    made, compared and sorted were most of the time of a warm build's page scan)."""
    found: list[tuple[str, ...]] = []

    def walk(path: str, parts: tuple[str, ...]) -> None:
        with os.scandir(path) as listing:
            for entry in listing:
                if entry.name == "index.html":
                    found.append((*parts, entry.name))
                if entry.is_dir():
                    walk(entry.path, (*parts, entry.name))

    if folder.is_dir():
        walk(str(folder), ())
    found.sort()
    return [Path(folder, *parts) for parts in found]


class PageSum(NamedTuple):
    """What the index needs of a page (:func:`page_sum`)."""

    body: bool  # it marks the part of itself to index
    sha: bytes  # a digest of what Pagefind reads of it (:func:`page_sum`)
    rooted: bool  # Pagefind takes nothing from it outside :data:`ROOT` (:func:`rooted`)


def page_sum(data: bytes) -> PageSum:
    body = _BODY in data
    # A page that marks no body is never rooted (its ROOT is marked as one): the search
    # page, a free page shown in the source language in another's place.
    if body and rooted(data):
        return PageSum(body, rooted_digest(data), True)
    sha = index_digest(data) if body and _IGNORE in data else hashlib.sha256(data).digest()
    return PageSum(body, sha, False)


_HTML_START = re.compile(rb"<html\b[^<>]*>", re.I)
# What the content's element says of the page's translation (igfpub/theme/igfpub/base.html),
# for the notice beside it and for tools, not for Pagefind.
_STATE = re.compile(rb' data-translation="[^"<>]*"')


def rooted_digest(data: bytes) -> bytes:
    """The SHA-256 of what Pagefind reads of a :func:`rooted` page, which it reads only
    the :data:`ROOT` of: the page's language (``<html lang>``) and all from that element
    on, but what it ignores there (:func:`index_digest`) and the translation's state on
    it. An edit of a session's source makes its translations stale: the notice before
    that element says so in every language, while their indexes stay the same. (What
    follows the element, the site's footer, changes with the templates alone.)"""
    start = _ROOT_START.search(data)
    if start is None:
        return index_digest(data)
    html = _HTML_START.search(data, 0, start.start())
    digest = hashlib.sha256(html[0] if html else b"")
    digest.update(_STATE.sub(b"", start[0]))
    for part in _read_parts(data, start.end()):
        digest.update(part)
    return digest.digest()


_IGNORE = b"data-pagefind-ignore"
_TAG_NAME = re.compile(rb"[A-Za-z][A-Za-z0-9-]*")
_VOID = frozenset(b"area base br col embed hr img input link meta source track wbr".split())
_SAME_NAME: dict[bytes, re.Pattern[bytes]] = {}


def index_digest(data: bytes) -> bytes:
    """The SHA-256 of what Pagefind reads of a page (:func:`_read_parts`). That leaves
    out the text a page marks ignored, which changes while the index stays the same, and
    a part whose pages read the same is not made again (:func:`_index_part`):
    - on a page shown in English in another language's place, its English text
      (takeaways, calls to action, report), which an edit of the source changes in every
      language;
    - the messages that an outcome document, a body's page or a brief quotes;
    - the counts of the translators' page, which any translation changes."""
    digest = hashlib.sha256()
    for part in _read_parts(data):
        digest.update(part)
    return digest.digest()


def read_of(data: bytes) -> bytes:
    """A page with only what Pagefind reads of it (:func:`_read_parts`), from which it
    makes the same index. A body's page, an outcome document or a brief lists messages
    that it marks ignored (they are indexed on their sessions' pages): two thirds of a
    language's main part, which Pagefind would otherwise parse for nothing."""
    return b"".join(_read_parts(data))


def _read_parts(data: bytes, begin: int = 0) -> Iterator[bytes]:
    """A page's bytes, but the content of the elements Pagefind ignores after the page's
    ``h1`` (``data-pagefind-ignore``; their start and end tags are kept). An ignored
    element that holds something else Pagefind reads (metadata, a filter, a weight, an
    image) is kept whole, and so is all before the end of the ``h1``: Pagefind takes the
    page's title from it, ignored or not. ``begin``: from there on."""
    h1 = data.find(b"<h1", begin)
    after = data.find(b"</h1>", h1) if h1 >= 0 else -1
    if after < 0:
        yield data[begin:]
        return
    pos = begin  # what is before it is yielded
    at = data.find(_IGNORE, after)
    while at >= 0:
        start = data.rfind(b"<", max(pos, after), at)
        close = data.find(b">", at)
        name = _TAG_NAME.match(data, start + 1) if start >= 0 else None
        if name is None or close < 0 or data.find(b">", start, at) >= 0:
            at = data.find(_IGNORE, at + len(_IGNORE))  # not in a start tag: text
            continue
        tag = name[0].lower()
        end = -1 if tag in _VOID or data[close - 1] == ord("/") else _end(data, close + 1, tag)
        if end < 0 or _READ.search(data, close, end) or data.find(b"<img", close, end) >= 0:
            at = data.find(_IGNORE, close)  # kept whole: what is inside is looked at
            continue
        yield data[pos : close + 1]
        pos = end
        at = data.find(_IGNORE, end)
    yield data[pos:]


def _end(data: bytes, at: int, tag: bytes) -> int:
    """Where the element named ``tag`` whose start tag ends at ``at`` ends (the start of
    its end tag), counting the elements of the same name inside it; -1 if it does not."""
    same = _SAME_NAME.get(tag)
    if same is None:
        same = _SAME_NAME[tag] = re.compile(rb"<(/?)" + re.escape(tag) + rb"[\s>/]", re.I)
    depth = 1
    for found in same.finditer(data, at):
        depth += -1 if found[1] else 1
        if depth == 0:
            return found.start()
    return -1


def index_language(
    site: Path,
    lang: str,
    languages: Languages,
    cache: Path,
    part_pages: int = PART_PAGES,
    sums: list[tuple[Path, PageSum]] | None = None,
    files: Sequence[str] = (),
) -> dict[str, Path]:
    """This language's Pagefind output, part by part (:data:`MAIN` first), each from the
    cache or made now: part -> folder. ``sums``: the :func:`page_sum` of each of the
    language's pages, if they were read already (igfpub/outputs/pagescan.py); ``files``:
    as for :func:`language_pages`."""
    if sums is None:
        sums = [
            (page, page_sum(page.read_bytes()))
            for page in language_pages(site, lang, languages, files)
        ]
    pages = _indexed(sums)
    parts = split_parts(site / languages.prefix(lang), pages, part_pages)
    cache = cache / lang
    split = len(parts) > 1
    folders = {part: _index_part(site, lang, part, found, cache, _quoting(part, split))
               for part, found in parts.items()}  # fmt: skip
    _prune(cache, set(folders.values()))
    return folders


def split_parts(
    root: Path, pages: list[tuple[Path, PageSum]], part_pages: int = PART_PAGES
) -> dict[str, list[tuple[Path, PageSum]]]:
    """The pages under ``root`` (a language's folder) by part: the pages inside each
    sub-folder of a top-level folder that holds more than ``part_pages`` of them, and a
    fifth of that per sub-folder on average, are a part, named ``<folder>-<sub-folder>``;
    the other pages are the main part. (A Pagefind run costs a fifth of a second however
    few its pages: twenty years of briefs, 28 pages a year and language, cost 4 s per
    language as parts of their own, and made a 6,000-session build slower per session
    than a 2,000-session one.)"""
    rels = [page.relative_to(root).parts for page, _ in pages]
    tops: dict[str, int] = {}
    subs: dict[str, set[str]] = {}
    for rel in rels:
        if len(rel) > 3:
            tops[rel[0]] = tops.get(rel[0], 0) + 1
            subs.setdefault(rel[0], set()).add(rel[1])
    split = {top for top, count in tops.items()
             if count > part_pages and count >= len(subs[top]) * part_pages / 5}  # fmt: skip
    parts: dict[str, list[tuple[Path, PageSum]]] = {MAIN: []}
    for rel, (page, data) in zip(rels, pages, strict=True):
        part = f"{rel[0]}-{rel[1]}" if len(rel) > 3 and rel[0] in split else MAIN
        parts.setdefault(part, []).append((page, data))
    if not parts[MAIN] and len(parts) > 1:
        # The search page loads the main part first: a language needs one.
        first = min(name for name in parts if name != MAIN)
        parts[MAIN] = parts.pop(first)
    return dict(sorted(parts.items(), key=lambda item: (item[0] != MAIN, item[0])))


def _index_part(
    site: Path,
    lang: str,
    part: str,
    pages: list[tuple[Path, PageSum]],
    cache: Path,
    quoting: bool = False,
) -> Path:
    """``quoting``: as for :func:`_run_on_pages`."""
    digest = hashlib.sha256(f"pagefind {metadata.version('pagefind')}\0{ROOT}\0{lang}\0".encode())
    for page, found in pages:
        digest.update(page.relative_to(site).as_posix().encode() + b"\0")
        digest.update(found.sha)
    folder = cache / f"{part}-{digest.hexdigest()[:32]}"
    if not isinstance(check_entry(folder), tuple) and folder_unchanged(folder):
        return folder  # indexed before, whole, and not changed through a site's files since
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{part}-", dir=cache))
    try:
        with phase(f"pagefind {lang} {part}, {len(pages)} pages"):
            root = ROOT if all(found.rooted for _, found in pages) else None
            _run_on_pages(site, [page for page, _ in pages], tmp, cache, f"{lang}-{part}", root,
                          quoting)  # fmt: skip
        for unused in UNUSED:
            for path in tmp.glob(unused):
                path.unlink()
        seal_folder(tmp)
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _quoting(part: str, split: bool) -> bool:
    """Whether a part's pages are mostly text that Pagefind ignores: the messages that an
    edition's outcome document, a body's page and a brief quote, indexed on their
    sessions' pages. Such are a language's main part once its sessions are parts of their
    own (``split``), and the briefs' parts. A main part that holds the sessions too (a
    smaller archive) is mostly what Pagefind reads: it is named in a glob, for the same
    index at less cost than copies of its pages."""
    return part.startswith("briefs-") or (part == MAIN and split)


def _run_on_pages(
    site: Path,
    pages: list[Path],
    out: Path,
    cache: Path,
    part: str,
    root: str | None = None,
    quoting: bool = False,
) -> None:
    """Pagefind on exactly ``pages`` of ``site``: named in its glob where they can be
    (:func:`pages_glob`), else placed into a folder of their own (a view), beside
    ``site``. ``quoting``: a view, of what Pagefind reads of each page (:func:`read_of`),
    which it parses in half the time of the whole pages of a language's main part.

    Naming them is the faster way on a large archive. A view is one folder per page,
    created and then removed; and on ext4 without a journal, every file created in the
    minute after a removal costs a search past the inodes just freed: a 2,000-session
    build's views took 7 s of system time from the rest of the build.

    ``root``: where every page is :func:`rooted`, Pagefind reads only the pages'
    :data:`ROOT`, which writes the same index: it then does not parse Material's header,
    navigation and footer around it (a fifth of its CPU on an archive's session pages).
    Were a page without that element given, Pagefind would leave it out: the count of
    pages indexed then sends them to the last run, which reads whole pages of a view."""
    rels = [page.relative_to(site).as_posix() for page in pages]
    glob = None if quoting else pages_glob(rels)
    if glob is not None and _indexed_all(site, glob, out, root, len(pages)):
        return
    view = _view(site, cache, part)
    try:
        _place_pages(site, pages, view)
        if root is None or not _indexed_all(view, "**/*.html", out, root, len(pages)):
            _run_pagefind(view, "**/*.html", out)
    finally:
        shutil.rmtree(view, ignore_errors=True)


def _view(site: Path, cache: Path, part: str) -> Path:
    """A new folder for a view of ``site``'s pages: beside it, on its file system. Pagefind
    numbers pages in the order it finds them in folders, and each file system lists a
    folder in its own order (ext4 by a hash of the names, tmpfs by creation): a view in a
    cache on another file system made another index of the same pages. Named after the
    site's folder, so that what a killed build left beside its own is cleared with it
    (igfpub/sitedir.py). In the cache only where nothing can be made beside the site (a
    folder mounted for the site alone)."""
    name = site.name if site.name.startswith(".") else f".{site.name}"
    try:
        return Path(tempfile.mkdtemp(prefix=f"{name}-pages-{part}-", dir=site.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=f".{part}-pages-", dir=cache))


def _indexed_all(site: Path, glob: str, out: Path, root: str | None, pages: int) -> bool:
    """Whether Pagefind's run indexed exactly ``pages`` pages; if not, ``out`` is emptied
    for the next run. Not what was meant: a page whose text mentions data-pagefind-body,
    say, or one that has no :data:`ROOT`."""
    try:
        if page_count(_run_pagefind(site, glob, out, root)["languages"]) == pages:
            return True
    except SearchIndexError:
        pass  # said again by the last run, if it was not this run's fault
    shutil.rmtree(out)
    out.mkdir()
    return False


# Characters a page's path may hold to be named in a glob: nothing Pagefind's glob
# syntax (wax) gives a meaning to. A path with any other goes through a view.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")
# One argument to a command may be 128 KiB long on Linux; a part is some hundreds of pages.
_GLOB_MAX = 64 * 1024


def pages_glob(rels: list[str]) -> str | None:
    """A Pagefind glob that matches exactly the site-relative paths ``rels``, rooted at
    their common folder (Pagefind walks the folder where the glob's fixed start ends:
    the whole site for a glob that starts with ``{``), or None: no common folder, a
    path with a character outside :data:`_PLAIN_PATH`, or too long a glob."""
    if not rels or not all(_PLAIN_PATH.fullmatch(rel) for rel in rels):
        return None
    folders = [rel.split("/")[:-1] for rel in rels]
    common: list[str] = []
    for names in zip(*folders, strict=False):
        if len(set(names)) != 1:
            break
        common.append(names[0])
    if not common:
        return None
    prefix = "/".join(common) + "/"
    rests = sorted(rel[len(prefix) :] for rel in rels)
    glob = prefix + (rests[0] if len(rests) == 1 else "{" + ",".join(rests) + "}")
    return glob if len(glob) <= _GLOB_MAX else None


def pagefind_key(lang: str) -> str:
    """The key of a language's index in Pagefind's manifest: the page's ``<html lang>``,
    lowercased (``pt-BR`` -> ``pt-br``), as igfpub/theme/assets/javascripts/igfpub-search.js
    looks it up."""
    return lang.lower()


def page_count(languages: dict[str, Any]) -> int:
    """The pages of a Pagefind manifest's ``languages`` (or of a part's list of them)."""
    return sum(int(v["page_count"]) for v in languages.values())


_BODY = b"data-pagefind-body"
# The element of a page that holds its content, and is what Pagefind indexes of it
# (igfpub/theme/igfpub/base.html).
ROOT = "#igf-content"
_ROOT_START = re.compile(rb'<div class="igf-main" id="igf-content" [^<>]*?data-pagefind-body>')
# What a page may tell Pagefind besides its body and what to ignore in it: metadata,
# filters, sorting, weights.
_TELLS = re.compile(rb"data-pagefind-(?!body\b|ignore\b)")
# What Pagefind reads inside an element it ignores: all it is told but to ignore.
_READ = re.compile(rb"data-pagefind-(?!ignore\b)")
_TITLE_LANGUAGE = TITLE_LANGUAGE.encode()
_TAG = re.compile(rb"<[^>]*>")
# An element that Pagefind ignores and that holds only text (a body's acronym in English).
_IGNORED_TEXT = re.compile(rb"<(\w+)\b[^<>]*\bdata-pagefind-ignore\b[^<>]*>[^<]*</\1>")


def rooted(data: bytes) -> bool:
    """Whether Pagefind, given the whole page, takes nothing from outside :data:`ROOT`, so
    that reading only that element gives the index the same record. Given the whole page,
    Pagefind also reads: metadata and filters marked anywhere; as the title, the first
    ``h1`` of the page, or ``<title>`` if that has no text to index (a body's name in
    English on its French page); as the image, the first ``img`` after that ``h1``, even
    in the footer; the text of every element marked as a body. Any of these makes a page
    not rooted: its part is read whole. What the ``h1`` tells of its own language
    (:data:`~igfpub.core.present.TITLE_LANGUAGE`) is inside ROOT, read either way."""
    start = _ROOT_START.search(data)
    if start is None or data.count(_BODY) != 1:
        return False
    h1 = data.find(b"<h1", start.end())
    if data.find(b"<h1", 0, start.end()) >= 0 or h1 < 0:
        return False
    if len(_TELLS.findall(data)) != data.count(_TITLE_LANGUAGE, h1, data.find(b">", h1)):
        return False
    end = data.find(b"</h1>", h1)
    # The heading's text that Pagefind indexes, if what it ignores there is plain to see.
    heading = _IGNORED_TEXT.sub(b"", data[data.find(b">", h1) + 1 : end])
    if end < 0 or b"data-pagefind-ignore" in heading or not _TAG.sub(b"", heading).strip():
        return False
    return data.find(b"<img", end) < 0


def _indexed(sums: list[tuple[Path, PageSum]]) -> list[tuple[Path, PageSum]]:
    """The pages Pagefind will index, with their digests: once any page of a run marks
    ``data-pagefind-body``, Pagefind indexes only such pages, so the others (the search
    page, free pages shown in the source language in another's place) are neither given
    to it nor part of the index's cache key. Where no page marks it, every page is indexed."""
    marked = [(page, found) for page, found in sums if found.body]
    return marked or sums


def _place_pages(site: Path, pages: list[Path], view: Path) -> None:
    """``pages`` at their places under ``view``: Pagefind takes a folder and a glob, not a
    list, and a page's URL in the index is its path there. A page is there as what
    Pagefind reads of it (:func:`read_of`) where that is less, else as a hard link (or a
    copy)."""
    made: set[Path] = set()
    for page in pages:
        target = view / page.relative_to(site)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        data = page.read_bytes()
        read = read_of(data) if _IGNORE in data else data
        if len(read) < len(data):
            target.write_bytes(read)
        else:
            link_or_copy(page, target)


def _run_pagefind(site: Path, glob: str, out: Path, root: str | None = None) -> dict[str, Any]:
    """Pagefind's command line, which returns once every file is written (its Python
    service answers "written" and is then terminated while files can still be open:
    that left empty or missing index files at random); the manifest it wrote. ``root``:
    the selector of the element Pagefind takes each page to be (it skips a page with none)."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError(
            out, "the Pagefind binary is not installed (pip install 'pagefind[extended]')"
        )
    command = [str(binary), "--site", str(site), "--glob", glob, "--output-path", str(out)]
    if root is not None:
        command += ["--root-selector", root]
    done = subprocess.run(
        [*command, "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=die_with_parent,  # one foreign call, looked up beforehand
    )
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[:300]
        raise SearchIndexError(out, f"Pagefind failed (exit {done.returncode}) on {glob}: {said}")
    found = check_entry(out)
    if isinstance(found, tuple):
        raise SearchIndexError(*found)
    return found


def check_entry(out: Path) -> dict[str, Any] | tuple[Path, str]:
    """The manifest if it and the metadata file of each language it lists are whole, else
    (the file at fault, what is wrong with it). A build once published an index whose
    manifest was empty; this is checked before any index is used."""
    entry_path = out / ENTRY
    try:
        text = entry_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return entry_path, "not written by Pagefind"
    if not text.strip():
        return entry_path, "empty file written by Pagefind"
    try:
        entry = json.loads(text)
        languages = dict(entry["languages"])
        hashes = [str(v["hash"]) for v in languages.values()]
        str(entry["version"])
    except (ValueError, KeyError, TypeError) as exc:
        return entry_path, f"incomplete or invalid manifest written by Pagefind ({exc})"
    for digest in hashes:
        meta = out / f"pagefind.{digest}.pf_meta"
        if not meta.is_file() or meta.stat().st_size == 0:
            return meta, "index metadata not written by Pagefind"
    return dict(entry)


def merge(site: Path, folders: Iterable[tuple[str, dict[str, Path]]]) -> int:
    """Write ``site/pagefind/`` from the languages' parts (:func:`index_language`);
    returns the pages indexed."""
    shutil.rmtree(site / OUTPUT, ignore_errors=True)
    return write_manifest(
        site, [(lang, link_language(site, lang, parts)) for lang, parts in folders]
    )


# What :func:`link_language` found in a language's parts: its main part's manifest, and
# each other part's languages (Pagefind's keys).
Linked = tuple[dict[str, Any], dict[str, dict[str, Any]]]


def link_language(site: Path, lang: str, parts: dict[str, Path]) -> Linked:
    """One language's parts into ``site/pagefind/`` (which holds no other part of this
    language): the build links each language as soon as it is indexed, and then writes
    the manifest (:func:`write_manifest`)."""
    out = site / OUTPUT
    entry = json.loads((parts[MAIN] / ENTRY).read_text(encoding="utf-8"))
    # Hard links to the cache's files (no bytes copied: six languages are thousands
    # of files); the files the languages share are the same bytes in each.
    _link_tree(str(parts[MAIN]), str(out))
    others: dict[str, dict[str, Any]] = {}
    for part, folder in parts.items():
        if part == MAIN:
            continue
        others[part] = json.loads((folder / ENTRY).read_text(encoding="utf-8"))["languages"]
        target = out / PARTS / lang / part
        target.mkdir(parents=True)
        for name in PART_FILES:
            for path in folder.glob(name):
                if path.is_dir():
                    _link_tree(str(path), str(target / path.name))
                else:
                    link_or_copy(path, target / path.name)
    return entry, others


def write_manifest(site: Path, linked: Iterable[tuple[str, Linked]]) -> int:
    """The manifest of ``site/pagefind/`` and its list of parts, once every language is
    linked (:func:`link_language`), in the site's order of languages; the pages indexed."""
    out = site / OUTPUT
    languages: dict[str, dict[str, Any]] = {}
    version = ""
    extra: dict[str, Any] = {}
    missing = []
    pages = 0
    listed: dict[str, list[str]] = {}
    for lang, (entry, others) in linked:
        version = entry["version"]
        if pagefind_key(lang) not in entry["languages"]:
            missing.append(lang)
        languages.update(entry["languages"])
        pages += page_count(entry["languages"])
        # The same for every language (the characters Pagefind keeps inside words).
        extra = {k: v for k, v in entry.items() if k not in ("version", "languages")}
        for part, found in others.items():
            pages += page_count(found)
            for key in found:
                listed.setdefault(key, []).append(f"{lang}/{part}")
    if pages == 0:
        # An empty index would make every search silently find nothing.
        raise SearchIndexError(site, "no page has data-pagefind-body to index")
    if missing:
        raise SearchIndexError(out / ENTRY, f"the index has no pages in {', '.join(missing)}")
    merged: dict[str, Any] = {"version": version, "languages": dict(sorted(languages.items()))}
    if extra:
        merged.update(extra)
    # A new file, not the linked one: writing into that would change the cache's entry.
    (out / ENTRY).unlink()
    (out / ENTRY).write_text(json.dumps(merged, separators=(",", ":")), encoding="utf-8")
    (out / PARTS_LIST).write_text(json.dumps(listed, separators=(",", ":"), sort_keys=True),
                                  encoding="utf-8")  # fmt: skip
    return pages


def _link_tree(source: str, target: str) -> None:
    """``source``'s files at the same places under ``target`` (made where missing), as hard
    links (:func:`link_new`), its seal left out. A language's part is thousands of files
    (a fragment per page): in strings, by one call each, not ``shutil.copytree``, which
    linked them in a tenth of a second per language while a worker waited."""
    os.makedirs(target, exist_ok=True)  # noqa: PTH103
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_dir():
                _link_tree(entry.path, f"{target}/{entry.name}")
            elif entry.name != FOLDER_SEAL:
                link_new(entry.path, f"{target}/{entry.name}")


class SearchCancelled(Exception):
    """The index was not written: it was no longer wanted (:func:`write_search_index`)."""


def write_search_index(
    site: Path,
    languages: Languages,
    cache: Path,
    part_pages: int = PART_PAGES,
    files: Sequence[str] = (),
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Every language indexed (or taken from the cache) and merged into ``site``;
    ``files`` as for :func:`language_pages`. ``cancelled`` is asked before each language:
    if it says so, :class:`SearchCancelled` is raised and ``site``'s index is left as it
    was (the preview: a save came, whose build replaces this site)."""
    folders = []
    for lang in languages:
        if cancelled():
            raise SearchCancelled(lang)
        folders.append((lang, index_language(site, lang, languages, cache, part_pages,
                                             files=files)))  # fmt: skip
    return merge(site, folders)


def _prune(cache: Path, keep: set[Path]) -> None:
    # One folder per part is enough: an older one only served the site as it was.
    for old in cache.iterdir():
        if old not in keep and old.is_dir() and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
