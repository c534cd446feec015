"""The preview's fast path: a saved session shows in every language within a second.

A full build (igfpub.build) spends seconds per language on work that a text edit does not
change: MkDocs reads its configuration, lists the content and the theme's thousands of
files, builds the navigation and the Jinja environment. Here that state is made once per
language, in the preview server's process, and kept. After a save the new content is
handed to each language's igfpub plugin, and only the pages of the documents whose text
changed are rendered, through MkDocs' own page functions and the same templates, so they
are the bytes the full build writes. A new document's own pages are shown the same way: a
rapporteur's new report, in a second, at the address the terminal gives.

The other pages a save changes (the edition's programme that lists a new session, a
body's page) wait for the full build that follows, which these languages then take, a new
or deleted document too. Anything else (a document moved to another edition, a registry,
an edition, a free page, the configuration) changes pages this state cannot show:
``update`` says so, and they are made again after the full build.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, NamedTuple, cast

from igfpub.core.loader import LoadResult
from igfpub.core.spec import PageSpec
from igfpub.mkdocs.docsfiles import site_files
from igfpub.mkdocs.plugin import IgfpubPlugin, Prepared, generated_src, prepare


class Shown(NamedTuple):
    pages: int  # written, in all languages
    new: list[str]  # the URLs of new documents' pages in the source language, under the site


# The page kinds whose page shows one document: what the fast path renders.
_OWN_PAGE = ("session", "intersessional")


def _plugin_cache() -> dict[str, Any]:
    """MkDocs keeps one instance of a plugin that has ``on_startup`` per process (for
    ``mkdocs serve``), shared by every configuration loaded: each live language needs an
    instance of its own, and a later full build must not inherit a live one."""
    from mkdocs.config.config_options import Plugins
    from mkdocs.config.defaults import MkDocsConfig

    for _, option in MkDocsConfig._schema:
        if isinstance(option, Plugins):
            return option.plugin_cache
    return {}


class LiveLanguage:
    """One language's MkDocs state, made once, rendering single generated pages."""

    def __init__(self, lang: str, config_file: Path, content: Path, scratch: Path,
                 cache: Path, result: LoadResult, prepared: Prepared) -> None:  # fmt: skip
        from mkdocs.commands.build import _populate_page
        from mkdocs.config import load_config
        from mkdocs.structure.files import set_exclusions
        from mkdocs.structure.nav import get_navigation

        from igfpub.mkdocs.config import limits as site_limits

        self.lang = lang
        _plugin_cache().clear()
        config = load_config(str(config_file), docs_dir=str(content), site_dir=str(scratch))
        plugin = cast(IgfpubPlugin, config.plugins["igfpub"])
        plugin.config["pdf"] = False
        plugin.cache_dir = cache
        plugin.live = True
        plugin.result = None
        plugin.preloaded = ((content, site_limits(plugin.config)), result)
        plugin.prepared = prepared
        i18n: Any = config.plugins["i18n"]
        # This language only (see igfpub.build._build_one).
        i18n.current_language = lang
        i18n.building = True
        # MkDocs' build, up to its page loop (mkdocs/commands/build.py).
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = site_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is not None:  # the pages of the navigation: their titles show
                _populate_page(file.page, config, files)
        self.env = config.plugins.on_env(env, config=config, files=files)
        # Nothing rendered here goes into the render cache: the preview's first look may
        # show content that the full load then refuses, and the full build renders these
        # few pages again anyway.
        plugin.pages.pending.clear()
        self.config, self.files, self.nav, self.plugin = config, files, nav, plugin
        self.doc_files = files.documentation_pages()

    def render(self, spec: PageSpec) -> Path:
        """Render ``spec``'s page in this language; the file written (under scratch)."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.pages import Page

        src = generated_src(spec)
        file = self.files.get_file_from_path(src)
        if file is None:  # a new document: its page's file, as the next full build adds it
            file = self.plugin.generated_file(spec, self.plugin.template_of(spec), self.config)
            self.files.append(file)
        file.content_string = self.plugin.stub(spec, self.plugin.template_of(spec))
        page = file.page if file.page is not None else Page(None, file, self.config)
        _populate_page(page, self.config, self.files)
        _build_page(page, self.config, self.doc_files, self.nav, self.env)
        return Path(file.abs_dest_path)


class LiveSite:
    def __init__(self, config_file: Path, content: Path, cache: Path,
                 result: LoadResult, file_urls: bool = False) -> None:  # fmt: skip
        """``file_urls``: the site links pages by their files (``use_directory_urls: false``)."""
        self.content = content
        self.file_urls = file_urls
        self.scratch = cache / "live"
        shutil.rmtree(self.scratch, ignore_errors=True)
        prepared = prepare(content, result, file_urls)
        try:
            self.languages = [
                LiveLanguage(lang, config_file, content, self.scratch, cache, result, prepared)
                for lang in result.corpus.languages.codes
            ]
        finally:
            _plugin_cache().clear()  # the next full build makes its own plugin instance
        self._prepared = prepared
        self._specs = {spec.key: spec for spec in prepared[0]}

    def show(self, result: LoadResult, docs: set[str], site: Path) -> Shown:
        """The first look at a save: ``result`` is the last full load with the documents
        ``docs`` read again (igfpub.core.loader.reload_documents); their own pages are
        rendered in every language into ``site``."""
        from igfpub.core.pages import plan_documents
        from igfpub.core.publications import Index
        from igfpub.exchange.progress import ChangedCounts

        specs, old_index, inputs, _ = self._prepared
        index = Index(result.corpus, file_urls=self.file_urls)
        # Ids and editions are as they were: every link leads where it did.
        index.__dict__["linker"] = old_index.linker
        new = {s.key: s for s in plan_documents(result.corpus) if s.kind in _OWN_PAGE
               and s.key.split("/", 1)[1] in docs}  # fmt: skip
        shown = [new.get(s.key, s) for s in specs]
        added = [s for key, s in new.items() if key not in self._specs]  # new documents
        prepared = (shown + added, index, inputs, ChangedCounts(self.content, result.corpus))
        for live in self.languages:
            live.plugin.refresh(result, prepared)
        source = result.corpus.languages.source
        return Shown(self.render(list(new.values()), site), [s.url(source) for s in added])

    def update(self, result: LoadResult) -> bool:
        """The full load of new content; False when it changes what every page shows
        (registries, editions, free pages) or which pages exist, other than pages outside
        the navigation: the live languages must then be made again."""
        prepared = prepare(self.content, result, self.file_urls)
        if prepared[2].shared != self._prepared[2].shared or not self._same_pages(prepared[0]):
            return False
        for live in self.languages:
            live.plugin.refresh(result, prepared)
        self._prepared = prepared
        self._specs = {spec.key: spec for spec in prepared[0]}
        return True

    def _same_pages(self, specs: list[PageSpec]) -> bool:
        """The same pages at the same addresses, but for pages outside the navigation come
        or gone (a new report's own pages, a new brief): they change no other page these
        languages render. A new report's full build made them again, 9 to 13 s at 2,000
        sessions, and the next save of the report waited for them."""
        now = {spec.key: spec for spec in specs}
        for key in now.keys() | self._specs.keys():
            old, new = self._specs.get(key), now.get(key)
            if old is None or new is None:
                either = old or new
                assert either is not None
                if not either.in_nav:
                    continue
                return False
            if dict(old.urls) != dict(new.urls) or old.in_nav != new.in_nav:
                return False
        return True

    def render(self, specs: list[PageSpec], site: Path) -> int:
        """Render ``specs`` in every language into ``site``, each file replaced whole."""
        count = 0
        for live in self.languages:
            for spec in specs:
                written = live.render(spec)
                target = site / written.relative_to(self.scratch)
                target.parent.mkdir(parents=True, exist_ok=True)
                written.replace(target)
                count += 1
        return count
