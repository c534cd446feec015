"""Texts that a page shows in another language than its own, marked ``lang`` where they
land.

- igfpub's labels are English msgids, translated by gettext catalogs. A site in a
  language igfpub has no catalog for (German, Italian), or whose catalog leaves strings
  out, shows those labels in English on a page whose ``<html lang>`` is another language.
  A screen reader then reads "Key takeaways" with a German voice (WCAG 3.1.2, language
  of parts).
- A title that MkDocs prints (the navigation, the table of contents) of a page shown
  untranslated, or of an edition whose title is not translated, is in the source
  language: an untranslated Portuguese page's title in a Spanish page's navigation.

Neither gettext nor a page's title knows where its text lands: in an element, where a
``<span lang>`` is right, or in an attribute, a ``<title>`` or a script's data, where
markup would break the page. So the text is wrapped in private-use characters that carry
its language (:func:`mark`), and :func:`place` turns each into a ``<span lang dir>`` in
text and takes it away everywhere else, once the page is whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment

from igfpub.core.languages import direction

OPEN = "\ue000"  # then the language's code, SEP, the text and CLOSE
SEP = "\ue002"
CLOSE = "\ue001"
_MARK = re.compile(f"{OPEN}[^{SEP}{OPEN}{CLOSE}]*{SEP}|{CLOSE}")
# Elements whose content is text, not markup, where a <span> would be shown as text
# (<title>, <textarea>), run (<script>) or dropped (<option>): _RAW_START.
# A marked text, whole: marks do not nest, so one whose next mark is not its end was cut
# short (and is dropped by strip).
_FULL = re.compile(f"{OPEN}([A-Za-z0-9-]*){SEP}([^{OPEN}{CLOSE}]*){CLOSE}")
# The start tag of an element whose content is text: a mark right after it is in there.
_RAW_START = re.compile(r"<(?:title|script|style|textarea|option)\b", re.I)


def mark(text: str, lang: str) -> str:
    """``text``, said to be in ``lang`` wherever it lands on a page."""
    return f"{OPEN}{lang}{SEP}{text}{CLOSE}"


def mark_untranslated(env: Environment, lang: str) -> None:
    """Make ``env``'s installed gettext (old-style, as MkDocs installs it) mark what its
    catalogs leave in English, on the pages of ``lang``. English pages are left alone."""
    if _english(lang):
        return
    gettext = env.globals.get("gettext")
    ngettext = env.globals.get("ngettext")
    if not callable(gettext) or not callable(ngettext):
        return
    catalog = _catalog(gettext)

    def marked_plural(singular: str, plural: str, n: int) -> str:
        if (singular, 0) in catalog:
            return str(ngettext(singular, plural, n))
        return mark(singular if n == 1 else plural, "en")

    env.globals.update(gettext=marking(gettext, lang), ngettext=marked_plural)


def marking(gettext: Callable[[str], str], lang: str) -> Callable[[str], str]:
    """``gettext`` (a catalog's bound method) with what it leaves in English marked, on
    the pages of ``lang``: for the page titles that are interface text, which reach the
    navigation, the heading and ``<title>`` through MkDocs."""
    if _english(lang):
        return gettext
    catalog = _catalog(gettext)

    def marked(message: str) -> str:
        if not message or message in catalog:
            return str(gettext(message))
        return mark(message, "en")

    return marked


def _english(lang: str) -> bool:
    return lang.split("-")[0].lower() == "en"


def _catalog(gettext: Callable[..., Any]) -> dict[Any, str]:
    # What a gettext.GNUTranslations (babel's Translations, merged or not) translates;
    # NullTranslations translates nothing.
    return getattr(getattr(gettext, "__self__", None), "_catalog", None) or {}


def place(html: str) -> str:
    """``html`` with each marked text in a ``<span lang dir>`` where it is text, and
    unmarked elsewhere (attributes, raw-text elements, the ``<head>``). A mark without its
    end (a text cut short by a filter) is dropped, so the page's elements stay balanced.

    Most pages of an archive hold one mark or none (an untranslated session's title in
    the header): each is placed from what is just before it, not by reading the page's
    every tag, which cost half a millisecond a page."""
    if OPEN not in html and CLOSE not in html:
        return html
    body = html.find("<body")
    out: list[str] = []
    at = 0
    for found in _FULL.finditer(html):
        start = found.start()
        out.append(html[at:start])
        at = found.end()
        lang, text = found[1] or "en", found[2]
        before = html.rfind("<", 0, start)
        in_tag = before > html.rfind(">", 0, start)
        if in_tag or start < body or _RAW_START.match(html, max(before, 0)):
            out.append(text)
        else:
            # English on an Arabic page keeps its punctuation where it belongs.
            out.append(f'<span lang="{lang}" dir="{direction(lang)}">{text}</span>')
    out.append(html[at:])
    placed = "".join(out)
    return strip(placed) if OPEN in placed or CLOSE in placed else placed


def strip(text: str) -> str:
    """``text`` without marks: for what a marked gettext made that leaves the page."""
    return _MARK.sub("", text)
