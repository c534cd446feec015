"""The gettext catalogs of UI strings (igfpub/theme/locales/<lang>/LC_MESSAGES/messages.po).

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

THEME = Path(__file__).resolve().parent / "theme"
LOCALES = THEME / "locales"


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
    """gettext for ``lang`` from the package's catalogs, merged under a site's custom_dir
    ones (page titles that are interface text are needed before MkDocs builds its own
    Jinja environment)."""
    translations = Translations.load(str(LOCALES), [lang])
    custom = config.theme.custom_dir
    if custom and (Path(custom) / "locales").is_dir():
        own = Translations.load(str(Path(custom) / "locales"), [lang])
        if isinstance(own, Translations):
            if isinstance(translations, Translations):
                own.merge(translations)  # the site's own strings win
            translations = own
    return translations.gettext


def catalog_gettext(locales: Path, lang: str) -> Callable[[str], str]:
    translations = Translations.load(str(locales), [lang])
    return translations.gettext
