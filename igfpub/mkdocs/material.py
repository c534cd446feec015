"""Material's interface strings as a table (see overrides/partials/language.html)."""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2

_KEY = re.compile(r'^\s*"([\w.]+)":', re.MULTILINE)


def strings(env: jinja2.Environment, language: str) -> Callable[[str], str]:
    """``t(key)`` for ``language``, falling back to English and then to the key, exactly
    as Material's ``partials/language.html`` does."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "partials/languages/en.html")
    keys = _KEY.findall(source)
    wanted = env.get_template(f"partials/languages/{language}.html").module
    english = env.get_template("partials/languages/en.html").module
    table: dict[str, str] = {}
    for key in keys:
        value = str(wanted.t(key)) or str(english.t(key))  # type: ignore[attr-defined]
        table[key] = value or key
    return lambda key: table.get(key, key)
