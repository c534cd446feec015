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

import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from igfpub.core.issues import Issue
from igfpub.core.languages import Languages
from igfpub.core.loader import Limits, LoadResult, load_corpus
from igfpub.outputs.cache import DEFAULT as DEFAULT_CACHE
from igfpub.outputs.cache import atomic_write
from igfpub.outputs.fingerprint import fingerprint

STAMP = "last-build.json"


@dataclass(frozen=True)
class Options:
    config_file: Path
    pdf: bool = True
    cache_dir: Path = DEFAULT_CACHE
    workers: int = 2  # the machine's cores; languages are built this many at a time
    # False: no search index (the preview server indexes after the pages are shown).
    search: bool = True


@dataclass
class Report:
    languages: tuple[str, ...] = ()
    rendered: int = 0  # (page, language) pairs rendered by templates
    reused: int = 0  # (page, language) pairs taken from the render cache
    unchanged: bool = False  # nothing had changed: nothing was done
    seconds: float = 0.0
    issues: list[Issue] = field(default_factory=list)


class BuildError(RuntimeError):
    """The build failed; ``issues`` holds the content problems, if that is why."""

    def __init__(self, message: str, issues: list[Issue] | None = None) -> None:
        super().__init__(message)
        self.issues = issues or []


def build(content: Path, site: Path, options: Options, loaded: LoadResult | None = None) -> Report:
    start = time.perf_counter()
    content, site = content.resolve(), site.resolve()
    cache = options.cache_dir.resolve()
    stamp = _stamp(content, options)
    if _unchanged(cache, site, stamp):
        return Report(unchanged=True, seconds=time.perf_counter() - start)
    result = loaded or load_corpus(content)
    if not result.ok:
        errors = sum(1 for i in result.issues if i.is_error)
        raise BuildError(f"{errors} content error{'s' * (errors != 1)}", list(result.issues))
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))
    try:
        report = _build_into(content, tmp, options, cache, result)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _swap(tmp, site)
    cache.mkdir(parents=True, exist_ok=True)
    atomic_write(cache / STAMP, json.dumps({"site": str(site), "stamp": stamp}).encode())
    report.issues = list(result.issues)
    report.seconds = time.perf_counter() - start
    return report


def _swap(tmp: Path, site: Path) -> None:
    """Put the new site in place with renames; the old one is deleted in the background
    (deleting thousands of files took seconds of a warm build)."""
    if not site.exists():
        tmp.rename(site)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}-old-", dir=site.parent))
    site.rename(old / "site")
    tmp.rename(site)
    # Also any old site whose deletion was cut short (rm -rf twice on one tree is harmless).
    for folder in site.parent.glob(f".{site.name}-old-*"):
        _remove_in_background(folder)


def _remove_in_background(folder: Path) -> None:
    # sh puts rm in the background and returns at once: rm outlives this process, and
    # nobody has to wait for it.
    subprocess.run(
        ["sh", "-c", 'rm -rf -- "$1" </dev/null >/dev/null 2>&1 &', "sh", str(folder)], check=False
    )


# -- no change ---------------------------------------------------------------------------


def _stamp(content: Path, options: Options) -> str:
    """A digest of every input of the whole build."""
    h = hashlib.sha256()
    for path in sorted(content.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(content).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    config_file = options.config_file.resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _quiet_mkdocs()
    # The site's own template folder (its custom_dir) is an input too.
    dirs = _load_config(config_file, content, content.parent / "unused").theme.dirs
    h.update(fingerprint(config_file, dirs, options.pdf, options.search).encode())
    return h.hexdigest()


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
    content: Path, site: Path, options: Options, cache: Path, result: LoadResult
) -> Report:
    from igfpub.catalogs import compile_all
    from igfpub.core.inputs import PageInputs
    from igfpub.core.pages import plan
    from igfpub.core.publications import Index
    from igfpub.mkdocs import finish
    from igfpub.mkdocs.plugin import use_package_theme
    from igfpub.outputs import search
    from igfpub.printing import after_build as print_documents

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _quiet_mkdocs()
    config = _load_config(options.config_file, content, site)
    compile_all()  # before the workers: they would race to write the same .mo files
    if config.theme.custom_dir:
        compile_all(Path(config.theme.custom_dir) / "locales")
    use_package_theme(config)
    languages = tuple(config.plugins["i18n"].build_languages)
    index = Index(result.corpus)
    finished = finish.FinishedBuild(
        site=site,
        corpus=result.corpus,
        cache=cache,
        pdf=options.pdf,
        site_url=config.site_url or "",
        theme_dirs=list(config.theme.dirs),
        index=index,
    )
    # The page plan and the digests of every page's inputs, once for all languages: the
    # workers inherit them.
    specs = plan(result.corpus)
    inputs = PageInputs(result.corpus, index)
    for spec in specs:
        inputs.key(spec)
    _SHARED.update(result=result, options=options, content=content, finished=finished,
                   prepared=(specs, index, inputs))  # fmt: skip
    report = Report(languages=languages)
    # Fork: the workers share the loaded content instead of loading it again, and each
    # builds several languages: MkDocs keeps one instance of a plugin per process (for
    # `mkdocs serve`), so igfpub's in-memory caches serve all of a worker's languages.
    context = multiprocessing.get_context("fork")
    workers = max(1, min(options.workers, len(languages)))
    try:
        with context.Pool(workers) as pool:
            builds = [pool.apply_async(_build_language, (lang,)) for lang in languages]
            if options.pdf:
                _collect(report, builds)
                # PDFs rewrite shortened briefs' pages: every later step reads them after.
                for step in finish.AFTER_BUILD:
                    if options.search or step is not finish.search_index:
                        step(finished)
                return report
            # Without PDFs a language's pages are final once written: its search index
            # (and, after Chinese, the font subsets) are made while others are built.
            finish.feeds_and_open_data(finished)  # needs only the content
            indexes = []
            fonts = None
            for lang, job in zip(languages, builds, strict=True):
                _collect(report, [job])
                if options.search:
                    indexes.append((lang, pool.apply_async(_search_language, (lang,))))
                if lang == "zh":
                    fonts = pool.apply_async(_fonts)
            if fonts is None:
                fonts = pool.apply_async(_fonts)
            done = {print_documents, finish.fonts, finish.feeds_and_open_data,
                    finish.search_index}  # fmt: skip
            # The other steps (404 page, sitemap, slimmer CSS) write files of their own and
            # only read pages: they run side by side.
            steps = [
                pool.apply_async(_after_build_step, (n,))
                for n, step in enumerate(finish.AFTER_BUILD)
                if step not in done
            ]
            for step_job in steps:
                step_job.get()
            fonts.get()
            if options.search:
                search.merge(site, [(lang, job.get()) for lang, job in indexes])
    finally:
        _SHARED.clear()
    return report


def _collect(report: Report, jobs: list[Any]) -> None:
    for job in jobs:
        rendered, reused = job.get()
        report.rendered += rendered
        report.reused += reused


def _search_language(lang: str) -> Path:
    from igfpub.mkdocs.finish import FinishedBuild
    from igfpub.outputs.search import index_language

    finished: FinishedBuild = _SHARED["finished"]
    languages = finished.corpus.languages
    return index_language(finished.site, lang, languages, finished.cache / "search")


def _after_build_step(n: int) -> None:
    from igfpub.mkdocs.finish import AFTER_BUILD

    AFTER_BUILD[n](_SHARED["finished"])


def _fonts() -> None:
    from igfpub.mkdocs.finish import fonts

    fonts(_SHARED["finished"])


def _build_language(lang: str) -> tuple[int, int]:
    """One language, in a worker process: (pages rendered, pages reused)."""
    profile_dir = os.environ.get("IGFPUB_PROFILE_DIR")
    if not profile_dir:
        return _build_one(lang)
    # For bench/README.md's profile: one cProfile file per language build.
    import cProfile

    profiler = cProfile.Profile()
    try:
        return profiler.runcall(_build_one, lang)
    finally:
        profiler.dump_stats(str(Path(profile_dir) / f"language-{lang}.prof"))


def _build_one(lang: str) -> tuple[int, int]:
    from mkdocs import utils
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort
    from mkdocs.exceptions import BuildError as MkDocsBuildError

    options: Options = _SHARED["options"]
    result: LoadResult = _SHARED["result"]
    content: Path = _SHARED["content"]
    finished = _SHARED["finished"]
    config = _load_config(options.config_file, content, finished.site)
    plugin = config.plugins["igfpub"]
    plugin.config["pdf"] = options.pdf
    plugin.cache_dir = finished.cache
    plugin.pages.rendered = plugin.pages.reused = 0  # this language's counts
    limits = Limits(plugin.config["key_takeaways_max"], plugin.config["calls_to_action_max"])
    if limits == Limits():  # the parent loaded it with the default limits
        plugin.preloaded = ((content, limits), result)
        plugin.prepared = _SHARED["prepared"]
    i18n = config.plugins["i18n"]
    # This language only: static-i18n builds the others from the first language's
    # on_post_build unless it believes it is already doing so.
    i18n.current_language = lang
    i18n.building = True
    # Every worker writes into the same site folder, each its own language's part.
    utils.clean_directory = lambda directory: None
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except (Abort, MkDocsBuildError) as exc:
        raise RuntimeError(str(exc) or "MkDocs build aborted") from None
    finally:
        config.plugins.on_shutdown()
    return plugin.pages.rendered, plugin.pages.reused


def _load_config(config_file: Path, content: Path, site: Path) -> Any:
    from mkdocs.config import load_config

    return load_config(str(config_file), docs_dir=str(content), site_dir=str(site))


def _quiet_mkdocs() -> None:
    """MkDocs logs through 'mkdocs'; show warnings and errors like `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def index_search(site: Path, cache: Path, languages: Languages) -> int:
    """The search index of a site built with ``search=False``, written into it."""
    from igfpub.outputs.search import write_search_index

    return write_search_index(site, languages, cache.resolve() / "search")
