"""The fonts of igfpub's print documents: Noto from Debian's font packages.

They are named by family in igfpub-print.css and found by fontconfig, rather than loaded
through @font-face: the CJK collection is 19 MB and WeasyPrint would copy it for every
document. This module knows where Debian puts them, so that a missing package fails the
build with the command that fixes it instead of fontconfig quietly substituting another
font (Arabic or Chinese would come out as boxes).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class FontFile:
    family: str  # as the stylesheet names it
    path: Path
    package: str  # the Debian package that installs it


_CORE = Path("/usr/share/fonts/truetype/noto")
_CJK = Path("/usr/share/fonts/opentype/noto")

FONTS: tuple[FontFile, ...] = (
    FontFile("Noto Sans", _CORE / "NotoSans-Regular.ttf", "fonts-noto-core"),
    FontFile("Noto Sans", _CORE / "NotoSans-Bold.ttf", "fonts-noto-core"),
    FontFile("Noto Sans", _CORE / "NotoSans-Italic.ttf", "fonts-noto-core"),
    FontFile("Noto Naskh Arabic", _CORE / "NotoNaskhArabic-Regular.ttf", "fonts-noto-core"),
    FontFile("Noto Naskh Arabic", _CORE / "NotoNaskhArabic-Bold.ttf", "fonts-noto-core"),
    FontFile("Noto Sans CJK SC", _CJK / "NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
    FontFile("Noto Sans CJK SC", _CJK / "NotoSansCJK-Bold.ttc", "fonts-noto-cjk"),
    # Colour bitmaps (CBDT), which WeasyPrint draws as images: without it 🦻 is a blank box.
    FontFile("Noto Color Emoji", _CORE / "NotoColorEmoji.ttf", "fonts-noto-color-emoji"),
)


def check_fonts() -> None:
    missing = sorted({f.package for f in FONTS if not f.path.is_file()})
    if missing:
        raise FileNotFoundError(
            f"PDFs need the Noto fonts: apt-get install {' '.join(missing)} (or ./scripts/setup)"
        )


def font_identity() -> list[tuple[str, int, int]]:
    """What a cache key needs to know about the fonts: an updated package re-renders."""
    check_fonts()
    out = []
    for font in FONTS:
        stat = font.path.stat()
        out.append((str(font.path), stat.st_size, stat.st_mtime_ns))
    return out


# Variation selectors choose a presentation (emoji or text); they have no glyph of their own.
_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def needs_glyph(char: str) -> bool:
    """False for what is never drawn: controls, format characters (joiners, bidi marks),
    separators and variation selectors."""
    if unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return False
    return not any(ord(char) in selectors for selectors in _SELECTORS)


def undrawable(chars: Iterable[str]) -> list[str]:
    """The characters of ``chars`` that no installed font can draw, sorted.

    The catalogue's fonts answer for almost every character; fontconfig, which chooses the
    fallback font for WeasyPrint, answers for the rest (Devanagari, Ethiopic, symbols).
    """
    covered = _catalogue_coverage()
    rare = {c for c in chars if ord(c) not in covered and needs_glyph(c)}
    return sorted(c for c in rare if not _fontconfig_draws(c))


@cache
def _catalogue_coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # (see webfonts._subset)

    check_fonts()
    covered: set[int] = set()
    for path in dict.fromkeys(font.path for font in FONTS):
        with TTFont(path, fontNumber=0, lazy=True) as font:
            covered.update(font.getBestCmap() or {})
    return frozenset(covered)


@cache
def _fontconfig_draws(char: str) -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:  # no fontconfig tools: only the catalogue is known to draw
        return False
    found = subprocess.run(
        [fc_list, f":charset={ord(char):x}", "family"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return bool(found.stdout.strip())
