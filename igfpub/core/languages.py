"""The six UN languages and the file-name convention for translations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

DEFAULT = "en"
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "zh", "ar")
RTL = frozenset({"ar"})

# Names of each language in itself: the switcher announces a language in its own tongue.
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


@dataclass(frozen=True)
class Languages:
    """A site's languages: the source language first, then the translation languages, in
    the order of the i18n plugin's configuration. Everything that lists or loops over
    languages takes them from here (``corpus.languages``), never from a constant."""

    codes: tuple[str, ...] = LANGUAGES

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

    def prefix(self, lang: str) -> str:
        """``""`` for the source language, ``"fr/"`` for French: the ``{L}`` of the URLs."""
        return "" if lang == self.source else f"{lang}/"

    @staticmethod
    def direction(lang: str) -> str:
        return direction(lang)


UN = Languages(LANGUAGES)


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def url_prefix(lang: str) -> str:
    """``""`` for English, ``"fr/"`` for French: the ``{L}`` of the URL contract."""
    return "" if lang == DEFAULT else f"{lang}/"


def split_suffix(name: str) -> tuple[str, str | None]:
    """``"ws-142.fr.md"`` -> ``("ws-142", "fr")``; ``"ws-142.md"`` -> ``("ws-142", None)``.

    The suffix is returned whatever it is, so that the caller can refuse ``x.de.md``
    instead of silently treating it as a second source.
    """
    m = _SUFFIX.match(name)
    if m:
        return m["stem"], m["lang"]
    return PurePosixPath(name).stem, None
