"""What a PDF really draws, read from the file: glyphs that are .notdef, and images."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

_BFCHAR = re.compile(rb"<([0-9a-fA-F]{2,4})>\s*<([0-9a-fA-F]*)>")
_SECTIONS = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)


def font_texts(path: Path) -> dict[str, str]:
    """Each font's name and every character its glyphs stand for (its ToUnicode map)."""
    out: dict[str, str] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", pikepdf.Dictionary()).values():
                cmap = font.ToUnicode.read_bytes()
                pairs = [p for s in _SECTIONS.findall(cmap) for p in _BFCHAR.findall(s)]
                text = "".join(bytes.fromhex(t.decode()).decode("utf-16-be") for _, t in pairs)
                name = str(font.BaseFont).split("+", 1)[-1]
                out[name] = "".join(sorted(set(out.get(name, "") + text)))
    return out


def notdef_glyphs(path: Path) -> list[tuple[str, str]]:
    """(font, text) of every glyph that a viewer draws as .notdef (an empty box).

    WeasyPrint gives a character that its font lacks a glyph id past the end of the font
    (and 0 in other producers), and maps it to the character in the font's ToUnicode map:
    so a glyph is .notdef when its id is 0 or is not in the embedded font program.
    """
    found: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", pikepdf.Dictionary())
            for font in fonts.values():
                if font.objgen in seen or font.get("/Subtype") != "/Type0":
                    continue
                seen.add(font.objgen)
                descriptor = font.DescendantFonts[0].FontDescriptor
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                glyphs = TTFont(io.BytesIO(program.read_bytes()))["maxp"].numGlyphs
                cmap = font.ToUnicode.read_bytes()
                pairs = [p for s in _SECTIONS.findall(cmap) for p in _BFCHAR.findall(s)]
                assert pairs, f"{font.BaseFont} has no ToUnicode entries"
                for gid, text in pairs:
                    if int(gid, 16) == 0 or int(gid, 16) >= glyphs:
                        found.append(
                            (str(font.BaseFont), bytes.fromhex(text.decode()).decode("utf-16-be"))
                        )
    return found


def image_count(path: Path) -> int:
    """Images drawn on the pages (WeasyPrint draws colour emoji as images)."""
    with pikepdf.open(path) as pdf:
        return sum(
            1
            for page in pdf.pages
            for xobject in page.Resources.get("/XObject", pikepdf.Dictionary()).values()
            if xobject.get("/Subtype") == "/Image"
        )
