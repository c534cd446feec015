"""The after-build step that prints: every brief and every outcome document as a PDF in
the six languages, rendered in parallel, cached by content, briefs shortened to two pages.

A brief's HTML page is built by MkDocs with every message. When its PDF had to be
shortened, the page's brief body is rendered again here with the PDF's selection and put
in place, so that page and PDF always show the same messages. This step therefore runs
before any step that reads the pages (web-font subsets, search index).

WeasyPrint is imported only where a PDF is rendered (worker processes, or this process
for a single document), so a build with nothing to render never loads it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from html import unescape as html_unescape
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO
from urllib.parse import unquote

from igfpub.core import urls
from igfpub.core.briefs import MAX_PAGES, Brief, briefs, select
from igfpub.core.issues import Issue, Severity
from igfpub.core.languages import site_languages
from igfpub.core.languages import use as use_languages
from igfpub.core.model import Corpus
from igfpub.lifetime import leave_interrupts_to_parent
from igfpub.pdfcache import Entry, PdfCache, key
from igfpub.printfonts import font_identity, undrawable
from igfpub.render import Renderer
from igfpub.steps import StepFailed

if TYPE_CHECKING:
    from igfpub.pdf import Printer, Rendered

# Under MkDocs' logger tree, so that `mkdocs build` shows these lines as it shows its own.
log = logging.getLogger("mkdocs.plugins.igfpub")

WORKERS = 2
# Where a brief's body sits on its HTML page (see igfpub/theme/igfpub/brief.html).
START, END = "<!--igf-brief-->", "<!--/igf-brief-->"


class PrintError(StepFailed):
    """A document could not be rendered; names the PDF (its path in the site)."""


class Build(Protocol):
    """What this step needs of a finished build (igfpub.mkdocs.finish.FinishedBuild)."""

    @property
    def site(self) -> Path: ...
    @property
    def corpus(self) -> Corpus: ...
    @property
    def cache(self) -> Path: ...
    @property
    def pdf(self) -> bool: ...
    @property
    def site_url(self) -> str: ...
    @property
    def theme_dirs(self) -> list[str]: ...
    @property
    def content(self) -> Path | None: ...
    @property
    def file_urls(self) -> bool: ...
    @property
    def symbol(self) -> str: ...


@dataclass(frozen=True)
class Job:
    name: str  # the PDF's path in the site: "fr/briefs/2025/body-itu.pdf"
    lang: str
    key: str  # content hash (pdfcache.key)
    html: str  # the whole document; for a brief, unshortened
    brief: str | None = None  # Brief.key, for documents that may be shortened
    total: int = 0  # the brief's messages


@dataclass
class Report:
    documents: int = 0
    rendered: list[str] = field(default_factory=list)
    cached: int = 0
    # brief key -> language -> (shown, total)
    shortened: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)  # note -> PDFs it concerns
    # `path:line: warning: ...` for each character that no installed font draws
    undrawable: list[str] = field(default_factory=list)
    seconds: float = 0.0


def after_build(build: Build) -> None:
    """The AFTER_BUILD step. ``--no-pdf`` skips it: brief pages then show every message."""
    if not build.site_url:
        log.info("igfpub: site_url is not set: links in the PDFs cannot point at the site")
    if build.pdf:
        publish(build.site, build.corpus, build.cache, site_url=build.site_url,
                theme_dirs=[Path(d) for d in build.theme_dirs],
                content=build.content, file_urls=build.file_urls,
                symbol=build.symbol)  # fmt: skip


def publish(
    site: Path,
    corpus: Corpus,
    cache: Path,
    *,
    site_url: str,
    theme_dirs: Sequence[Path],
    workers: int = WORKERS,
    stream: TextIO | None = None,
    content: Path | None = None,
    file_urls: bool = False,
    symbol: str = "IGF",
) -> Report:
    """Write every PDF into ``site``, rendering only what ``cache`` does not hold.
    ``content`` is the content folder, where a character no font draws is looked up;
    ``file_urls``: the site links pages by their files (``use_directory_urls: false``)."""
    started = time.perf_counter()
    out = stream or sys.stderr
    renderer = Renderer(theme_dirs, corpus, site_url, file_urls, symbol)
    by_key = {b.key: b for b in briefs(corpus)}
    store = PdfCache(cache / "pdf")
    jobs = list(plan_jobs(renderer, corpus, by_key.values(), site))
    entries: dict[str, Entry] = {}
    missing = []
    for job in jobs:
        entry = store.get(job.key)
        if entry is None:
            missing.append(job)
        else:
            entries[job.name] = entry
    report = Report(documents=len(jobs), cached=len(entries))
    report.undrawable = undrawable_warnings(jobs, content)
    progress = Progress(len(missing), out)
    # What WeasyPrint may read: the site and igfpub's own template folder, nothing else.
    roots = [site, *(d for d in theme_dirs if (d / "igfpub").is_dir())]
    for job, rendered in render(missing, renderer, roots, workers):
        entries[job.name] = store.put(job.key, rendered.data, pages=rendered.pages,
                                      shown=rendered.shown, notes=rendered.notes)  # fmt: skip
        report.rendered.append(job.name)
        progress.step()
    progress.done()
    for job in jobs:
        target = site / job.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entries[job.name].pdf, target)
        for note in entries[job.name].notes:
            if note.startswith(NOTDEF):  # said better by report.undrawable
                continue
            report.notes.setdefault(note, []).append(job.name)
        shown = entries[job.name].shown
        if job.brief is not None and shown is not None and shown < job.total:
            report.shortened.setdefault(job.brief, {})[job.lang] = (shown, job.total)
            splice(site, renderer, by_key[job.brief], job.lang, shown)
    store.prune()
    report.rendered.sort()
    report.seconds = round(time.perf_counter() - started, 2)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "pdf-report.json").write_text(json.dumps(asdict(report), indent=1), "utf-8")
    tell(report, out)
    return report


def plan_jobs(
    renderer: Renderer, corpus: Corpus, all_briefs: Iterable[Brief], site: Path | None = None
) -> Iterator[Job]:
    """Every PDF of the site with its full HTML and cache key. Outcome documents first:
    they are the longest, and a pool finishes sooner when the long jobs start early.
    ``site``: the site's folder, whose files a PDF shows (an image of a takeaway) are in
    its key."""
    fonts = font_identity()
    site_url = renderer.site_url.rstrip("/") + "/" if renderer.site_url else ""

    def files(html: str) -> list[str]:
        return named_files(html, site_url, site) if site is not None and site_url else []

    for year in corpus.editions:
        for lang in site_languages().codes:
            html = renderer.outcome_document(year, lang)
            k = key(html, fingerprint=renderer.fingerprint(lang), fonts=fonts, max_pages=None,
                    files=files(html))  # fmt: skip
            yield Job(urls.outcome_pdf(lang, year), lang, k, html)
    for brief in all_briefs:
        for lang in site_languages().codes:
            html = renderer.brief_document(brief, lang, brief.everything())
            k = key(html, fingerprint=renderer.fingerprint(lang), fonts=fonts,
                    max_pages=MAX_PAGES, files=files(html))  # fmt: skip
            yield Job(brief.pdf_url(lang), lang, k, html, brief.key, brief.total)


def named_files(html: str, site_url: str, site: Path) -> list[str]:
    """The digests of the site's files that ``html`` shows by their address (``src``):
    the PDF holds their bytes, so it changes with them."""
    found = []
    for url in sorted(set(re.findall(rf'src="{re.escape(site_url)}([^"#?]*)', html))):
        path = site / unquote(html_unescape(url))
        try:
            found.append(f"{url} {hashlib.sha256(path.read_bytes()).hexdigest()}")
        except OSError:
            found.append(f"{url} -")  # refused or missing: said by the render
    return found


# -- rendering, in worker processes ---------------------------------------------------
@dataclass
class _Worker:
    renderer: Renderer
    printer: Printer
    briefs: dict[str, Brief]


_worker: _Worker | None = None


def _start_worker(
    corpus: Corpus,
    site_url: str,
    theme_dirs: Sequence[Path],
    roots: Sequence[Path],
    file_urls: bool = False,
    symbol: str = "IGF",
) -> None:
    from igfpub.pdf import Printer  # here: WeasyPrint only where PDFs are made

    global _worker
    leave_interrupts_to_parent()
    use_languages(corpus.languages)  # a spawned worker starts with the default languages
    renderer = Renderer(theme_dirs, corpus, site_url, file_urls, symbol)
    site = (site_url.rstrip("/") + "/", roots[0]) if site_url else None  # roots[0]: the site
    _worker = _Worker(renderer, Printer(renderer.stylesheet(), roots, site),
                      {b.key: b for b in briefs(corpus)})  # fmt: skip


def _render_job(job: Job) -> Rendered:
    worker = _worker
    assert worker is not None, "_start_worker first"
    if job.brief is None:
        return worker.printer.render(job.html)
    brief = worker.briefs[job.brief]

    def html_for(count: int) -> str:
        if count == job.total:
            return job.html
        return worker.renderer.brief_document(brief, job.lang, select(brief, count))

    return worker.printer.fit(html_for, job.total, MAX_PAGES)


def render(
    jobs: Sequence[Job],
    renderer: Renderer,
    roots: Sequence[Path],
    workers: int = WORKERS,
) -> Iterator[tuple[Job, Rendered]]:
    """Render ``jobs``, yielding each as it is done (in no particular order), in workers
    with renderers like ``renderer``."""
    if not jobs:
        return
    setup = (renderer.corpus, renderer.site_url, list(renderer.dirs), list(roots),
             renderer.file_urls, renderer.symbol)  # fmt: skip
    if workers <= 1 or len(jobs) == 1:
        # Starting a process costs about a second: not worth it for a single document.
        _start_worker(*setup)
        for job in jobs:
            try:
                rendered = _render_job(job)
            except Exception as exc:
                raise PrintError(Path(job.name), f"{type(exc).__name__}: {exc}") from exc
            yield job, rendered
        return
    # "spawn": a fresh interpreter, safe whatever threads the parent runs (`mkdocs serve`
    # rebuilds in a thread; forking a threaded process can deadlock).
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context,
                               initializer=_start_worker, initargs=setup)  # fmt: skip
    try:
        futures = {pool.submit(_render_job, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield job, future.result()
            except Exception as exc:
                raise PrintError(Path(job.name), f"{type(exc).__name__}: {exc}") from exc
    finally:
        # Stopped early (Ctrl-C, a failed PDF, the caller gone), the PDFs not yet begun
        # are dropped: a `with` block's exit would wait for every one of them.
        pool.shutdown(cancel_futures=True)


# -- the HTML page of a shortened brief -----------------------------------------------
def splice(site: Path, renderer: Renderer, brief: Brief, lang: str, shown: int) -> bool:
    """Put the PDF's selection on the brief's HTML page; False if the page is not there."""
    page = site / brief.url(lang) / "index.html"
    if not page.is_file():
        return False
    text = page.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        log.warning("igfpub: %s has no brief markers; its page shows every message", page)
        return False
    body = renderer.brief_fragment(brief, lang, select(brief, shown))
    # A new file, not the old one rewritten: a page may be a hard link to the render cache.
    page.unlink()
    page.write_text(text[: start + len(START)] + body + text[end:], encoding="utf-8")
    return True


# -- characters that print as an empty box -------------------------------------------
NOTDEF = ".notdef glyph rendered"  # how WeasyPrint logs each one
SHOWN_PDFS = 6


def undrawable_warnings(jobs: Iterable[Job], content: Path | None) -> list[str]:
    """A warning for each character of the PDFs that no installed font draws, naming the
    content file (and line) that holds it and the PDFs where it prints as an empty box."""
    pdfs: dict[str, list[str]] = {}
    for job in jobs:
        for char in undrawable(set(job.html)):
            pdfs.setdefault(char, []).append(job.name)
    if not pdfs:
        return []
    where = _locate(content, set(pdfs)) if content else {}
    warnings = []
    for char, names in sorted(pdfs.items()):
        path, line = where.get(char, ("(igfpub templates)", 0))
        name = unicodedata.name(char, "unnamed character")
        shown = ", ".join(names[:SHOWN_PDFS])
        more = f" and {len(names) - SHOWN_PDFS} more" if len(names) > SHOWN_PDFS else ""
        message = (f"U+{ord(char):04X} {name} ({char!r}) is drawn by no installed font: it "
                   f"prints as an empty box in {shown}{more}")  # fmt: skip
        warnings.append(str(Issue(path, line, Severity.WARNING, message)))
    return warnings


def _locate(content: Path, chars: set[str]) -> dict[str, tuple[str, int]]:
    """The first content file (in path order) and line that hold each of ``chars``."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(p for p in content.rglob("*") if p.suffix in (".md", ".yml", ".yaml")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for char in chars - set(found):
            at = text.find(char)
            if at >= 0:
                found[char] = (path.relative_to(content).as_posix(), text.count("\n", 0, at) + 1)
        if len(found) == len(chars):
            break
    return found


# -- telling the user -----------------------------------------------------------------
class Progress:
    """``igfpub: PDFs 12/342`` on a terminal (one line, updated), a few lines otherwise."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.done_count, self.stream = total, 0, stream
        self.tty = stream.isatty()
        self.started = time.perf_counter()

    def step(self) -> None:
        self.done_count += 1
        n, total = self.done_count, self.total
        if self.tty:
            self.stream.write(f"\rigfpub: rendering PDFs {n}/{total}")
        elif n == total or n * 4 // total != (n - 1) * 4 // total:
            self.stream.write(f"igfpub: rendering PDFs {n}/{total}\n")
        self.stream.flush()

    def done(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")


def tell(report: Report, stream: TextIO) -> None:
    lines = [
        *report.undrawable,
        f"igfpub: {report.documents} PDFs: {len(report.rendered)} rendered, "
        f"{report.cached} unchanged, in {report.seconds:.1f} s",
    ]
    if report.shortened:
        lines.append(f"igfpub: {len(report.shortened)} briefs shortened to fit two pages:")
        for brief, per_lang in sorted(report.shortened.items()):
            counts = ", ".join(f"{lang} {s}/{t}" for lang, (s, t) in per_lang.items())
            lines.append(f"  briefs/{brief}: messages shown {counts}")
    for note, names in sorted(report.notes.items()):
        more = f" and {len(names) - 1} more" if len(names) > 1 else ""
        lines.append(f"igfpub: {note} (in {names[0]}{more})")
    # `mkdocs build` shows INFO lines; `igfpub build` keeps MkDocs to warnings, so print.
    if log.isEnabledFor(logging.INFO):
        for line in lines:
            log.info(f"igfpub:{line}" if line.startswith("  ") else line)
    else:
        stream.write("\n".join(lines) + "\n")
