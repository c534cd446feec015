"""The fonts of igfpub's print documents: Noto from Debian's font packages.

They are named by family in igfpub-print.css and found by fontconfig, rather than loaded
through @font-face: the CJK collection is 19 MB and WeasyPrint would copy it for every
document. This module knows where Debian puts them, so that a missing package fails the
build with the command that fixes it instead of fontconfig quietly substituting another
font (Arabic or Chinese would come out as boxes).
"""

from __future__ import annotations

from dataclasses import dataclass
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
