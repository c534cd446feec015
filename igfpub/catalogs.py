"""The gettext catalogs of UI strings (overrides/locales/<lang>/LC_MESSAGES/messages.po).

Compiled .mo files are build products, not sources: they are written next to the .po
files by `igfpub catalogs` (run by scripts/setup) and again by the plugin when stale.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

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


def ui_gettext(config: Any, lang: str) -> Callable[[str], str]:
    """gettext for ``lang`` from the catalogs of the theme's custom_dir (page titles that are
    interface text are needed before MkDocs builds its own Jinja environment)."""
    custom = config.theme.custom_dir
    if not custom:
        return str
    return catalog_gettext(Path(custom) / "locales", lang)


def catalog_gettext(locales: Path, lang: str) -> Callable[[str], str]:
    translations = Translations.load(str(locales), [lang])
    return translations.gettext
