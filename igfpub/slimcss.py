"""Material's stylesheet without the components igfpub never shows.

Material ships one 137 KB stylesheet (23 KB compressed, the largest file of a first
visit once its JavaScript is gone) with the styles of every feature: lunr search, blog,
tags, content tabs, code blocks, admonitions, tooltips, version selector... igfpub uses
none of them, and the Markdown extensions that would produce most of them are not enabled.
This removes the style rules that only concern those components, in place, once after the
build: about 10 KB less on every first visit.

It drops whole component families, not every unused class, so the file stays the same
from one build to the next (browsers cache it under Material's hashed name), and a family
that any built page does use (someone enables admonitions, say) is kept.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

# Class-name prefixes of Material components igfpub does not use. A selector that needs
# one of them can match nothing on the site.
FAMILIES = (
    "md-search", "md-post", "md-author", "md-profile", "md-tag", "md-version", "md-consent",
    "md-banner", "md-tabs", "md-source", "md-social", "md-progress", "md-tooltip",
    "md-feedback", "md-path", "md-status", "md-top", "md-annotation", "md-clipboard",
    "md-code", "md-comments", "md-source-file", "admonition", "tabbed", "highlight",
    "task-list", "critic", "keys", "arithmatex", "mermaid", "footnote", "twemoji",
)  # fmt: skip
# Block at-rules whose content is more rules (filtered too); others are kept whole.
_NESTED = ("@media", "@supports", "@layer", "@container")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_NOT = re.compile(r":not\([^()]*\)")

Rule = tuple[str, "str | list[Rule] | None"]


def slim_material_css(site: Path, used: set[str]) -> list[Path]:
    """Rewrite Material's stylesheet(s) under ``site/assets/stylesheets`` in place, keeping
    the families of ``used`` (:func:`families_used` of every page)."""
    unused = set(FAMILIES) - used
    written = []
    for css in sorted((site / "assets" / "stylesheets").glob("main.*.min.css")):
        css.write_text(slim(css.read_text(encoding="utf-8"), unused), encoding="utf-8")
        written.append(css)
    return written


def families_used(html: str) -> frozenset[str]:
    """The component families whose classes a page uses."""
    names = set(" ".join(_CLASS_ATTR.findall(html)).split())
    return frozenset(family for name in names for family in _families_of(name))


_FAMILY_SET = frozenset(FAMILIES)


@cache
def _families_of(name: str) -> tuple[str, ...]:
    """The families ``name`` belongs to (:func:`_member`), by its prefixes: a page has
    hundreds of class names, and trying each against every family was seconds a build.
    (Pages share their class names: each is looked at once.)"""
    found = [name[:i] for i, c in enumerate(name) if c in "-_" and name[:i] in _FAMILY_SET]
    return (*found, name) if name in _FAMILY_SET else tuple(found)


def _member(name: str, family: str) -> bool:
    return name == family or name.startswith((f"{family}-", f"{family}_"))


def unused_families(classes: set[str]) -> set[str]:
    return {f for f in FAMILIES if not any(_member(c, f) for c in classes)}


def slim(css: str, unused: set[str]) -> str:
    rules, _ = _parse(css, 0)
    return _emit(rules, unused)


def _needed(selector: str, unused: set[str]) -> bool:
    # A class inside :not() does not have to be present for the selector to match.
    for name in _CLASS.findall(_NOT.sub("", selector)):
        if any(_member(name, f) for f in unused):
            return False
    return True


def _emit(rules: list[Rule], unused: set[str]) -> str:
    out = []
    for prelude, body in rules:
        if body is None:
            out.append(prelude)
        elif isinstance(body, list):
            inner = _emit(body, unused)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(prelude + body)
        else:
            kept = [s for s in _selectors(prelude) if _needed(s, unused)]
            if kept:
                out.append(",".join(kept) + body)
    return "".join(out)


def _selectors(prelude: str) -> list[str]:
    """Split a selector list on the commas that are not inside parentheses."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _parse(css: str, i: int) -> tuple[list[Rule], int]:
    """Minified CSS to (prelude, body) pairs: body is the "{...}" text of a style rule,
    the parsed rules of a nested at-rule, or None for a statement ("@import ...;")."""
    rules: list[Rule] = []
    start = i
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
        elif c == ";":
            rules.append((css[start : i + 1], None))
            i = start = i + 1
        elif c == "}":
            return rules, i + 1
        elif c == "{":
            prelude = css[start:i].strip()
            if prelude.startswith(_NESTED):
                inner, i = _parse(css, i + 1)
                rules.append((prelude, inner))
            else:
                end = _block_end(css, i)
                rules.append((prelude, css[i:end]))
                i = end
            start = i
        else:
            i += 1
    return rules, i


def _block_end(css: str, i: int) -> int:
    depth = 0
    while True:
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
            continue
        depth += (c == "{") - (c == "}")
        i += 1
        if depth == 0:
            return i
