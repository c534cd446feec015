"""The gettext catalogs of UI strings (igfpub/theme/locales/<lang>/LC_MESSAGES/messages.po).

Compiled .mo files are build products, not sources: they are written next to the .po
files by `igfpub catalogs` (run by scripts/setup) and again by the plugin when stale.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

THEME = Path(__file__).resolve().parent / "theme"
LOCALES = THEME / "locales"


class CatalogError(Exception):
    """A catalog ``catalogs --init`` cannot read or write: one ``path: error:`` line."""


def compile_all(locales: Path = LOCALES) -> list[Path]:
    written = []
    for po_path in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=po_path.parent.parent.name)
        try:
            with mo_path.open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
        except OSError:
            continue  # an installed package may be read-only; its wheel ships the .mo files
        written.append(mo_path)
    return written


def ui_gettext(config: Any, lang: str) -> Callable[[str], str]:
    """gettext for ``lang`` from the package's catalogs, merged under a site's custom_dir
    ones (page titles that are interface text are needed before MkDocs builds its own
    Jinja environment)."""
    translations = Translations.load(str(LOCALES), [gettext_name(lang)])
    custom = config.theme.custom_dir
    if custom and (Path(custom) / "locales").is_dir():
        own = Translations.load(str(Path(custom) / "locales"), [gettext_name(lang)])
        if isinstance(own, Translations):
            if isinstance(translations, Translations):
                translations.merge(own)  # the argument's strings win: the site's own
            else:
                translations = own
    return translations.gettext


def merged_translations(dirs: Sequence[str | Path], lang: str) -> NullTranslations:
    """Every template folder's catalogs for ``lang``, the first folder's strings winning,
    as MkDocs merges a theme's: a site that overrides one string (the forum's name) keeps
    the package's translation of all the others."""
    merged: Translations | None = None
    for folder in reversed([Path(d) for d in dirs]):
        found = Translations.load(str(folder / "locales"), [gettext_name(lang)])
        if not isinstance(found, Translations):
            continue  # no catalog there: Translations.load gives NullTranslations
        if merged is None:
            merged = found
        else:
            merged.merge(found)  # the argument's strings win
    return merged or NullTranslations()


def gettext_name(lang: str) -> str:
    """A BCP 47 code as gettext names a catalog (``pt-BR`` -> ``pt_BR``). gettext then
    takes the first of ``pt_BR`` and ``pt`` that has one, as MkDocs' own lookup does for the
    pages' labels: a Brazilian site gets the Portuguese catalog. Given ``pt-BR``, it found
    none, and showed PDFs, feeds and page titles in English beside Portuguese labels."""
    return lang.replace("-", "_")


def _catalog_names(lang: str) -> list[str]:
    """The catalogs gettext tries for ``lang``, most specific first: pt_BR, pt."""
    parts = gettext_name(lang).split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _found_catalog(lang: str, locales: Path) -> Path | None:
    """The catalog under ``locales`` that ``lang``'s pages take their strings from."""
    for name in _catalog_names(lang):
        if catalog_file(name, locales).is_file():
            return catalog_file(name, locales)
    return None


def ui_messages() -> dict[str, str | None]:
    """Every interface string igfpub shows (templates and Python), msgid -> plural msgid,
    extracted the way translators' tools extract them."""
    from babel.messages.extract import extract_from_dir

    found = [
        *extract_from_dir(
            str(THEME),
            method_map=[("**.html", "jinja2"), ("**.txt", "jinja2")],
            options_map={
                "**.html": {"extensions": "jinja2.ext.i18n"},
                "**.txt": {"extensions": "jinja2.ext.i18n"},
            },
        ),
        *extract_from_dir(str(THEME.parent), method_map=[("**.py", "python")]),
    ]
    out: dict[str, str | None] = {}
    for _file, _line, message, _comments, _context in found:
        if isinstance(message, str):
            out.setdefault(message, None)
        else:
            out[message[0]] = message[1]
    return out


def catalog_file(lang: str, locales: Path = LOCALES) -> Path:
    return locales / gettext_name(lang) / "LC_MESSAGES" / "messages.po"


# The forum's name (igfpub.core.feeds.forum): a site's catalog that gives only this names
# the forum, and is no translation of the interface.
FORUM_MSGID = "Internet Governance Forum"


def has_catalog(lang: str, extra: Path | None = None) -> bool:
    """Whether ``lang``'s pages have igfpub's labels in their language: igfpub's msgids
    are English, so English needs no catalog; another language needs igfpub's, or one of
    the site's that translates more than the forum's name (``igfpub init`` writes that)."""
    if lang.split("-")[0] == "en" or _found_catalog(lang, LOCALES) is not None:
        return True
    return bool(_translated(lang, extra) - {FORUM_MSGID}) if extra is not None else False


def untranslated(lang: str, extra: Path | None = None) -> list[str]:
    """The interface strings that pages in ``lang`` show in English."""
    if lang.split("-")[0] == "en":
        return []
    done = _translated(lang, LOCALES) | (_translated(lang, extra) if extra else set())
    return sorted(set(ui_messages()) - done)


def _translated(lang: str, locales: Path) -> set[str]:
    """The msgids that the catalog for ``lang`` under ``locales`` translates."""
    found = _found_catalog(lang, locales)
    if found is None:
        return set()
    with found.open("rb") as f:
        catalog = read_po(f, locale=found.parent.parent.name)
    done = set()
    for m in catalog:
        text = m.string
        if m.id and not m.fuzzy and (all(text) if isinstance(text, tuple) else text):
            done.add(m.id if isinstance(m.id, str) else m.id[0])
    return done


def init_catalog(lang: str, locales: Path) -> Path:
    """A catalog for translators: every interface string, untranslated. One that names
    only the forum (as ``igfpub init`` writes it) is completed, its name kept."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from igfpub.userfiles import Unwritable, write_file

    path = catalog_file(lang, locales)
    kept: dict[str, str] = {}
    if path.exists():
        try:
            with path.open("rb") as f:
                existing = read_po(f)
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else "not valid UTF-8"
            raise CatalogError(f"{path}: error: cannot read: {why}") from None
        kept = {m.id: m.string for m in existing
                if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string}  # fmt: skip
        if set(kept) - {FORUM_MSGID}:
            raise FileExistsError(f"{path} already exists")
    catalog = Catalog(locale=gettext_name(lang), project="igfpub", fuzzy=False)
    for msgid, plural in sorted(ui_messages().items()):
        catalog.add((msgid, plural) if plural else msgid, kept.get(msgid, ""))
    out = io.BytesIO()
    write_po(out, catalog, width=90)
    try:
        write_file(path, out.getvalue())
    except Unwritable as exc:
        raise CatalogError(f"{path}: error: cannot write: {exc}") from None
    return path
