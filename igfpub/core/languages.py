"""A site's languages, and the file-name convention for translations.

A site runs any set of languages (the i18n plugin's ``languages`` in its ``mkdocs.yml``),
one of them the source language in which every document is first written. The global IGF
runs the six UN languages with English as the source; that is the default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath

from babel import Locale, UnknownLocaleError
from babel.core import get_global

DEFAULT = "en"
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "zh", "ar")

# The six UN languages' names as the global site has always shown them; other languages
# take their CLDR autonym (see ``autonym``).
AUTONYMS: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "zh": "中文",
    "ar": "العربية",
}

# "ws-142.fr.md": a two- or three-letter suffix (optionally with a region) before ".md".
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\.md$")


@cache
def locale(lang: str) -> Locale:
    """The CLDR locale of a BCP 47 code (``pt-BR`` -> ``pt_BR``); raises ``ValueError`` for
    a code CLDR does not know."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown language code {lang!r}") from exc


def bcp47_case(code: str) -> str:
    """``code`` in the case BCP 47 recommends (it ignores case, but ``<html lang>``,
    URLs and the i18n plugin compare codes as written): a lower-case language, a
    title-case script and an upper-case region: ``pt-br`` -> ``pt-BR``, ``ZH-hant`` ->
    ``zh-Hant``, ``EN`` -> ``en``."""
    language, *subtags = code.split("-")
    cased = [language.lower()]
    for tag in subtags:
        if len(tag) == 4 and tag.isalpha():
            cased.append(tag.title())
        elif len(tag) == 2 and tag.isalpha():
            cased.append(tag.upper())
        else:
            cased.append(tag.lower())  # a numeric region (419) or a variant
    return "-".join(cased)


def is_known(lang: str) -> bool:
    try:
        locale(lang)
    except ValueError:
        return False
    return True


def script_of(lang: str) -> str:
    """The writing system CLDR expects for ``lang`` (``he`` -> ``Hebr``, ``sr`` -> ``Cyrl``)."""
    code = lang.replace("-", "_")
    likely = get_global("likely_subtags")
    full = likely.get(code) or likely.get(code.split("_")[0]) or ""
    parts = full.split("_")
    return parts[1] if len(parts) > 1 else "Latn"


# Scripts whose web font igfpub subsets for a site that needs it, with the Unicode blocks
# the subset holds (igfpub-fonts.css covers Latin, Cyrillic, Arabic and Chinese for every
# site). The font is declared under the family "IGF Noto Sans", so the theme's font stack
# picks it by unicode-range (igfpub/webfonts.py) with no change to any other stylesheet.
WEB_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Hebr": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "Deva": ((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0xA8E0, 0xA8FF)),
    "Beng": ((0x0980, 0x09FF),),
    "Taml": ((0x0B80, 0x0BFF),),
    "Sinh": ((0x0D80, 0x0DFF),),
    "Thai": ((0x0E00, 0x0E7F),),
    "Laoo": ((0x0E80, 0x0EFF),),
    "Mymr": ((0x1000, 0x109F),),
    "Geor": ((0x10A0, 0x10FF), (0x2D00, 0x2D2F)),
    "Ethi": ((0x1200, 0x139F), (0x2D80, 0x2DDF)),
    "Khmr": ((0x1780, 0x17FF),),
    "Armn": ((0x0530, 0x058F),),
}


def web_scripts(languages: Iterable[str]) -> list[str]:
    """The scripts of a site's languages that need a web font of their own, in order."""
    found: list[str] = []
    for lang in languages:
        script = script_of(lang)
        if script in WEB_RANGES and script not in found:
            found.append(script)
    return found


@cache
def direction(lang: str) -> str:
    """``rtl`` or ``ltr``, from CLDR (``ar``, ``fa``, ``he``, ``ur``, ... are right to left)."""
    try:
        return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"
    except ValueError:
        return "ltr"


# What joins the items of a list in running text (names, states), where it is not ", ".
LIST_SEPARATORS = {"ar": "، ", "zh": "、"}


def list_separator(lang: str) -> str:
    return LIST_SEPARATORS.get(lang, ", ")


# What joins two parts of one statement (a city and its country, a body and the date it
# answered): the Arabic comma; in Chinese the full-width comma, not the enumeration comma
# that joins the items of a list.
COMMAS = {"ar": "، ", "fa": "، ", "ur": "، ", "zh": "，"}


def comma(lang: str) -> str:
    return COMMAS.get(lang, ", ")


@cache
def autonym(lang: str) -> str:
    """A language's name in itself: the switcher announces a language in its own tongue."""
    if lang in AUTONYMS:
        return AUTONYMS[lang]
    try:
        name = locale(lang).get_display_name(locale(lang)) or lang
    except ValueError:
        return lang
    return name[:1].upper() + name[1:]


@cache
def language_name_in(lang: str, reader: str) -> str:
    """``lang``'s name in the ``reader``'s language ("anglais" for a French reader)."""
    try:
        return str(locale(reader).languages.get(lang.replace("-", "_")) or autonym(lang))
    except ValueError:
        return autonym(lang)


@dataclass(frozen=True)
class Languages:
    """A site's languages: the source language first, then the translation languages, in
    the order of the i18n plugin's configuration."""

    codes: tuple[str, ...] = LANGUAGES
    # Names given in mkdocs.yml (the i18n plugin's ``name``); CLDR autonyms otherwise.
    names: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.codes:
            raise ValueError("a site needs at least one language")

    @property
    def source(self) -> str:
        return self.codes[0]

    @property
    def translations(self) -> tuple[str, ...]:
        return self.codes[1:]

    def __contains__(self, lang: object) -> bool:
        return lang in self.codes

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def prefix(self, lang: str) -> str:
        """``""`` for the source language, ``"fr/"`` for French: the ``{L}`` of the URLs."""
        return "" if lang == self.source else f"{lang}/"

    def name(self, lang: str) -> str:
        return self.names.get(lang) or autonym(lang)

    @staticmethod
    def direction(lang: str) -> str:
        return direction(lang)


def site_code(code: str, codes: Iterable[str]) -> str | None:
    """The site's code that ``code`` names, or None. BCP 47 codes are case-insensitive, and
    tools write ``fr_FR`` (gettext) as often as ``fr-FR``: those differences do not count. A
    code with a region or script the site lacks (``fr-FR``, ``en-US``) names the site's bare
    language (``fr``) when the site has that and no other variant of it; with ``fr-CA`` on
    the site too, it would be a guess."""
    codes = tuple(codes)

    def norm(c: str) -> str:
        return c.strip().replace("_", "-").lower()

    wanted = norm(code)
    for c in codes:
        if norm(c) == wanted:
            return c
    base = wanted.split("-")[0]
    if base == wanted:
        return None
    same = [c for c in codes if norm(c).split("-")[0] == base]
    return same[0] if len(same) == 1 and norm(same[0]) == base else None


UN = Languages(LANGUAGES)

# The languages of the site being built. Set once per build by its entry point (the CLI or
# the MkDocs plugin, from mkdocs.yml) before anything is loaded or rendered. A module value
# rather than an argument threaded through every URL helper: URLs, feeds, open data and
# templates all ask "which languages, and which is the source?", and one build has one
# answer. PDF worker processes set it again from the value they are handed.
_site: Languages = UN


def use(languages: Languages) -> None:
    global _site
    _site = languages


def site_languages() -> Languages:
    return _site


def url_prefix(lang: str) -> str:
    """``""`` for the source language, ``"fr/"`` for French: the ``{L}`` of the URL contract."""
    return _site.prefix(lang)


def split_suffix(name: str) -> tuple[str, str | None]:
    """``"ws-142.fr.md"`` -> ``("ws-142", "fr")``; ``"ws-142.md"`` -> ``("ws-142", None)``.

    The suffix is returned whatever it is, so that the caller can refuse ``x.de.md``
    instead of silently treating it as a second source.
    """
    m = _SUFFIX.match(name)
    if m:
        return m["stem"], m["lang"]
    return PurePosixPath(name).stem, None
