"""Work done once, after all six languages are built: files that span languages (fonts,
feeds, open data, PDFs, sitemap, search index). Each step is a plain function of the
finished build, in its own module; this list is their order. A step that fails stops the
build with one line that names the step and the file (:func:`run_after_build`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from mkdocs.exceptions import PluginError

from igfpub.catalogs import merged_translations
from igfpub.core.inputs import PageInputs
from igfpub.core.languages import web_scripts
from igfpub.core.links import free_page_files
from igfpub.core.model import Corpus
from igfpub.core.publications import Index
from igfpub.core.sitemap import write_robots, write_sitemap
from igfpub.notfound import write_not_found
from igfpub.outputs.cache import link_or_copy
from igfpub.outputs.feeds import cached_feeds
from igfpub.outputs.fingerprint import fingerprint
from igfpub.outputs.opendatafiles import open_data_files, schema_files
from igfpub.outputs.pagescan import SUBSET_LANGUAGES, Scanned, combined, scan_language
from igfpub.outputs.search import write_search_index
from igfpub.printing import after_build as print_documents
from igfpub.slimcss import families_used, slim_material_css
from igfpub.steps import StepFailed
from igfpub.timings import phase
from igfpub.webfonts import SCRIPT_CSS, script_css, script_webfonts, write_webfonts

T = TypeVar("T")


@dataclass(frozen=True)
class FinishedBuild:
    site: Path  # the site folder, every language written
    corpus: Corpus
    cache: Path  # a folder kept between builds (.igfpub-cache next to mkdocs.yml)
    pdf: bool  # False with `igfpub build --no-pdf`
    site_url: str  # absolute base URL of the published site, "" if not configured
    theme_dirs: list[str]  # template folders, overrides first
    index: Index | None = None  # the messages index the build already made, if any
    favicon: str = "assets/images/favicon.png"  # theme.favicon, relative to the site root
    content: Path | None = None  # the content folder, to name the file behind a problem
    inputs: PageInputs | None = None  # the digests of page inputs the build already made
    # What each language's pages say (igfpub/outputs/pagescan.py), if already read.
    scanned: Mapping[str, Scanned] | None = None
    # The site links pages by their files (use_directory_urls: false): a free page a text
    # links is then its .html file (igfpub.core.links.free_page_url).
    file_urls: bool = False
    symbol: str = "IGF"  # the prefix of document symbols (the plugin's document_symbol)


def scan(build: FinishedBuild, lang: str) -> Scanned:
    """What ``lang``'s pages say, read now (only the pages new since the last build)."""
    memo = build.cache / "facts" / f"{lang}.pickle"
    code = fingerprint(None, build.theme_dirs, "page facts")
    return scan_language(
        build.site, lang, build.corpus.languages, memo, code, free_page_files(build.corpus.pages)
    )


def _scans(build: FinishedBuild) -> Mapping[str, Scanned]:
    if build.scanned is not None:
        return build.scanned
    return {lang: scan(build, lang) for lang in build.corpus.languages}


def subset_text(build: FinishedBuild) -> str:
    """Every distinct character of the pages whose script a font subset is made for (markup
    included: the subsets only take characters of their script)."""
    chars: set[str] = set()
    for lang, scanned in _scans(build).items():
        if lang in SUBSET_LANGUAGES:
            for _, facts in scanned:
                chars.update(facts.chars)
    return "".join(sorted(chars))


def fonts(build: FinishedBuild, text: str | None = None, text_subsets: bool | None = None) -> None:
    """``text``: :func:`subset_text`, if already known. ``text_subsets``: only the fonts
    made from the pages' text (True), only the others (False), or all (None)."""
    # The Chinese subset holds exactly the characters the Chinese pages show.
    if text is None and text_subsets is not False:
        text = subset_text(build)
    extra = script_webfonts(web_scripts(build.corpus.languages))
    write_webfonts(
        build.site / "assets" / "fonts",
        text or "",
        build.cache / "fonts",
        extra,
        text_subsets=text_subsets,
    )
    if extra and not text_subsets:
        _write(build.site / "assets" / "stylesheets" / SCRIPT_CSS, script_css(extra).encode())


def feeds_and_open_data(build: FinishedBuild) -> None:
    """Atom feeds per body and language; the language-neutral open data with its schemas."""
    index = build.index or Index(build.corpus, file_urls=build.file_urls)
    site = build.site_url.rstrip("/") + "/" if build.site_url else ""

    def gettext_for(lang: str) -> Callable[[str], str]:
        return merged_translations(build.theme_dirs, lang).gettext

    # Cached per body and language: a warm build writes again only the feeds it changed.
    # A free page that a text links has another address on a site that links files.
    code = fingerprint(None, build.theme_dirs, index.file_urls)
    inputs = build.inputs or PageInputs(build.corpus, index)
    feeds = cached_feeds(index, inputs, build.site_url, gettext_for, build.cache / "feeds", code)
    for path, feed in feeds.items():
        _write(build.site / path, feed)
    api = build.site / "api" / "v1"
    for name, data in open_data_files(index, inputs, site, build.cache / "open-data", code).items():
        _write(api / name, data)
    for name, data in schema_files(build.corpus.languages, site).items():
        _write(api / name, data)


def _write(path: Path, data: bytes | Path) -> None:
    """``data``, or a hard link to the cache entry ``data`` (never written through)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, Path):
        link_or_copy(data, path)
    else:
        path.write_bytes(data)


# PDFs first: a shortened brief's page is rewritten to match its PDF, and every later step
# (font subsets, sitemap, search index) must see the page as readers get it.
AFTER_BUILD: list[Callable[[FinishedBuild], None]] = [print_documents, fonts, feeds_and_open_data]


def not_found(build: FinishedBuild) -> None:
    # static-i18n leaves the 404 of the last language built: replace it with a neutral one.
    write_not_found(build.site, build.theme_dirs, build.site_url, build.favicon)


def sitemap(build: FinishedBuild) -> None:
    scanned = combined(list(_scans(build).values()))
    entries = [facts.entry for _, facts in scanned if facts.entry is not None]
    write_sitemap(build.site, build.site_url, entries)
    write_robots(build.site, build.site_url)


def slim_css(build: FinishedBuild) -> None:
    used: set[str] = set()
    for scanned in _scans(build).values():
        for _, facts in scanned:
            used |= facts.families
    # The pages that are no language's: the 404 page.
    for page in build.site.glob("*.html"):
        if page.name != "index.html":
            used |= families_used(page.read_text(encoding="utf-8"))
    slim_material_css(build.site, used)


def search_index(build: FinishedBuild) -> None:
    # After every step that writes or rewrites pages: it indexes them as readers get them.
    write_search_index(
        build.site,
        build.corpus.languages,
        build.cache / "search",
        files=free_page_files(build.corpus.pages),
    )


AFTER_BUILD += [not_found, sitemap, slim_css, search_index]


# How the build report names each step.
STEP_NAMES: dict[Callable[[FinishedBuild], object], str] = {
    print_documents: "PDFs",
    fonts: "web fonts",
    feeds_and_open_data: "feeds and open data",
    not_found: "404 page",
    sitemap: "sitemap",
    slim_css: "stylesheets",
    search_index: "search index",
}


class AfterBuildError(PluginError):
    """An after-build step failed: ``<step>: <file>: <what went wrong>``."""


def run_after_build(build: FinishedBuild) -> None:
    for step in AFTER_BUILD:
        run_step(step, build)


def run_step(step: Callable[[FinishedBuild], T], build: FinishedBuild, name: str = "") -> T:
    """One step, and what it returns; its failure as one line that names the step and
    the file."""
    name = name or STEP_NAMES.get(step) or getattr(step, "__name__", "step").replace("_", " ")
    try:
        with phase(name):
            return step(build)
    except AfterBuildError:
        raise
    except Exception as exc:
        raise AfterBuildError(describe_failure(name, build.site, exc)) from exc


def describe_failure(step: str, site: Path, exc: Exception) -> str:
    """One line for the user: the step, the file at fault (the site folder when the error
    names none) and the problem, never an exception's bare text."""
    if isinstance(exc, StepFailed):
        path, message = exc.path, exc.message
    elif isinstance(exc, OSError) and exc.filename:
        path, message = Path(exc.filename), exc.strerror or type(exc).__name__
    else:
        path, message = site, f"unexpected {type(exc).__name__}: {exc}"
    return f"{step}: {_shown(path, site)}: {message}"


def _shown(path: Path, site: Path) -> str:
    """A file of the site as ``<site folder name>/<path in the site>``."""
    path = path if path.is_absolute() else site / path
    try:
        return (Path(site.name) / path.relative_to(site)).as_posix()
    except ValueError:
        return str(path)
