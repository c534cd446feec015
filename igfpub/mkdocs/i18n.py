"""The one module that knows mkdocs-static-i18n's internals.

static-i18n 1.3.1 is frozen upstream and its attributes are not a documented API, so every
read of them is here, behind names that say what igfpub needs: which language this build
is for, whether this is the last ``on_post_build``, and a page's other-language versions.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from igfpub.core.languages import DEFAULT, Languages, is_known


class I18n:
    def __init__(self, config: MkDocsConfig) -> None:
        plugin = config.plugins.get("i18n")
        if plugin is None:
            raise PluginError(
                "igfpub needs the 'i18n' plugin (mkdocs-static-i18n) listed after 'igfpub' "
                "in mkdocs.yml, with the site's languages (see `igfpub init`)"
            )
        self._plugin: Any = plugin

    def site_languages(self) -> Languages:
        """The languages this site builds, its source (``default: true``) first, in the
        order of mkdocs.yml; the i18n plugin's ``name`` of each is kept for the switcher."""
        source = self.default_language
        built = [lang for lang in self.languages if lang != source]
        unknown = [lang for lang in [source, *built] if not is_known(lang)]
        if unknown:
            raise PluginError(
                f"i18n: unknown language code{'s' * (len(unknown) > 1)} {', '.join(unknown)} "
                "(use BCP 47 codes that CLDR knows, such as pt, fr, pt-BR)"
            )
        names = {
            lang.locale: str(lang.name)
            for lang in self._plugin.config.languages
            if lang.name and lang.name != lang.locale and lang.locale in [source, *built]
        }
        return Languages((source, *built), names)

    @property
    def languages(self) -> list[str]:
        return list(self._plugin.build_languages)

    @property
    def default_language(self) -> str:
        return str(self._plugin.default_language or DEFAULT)

    @property
    def current_language(self) -> str:
        # None on the very first on_config, before i18n has set it up.
        return str(self._plugin.current_language or self.default_language)

    @property
    def is_first_build(self) -> bool:
        """The default language is built first; the others are nested inside it."""
        return self.current_language == self.default_language and not self._plugin.building

    @property
    def all_languages_built(self) -> bool:
        """True in the outermost ``on_post_build`` once every language is written.

        i18n builds the other languages from its own ``on_post_build`` (priority -100);
        ours runs at -110, after it, and the nested builds have reset ``building``.
        """
        return not self._plugin.building

    @staticmethod
    def page_language(page: Page) -> str | None:
        """The language a page's *file* is written in (fallback pages differ from the build's)."""
        locale = getattr(page.file, "locale", None)
        return str(locale) if locale else None

    @staticmethod
    def page_alternates(page: Page) -> dict[str, str]:
        """URL of this page in each language, for pages i18n built from a file."""
        alternates = getattr(page.file, "alternates", None) or {}
        return {lang: f.url for lang, f in alternates.items()}
