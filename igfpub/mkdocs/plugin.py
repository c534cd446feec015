"""``igfpub`` MkDocs plugin: thin hooks that delegate to the core.

Every hook runs once per language (mkdocs-static-i18n nests one full build per language in
the first), so anything expensive (loading and validating content, Markdown conversion)
is done once, in the first build, and kept on the plugin instance.
"""

from __future__ import annotations

import html
import json
import logging
import os
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, cast

import jinja2
from jinja2 import Environment
from markdown.extensions.footnotes import FootnoteExtension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, get_theme_dir
from mkdocs.utils.templates import TemplateContext

from igfpub.catalogs import THEME, compile_all, has_catalog, ui_gettext
from igfpub.core import headings, markup
from igfpub.core.footnotelinks import localized_backlinks
from igfpub.core.inputs import PageInputs
from igfpub.core.languages import locale, site_languages, url_prefix
from igfpub.core.languages import use as use_languages
from igfpub.core.linkext import LinkExtension
from igfpub.core.links import Asset, Linker, Target
from igfpub.core.loader import Limits, LoadResult, load_corpus
from igfpub.core.pages import PageSpec, plan
from igfpub.core.present import Presenter
from igfpub.core.publications import Index
from igfpub.core.scrollables import keyboard_scrollable
from igfpub.core.translation import State, info_state
from igfpub.exchange.progress import ChangedCounts
from igfpub.langmarks import mark, mark_untranslated, marking, place
from igfpub.mkdocs import material, valid_html
from igfpub.mkdocs.config import IgfpubConfig
from igfpub.mkdocs.config import limits as site_limits
from igfpub.mkdocs.docsfiles import DATA_FOLDERS
from igfpub.mkdocs.finish import FinishedBuild, run_after_build
from igfpub.mkdocs.i18n import I18n
from igfpub.mkdocs.layout import drop_unused_features, layered, layout_problem, theme_warnings
from igfpub.mkdocs.pagecache import PageCache, warn_changed
from igfpub.mkdocs.shell import FAST_TEMPLATE, SHELL_TEMPLATES, Shells, render_block
from igfpub.outputs.cache import DEFAULT, PLUGIN_HINT, Unwritable, check_writable, chosen
from igfpub.outputs.fingerprint import fingerprint
from igfpub.problems import shown
from igfpub.scriptfonts import missing_fonts
from igfpub.templatecalls import speed_up_calls

log = get_plugin_logger(__name__)

# Material's lunr search (igfpub does not use it) and source maps: copied once per language
# for nothing if left in.
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_UNUSED_THEME_ASSET = re.compile(r"^assets/javascripts/(lunr/|workers/search\.)|.*\.map$")


# A link from a free page to a generated page (or any link of its raw HTML), until it is
# made relative to its page.
_GENERATED = "igfpub-page:"
_GENERATED_HREF = re.compile(r'(href|src)="igfpub-page:([^"#]*)(#[^"]*)?"')


def _linked(url: str, files: bool) -> str:
    """A page's site-root URL as the site links it. ``files``: the site links pages by
    their files (``use_directory_urls: false``, a site read from a disk or a USB stick,
    where a folder does not open its index.html)."""
    return url + "index.html" if files and (not url or url.endswith("/")) else url


def _relative(url: str, here: str, files: bool = False) -> str:
    """A site-root URL as a link from the page at ``here``; ``""`` is the home page."""
    url = _linked(url, files)
    if url:
        return get_relative_url(url, here)
    home = get_relative_url(".", here)
    return "./" if home == "." else home.rstrip("/") + "/"


def _toc_items(items: Any) -> Any:
    for item in items:
        yield item
        yield from _toc_items(item.children)


def _rename_toc(toc: Any, renamed: tuple[tuple[str, int, str], ...]) -> None:
    """The headings of a free page given another id (headings.free_page), in its table of
    contents too: (id before, which heading with that id it was, id now)."""
    if not renamed:
        return
    now = {(old, nth): new for old, nth, new in renamed}
    seen: dict[str, int] = {}
    for item in _toc_items(toc):
        nth = seen[item.id] = seen.get(item.id, -1) + 1
        item.id = now.get((item.id, nth), item.id)


# What YAML refuses or folds (line breaks) in a double-quoted string; JSON escapes C0 itself.
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar. Not ``json.dumps`` alone: it writes 🧏 as a
    surrogate pair, which YAML refuses, and MkDocs then silently drops the whole front matter
    (the page loses its title and template)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def use_package_theme(config: MkDocsConfig) -> None:
    """igfpub's templates, assets and catalogs ship in the package, layered between a
    site's own ``custom_dir`` (which can still override any of them) and Material."""
    dirs = config.theme.dirs
    theme = str(THEME)
    if theme in dirs:
        return
    # Just above the theme's own folder (Material's): static-i18n has put a folder of its
    # own in front, and the site's custom_dir stays above igfpub's templates.
    own = get_theme_dir(config.theme.name) if config.theme.name else None
    dirs.insert(dirs.index(own) if own in dirs else len(dirs), theme)


# What igfpub.build makes once for all its language processes: the page plan, the messages
# index, the digests of the page inputs, and how much each stale translation's source changed.
Prepared = tuple[list[PageSpec], Index, PageInputs, ChangedCounts]


def prepare(content: Path, result: LoadResult, file_urls: bool = False) -> Prepared:
    """What every language needs of the content, made once for all of them (static-i18n
    runs one build per language; igfpub.build and the preview hand it to each).
    ``file_urls``: the site links pages by their files (``use_directory_urls: false``)."""
    index = Index(result.corpus, file_urls=file_urls)
    specs = plan(result.corpus)
    inputs = PageInputs(result.corpus, index)
    for spec in specs:
        inputs.key(spec)
    index.linker  # noqa: B018 - made here once, not by each language
    return specs, index, inputs, ChangedCounts(content, result.corpus)


def check_site(config: MkDocsConfig, *, pdf: bool) -> None:
    """What a site needs before anything is built, for `mkdocs build` and `igfpub build`
    alike: WeasyPrint for PDFs, a font for each language's script, and (a warning) a
    catalog for each language's interface."""
    if pdf and not _have_weasyprint():
        raise PluginError(
            'PDFs need WeasyPrint: pip install "igfpub[pdf]", or build without PDFs '
            "(igfpub build --no-pdf, or `pdf: false` under the igfpub plugin)"
        )
    missing = missing_fonts(site_languages().codes)
    if missing:
        raise PluginError("; ".join(missing))
    for warning in check_theme(config):
        # As for catalogs below: a site that works, with what igfpub's pages leave out.
        logging.getLogger("igfpub").warning("warning: %s", warning)
    _warn_missing_catalogs(config)


def check_theme(config: MkDocsConfig) -> list[str]:
    """The site's theme as igfpub's pages use it (igfpub/mkdocs/layout.py): PluginError,
    in one line naming the file, if the site's templates cannot give igfpub's pages; else
    what of its theme settings the pages do not honour, one warning a line."""
    use_package_theme(config)
    problem = layout_problem(config.theme.dirs, Path(config.config_file_path or ".").parent)
    if problem:
        raise PluginError(problem)
    return theme_warnings(config.theme)


def _have_weasyprint() -> bool:
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return False
    return True


def _no_catalog_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns about a locale without catalog once per build of that language, which
    # fails a --strict build; igfpub says it once, as a warning that does not.
    return not record.getMessage().startswith("No translations could be found for the locale")


def _warn_missing_catalogs(config: MkDocsConfig) -> None:
    custom = Path(config.theme.custom_dir) / "locales" if config.theme.custom_dir else None
    localization = logging.getLogger("mkdocs.localization")
    if _no_catalog_warning not in localization.filters:
        localization.addFilter(_no_catalog_warning)
    for lang in site_languages().codes:
        if not has_catalog(lang, custom):
            # Not MkDocs' logger: a language without a catalog is a site that works (in
            # English labels), and must not fail a --strict build.
            logging.getLogger("igfpub").warning(
                "warning: igfpub has no interface catalog for %r: its own labels show in "
                "English there (Material's are translated where Material has them); "
                "`igfpub catalogs --init %s` starts one, `igfpub status` lists the strings",
                lang,
                lang,
            )


def _dest_uri(spec: PageSpec, lang: str) -> str:
    """Where in the site ``spec``'s page in ``lang`` is written."""
    return f"{spec.url(lang)}index.html"


def generated_dest(config: MkDocsConfig, spec: PageSpec, lang: str) -> str:
    """The file ``spec``'s page in ``lang`` is written to: MkDocs' ``File.abs_dest_path``."""
    return os.path.normpath(os.path.join(config.site_dir, _dest_uri(spec, lang)))  # noqa: PTH118


def generated_src(spec: PageSpec) -> str:
    """The name MkDocs knows a generated page by: its source-language URL's ``index.md``."""
    return f"{spec.urls[site_languages().source]}index.md"


_FOOTNOTES = ("footnotes", "markdown.extensions.footnotes")


class IgfpubPlugin(BasePlugin[IgfpubConfig]):
    def __init__(self) -> None:
        self.result: LoadResult | None = None
        self.specs: list[PageSpec] = []
        self.lang = site_languages().source
        self.i18n: I18n | None = None
        self._files = False  # links name pages' files (use_directory_urls: false)
        self._by_src: dict[str, PageSpec] = {}
        self._presenter: Presenter | None = None
        self.index: Index | None = None
        self.changed: ChangedCounts | None = None  # stale translations: (changed, total)
        self._gettext: Callable[[str], str] = str
        self._env: Environment | None = None
        self._shells = Shells()
        self._bytecode = material.SharedBytecode()
        # Set by `igfpub build`, which loads the content before building: ((folder, limits), result).
        self.preloaded: tuple[tuple[Path, Limits], LoadResult] | None = None
        # The free page being rendered, for the link extension below.
        self._page_src = ""
        self._links = LinkExtension(Linker(), "", self._free_page_link, free_pages=True)
        self._links.rewrite_raw = self._raw_html_link
        # Set by igfpub.build with the preloaded content: the page plan, the messages index
        # and the digests of the page inputs, made once for all the language processes.
        self.prepared: Prepared | None = None
        self._inputs: PageInputs | None = None
        # Set by igfpub.build: where caches live (else see caches()).
        self.cache_dir: Path | None = None
        self.pages = PageCache()
        # Set by the preview (igfpub/mkdocs/live.py): every generated page stays among
        # MkDocs' files, to be rendered one at a time on demand.
        self.live = False
        self._site_url = ""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds; the
        # content is reloaded at the start of each rebuild anyway (on_config below).
        if command == "serve":
            from igfpub.lifetime import stop_on_sigterm

            stop_on_sigterm()  # so that MkDocs removes its temporary site

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        """Each save goes through igfpub's preview, not MkDocs' whole rebuild."""
        from igfpub.mkdocs.serving import follow_saves

        return follow_saves(server, config)

    @event_priority(-110)  # after i18n (-100) has switched the config to this language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._files = not config.use_directory_urls
        self.i18n = I18n(config)
        self.lang = self.i18n.current_language
        use_package_theme(config)
        # MkDocs' sitemap.xml lists every page of the language (seconds on a large archive,
        # six times) and is replaced by igfpub's (igfpub/core/sitemap.py) after the build.
        config.theme.static_templates.discard("sitemap.xml")
        # Material's 404 page, rendered for each language, is replaced by igfpub's one
        # neutral 404 page after the build (igfpub/notfound.py).
        config.theme.static_templates.discard("404.html")
        if self.i18n.is_first_build:
            use_languages(self.i18n.site_languages())
            check_site(config, pdf=self.config.pdf)
            if self.cache_dir is None:  # `mkdocs build` (igfpub build checks its own)
                try:
                    check_writable(self.caches(config), PLUGIN_HINT)
                except Unwritable as exc:
                    raise PluginError(f"igfpub: {exc}") from None
            # .mo files are build products; a fresh clone has only the .po sources.
            compile_all()
            if config.theme.custom_dir:
                compile_all(Path(config.theme.custom_dir) / "locales")
        drop_unused_features(config.theme)  # after check_site said which
        if self.i18n.is_first_build or self.result is None:
            # igfpub.build runs each language in a process of its own: load there too.
            self._load(Path(config.docs_dir))
            assert self.result is not None and self._inputs is not None
            self.pages.start(
                self.caches(config),
                fingerprint(Path(config.config_file_path or "."), config.theme.dirs,
                            config.site_url, self.config.feedback_url, self.config.pdf),
                self._inputs,
            )  # fmt: skip
        self.pages.new_language()
        self._site_url = config.site_url or ""
        self._present()
        self._use_link_extension(config)
        self._read_footnotes(config)
        self._gettext = marking(ui_gettext(config, self.lang), self.lang)
        # i18n sets Material's `language` but not MkDocs' `locale`, which picks the gettext
        # catalog: without this every page would get English interface strings. A BCP 47
        # code (pt-BR) is not what MkDocs' own parse_locale takes (pt_BR).
        config.theme["locale"] = locale(self.lang)
        return config

    def _present(self) -> None:
        assert self.result is not None and self.index is not None
        self._presenter = Presenter(
            self.result.corpus,
            self.lang,
            index=self.index,
            site_url=self._site_url,
            feedback_url=self.config.feedback_url,
            contact=self.config.contact,
            pdfs=self.config.pdf,
            symbol=self.config.document_symbol,
        )

    def language_built(self) -> None:
        """What only this language's pages needed, let go (the HTML its presenter kept to
        share between pages): a build's worker next waits on Pagefind, or builds another
        language, which gets a presenter of its own (on_config)."""
        self._presenter = None

    def refresh(self, result: LoadResult, prepared: Prepared) -> None:
        """New content for a preview language set up once (igfpub/mkdocs/live.py): the
        same pages, new text."""
        self.result = result
        self.specs, self.index, self._inputs, self.changed = prepared
        self.pages.inputs = self._inputs
        self._by_src = {generated_src(spec): spec for spec in self.specs}
        self._links.linker = self.index.linker
        self._present()

    def stub(self, spec: PageSpec, template: str) -> str:
        """The Markdown MkDocs reads for a generated page: its template and title."""
        # Escaped here: Material prints page.meta.title into <title> without escaping.
        if spec.ui_title:
            text = self._gettext(spec.ui_title)
        else:
            text, lang = spec.title.get(self.lang)
            # An edition's title not translated: the navigation shows it in its language.
            text = text if lang == self.lang else mark(text, lang)
        return f"---\ntemplate: {template}\ntitle: {_yaml_quoted(html.escape(text))}\n---\n"

    def template_of(self, spec: PageSpec) -> str:
        return FAST_TEMPLATE if self._fast(spec) else spec.template

    def _disk_bytecode(self, config: MkDocsConfig) -> jinja2.BytecodeCache:
        folder = self.caches(config) / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return self._bytecode  # a read-only place: in memory, for this process
        return jinja2.FileSystemBytecodeCache(str(folder))

    def caches(self, config: MkDocsConfig) -> Path:
        """Where caches live: igfpub build's folder, else $IGFPUB_CACHE_DIR, else the
        plugin's cache_dir, else .igfpub-cache beside mkdocs.yml."""
        if self.cache_dir is not None:
            return self.cache_dir
        return chosen(None, self.config.cache_dir, Path(config.config_file_path).parent / DEFAULT)

    def _load(self, content: Path) -> None:
        limits = site_limits(self.config)
        preloaded, self.preloaded = self.preloaded, None
        if preloaded is not None and preloaded[0] == (content.resolve(), limits):
            self.result = preloaded[1]  # `igfpub build` has just loaded and checked it
        else:
            self.result = load_corpus(content, limits)
        for issue in self.result.issues:
            # Content warnings (hostile markup that is neutralised, say) must not fail a
            # --strict build: `igfpub check` and `igfpub build` print them as warnings.
            (log.error if issue.is_error else log.info)(shown(issue, content))
        if not self.result.ok:
            errors = sum(1 for i in self.result.issues if i.is_error)
            raise PluginError(
                f"igfpub: {errors} content error{'s' * (errors != 1)}; nothing was built"
            )
        if (
            preloaded is not None
            and self.prepared is not None
            and self.prepared[1].file_urls == self._files
        ):
            # igfpub.build made them, once for all its language processes.
            self.specs, self.index, self._inputs, self.changed = self.prepared
            return
        self.specs, self.index, self._inputs, self.changed = prepare(
            content, self.result, self._files
        )

    # -- free pages (home, about): links to generated pages, one safety rule ------------
    def _use_link_extension(self, config: MkDocsConfig) -> None:
        """Free pages are MkDocs' own: links in them to content files igfpub took away
        (``editions/2025.md``) or to generated pages (``editions/2025/``) are rewritten,
        before MkDocs validates links, to the generated page's file
        (``editions/2025/index.md``). MkDocs then resolves them like any link, in each
        language's build, and its strict mode finds nothing to warn about. The loader has
        already reported every link that leads nowhere, with its line."""
        assert self.index is not None
        self._links.linker = self.index.linker
        exts = cast("list[Any]", config.markdown_extensions)
        if self._links not in exts:
            exts.append(self._links)

    @staticmethod
    def _read_footnotes(config: MkDocsConfig) -> None:
        """Free pages with footnotes, whatever the site's ``markdown_extensions``: igfpub
        checks every text with them (igfpub/core/markup.py), and without them MkDocs would
        read a footnote (``[^1]: ...``) as a link definition the check did not see, and
        end a strict build with no file or line to fix."""
        exts = cast("list[Any]", config.markdown_extensions)
        if not any(e in _FOOTNOTES or isinstance(e, FootnoteExtension) for e in exts):
            exts.append("footnotes")

    def _free_page_state(self, page: Page, docs: Path) -> State:
        """A free page's: the source, its translation (with what the translation says of
        itself: machine, stale), or the source shown in its place."""
        assert self.i18n is not None and self.result is not None
        if self.lang == site_languages().source:
            return "source"
        if (self.i18n.page_language(page) or self.lang) != self.lang:
            return "fallback"
        source = Path(page.file.abs_src_path or "")
        rel = source.relative_to(docs).as_posix() if source.is_relative_to(docs) else ""
        info = self.result.corpus.page_translations.get(rel)
        return info_state(info) if info is not None else "translated"

    def _free_page_link(self, target: Target) -> str:
        assert self.result is not None
        if target.src not in self.result.corpus.pages:
            # A generated page: not necessarily among MkDocs' files (a page taken from the
            # render cache is not), so MkDocs must not resolve it. A URL with a scheme of
            # its own is left alone by MkDocs, and made relative in on_page_content.
            return f"{_GENERATED}{target.url(self.lang)}"
        here = posixpath.dirname(self._page_src)
        path = posixpath.relpath(target.src, here or ".")
        # MkDocs gives the path the language's page; the fragment is that page's id too.
        fragment = target.fragment_in(self.lang)
        return f"{path}#{fragment}" if fragment else path

    def _raw_html_link(self, found: Target | Asset) -> str:
        # MkDocs resolves the links Markdown makes, never those of raw HTML.
        return _GENERATED + (found.url(self.lang) if isinstance(found, Target) else found.url)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # A translation (index.fr.md) links like its source: paths start in its folder.
        self._links.path = self._page_src = page.file.src_uri
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by:
            return html  # igfpub's own pages: every value is escaped or sanitised already
        # Material prints titles as they are, in the nav of every page, <title> and the
        # header: the text only, escaped.
        # MkDocs' own title keeps the text of a <script> in the heading ("alert(1) Home"):
        # take the heading's HTML instead, and let the sanitiser drop the script whole.
        h1 = _H1.search(html) if "title" not in page.meta else None
        title = markup.title(h1[1] if h1 else str(page.meta.get("title") or page.title or ""))
        # Shown untranslated, its title and headings are the source's wherever MkDocs
        # prints them: the navigation of every page, the table of contents.
        source = site_languages().source
        fallback = self._free_page_state(page, Path(config.docs_dir)) == "fallback"
        page.meta["title"] = mark(title, source) if fallback else title
        for item in _toc_items(page.toc):
            item.title = markup.title(item.title)
            if fallback:
                item.title = mark(item.title, source)
        html = _GENERATED_HREF.sub(
            lambda m: f'{m[1]}="{_relative(m[2], page.url, self._files)}{m[3] or ""}"', html
        )
        # No id twice on the page: the loader has said which the page does not keep.
        settled = headings.free_page(markup.page(html))
        _rename_toc(page.toc, settled.renamed)
        return settled.html

    # -- files: take the data folders away from MkDocs, give back generated pages ------
    @event_priority(0)  # before i18n, which would otherwise turn every data file into a page
    def _drop_data_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        kept = [
            f
            for f in files
            if f.src_uri.split("/", 1)[0] not in DATA_FOLDERS
            and not _UNUSED_THEME_ASSET.match(f.src_uri)
        ]
        return Files(kept)

    @event_priority(-110)  # after i18n: generated files added before it crash it
    def _add_generated_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._by_src = {}
        for spec in self.specs:
            key = self.pages.key(spec, self.lang)
            # The preview renders pages on demand: none comes from the cache. Cached pages
            # are linked into the site unread (those of the nav once MkDocs has written).
            cached = not self.live and self.pages.has(key)
            if cached and not spec.in_nav:
                # Not one of MkDocs' files: only where MkDocs would have written it (a
                # File made for each of thousands of pages was a fifth of a warm build's
                # language).
                self.pages.reused += 1
                self.pages.outside.append((generated_dest(config, spec, self.lang), key))
                continue
            # A cached page in the nav only needs its title (for the nav) and a cheap stub.
            template = FAST_TEMPLATE if cached else self.template_of(spec)
            file = self.generated_file(spec, template, config)
            if cached:
                self.pages.reused += 1
                self.pages.hits[file.src_uri] = key
            else:
                self.pages.pending[file.src_uri] = key
            files.append(file)
            self._by_src[file.src_uri] = spec
        return files

    on_files = CombinedEvent(_drop_data_files, _add_generated_pages)

    def generated_file(self, spec: PageSpec, template: str, config: MkDocsConfig) -> File:
        """The file MkDocs renders ``spec``'s page in this language from, with ``template``."""
        file = File.generated(
            config,
            generated_src(spec),
            content=self.stub(spec, template),
            inclusion=InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        file.dest_uri = _dest_uri(spec, self.lang)
        # The contract's URL is the folder; a site that links files links its index.html.
        file.url = file.dest_uri if self._files else spec.url(self.lang)
        return file

    @event_priority(-110)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A flat, short nav: home, the editions, other pages. Sessions are reached by links
        (putting thousands of them in the nav multiplies build time and page weight)."""
        items: list[Any] = [p for p in nav.pages if p.file.inclusion.is_in_nav()]
        for item in items:
            item.parent = None
        new = Navigation(items, nav.pages)
        new.homepage = nav.homepage
        return new

    # -- rendering ---------------------------------------------------------------------
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        layered(env)  # igfpub's page layer under every base.html (igfpub/mkdocs/layout.py)
        mark_untranslated(env, self.lang)  # before speed_up_calls copies gettext to `_`
        env.globals["igf_material_t"] = material.strings(env, config.theme["language"])
        speed_up_calls(env)
        # Compiled templates kept in the cache folder: each language is built by a process
        # of its own (igfpub.build), and every build would compile them all again.
        env.bytecode_cache = self._disk_bytecode(config)
        self._env = env
        self._shells.reset()
        self.pages.write_outside()
        return env

    def _fast(self, spec: PageSpec) -> bool:
        return self.config.shell_rendering and spec.template in SHELL_TEMPLATES and not spec.in_nav

    @event_priority(0)  # after i18n's own page context (50), which it would overwrite
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.i18n is not None and self._presenter is not None
        if page.file.src_uri in self.pages.hits:
            return context  # replaced by the cached page in on_post_page
        spec = self._by_src.get(page.file.src_uri) if page.file.generated_by else None
        if spec is not None:
            urls = dict(spec.urls)
            state = self._presenter.state(spec.narrative)
        else:
            urls = self.i18n.page_alternates(page)
            state = self._free_page_state(page, Path(config.docs_dir))
        # Material reads the switcher and <link rel=alternate> from config.extra.alternate,
        # as an attribute (i18n sets it that way; a key assignment would be ignored).
        setattr(  # noqa: B010 - an attribute on purpose, see above
            config.extra,
            "alternate",
            [
                {
                    "name": site_languages().name(lang),
                    "lang": lang,
                    "link": _linked(urls[lang], self._files),
                }
                for lang in self.i18n.languages
                if lang in urls
            ],
        )
        here, files = page.url, self._files
        self._presenter.href = lambda url: _relative(url, here, files)
        extra = cast("dict[str, Any]", context)
        extra["igf"] = self._presenter
        extra["igf_spec"] = spec
        extra["igf_subject"] = spec.subject if spec else None
        extra["igf_state"] = state
        info = spec.narrative.translations.get(self.lang) if spec and spec.narrative else None
        extra["igf_changed"] = (
            self.changed.get(info.path) if self.changed and info and state == "stale" else None
        )
        if spec is not None and self._fast(spec):
            extra["igf_page_html"] = self._shell_page(extra, page, spec, config)
        return context

    def _shell_page(self, context: dict[str, Any], page: Page, spec: PageSpec,
                    config: MkDocsConfig) -> str:  # fmt: skip
        assert self._env is not None and self.i18n is not None
        env = self._env
        languages = self.i18n.languages

        def set_alternates(url_for_prefix: Callable[[str], str]) -> None:
            setattr(config.extra, "alternate", [  # noqa: B010 - see on_page_context
                {"name": site_languages().name(lang), "lang": lang,
                 "link": _linked(url_for_prefix(url_prefix(lang)), self._files)}
                for lang in languages
            ])  # fmt: skip

        def render_content(ctx: dict[str, Any]) -> str:
            # igfpub's part of the content block, which the shell leaves a place for.
            return render_block(env, spec.template, "igf_main", ctx)

        real = list(getattr(config.extra, "alternate", []))
        try:
            return self._shells.page_html(
                env=env, template=spec.template, context=context, page=page,
                section=spec.urls[site_languages().source].split("/", 1)[0], title=str(page.meta["title"]),
                set_alternates=set_alternates, render_content=render_content,
                site_url=config.site_url or "",
            )  # fmt: skip
        finally:
            setattr(config.extra, "alternate", real)  # noqa: B010

    # Last: the page kept in the cache, and given back on a hit, is the one every plugin made.
    @event_priority(-110)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.result is not None
        return self.pages.store(
            page.file.src_uri,
            valid_html.fix(
                place(
                    keyboard_scrollable(
                        localized_backlinks(output, self._gettext), self._gettext("Table")
                    )
                ),
                self.result.corpus.languages.direction(self.lang),
            ),
            Path(page.file.abs_dest_path),
        )

    # -- after all six languages ---------------------------------------------------------
    # First: before another plugin reads the site, and before i18n's on_post_build (-100)
    # builds the next language under `mkdocs build`.
    @event_priority(100)
    def _link_cached_pages(self, *, config: MkDocsConfig) -> None:
        self.pages.link_hits()

    @event_priority(-110)  # after i18n's on_post_build, which builds the other languages
    def _after_languages(self, *, config: MkDocsConfig) -> None:
        assert self.i18n is not None and self.result is not None
        self.pages.keep_written()  # this language's pages
        if not self.i18n.all_languages_built:
            return
        if self.cache_dir is None:  # `mkdocs build` (igfpub.build says it for all workers)
            warn_changed(self.pages.changed)
        build = FinishedBuild(
            site=Path(config.site_dir),
            corpus=self.result.corpus,
            cache=self.caches(config),
            pdf=self.config.pdf,
            site_url=config.site_url or "",
            theme_dirs=list(config.theme.dirs),
            index=self.index,
            favicon=str(config.theme["favicon"] or "assets/images/favicon.png"),
            content=Path(config.docs_dir),
            inputs=self._inputs,
            file_urls=self._files,
            symbol=self.config.document_symbol,
        )
        run_after_build(build)

    on_post_build = CombinedEvent(_link_cached_pages, _after_languages)
