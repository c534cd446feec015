"""The JSON Schemas of one site's open data (``api/v1/*.schema.json``).

igfpub ships them as templates (``igfpub/schemas/``) in which a map from language to value
names no language, since a site's languages are its own (the six UN languages with English
as the source on the global site; ``pt``, ``en``, ``es`` on a Brazilian one):

- a property named ``{language}`` stands for one property per language of the site, each
  with its value (``"properties": {"{language}": {"type": "string"}}``);
- in a list (``required``), ``{language}`` stands for every language of the site and
  ``{source}`` for the source language, the one every text is first written in.

So ``text`` admits exactly the site's languages and needs the source language, and ``url``
needs every language: what :mod:`igfpub.core.opendata` writes, and nothing else.
"""

from __future__ import annotations

import json
from typing import Any

from igfpub.core.languages import Languages

EACH = "{language}"
SOURCE = "{source}"


def site_schema(template: str, languages: Languages, address: str = "") -> bytes:
    """The schema a site publishes, from a template's text: indented by one space, like
    the templates, and the same bytes for the same template and languages. ``address``:
    the schema's URL on the site, its ``$id``; none without a site URL (the templates'
    example address would name another site, and a validator resolves ``$ref`` from it)."""
    schema = expand(json.loads(template), languages)
    if address:
        schema["$id"] = address
    else:
        schema.pop("$id", None)
    return (json.dumps(schema, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def expand(node: Any, languages: Languages) -> Any:
    """``node`` (parsed JSON) with its language placeholders replaced, in the site's order
    of languages; everything else as it is, keys in their order."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == EACH:
                out.update({lang: expand(value, languages) for lang in languages.codes})
            else:
                out[key] = expand(value, languages)
        return out
    if isinstance(node, list):
        items: list[Any] = []
        for item in node:
            if item == EACH:
                items.extend(languages.codes)
            elif item == SOURCE:
                items.append(languages.source)
            else:
                items.append(expand(item, languages))
        return items
    return node
