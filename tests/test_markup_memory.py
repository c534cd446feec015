"""What the Markdown conversion keeps between builds: nothing of an earlier build's link
targets. A process that builds again and again (``igfpub serve``: a full build at every
save, for hours) kept every build's linker, and through it the whole corpus it was made
from, in the conversion's caches: a corpus more at every save."""

from __future__ import annotations

import gc
import weakref

from igfpub.core import markup
from igfpub.core.links import Linker

TEXT = "A report with **bold** words and [a link](https://example.org/path)."


def _render(linker: Linker, n: int) -> tuple[str, str]:
    links = markup.Links(linker, "sessions/2025/igf2025-ws-1.md")
    return (
        markup.block(f"{TEXT} Save {n}.", links=links, lang="en", anchors=True),
        markup.inline(f"{TEXT} Save {n}.", links, "en"),
    )


def test_a_builds_linker_is_not_kept_by_the_texts_it_converted() -> None:
    first = Linker()
    html = _render(first, 1)
    assert '<a href="https://example.org/path" rel="noopener">a link</a>' in html[0]
    assert "<strong>bold</strong>" in html[1] and not html[1].startswith("<p>")
    gone = weakref.ref(first)
    del first
    second = Linker()
    _render(second, 2)
    gc.collect()
    assert gone() is None
    # The texts are still made once per linker: the same text again is the same string.
    assert _render(second, 2)[0] is _render(second, 2)[0]
