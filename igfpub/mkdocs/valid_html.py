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
- base.html writes its own skip link, to the first heading, on pages with a table of
  contents (MkDocs' free pages: the home, an about page). igfpub/base.html puts igfpub's on every
  page, to ``#igf-content``: free pages had two ("Skip to content" twice, in two wordings),
  so Material's is taken out and its empty ``<div>`` kept.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
# The link is optional so that the scan stops at the <div> on every page.
_MATERIAL_SKIP = re.compile(
    r'(<div data-md-component="skip">)(?:\s*<a href="[^"]*" class="md-skip">[^<]*</a>)?'
)
_HTML_TAG = re.compile(r"<html\b(?![^>]*\sdir=)((?:\s+lang=\"[^\"]*\")?)")


def fix(html: str, direction: str = "ltr") -> str:
    # The <html> tag opens the page, and the two inputs and the skip link open <body>: each
    # scan stops early.
    html = _HTML_TAG.sub(rf'<html\1 dir="{direction}"', html, count=1)
    html = _TOGGLE.sub(r"\1", html, count=2)
    return _MATERIAL_SKIP.sub(r"\1", html, count=1)
