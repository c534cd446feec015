"""Which Noto font draws each writing system of a site's languages, and the Debian package
that installs it: a site in Hebrew or Hindi needs fonts the six UN languages do not, and a
missing one must fail with the command that fixes it, not print boxes in every PDF."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from igfpub.core.languages import script_of

_CORE = Path("/usr/share/fonts/truetype/noto")
_CJK = Path("/usr/share/fonts/opentype/noto")


@dataclass(frozen=True)
class ScriptFont:
    family: str
    path: Path
    package: str


def _core(name: str, family: str) -> ScriptFont:
    return ScriptFont(family, _CORE / f"{name}-Regular.ttf", "fonts-noto-core")


_CJK_FONT = ScriptFont("Noto Sans CJK SC", _CJK / "NotoSansCJK-Regular.ttc", "fonts-noto-cjk")

# ISO 15924 script -> the font that draws it. Latin, Cyrillic and Greek share Noto Sans.
FONTS: dict[str, ScriptFont] = {
    "Latn": _core("NotoSans", "Noto Sans"),
    "Cyrl": _core("NotoSans", "Noto Sans"),
    "Grek": _core("NotoSans", "Noto Sans"),
    "Arab": _core("NotoNaskhArabic", "Noto Naskh Arabic"),
    "Hebr": _core("NotoSansHebrew", "Noto Sans Hebrew"),
    "Deva": _core("NotoSansDevanagari", "Noto Sans Devanagari"),
    "Beng": _core("NotoSansBengali", "Noto Sans Bengali"),
    "Taml": _core("NotoSansTamil", "Noto Sans Tamil"),
    "Sinh": _core("NotoSansSinhala", "Noto Sans Sinhala"),
    "Thai": _core("NotoSansThai", "Noto Sans Thai"),
    "Laoo": _core("NotoSansLao", "Noto Sans Lao"),
    "Khmr": _core("NotoSansKhmer", "Noto Sans Khmer"),
    "Mymr": _core("NotoSansMyanmar", "Noto Sans Myanmar"),
    "Ethi": _core("NotoSansEthiopic", "Noto Sans Ethiopic"),
    "Armn": _core("NotoSansArmenian", "Noto Sans Armenian"),
    "Geor": _core("NotoSansGeorgian", "Noto Sans Georgian"),
    "Hans": _CJK_FONT,
    "Hant": _CJK_FONT,
    "Jpan": _CJK_FONT,
    "Kore": _CJK_FONT,
}


def missing_fonts(languages: Iterable[str]) -> list[str]:
    """One line per language whose script has no installed font, naming the package."""
    problems = []
    for lang in languages:
        script = script_of(lang)
        font = FONTS.get(script)
        if font is None:
            problems.append(f"language {lang!r} is written in script {script}, for which igfpub "
                            "knows no Noto font")  # fmt: skip
        elif not font.path.is_file():
            problems.append(f"language {lang!r} needs the font {font.family}: "
                            f"apt-get install {font.package}")  # fmt: skip
    return problems
