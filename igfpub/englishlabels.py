"""igfpub's interface strings that a page shows in English, marked ``lang="en"``.

igfpub's labels are English msgids, translated by gettext catalogs. A site in a language
igfpub has no catalog for (German, Italian), or whose catalog leaves strings out, shows
those labels in English on a page whose ``<html lang>`` is another language. A screen
reader then reads "Key takeaways" with a German voice (WCAG 3.1.2, language of parts).

gettext cannot know where its text lands: in an element, where a ``<span lang="en">`` is
right, or in an attribute, a ``<title>`` or a script's data, where markup would break the
page. So the templates' gettext wraps an untranslated string in two private-use
characters, and :func:`place` turns each pair into a ``<span lang="en">`` in text and
takes it away everywhere else, once the page is whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment

OPEN = "\ue000"
CLOSE = "\ue001"
_ANY = re.compile(f"[{OPEN}{CLOSE}]")
# Elements whose content is text, not markup: a <span> there would be shown as text
# (<title>, <textarea>), run (<script>) or dropped (<option>).
_RAW = ("title", "script", "style", "textarea", "option")
# A comment, a tag (its attribute values included: templates escape ">" in them), or one
# of the marks in text.
_TOKEN = re.compile(rf"<!--.*?-->|<(/?)([A-Za-z][^\s/>]*)[^>]*>|[{OPEN}{CLOSE}]", re.S)


def mark_untranslated(env: Environment, lang: str) -> None:
    """Make ``env``'s installed gettext (old-style, as MkDocs installs it) mark what its
    catalogs leave in English, on the pages of ``lang``. English pages are left alone."""
    if lang.split("-")[0].lower() == "en":
        return
    gettext = env.globals.get("gettext")
    ngettext = env.globals.get("ngettext")
    if not callable(gettext) or not callable(ngettext):
        return
    catalog = _catalog(gettext)

    def marked_plural(singular: str, plural: str, n: int) -> str:
        if (singular, 0) in catalog:
            return str(ngettext(singular, plural, n))
        return f"{OPEN}{singular if n == 1 else plural}{CLOSE}"

    env.globals.update(gettext=marking(gettext, lang), ngettext=marked_plural)


def marking(gettext: Callable[[str], str], lang: str) -> Callable[[str], str]:
    """``gettext`` (a catalog's bound method) with what it leaves in English marked, on
    the pages of ``lang``: for the page titles that are interface text, which reach the
    navigation, the heading and ``<title>`` through MkDocs."""
    if lang.split("-")[0].lower() == "en":
        return gettext
    catalog = _catalog(gettext)

    def marked(message: str) -> str:
        if not message or message in catalog:
            return str(gettext(message))
        return f"{OPEN}{message}{CLOSE}"

    return marked


def _catalog(gettext: Callable[..., Any]) -> dict[Any, str]:
    # What a gettext.GNUTranslations (babel's Translations, merged or not) translates;
    # NullTranslations translates nothing.
    return getattr(getattr(gettext, "__self__", None), "_catalog", None) or {}


def place(html: str) -> str:
    """``html`` with each marked string in a ``<span lang="en">`` where it is text, and
    unmarked elsewhere (attributes, raw-text elements). A mark without its pair (a label
    cut short by a filter) is dropped, so the page's elements stay balanced."""
    if OPEN not in html and CLOSE not in html:
        return html
    out: list[str] = []
    at = 0
    open_spans = 0
    while (token := _TOKEN.search(html, at)) is not None:
        out.append(html[at : token.start()])
        at = token.end()
        text = token.group(0)
        if text == OPEN:
            # Labels do not nest: one whose next mark is not its end was cut short.
            after = _ANY.search(html, at)
            if after is not None and after.group(0) == CLOSE:
                out.append('<span lang="en">')
                open_spans += 1
        elif text == CLOSE:
            if open_spans:
                out.append("</span>")
                open_spans -= 1
        else:
            out.append(strip(text))
            name = (token.group(2) or "").lower()
            if name in _RAW and not token.group(1):
                # Up to its end tag, all is text: a "<" in a script starts no tag.
                end = re.compile(rf"</{name}\b", re.I).search(html, at)
                stop = end.start() if end else len(html)
                out.append(strip(html[at:stop]))
                at = stop
    out.append(html[at:])
    return "".join(out)


def strip(text: str) -> str:
    """``text`` without marks: for what a marked gettext made that leaves the page."""
    return _ANY.sub("", text)
