"""How igfpub's templates, Material's and a site's own (its ``theme.custom_dir``) combine.

MkDocs looks a template up in the site's custom_dir first, then in igfpub's theme folder,
then in Material's. igfpub's page layer (its stylesheets, skip link and script, and the
element that holds each page's content) is ``igfpub/base.html``, and it stands in for
``base.html``: every template that extends base.html gets igfpub's blocks, Material's
main.html and a site's own ``overrides/main.html`` alike, the customisation Material
documents (an announcement bar, extra head tags, analytics). igfpub's layer in turn
extends the theme's own base.html (a site's ``overrides/base.html`` if it has one, else
Material's) by the name :data:`THEME_BASE`. So igfpub's page templates extend main.html,
whose blocks, the site's or Material's, sit above igfpub's, which sit above Material's.

What cannot work is a main.html that does not lead to base.html, or that fills the
``content`` block without calling ``super()`` (igfpub puts each page's content there):
:func:`layout_problem` says so, in one line naming the file, before anything is built.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from igfpub.mkdocs.shell import CONTENT_MARK

LAYER = "igfpub/base.html"
THEME_BASE = "igfpub/theme-base.html"
_NAMES = {"base.html": LAYER, THEME_BASE: "base.html"}


class LayeredLoader(jinja2.BaseLoader):
    """The theme's loader, with igfpub's layer found by the name ``base.html`` and the
    theme's own base.html by :data:`THEME_BASE`; every other name as the theme has it."""

    def __init__(self, theme: jinja2.BaseLoader) -> None:
        self.theme = theme

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.theme.get_source(environment, _NAMES.get(template, template))

    def list_templates(self) -> list[str]:
        return self.theme.list_templates()


def layered(env: jinja2.Environment) -> jinja2.Environment:
    """``env`` (MkDocs' theme environment) with igfpub's layer in place (once)."""
    if env.loader is not None and not isinstance(env.loader, LayeredLoader):
        env.loader = LayeredLoader(env.loader)
    return env


def layout_problem(dirs: Sequence[str], root: Path | None = None) -> str | None:
    """What in the site's templates keeps igfpub's pages from being built, in one line
    naming the file (relative to ``root``, the site's folder), or None. Follows main.html
    to igfpub's layer: each template on the way must extend another by a literal name,
    and fill the content block, if it does, around ``{{ super() }}``."""
    env = jinja2.Environment(loader=LayeredLoader(jinja2.FileSystemLoader(list(dirs))))
    name, seen, shown = "main.html", set(), ""
    while name != "base.html":  # igfpub's layer
        if name in seen:
            return f"{shown}: its templates extend each other in a loop, through {name!r}"
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            return f"{shown or 'the theme'}: {name!r} is not found in the theme's folders"
        shown = _shown(filename, root)
        try:
            tree = env.parse(source, name, filename)
        except jinja2.TemplateSyntaxError as exc:
            return f"{shown}:{exc.lineno}: {exc.message}"
        if name == "main.html" and CONTENT_MARK in source:
            # igfpub's layer was its main.html, which a site overrode by a copy.
            return (
                f"{shown} is a copy of igfpub's own page layer, which was igfpub's main.html "
                "and is now igfpub/base.html, under every main.html: keep in it only the "
                "site's own blocks, extending \"base.html\"; a change to igfpub's layer goes "
                "in overrides/igfpub/base.html"
            )
        extends = next(tree.find_all(nodes.Extends), None)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return (
                f'{shown} must extend "base.html" ({{% extends "base.html" %}}, as in '
                "Material's guide to customisation): igfpub's pages are built on it"
            )
        for block in tree.find_all(nodes.Block):
            if block.name == "content" and not _calls_super(block):
                return (
                    f"{shown}: its {{% block content %}} must call {{{{ super() }}}}: "
                    "igfpub puts each page's content there"
                )
        name = str(extends.template.value)
    return None


def _calls_super(block: nodes.Block) -> bool:
    return any(
        isinstance(call.node, nodes.Name) and call.node.name == "super"
        for call in block.find_all(nodes.Call)
    )


def _shown(filename: Any, root: Path | None) -> str:
    path = str(filename or "?")
    if root is not None:
        rel = os.path.relpath(path, root)
        if not rel.startswith(os.pardir):
            return rel
    return path


# -- theme settings igfpub's pages do not honour ----------------------------------------
# Material's features (theme.features, Material 9.x), by what makes them work. igfpub
# does not load Material's JavaScript bundle (igfpub/base.html), so the features that are
# the bundle's do nothing, or leave a control that does nothing (announce.dismiss's
# button, navigation.top's): they are left out of the configuration, and the build says so.
NEEDS_JAVASCRIPT = frozenset({
    "announce.dismiss", "content.code.annotate", "content.code.copy", "content.code.select",
    "content.footnote.tooltips", "content.lazy", "content.tabs.link", "content.tooltips",
    "header.autohide", "navigation.instant", "navigation.instant.prefetch",
    "navigation.instant.preview", "navigation.instant.progress", "navigation.top",
    "navigation.tracking", "toc.follow",
})  # fmt: skip
# Material's own search's, which igfpub replaces (Pagefind, igfpub/outputs/search.py).
MATERIAL_SEARCH = frozenset({"search.highlight", "search.share", "search.suggest"})
# Rendered by the templates, and so working on igfpub's pages as on Material's (the
# bundle only hides the tabs on scrolling down, say): listed for the tests and the README.
SERVER_SIDE = frozenset({
    "content.action.edit", "content.action.view", "navigation.expand", "navigation.footer",
    "navigation.indexes", "navigation.path", "navigation.prune", "navigation.sections",
    "navigation.tabs", "navigation.tabs.sticky", "toc.integrate",
})  # fmt: skip


def unused_features(features: Sequence[str]) -> list[str]:
    return [f for f in features if f in NEEDS_JAVASCRIPT or f in MATERIAL_SEARCH]


def drop_unused_features(theme: Any) -> None:
    """Leave out of ``theme`` (the site's config.theme) the features igfpub's pages
    cannot honour, so that Material renders no control that would do nothing."""
    features = list(theme["features"] or [])
    unused = set(unused_features(features))
    if unused:
        theme["features"] = [f for f in features if f not in unused]


def theme_warnings(theme: Any) -> list[str]:
    """What of the site's theme settings igfpub's pages do not honour, one line each."""
    said = []
    unused = unused_features(list(theme["features"] or []))
    scripted = [f for f in unused if f in NEEDS_JAVASCRIPT]
    search = [f for f in unused if f in MATERIAL_SEARCH]
    if scripted:
        said.append(
            f"theme.features: {', '.join(scripted)} need{'s' * (len(scripted) == 1)} "
            "Material's JavaScript, which igfpub's pages do not load (they work the same "
            "without JavaScript): left out; remove from mkdocs.yml to silence this"
        )
    if search:
        said.append(
            f"theme.features: {', '.join(search)} "
            f"{'is' if len(search) == 1 else 'are'} for Material's search, which igfpub "
            "replaces with its own: left out; remove from mkdocs.yml to silence this"
        )
    font = theme["font"]
    if font is not False:
        text = font.get("text") if isinstance(font, dict) else None
        said.append(
            f"theme.font: igfpub's pages use the Noto fonts it serves itself and load "
            f"nothing from Google Fonts ({text or 'Roboto'!r} is not used): set "
            "`font: false` in mkdocs.yml to silence this (a site's own fonts: "
            "README, 'Adopting igfpub in an existing Material site')"
        )
    return said
