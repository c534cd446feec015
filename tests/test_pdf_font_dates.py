"""The same document gives the same PDF bytes at any time, with an emoji too: WeasyPrint
saves an emoji font again through fontTools, which stamped it with the build's time."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pikepdf

from igfpub.pdf import Printer

THEME = Path(__file__).resolve().parent.parent / "igfpub" / "theme"
STYLESHEET = THEME / "assets" / "stylesheets" / "igfpub-print.css"
HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Emoji</title>
</head><body><h1>Connectivity for all 🌍</h1><p>A call to action 📣 and a note ✅.</p>
</body></html>"""


def test_a_pdf_with_an_emoji_is_the_same_a_second_later() -> None:
    printer = Printer(STYLESHEET, [THEME])
    first = printer.render(HTML).data
    time.sleep(1.2)  # a font's head.modified counts seconds
    second = printer.render(HTML).data
    with pikepdf.open(io.BytesIO(first)) as pdf:
        fonts = {str(f.get("/BaseFont", "")) for page in pdf.pages
                 for f in page.Resources.get("/Font", {}).values()}  # fmt: skip
    assert any("Emoji" in name for name in fonts), fonts
    assert first == second
