"""Material's page chrome, rendered once per page shape instead of once per page.

Thousands of session pages per language differ in Material's chrome (header, nav, footer,
scripts) only by their title and URL: relative links depend on the URL's depth, which is
the same for all of them. So the chrome is rendered once per (language, template, URL
shape) for a sentinel page whose title and URL segments are markers, split around the
content, and each page fills in its own title, URL and content. tests/test_shell.py builds
a site both ways and requires byte-identical pages.
"""

from __future__ import annotations

import copy
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from mkdocs.structure.pages import Page

CONTENT_MARK = "<!--igf:shell-content-->"
# The pages outside the navigation that come in numbers: sessions and intersessional
# documents; briefs (one per body and group addressed, per edition and language: 1,300
# pages at seven editions, whose chrome was an eighth of a 300-session build's rendering);
# and, hundreds rather than thousands, the pages of bodies and groups. Not an edition's
# programme or follow-up page: the navigation links to their edition's own page, which a
# sentinel URL cannot stand for. (Pages in the navigation never take this path.)
SHELL_TEMPLATES = frozenset({
    "igfpub/session.html", "igfpub/intersessional.html", "igfpub/brief.html",
    "igfpub/body.html", "igfpub/group.html",
})  # fmt: skip
# What their stub pages name as template: it only prints what on_page_context assembled.
FAST_TEMPLATE = "igfpub/shell-page.html"
TITLE_MARK = "IGFSHELLTITLE"


@dataclass(frozen=True)
class Shell:
    head: str
    tail: str
    path_mark: str  # "igfshell1/igfshell2" stands for "2025/igf2025-ws-1"


def shape(url: str, section: str) -> tuple[str, str, str]:
    """("fr/", "sessions", "2025/igf2025-ws-1") for "fr/sessions/2025/igf2025-ws-1/"."""
    # A site that links pages by their files (use_directory_urls: false): the same shape.
    prefix, _, rest = url.removesuffix("index.html").partition(section + "/")
    return prefix, section, rest.rstrip("/")


class Shells:
    def __init__(self) -> None:
        self._shells: dict[tuple[str, str, str, int], Shell] = {}

    def reset(self) -> None:
        self._shells.clear()

    def page_html(
        self,
        *,
        env: jinja2.Environment,
        template: str,
        context: dict[str, Any],
        page: Page,
        section: str,
        title: str,  # as the page's meta title holds it: already HTML-escaped
        set_alternates: Callable[[Callable[[str], str]], None],
        render_content: Callable[[dict[str, Any]], str],
        site_url: str,
    ) -> str:
        prefix, section, rest = shape(page.url, section)
        depth = rest.count("/") + 1
        key = (prefix, template, section, depth)
        shell = self._shells.get(key)
        if shell is None:
            shell = self._render_shell(env, template, context, page, prefix, section, depth,
                                       set_alternates, site_url)  # fmt: skip
            self._shells[key] = shell
        return (
            shell.head.replace(shell.path_mark, rest).replace(TITLE_MARK, title)
            + render_content(context)
            + shell.tail.replace(shell.path_mark, rest).replace(TITLE_MARK, title)
        )

    @staticmethod
    def _render_shell(env: jinja2.Environment, template: str, context: dict[str, Any],
                      page: Page, prefix: str, section: str, depth: int,
                      set_alternates: Callable[[Callable[[str], str]], None],
                      site_url: str) -> Shell:  # fmt: skip
        path_mark = "/".join(f"igfshell{i}" for i in range(1, depth + 1))
        sentinel = copy.copy(page)
        sentinel.file = copy.copy(page.file)
        sentinel.file.url = f"{prefix}{section}/{path_mark}/"
        if page.url.endswith("index.html"):
            sentinel.file.url += "index.html"
        sentinel.meta = {**page.meta, "title": TITLE_MARK}
        sentinel.canonical_url = f"{site_url}{sentinel.file.url}" if site_url else None
        # The language switcher of the sentinel points at the sentinel URL in each language.
        set_alternates(lambda lang_prefix: f"{lang_prefix}{section}/{path_mark}/")
        rendered = env.get_template(template).render(
            {**context, "page": sentinel, "igf_shell": True}
        )
        head, mark, tail = rendered.partition(CONTENT_MARK)
        if not mark:  # a template on the way drops igfpub's content block (see layout.py)
            raise RuntimeError(
                f"{template}: igfpub's content block (igfpub/base.html) is not in the page: "
                "a template it extends fills the content block without {{ super() }}"
            )
        return Shell(head, tail, path_mark)


def render_block(
    env: jinja2.Environment, template: str, block: str, context: dict[str, Any]
) -> str:
    """Render one block of ``template`` as it renders inside its page: the block may be
    inherited (igfpub/base.html's ``igf_main``) and call blocks the template overrides."""
    tpl = env.get_template(template)
    ctx = tpl.new_context(context)
    parent: jinja2.Template | None = tpl
    # Register the blocks of every ancestor after the template's own, as Jinja does when
    # it renders the whole page, so that self.igf_content() finds the override.
    seen = {tpl.name}
    while parent is not None:
        name = _parent_name(parent)
        if name is None or name in seen:
            break
        seen.add(name)
        parent = env.get_template(name)
        for block_name, fn in parent.blocks.items():
            ctx.blocks.setdefault(block_name, []).append(fn)
    return "".join(ctx.blocks[block][0](ctx))


def _parent_name(template: jinja2.Template) -> str | None:
    """The template a template extends (a literal `{% extends "x" %}`), if any. Kept per
    template object: reading its source for each page was 2 % of a build's rendering, and
    Jinja makes a new object when a template's source changes (the preview)."""
    try:
        return _PARENTS[template]
    except KeyError:
        pass
    source = template.environment.loader.get_source(template.environment, template.name)[0]  # type: ignore[union-attr, arg-type]
    match = _EXTENDS.search(source)
    _PARENTS[template] = parent = match[1] if match else None
    return parent


_PARENTS: weakref.WeakKeyDictionary[jinja2.Template, str | None] = weakref.WeakKeyDictionary()


_EXTENDS = re.compile(r"""\{%-?\s*extends\s+["']([^"']+)["']""")
