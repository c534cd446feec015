"""A site's languages, and the file-name convention for translations.

A site runs any set of languages (the i18n plugin's ``languages`` in its ``mkdocs.yml``),
one of them the source language in which every document is first written. The global IGF
runs the six UN languages with English as the source; that is the default.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath

from babel import Locale, UnknownLocaleError

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


def is_known(lang: str) -> bool:
    try:
        locale(lang)
    except ValueError:
        return False
    return True


@cache
def direction(lang: str) -> str:
    """``rtl`` or ``ltr``, from CLDR (``ar``, ``fa``, ``he``, ``ur``, ... are right to left)."""
    try:
        return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"
    except ValueError:
        return "ltr"


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
