"""The gettext catalogs of UI strings (overrides/locales/<lang>/LC_MESSAGES/messages.po).

Compiled .mo files are build products, not sources: they are written next to the .po
files by `igfpub catalogs` (run by scripts/setup) and again by the plugin when stale.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "overrides" / "locales"


def compile_all(locales: Path = LOCALES) -> list[Path]:
    written = []
    for po_path in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written
