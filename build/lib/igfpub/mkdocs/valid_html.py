"""Material markup corrected in each rendered page, where base.html has no block to
override.

- base.html gives its two toggle checkboxes (navigation drawer, search)
  autocomplete="off", so that Firefox does not restore an open drawer when the reader
  comes back to a page. HTML allows the attribute on text-like inputs only (the Nu Html
  Checker rejects it). igfpub.js closes the drawer when a page is shown again instead.
- base.html writes ``<html lang="ar">`` and puts ``dir`` on ``<body>`` only, so the
  document's title and everything outside ``<body>`` is laid out left to right. The
  ``<html>`` tag sits outside every block of base.html: copying the whole template to
  change one attribute would fork it, so the attribute is added here.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_HTML_TAG = re.compile(r"<html\b(?![^>]*\sdir=)((?:\s+lang=\"[^\"]*\")?)")


def fix(html: str, direction: str = "ltr") -> str:
    # The <html> tag opens the page and the two inputs open <body>: each scan stops early.
    html = _HTML_TAG.sub(rf'<html\1 dir="{direction}"', html, count=1)
    return _TOGGLE.sub(r"\1", html, count=2)
