"""Material markup that the Nu Html Checker rejects, corrected in each rendered page.

base.html gives its two toggle checkboxes (navigation drawer, search) autocomplete="off",
so that Firefox does not restore an open drawer when the reader comes back to a page.
HTML allows the attribute on text-like inputs only, and base.html has no block around
those inputs to override. igfpub.js closes the drawer when a page is shown again instead.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def fix(html: str) -> str:
    # The two inputs open <body>: the scan stops after them.
    return _TOGGLE.sub(r"\1", html, count=2)
