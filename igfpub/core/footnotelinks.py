"""The title of a footnote's link back to its reference, in the page's language.

Python-Markdown writes it in English ("Jump back to footnote 1 in the text"), in igfpub's
texts and in free pages alike; a screen reader says it as the link's description, in the
page's voice: English read by an Arabic voice. It is replaced once the page is whole."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

# As Python-Markdown's footnotes extension writes it (BACKLINK_TITLE, its default).
_ENGLISH = re.compile(r'title="Jump back to footnote (\d+) in the text"')


def localized_backlinks(page: str, gettext: Callable[[str], str]) -> str:
    """``page`` with each footnote back-link's title in ``gettext``'s language."""
    if "Jump back to footnote" not in page:
        return page
    said = gettext("Back to footnote %(n)s in the text")
    return _ENGLISH.sub(lambda m: f'title="{html.escape(said % {"n": m[1]})}"', page)
