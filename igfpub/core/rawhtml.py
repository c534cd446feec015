"""Links written as raw HTML in a Markdown text: ``<a href="../../editions/2025.md">``,
``<img src="../../img/chart.png">``.

Python-Markdown sets raw HTML aside (its ``htmlStash``) and puts it back as written once
every treeprocessor has run, so the link extension (:mod:`igfpub.core.linkext`) never sees
it in the tree. A text is shown on pages at other depths than its file, in every language,
and in PDFs: a path relative to the file, left as written, leads nowhere there. So each
``<a href>`` and ``<img src>`` of the raw HTML is resolved here by the same rule as the
links Markdown makes, just before the raw HTML is put back.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Markdown
from markdown.postprocessors import Postprocessor

from igfpub.core.hostile import Tokens, rebuilt_tag

# The attribute of each element that links: what a rapporteur may write (the sanitiser
# keeps no other element or attribute that holds a URL).
LINKING = {"a": "href", "img": "src"}
# Cheap test for raw HTML that may hold one (most of it is an end tag or an entity).
_MAY_LINK = re.compile(r"\b(?:href|src)\b", re.IGNORECASE)

# (attribute, its value as a browser reads it, the tag as written) -> the value to write;
# None: left out.
Resolve = Callable[[str, str, str], str | None]


def resolved(raw: str, resolve: Resolve) -> str:
    """``raw`` HTML with each ``<a href>`` and ``<img src>`` made what ``resolve`` says; a tag
    it changes is written anew (the sanitiser writes every tag anew anyway), the rest of
    ``raw`` is left as written."""
    if "<" not in raw or not _MAY_LINK.search(raw):
        return raw
    parts: list[str] = []
    at = 0
    for token in Tokens(raw).found:
        name = LINKING.get(token.name) if token.kind == "start" else None
        if name is None or raw[token.start : token.start + len(token.raw)] != token.raw:
            continue
        attrs: list[tuple[str, str | None]] = []
        changed = seen = False
        for key, value in token.attrs:
            if key != name or value is None:
                attrs.append((key, value))
            elif seen:
                changed = True  # a browser reads the first one only: so does the page
            else:
                new = resolve(name, value, token.raw)
                changed = changed or new != value
                if new is not None:
                    attrs.append((key, new))
            seen = seen or key == name
        if changed:
            parts += [raw[at : token.start], rebuilt_tag(token.name, attrs, token.raw)]
            at = token.start + len(token.raw)
    return "".join([*parts, raw[at:]]) if parts else raw


class ResolveRawHtml(Postprocessor):
    """Resolves the links of the raw HTML that Python-Markdown set aside, before its
    ``raw_html`` postprocessor puts it back into the text."""

    def __init__(self, md: Markdown, resolve: Resolve) -> None:
        super().__init__(md)
        self.resolve = resolve

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        for i, raw in enumerate(stash):
            if isinstance(raw, str):  # md_in_html sets elements aside too: in the tree
                stash[i] = resolved(raw, self.resolve)
        return text
