"""Safe HTML as plain text (igfpub/core/plaintext.py), for a pack's covering letter: what
a message's markup becomes, each link its words and its URL."""

from __future__ import annotations

import pytest

from igfpub.core import markup
from igfpub.core.plaintext import plain


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Plain words & more.", "Plain words & more."),
        ("**Bold**, *emphasis* and `code`.", "Bold, emphasis and code."),
        ("[the ITU](https://www.itu.int/) decides", "the ITU <https://www.itu.int/> decides"),
        # A URL or an address written as such is given once.
        ("<https://www.itu.int/> or <wsis@itu.int>", "<https://www.itu.int/> or <wsis@itu.int>"),
        # A link the sanitiser emptied, and an image, leave their words only.
        ("<img src=x onerror=alert(1)> [a trap](javascript:alert(2)).", "a trap."),
        ("![a chart](https://example.org/c.png) shows it", "a chart shows it"),
        # A fragment leads nowhere away from the page: its words only.
        ("[above](#summary) says so", "above says so"),
        ("Escaped &lt;b&gt; is text.", "Escaped <b> is text."),
        ("- one\n- two **2**\n    - nested", "- one\n- two 2\n  - nested"),
        ("3. third\n4. fourth", "3. third\n4. fourth"),
        ("*First*.\n\nSecond  line\nsame paragraph.", "First.\nSecond line same paragraph."),
        ("Note[^1] here.\n\n[^1]: The [source](https://e.org/).", "Note[1] here.\n[1] The source <https://e.org/>."),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"),
        ("```\nkeep  this\n  indent\n```", "keep  this\n  indent"),
        ("", ""),
    ],
)  # fmt: skip
def test_a_message_reads_as_plain_text(written: str, expected: str) -> None:
    assert plain(markup.inline(written, owner="IGF2025-WS-1/cta-1")) == expected


def test_only_urls_a_reader_can_follow_are_given() -> None:
    """A path from the site's root is what links are on a site without a site_url; a
    path relative to a page leads nowhere from an e-mail."""
    html = '<a href="/fr/bodies/itu/">ITU</a>, <a href="bodies/itu/">ITU</a>'
    assert plain(html) == "ITU </fr/bodies/itu/>, ITU"
