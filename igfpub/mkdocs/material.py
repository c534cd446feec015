"""Making Material cheaper to render six times: its interface strings as a table (see
igfpub/theme/partials/language.html) and compiled templates shared between languages."""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2
import jinja2.bccache

from igfpub.core.languages import direction

_KEY = re.compile(r'^\s*"([\w.]+)":', re.MULTILINE)


def strings(env: jinja2.Environment, language: str) -> Callable[[str], str]:
    """``t(key)`` for ``language``, falling back to English and then to the key, as
    Material's ``partials/language.html`` does; but a page says it is in the site's
    language, by the site's code: Material's Brazilian Portuguese says ``pt``, and for a
    language it has no strings for (Swahili, Pashto) Material would write ``<html lang="en"
    dir="ltr">``, so that screen readers, the search index and the fonts would take the
    text for English. Such a language's direction comes from CLDR."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "partials/languages/en.html")
    keys = _KEY.findall(source)
    english = env.get_template("partials/languages/en.html").module
    own = {"language": language}
    try:
        wanted = env.get_template(f"partials/languages/{language}.html").module
    except jinja2.TemplateNotFound:  # a language Material has no strings for: English
        wanted = english
        own["direction"] = direction(language)
    table: dict[str, str] = {}
    for key in keys:
        value = str(wanted.t(key)) or str(english.t(key))  # type: ignore[attr-defined]
        table[key] = value or key
    table.update(own)
    return lambda key: table.get(key, key)


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept across the six language builds: static-i18n gives each build
    a new Jinja environment, which would otherwise compile every template again. Buckets
    are keyed by template name and source checksum, so an edited template recompiles."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None and bucket.checksum:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()
