"""``build(content, site, options) -> Report``: the one entry that builds a site, for the
command line and the preview server.

1. Unchanged input (content, code, templates, configuration, options) since the last
   build into the same site: nothing is done at all.
2. The content is loaded and checked once, in this process.
3. The languages are built by MkDocs in worker processes, two at a time (languages are
   independent; each worker forks from this process and so shares the loaded content).
   Each worker renders only the pages the render cache does not hold.
4. The steps that span languages (fonts, feeds, open data, 404, sitemap, CSS, search)
   run here, once, over the finished pages.
5. The new site replaces the old one in one rename: a failed build leaves the previous
   site untouched.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from igfpub.core.issues import Issue
from igfpub.core.languages import Languages
from igfpub.core.loader import LoadResult, load_corpus
from igfpub.lifetime import FORKING, die_with_parent, leave_interrupts_to_parent
from igfpub.mkdocs.config import limits as site_limits
from igfpub.mkdocs.finish import AfterBuildError
from igfpub.mkdocs.pagecache import warn_changed
from igfpub.mkdocs.site import LogCollector, SiteConfigError, load_mkdocs_config, read_site
from igfpub.outputs import prune
from igfpub.outputs.cache import COMMAND_HINT, Unwritable, atomic_write, check_writable, chosen
from igfpub.outputs.cache import DEFAULT as DEFAULT_CACHE
from igfpub.outputs.fingerprint import fingerprint
from igfpub.outputs.pagescan import SUBSET_LANGUAGES, Scanned
from igfpub.sitedir import ForeignFolder, Staging, check_replaceable, clear_leftovers
from igfpub.steps import StepFailed
from igfpub.timings import phase

if TYPE_CHECKING:
    from igfpub.mkdocs.finish import FinishedBuild
    from igfpub.outputs.search import PageSum

STAMP = "last-build.json"


@dataclass(frozen=True)
class Options:
    config_file: Path
    pdf: bool = True
    cache_dir: Path = DEFAULT_CACHE
    workers: int = 2  # the machine's cores; languages are built this many at a time
    # False: no search index (the preview server indexes after the pages are shown).
    search: bool = True
    # Told a line as each language's pages are written: a cold build of a large archive
    # is minutes, which a terminal otherwise spends saying nothing (igfpub.cli).
    progress: Callable[[str], None] | None = field(default=None, compare=False)


@dataclass
class Report:
    languages: tuple[str, ...] = ()
    rendered: int = 0  # (page, language) pairs rendered by templates
    reused: int = 0  # (page, language) pairs taken from the render cache
    # Of those rendered, the pairs whose cache entry had been changed since it was written
    # (a built file edited in place: igfpub/outputs/cache.py).
    changed: int = 0
    unchanged: bool = False  # nothing had changed: nothing was done
    seconds: float = 0.0
    issues: list[Issue] = field(default_factory=list)


class BuildFailed(RuntimeError):
    """MkDocs or a step stopped the build and said why, in one line."""


class BuildError(RuntimeError):
    """The build failed; ``issues`` holds the content problems, if that is why."""

    def __init__(self, message: str, issues: list[Issue] | None = None) -> None:
        super().__init__(message)
        self.issues = issues or []


class Refused(BuildError):
    """The build did not start, and nothing was done: the site folder holds what igfpub did
    not write, or the cache folder cannot be written. Its text is the whole line to say."""


# The content loaded and checked with the site's languages and limits, or what loads it
# when the build needs it (see :func:`build`).
Loaded = LoadResult | Callable[[], LoadResult]


def build(
    content: Path,
    site: Path,
    options: Options,
    loaded: Loaded | None = None,
    stamp: str | None = None,
    before_publish: Callable[[Path], None] | None = None,
) -> Report:
    """``loaded``: the content, loaded and checked with the site's languages and limits,
    or a function that loads it (``igfpub.cli``'s, which prints its problems): called once
    the build has started to empty the folders it will build in, which takes as long as
    a load on a large archive. ``before_publish``: called with the finished folder just
    before it replaces the site (the preview puts there the pages of files saved during the
    build)."""
    with collector_paused():
        return _build(content, site, options, loaded, stamp, before_publish)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a build, and what exists before the workers fork
    frozen (:func:`_build_into`). The loaded archive is hundreds of thousands of objects
    that live as long as the build: each full collection walked them all again (a second
    of a warm build at 2,000 sessions), and in a forked worker a collection writes to
    every object it walks, which copies the pages the worker shares with this process.
    The workers collect their own garbage; this process's is freed by reference counts."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()  # the preview server builds again and again: nothing stays frozen
        if was:
            gc.enable()


def _build(
    content: Path,
    site: Path,
    options: Options,
    loaded: Loaded | None,
    stamp: str | None,
    before_publish: Callable[[Path], None] | None,
) -> Report:
    start = time.perf_counter()
    content, site = content.resolve(), site.resolve()
    cache = options.cache_dir.resolve()
    with phase("no-change stamp"):
        stamp = stamp or stamp_of(content, options)
    if _unchanged(cache, site, stamp):
        clear_leftovers(site)  # what a killed build left, even when nothing else is to do
        return Report(unchanged=True, seconds=time.perf_counter() - start)
    try:
        check_replaceable(site)  # before anything is loaded, moved or written
        check_writable(cache, COMMAND_HINT)
    except (ForeignFolder, Unwritable) as exc:
        raise Refused(str(exc)) from None
    held = prune.hold(cache)  # nothing is pruned from the cache while this build reads it
    try:
        report = _build_held(content, site, options, cache, loaded, stamp, before_publish)
    finally:
        if held >= 0:
            os.close(held)
    warn_changed(report.changed)
    if prune.due(cache):
        with phase("cache pruning"):
            prune.prune(cache, site)
    report.seconds = time.perf_counter() - start
    return report


def _build_held(
    content: Path,
    site: Path,
    options: Options,
    cache: Path,
    loaded: Loaded | None,
    stamp: str,
    before_publish: Callable[[Path], None] | None,
) -> Report:
    # Build beside the target and swap at the end (igfpub/sitedir.py): a failed or killed
    # build leaves no output behind and the previous site untouched and served.
    # The previous site is kept in the cache for the next build to be made in; it is
    # emptied in the background while the content is loaded.
    spare = cache / "spare" / hashlib.sha256(str(site).encode()).hexdigest()[:16]
    # A site's first build loads the content first, so that content with errors leaves
    # nothing behind, not even a cache.
    result = None if cache.is_dir() else _checked(loaded, content, options)
    staging = Staging(site, spare, background=True)
    with phase("build, publish, remove the previous site"), staging as tmp:
        result = result or _checked(loaded, content, options)
        try:
            with phase("build"):
                report = _build_into(content, tmp, options, cache, result, staging.ready)
        except Exception as exc:
            # Problems name files of the folder being built: name the target instead.
            raise BuildError(_said(exc).replace(tmp.name, site.name)) from None
        if before_publish is not None:
            before_publish(tmp)
        staging.publish()
    cache.mkdir(parents=True, exist_ok=True)
    atomic_write(cache / STAMP, json.dumps({"site": str(site), "stamp": stamp}).encode())
    report.issues = list(result.issues)
    return report


def _checked(loaded: Loaded | None, content: Path, options: Options) -> LoadResult:
    """The content, loaded if it is not yet; a BuildError if it has errors."""
    with phase("load"):
        if loaded is None:
            result = _load(content, options)
        else:
            result = loaded if isinstance(loaded, LoadResult) else loaded()
    if not result.ok:
        errors = sum(1 for i in result.issues if i.is_error)
        raise BuildError(f"{errors} content error{'s' * (errors != 1)}", list(result.issues))
    return result


def _load(content: Path, options: Options) -> LoadResult:
    """The content, with the site's languages and limits (the preview server's path: the
    command line loads it itself, to print its problems)."""
    from igfpub.core.languages import use

    try:
        site = read_site(options.config_file, content)
    except SiteConfigError as exc:
        raise BuildError(str(exc)) from None
    use(site.languages)
    return load_corpus(content, site.limits)


def cache_dir_for(config_file: Path, given: Path | None, default: Path = DEFAULT_CACHE) -> Path:
    """The cache folder of a build with ``config_file``: ``given`` (``--cache-dir``), else
    ``$IGFPUB_CACHE_DIR``, else the igfpub plugin's ``cache_dir`` in ``config_file``
    (relative to its folder, as the plugin takes it), else ``default``. The option is read
    from the YAML alone: loading the whole configuration is a tenth of a second."""
    return chosen(given, _plugin_option(config_file, "cache_dir"), default)


def _plugin_option(config_file: Path, name: str) -> str | None:
    """The igfpub plugin's option ``name`` in ``config_file``, as a path made absolute from
    its folder; None where it is not set (or the file cannot be read: the build's own load
    of the configuration says why)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as f:
            plugins = yaml_load(f).get("plugins") or []
    except Exception:
        return None
    if isinstance(plugins, dict):
        plugins = [{key: value} for key, value in plugins.items()]
    for plugin in plugins if isinstance(plugins, list) else []:
        options = plugin.get("igfpub") if isinstance(plugin, dict) else None
        value = options.get(name) if isinstance(options, dict) else None
        if isinstance(value, str) and value:
            # As MkDocs makes the option's path absolute (config_options.Dir).
            return os.path.abspath(os.path.join(config_file.parent, value))  # noqa: PTH100, PTH118
    return None


def is_unchanged(site: Path, options: Options, stamp: str) -> bool:
    """Nothing that the site is made from changed since the last build into it."""
    return _unchanged(options.cache_dir.resolve(), site.resolve(), stamp)


def stamp_of(content: Path, options: Options) -> str:
    """A digest of every input of the whole build (content, code, theme, configuration)."""
    return _stamp(content.resolve(), options)


def _said(exc: BaseException) -> str:
    """What a failed build says: MkDocs' or a step's own message; an exception's bare
    text (a KeyError's 'title') would say nothing, so anything else is named as such."""
    if isinstance(exc, (BuildFailed, StepFailed, AfterBuildError)):
        return str(exc)
    return f"unexpected {exc!r}"


# -- no change ---------------------------------------------------------------------------


def _stamp(content: Path, options: Options) -> str:
    """A digest of every input of the whole build."""
    h = hashlib.sha256()
    for rel in _content_files(content):
        h.update(rel.encode() + b"\0")
        h.update(hashlib.sha256((content / rel).read_bytes()).digest())
    config_file = options.config_file.resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _quiet_mkdocs()
    # The site's own template folder (its custom_dir) is an input too.
    dirs = _load_config(config_file, content, content.parent / "unused").theme.dirs
    h.update(fingerprint(config_file, dirs, options.pdf, options.search).encode())
    return h.hexdigest()


def _content_files(content: Path) -> list[str]:
    """Every file under ``content`` (links to files followed, not links to folders), as sorted
    paths relative to it: what ``sorted(content.rglob("*"))`` gives, in strings (sorting
    5,000 Path objects was a tenth of a second of every build)."""
    found = []
    for folder, _, names in os.walk(content):
        rel = os.path.relpath(folder, content)
        parts = () if rel == "." else tuple(Path(rel).parts)
        for name in names:
            if os.path.isfile(os.path.join(folder, name)):  # noqa: PTH113, PTH118 (strings: see above)
                found.append((*parts, name))
    return ["/".join(parts) for parts in sorted(found)]


def _unchanged(cache: Path, site: Path, stamp: str) -> bool:
    try:
        last = json.loads((cache / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(last == {"site": str(site), "stamp": stamp} and (site / "index.html").is_file())


# -- the build ---------------------------------------------------------------------------

# What the worker processes inherit: set before the pool forks.
_SHARED: dict[str, Any] = {}


def _build_into(
    content: Path,
    site: Path,
    options: Options,
    cache: Path,
    result: LoadResult,
    ready: Callable[[], object],
) -> Report:
    """``ready``: waits until ``site`` may be written into (igfpub/sitedir.py)."""
    from mkdocs.exceptions import PluginError

    from igfpub.catalogs import compile_all
    from igfpub.mkdocs import finish
    from igfpub.mkdocs.plugin import check_site, prepare, use_package_theme
    from igfpub.outputs import search
    from igfpub.printing import after_build as print_documents

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _quiet_mkdocs()
    config = _load_config(options.config_file, content, site)
    compile_all()  # before the workers: they would race to write the same .mo files
    if config.theme.custom_dir:
        compile_all(Path(config.theme.custom_dir) / "locales")
    use_package_theme(config)
    try:
        check_site(config, pdf=options.pdf)
    except PluginError as exc:
        raise BuildFailed(str(exc)) from None
    # The workers fork from here, with the site's languages set (igfpub.cli set them).
    languages = result.corpus.languages.codes
    # The page plan, the messages index and the digests of every page's inputs, once for
    # all languages: the workers inherit them.
    with phase("page plan and input digests"):
        prepared = prepare(content, result, not config.use_directory_urls)
    finished = finish.FinishedBuild(
        site=site,
        corpus=result.corpus,
        cache=cache,
        pdf=options.pdf,
        site_url=config.site_url or "",
        theme_dirs=list(config.theme.dirs),
        index=prepared[1],
        inputs=prepared[2],
        favicon=str(config.theme["favicon"] or "assets/images/favicon.png"),
        content=content,
        file_urls=not config.use_directory_urls,
        symbol=config.plugins["igfpub"].config.document_symbol,
    )
    # Fork: the workers share the loaded content instead of loading it again, and each
    # builds several languages: MkDocs keeps one instance of a plugin per process (for
    # `mkdocs serve`), so igfpub's in-memory caches serve all of a worker's languages.
    context = _WorkerContext()
    # site_files: the workers copy the site's files in turn (see _site_files_in_turn).
    _SHARED.update(result=result, options=options, content=content, finished=finished,
                   prepared=prepared, site_files=context.Lock())  # fmt: skip
    report = Report(languages=languages)
    workers = max(1, min(options.workers, len(languages)))
    with phase("site folder ready"):
        ready()
    if options.progress is not None:
        options.progress(f"rendering {len(languages)} languages ({', '.join(languages)}), "
                         f"{workers} at a time")  # fmt: skip
    gc.freeze()  # see collector_paused
    try:
        with FORKING:
            pool = context.Pool(workers, initializer=_start_worker)
        with pool:
            if options.pdf:
                _collect(report, [(lang, pool.apply_async(_build_language, (lang,)))
                                  for lang in languages], options)  # fmt: skip
                # PDFs rewrite shortened briefs' pages: every later step reads them after.
                if options.progress is not None:
                    options.progress("PDFs, then feeds, open data, sitemap and search")
                for step in finish.AFTER_BUILD:
                    if options.search or step is not finish.search_index:
                        finish.run_step(step, finished)
                return report
            # Without PDFs a language's pages are final once written: they are read for
            # the sitemap, stylesheet, fonts and search, and its search index made, while
            # other languages are built (the source language's first: its Pagefind run is
            # the longest task of a warm build); what spans languages is then combined.
            tasks = _Tasks(pool, workers)
            linked: dict[str, search.Linked] = {}
            shutil.rmtree(site / search.OUTPUT, ignore_errors=True)  # a spare's empty folders
            scans: dict[str, Scanned] = {}
            # The font subsets made from the pages' text (Chinese) are made once the pages
            # of their languages are read: such a language's pages are read alone, so that
            # the subsets and its search index are then made side by side. The other fonts
            # need no page, and are made while the languages are rendered (at the end of
            # a 300-session build they were seconds with one core idle).
            subset = {code for code in languages if code in SUBSET_LANGUAGES}
            fonts_added = False

            def searched(lang: str) -> Callable[[Any], None]:
                def then(parts: dict[str, Path]) -> None:
                    # Into the site while other languages are built.
                    linked[lang] = finish.run_step(
                        lambda build: search.link_language(build.site, lang, parts),
                        finished,
                        name="search index",
                    )

                return then

            def finished_language(lang: str) -> Callable[[Any], None]:
                def then(done: tuple[Scanned, dict[str, Path] | None]) -> None:
                    nonlocal fonts_added
                    found, parts = done
                    scans[lang] = found
                    if parts is not None:
                        searched(lang)(parts)
                    elif options.search:
                        tasks.add(_search_language, (lang, _search_sums(finished, found)),
                                  urgent=True, then=searched(lang))  # fmt: skip
                    if subset <= scans.keys() and not fonts_added:
                        fonts_added = True
                        text = finish.subset_text(replace(finished, scanned=scans))
                        tasks.add(_fonts, (text, True), urgent=True)

                return then

            def language_built(lang: str) -> Callable[[Any], None]:
                def then(counts: tuple[int, int, int]) -> None:
                    _count(report, lang, counts, options)
                    tasks.add(_finish_language, (lang, options.search and lang not in subset),
                              urgent=lang == languages[0] or lang in subset,
                              then=finished_language(lang))  # fmt: skip

                return then

            # The source language first (see above), then those the text-made font subsets
            # wait for: the subsets are then made while the other languages are rendered,
            # not after them all.
            for lang in sorted(
                languages, key=lambda code: (code != languages[0], code not in subset)
            ):
                tasks.add(_build_language, (lang,), then=language_built(lang))
            tasks.add(_fonts, ("", False))
            finish.run_step(finish.feeds_and_open_data, finished)  # needs only the content
            _give_back_memory()  # what the feeds left, before the languages' indexes
            tasks.wait()
            # The steps that span languages, from what the languages' pages said.
            whole = replace(finished, scanned=scans)
            done = {print_documents, finish.fonts, finish.feeds_and_open_data,
                    finish.search_index}  # fmt: skip
            for step in finish.AFTER_BUILD:
                if step not in done:
                    finish.run_step(step, whole)
            if options.search:
                ordered = [(lang, linked[lang]) for lang in languages]
                finish.run_step(lambda build: search.write_manifest(build.site, ordered),
                                finished, name="search index")  # fmt: skip
    finally:
        _SHARED.clear()
    return report


class _WorkerProcess(multiprocessing.context.ForkProcess):
    """A pool worker that is not daemonic, so that a site's MkDocs plugin may start
    processes of its own in it (mkdocs-git-revision-date-localized-plugin starts a pool):
    a daemonic process may not have children. The pool still ends its workers when the
    build ends, and each worker dies with the build (igfpub.lifetime.die_with_parent)."""

    @property
    def daemon(self) -> bool:
        return False

    @daemon.setter
    def daemon(self, value: bool) -> None:
        pass  # multiprocessing.Pool makes its workers daemonic


class _WorkerContext(multiprocessing.context.ForkContext):
    Process = _WorkerProcess


def _start_worker() -> None:
    gc.enable()  # its own garbage: what it forked with is frozen (see collector_paused)
    die_with_parent()
    leave_interrupts_to_parent()
    _theme_files_listed_once()
    _empty_pages_not_converted()


def _theme_files_listed_once() -> None:
    """In a worker, MkDocs lists the theme's static files once, not once per language.
    Material's template folder holds 14,000 icons that MkDocs walks and filters by
    pattern to find its 160 static files: a fifth of a second for every language, of a
    warm build that renders a page or two in each. The theme does not change during a
    build, and a worker lives for one build."""
    from mkdocs.structure.files import File, Files

    original = Files.add_files_from_theme
    found: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, str | None]]] = {}

    def add_files_from_theme(self: Files, env: Any, config: Any) -> None:
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates))
        if key not in found:
            listed = Files([])
            walker: Any = _TemplatesOutsideDotFolders(config.theme.dirs)  # all it asks of env
            original(listed, walker, config)
            found[key] = [(file.src_path, file.src_dir) for file in listed]
        for path, folder in found[key]:
            # As MkDocs does: the theme's files do not override the site's.
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]


class _TemplatesOutsideDotFolders:
    """What MkDocs asks of a theme's Jinja environment to find its static files, without
    walking into folders whose names start with a dot: MkDocs' own filter drops every path
    with such a part (patterns ``.*`` and ``*/.*``), and Material's ``.icons`` holds 14,000
    of its 14,500 files. Filtering them by pattern took a tenth of a second per worker."""

    def __init__(self, dirs: list[str]) -> None:
        self._dirs = dirs

    def list_templates(self, filter_func: Callable[[str], bool]) -> list[str]:
        found: set[str] = set()
        for root in self._dirs:
            for folder, subfolders, names in os.walk(root):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                rel = os.path.relpath(folder, root).replace(os.path.sep, "/")
                found.update(names if rel == "." else (f"{rel}/{name}" for name in names))
        return sorted(path for path in found if filter_func(path))


def _empty_pages_not_converted() -> None:
    """In a worker, a page whose Markdown is empty (igfpub's generated pages are front matter
    only) gets what MkDocs' conversion gives an empty text, without it: MkDocs makes a new
    Python-Markdown with every extension for each page, 3 % of a cold build's time for
    thousands of pages that have nothing to convert."""
    from mkdocs.structure.pages import Page

    Page.render = empty_pages_not_converted(Page.render)  # type: ignore[method-assign]


def empty_pages_not_converted(render: Callable[..., None]) -> Callable[..., None]:
    """MkDocs' ``Page.render``, skipped for an empty page (tests/test_build_process.py
    compares both)."""
    import logging

    from mkdocs.structure.toc import get_toc

    log = logging.getLogger("mkdocs.structure.pages")

    def render_page(self: Any, config: Any, files: Any) -> None:
        if self.markdown is None or self.markdown.strip():
            render(self, config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}

    return render_page


class _Tasks:
    """Pool tasks started as workers free up, urgent ones first. A task's ``then`` runs
    when it is done (in the pool's result thread) and may add tasks; :meth:`wait` returns
    once every task is done, or raises the first failure."""

    def __init__(self, pool: Any, slots: int) -> None:
        self._pool = pool
        self._slots = slots
        self._waiting: deque[
            tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], None] | None]
        ]
        self._waiting = deque()
        self._running = 0
        self._unfinished = 0
        self._error: BaseException | None = None
        self._changed = threading.Condition(threading.RLock())

    def add(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        then: Callable[[Any], None] | None = None,
        urgent: bool = False,
    ) -> None:
        with self._changed:
            self._unfinished += 1
            task = (fn, args, then)
            self._waiting.appendleft(task) if urgent else self._waiting.append(task)
            self._start()

    def wait(self) -> None:
        with self._changed:
            while self._unfinished and self._error is None:
                self._changed.wait()
            if self._error is not None:
                raise self._error

    def _start(self) -> None:
        while self._running < self._slots and self._waiting and self._error is None:
            fn, args, then = self._waiting.popleft()
            self._running += 1
            self._pool.apply_async(fn, args, callback=lambda value, then=then: self._done(value, then),
                                   error_callback=self._failed)  # fmt: skip

    def _done(self, value: Any, then: Callable[[Any], None] | None) -> None:
        try:
            if then is not None:
                then(value)
        except BaseException as exc:
            self._failed(exc)
            return
        with self._changed:
            self._running -= 1
            self._unfinished -= 1
            self._start()
            self._changed.notify_all()

    def _failed(self, exc: BaseException) -> None:
        with self._changed:
            self._error = self._error or exc
            self._running -= 1
            self._unfinished -= 1
            self._changed.notify_all()


def _collect(report: Report, jobs: list[tuple[str, Any]], options: Options) -> None:
    for lang, job in jobs:
        _count(report, lang, job.get(), options)


def _count(report: Report, lang: str, counts: tuple[int, int, int], options: Options) -> None:
    """A language's (pages rendered, reused, found changed in the cache), added."""
    report.rendered += counts[0]
    report.reused += counts[1]
    report.changed += counts[2]
    if options.progress is not None:
        options.progress(language_done(lang, counts[0], counts[1]))


def language_done(lang: str, rendered: int, reused: int) -> str:
    """The progress line of a language whose pages are written."""
    return f"{lang}: {rendered + reused:,} pages written, {rendered:,} of them rendered"


def _finish_language(lang: str, search: bool) -> tuple[Scanned, dict[str, Path] | None]:
    """What the steps that span languages need of ``lang``'s pages, read once
    (igfpub/outputs/pagescan.py), and, if ``search``, its search index parts."""
    from igfpub.mkdocs.finish import run_step, scan

    finished: FinishedBuild = _SHARED["finished"]
    scanned = run_step(lambda build: scan(build, lang), finished, name="page facts")
    if not search:
        return scanned, None
    return scanned, _search_language(lang, _search_sums(finished, scanned))


def _search_sums(finished: FinishedBuild, scanned: Scanned) -> list[tuple[Path, PageSum]]:
    """What the search index needs of each page of a language, from its page facts."""
    return [(finished.site.joinpath(*parts), facts.search) for parts, facts in scanned]


def _search_language(lang: str, sums: list[tuple[Path, PageSum]]) -> dict[str, Path]:
    """``lang``'s search index parts (igfpub/outputs/search.py), from its pages' sums."""
    from igfpub.mkdocs.finish import run_step
    from igfpub.outputs.search import index_language

    finished: FinishedBuild = _SHARED["finished"]
    _give_back_memory()  # what reading the pages left: the worker now waits on Pagefind
    languages = finished.corpus.languages
    cache = finished.cache / "search"
    folders: dict[str, Path] = run_step(
        lambda build: index_language(build.site, lang, languages, cache, sums=sums),
        finished,
        name="search index",
    )
    return folders


def _fonts(text: str, text_subsets: bool | None) -> None:
    from igfpub.mkdocs.finish import STEP_NAMES, fonts, run_step

    run_step(lambda build: fonts(build, text, text_subsets), _SHARED["finished"],
             name=STEP_NAMES[fonts])  # fmt: skip


def _build_language(lang: str) -> tuple[int, int, int]:
    """One language, in a worker process: (pages rendered, pages reused, pages found
    changed in the cache)."""
    try:
        return _build_profiled(lang)
    finally:
        _give_back_memory()


def _build_profiled(lang: str) -> tuple[int, int, int]:
    profile_dir = os.environ.get("IGFPUB_PROFILE_DIR")
    if not profile_dir:
        with phase(f"language {lang}"):
            return _build_one(lang)
    # For bench/README.md's profile: one cProfile file per language build.
    import cProfile

    profiler = cProfile.Profile()
    try:
        return profiler.runcall(_build_one, lang)
    finally:
        Path(profile_dir).mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(Path(profile_dir) / f"language-{lang}.prof"))


def _give_back_memory() -> None:
    """What a task left behind (a language's pages and MkDocs' objects, the pages read
    back, the feeds), freed and given back to the system: the C allocator keeps what is
    freed for the process. The build's peak of memory is while two Pagefind runs index
    the languages that two workers built, and the parent made the feeds: given back, a
    2,000-session build's peak was 90 MiB lower (from about 625 MiB)."""
    gc.collect()
    if _malloc_trim is not None:
        _malloc_trim(0)


# Where the C library is not glibc, its allocator gives memory back by itself, or not.
_malloc_trim: Callable[[int], int] | None = getattr(ctypes.CDLL(None), "malloc_trim", None)


def _build_one(lang: str) -> tuple[int, int, int]:
    from mkdocs import utils
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort
    from mkdocs.exceptions import BuildError as MkDocsBuildError

    from igfpub.mkdocs.docsfiles import walking_site_files

    options: Options = _SHARED["options"]
    result: LoadResult = _SHARED["result"]
    content: Path = _SHARED["content"]
    finished = _SHARED["finished"]
    config = _load_config(options.config_file, content, finished.site)
    plugin = config.plugins["igfpub"]
    plugin.config["pdf"] = options.pdf
    plugin.cache_dir = finished.cache
    plugin.pages.rendered = plugin.pages.reused = 0  # this language's counts
    # The parent loaded and checked the content with this site's languages and limits.
    # MkDocs keeps one plugin instance per process, and a worker forks from a process that
    # may have built another site before (a test run, the preview server): its content is
    # set afresh for every build.
    plugin.result = None
    plugin.live = False
    plugin.preloaded = ((content, site_limits(plugin.config)), result)
    plugin.prepared = _SHARED["prepared"]
    i18n = config.plugins["i18n"]
    # This language only: static-i18n builds the others from the first language's
    # on_post_build unless it believes it is already doing so.
    i18n.current_language = lang
    i18n.building = True
    # Every worker writes into the same site folder, each its own language's part.
    utils.clean_directory = lambda directory: None
    _site_files_in_turn(config.plugins, _SHARED["site_files"])
    config.plugins.on_startup(command="build", dirty=False)
    errors = LogCollector(logging.ERROR)
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        with walking_site_files():
            mkdocs_build(config)
    except (Abort, MkDocsBuildError) as exc:
        # MkDocs logs a plugin's error and raises "Aborted with a BuildError!" from it: say
        # what the plugin said, or else the errors MkDocs logged.
        cause = exc.__context__ if isinstance(exc.__context__, MkDocsBuildError) else None
        raise BuildFailed(
            str(cause or "") or "; ".join(errors.messages) or str(exc) or "MkDocs build aborted"
        ) from None
    except Exception as exc:
        failed = _failed_plugin(exc, config.plugins)
        if failed is None:
            raise  # igfpub's own, or MkDocs': named as unexpected, with its type
        raise BuildFailed(failed) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
        config.plugins.on_shutdown()
        plugin.language_built()
    return plugin.pages.rendered, plugin.pages.reused, plugin.pages.changed


# The plugins whose events the worker build was made for; any other is the site's.
_OWN_PLUGINS = ("igfpub", "i18n")


def _others(plugins: Any, event: str) -> list[Any]:
    """The handlers of ``event`` that are other plugins' (or hooks') than igfpub's own."""
    own = [plugins.get(name) for name in _OWN_PLUGINS]
    return [m for m in plugins.events[event] if getattr(m, "__self__", None) not in own]


def _site_files_in_turn(plugins: Any, lock: Any) -> None:
    """Under ``mkdocs build`` the languages are built one after the other, each copying
    the site's files (its CSS, JavaScript, images: the source language's, at the root, are
    every language's) before its ``on_post_build``; here they are built side by side into
    one folder. So that another plugin's on_post_build finds the files as it would there
    (mkdocs-minify-plugin minifies extra.css in place and renames it), the languages copy
    the site's files and run their on_post_build in turn, and each copies them again just
    before it: the last one's work is what the site keeps, as under mkdocs build. Only
    when the site has such a plugin."""
    if not _others(plugins, "post_build"):
        return
    on_env, on_post_build = plugins.on_env, plugins.on_post_build
    copied: list[Callable[[], None]] = []

    def env_event(env: Any, *, config: Any, files: Any) -> Any:
        copy = files.copy_static_files

        def copy_in_turn(*args: Any, **kwargs: Any) -> None:
            copied[:] = [lambda: copy(*args, **kwargs)]
            with lock:
                copy(*args, **kwargs)

        files.copy_static_files = copy_in_turn
        return on_env(env, config=config, files=files)

    def post_build_event(*, config: Any) -> None:
        with lock:
            for copy in copied:
                copy()
            on_post_build(config=config)

    plugins.on_env, plugins.on_post_build = env_event, post_build_event


def _failed_plugin(exc: BaseException, plugins: Any) -> str | None:
    """What another plugin's failure says, in one line naming the plugin, its event and,
    for a file it could not open, the file; None if igfpub's own or MkDocs' failed.
    MkDocs runs every handler from ``PluginCollection.run_event``: the innermost such
    frame of the traceback is the one that called the handler that failed."""
    from mkdocs.plugins import PluginCollection

    handler = event = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code is PluginCollection.run_event.__code__:
            handler, event = tb.tb_frame.f_locals.get("method"), tb.tb_frame.f_locals.get("name")
        tb = tb.tb_next
    if handler is None:
        return None
    owner = getattr(handler, "__self__", None)
    name = next((key for key, plugin in plugins.items() if plugin is owner), None)
    if name is None:  # a hook (hooks: in mkdocs.yml), by its file
        name = plugins._event_origins.get(handler) or getattr(handler, "__module__", "?")
    if name in _OWN_PLUGINS:
        return None
    if isinstance(exc, OSError) and exc.filename:
        said = f"{exc.strerror or type(exc).__name__}: {exc.filename}"
    else:
        said = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return (
        f"the {name!r} plugin failed in on_{event}: {said}; to build without it, take it "
        "out of plugins: in mkdocs.yml (`mkdocs build` shows where it failed)"
    )


def _load_config(config_file: Path, content: Path, site: Path) -> Any:
    """Its warnings go to the terminal (_quiet_mkdocs); errors raise SiteConfigError."""
    return load_mkdocs_config(config_file, docs_dir=str(content), site_dir=str(site))[0]


def _quiet_mkdocs() -> None:
    """MkDocs logs through 'mkdocs'; show warnings and errors like `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        # Errors end the build and are its one failure line (see _build_one).
        handler.addFilter(lambda record: record.levelno < logging.ERROR)
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def index_search(
    site: Path,
    cache: Path,
    languages: Languages,
    pages: Sequence[str] = (),
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """The search index of a site built with ``search=False``, written into it; ``pages``:
    the content's free pages (Corpus.pages), which a site that links files writes as
    files of their own; ``cancelled``: as for
    :func:`~igfpub.outputs.search.write_search_index`."""
    from igfpub.core.links import free_page_files
    from igfpub.outputs.search import write_search_index

    return write_search_index(site, languages, cache.resolve() / "search",
                              files=free_page_files(pages), cancelled=cancelled)  # fmt: skip
