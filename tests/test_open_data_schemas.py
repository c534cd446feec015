"""The open data's published JSON Schemas are the site's: ``text`` (and every other map of
texts) admits exactly the site's languages and needs the source language, ``url`` and
``feed`` need every language. Before, the schemas named the six UN languages, and the
data of a site in ``pt,en,es`` (an NRI's) failed its own schemas by the hundred: "'ar' is
a required property", "'pt' was unexpected"."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from igfpub.cli import main as igfpub
from igfpub.core.languages import LANGUAGES, UN, Languages
from igfpub.core.opendataschemas import expand
from igfpub.outputs.opendatafiles import SCHEMAS, schema_files
from tests.conftest import Site
from tests.contentkit import build_in, digest

NRI = ["pt", "en", "es"]
SITE_URL = "https://outcomes.example.org/"  # igfpub init's
DATA = ["bodies", "follow-up", "messages", "sessions"]
Mutation = Callable[[dict[str, Any]], None]


def _nri_content(content: Path) -> None:
    """The example site of ``igfpub init``, with what makes texts in more than one
    language: a Spanish translation, a body named in two languages, a follow-up entry
    written in Portuguese and Spanish."""
    source = content / "sessions/2026/igf2026-ws-1.md"
    (content / "sessions/2026/igf2026-ws-1.es.md").write_text(
        "---\n"
        'title: "Una sesión de ejemplo"\n'
        f"translation: {{status: human, source_hash: {digest(source)}}}\n"
        "key_takeaways:\n"
        '  - "La conectividad asequible es la primera condición del acceso."\n'
        "calls_to_action:\n"
        '  - text: "Publicar metas de asequibilidad para la banda ancha móvil."\n'
        "---\n"
        "Resumen.\n",
        encoding="utf-8",
    )
    registry = content / "registry/bodies.yml"
    registry.write_text(
        registry.read_text("utf-8").replace(
            'name: "Parlamento Nacional"', "name: {pt: Congresso Nacional, es: Congreso Nacional}"
        ),
        encoding="utf-8",
    )
    (content / "bodies").mkdir()
    (content / "bodies/parliament.md").write_text(
        "---\n"
        "body: parliament\n"
        "follow_up:\n"
        "- message: IGF2026-WS-1/cta-1\n"
        "  date: 2026-07-01\n"
        "  response: supported\n"
        "  implementation: ongoing\n"
        '  text: "Metas em preparação."\n'
        "---\n"
        "Relato do Congresso.\n",
        encoding="utf-8",
    )
    (content / "bodies/parliament.es.md").write_text(
        "---\n"
        "body: parliament\n"
        "translation: {status: human}\n"
        "follow_up:\n"
        '- text: "Metas en preparación."\n'
        "---\n"
        "Informe del Congreso.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def nri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The ``api/v1`` folder of an ``igfpub init --languages pt,en,es`` site."""
    forum = tmp_path_factory.mktemp("nri") / "forum"
    assert igfpub(["init", str(forum), "--languages", ",".join(NRI)]) == 0
    _nri_content(forum / "content")
    assert build_in(forum) == 0
    yield forum / "site/api/v1"


def _validator(api: Path, name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((api / f"{name}.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _data(api: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((api / f"{name}.json").read_text("utf-8"))
    return data


def _errors(api: Path, name: str, data: object) -> list[str]:
    return [
        f"{error.json_path}: {error.message}" for error in _validator(api, name).iter_errors(data)
    ]


def _published(api: Path) -> list[str]:
    """Every JSON file of the open data (not the schemas), each with its schema beside it."""
    names = sorted(p.name.removesuffix(".json") for p in api.glob("*.json"))
    data = [n for n in names if not n.endswith(".schema")]
    assert [f"{n}.schema" for n in data] == [n for n in names if n.endswith(".schema")]
    return data


def test_every_file_of_an_nri_site_matches_its_published_schema(nri: Path) -> None:
    assert _published(nri) == DATA
    for name in DATA:
        assert _errors(nri, name, _data(nri, name)) == [], name


def test_the_nri_data_has_texts_in_more_than_one_language(nri: Path) -> None:
    # Else the schemas' language maps would be tried on the source language only.
    (message, *_) = [m for m in _data(nri, "messages")["messages"] if m["kind"] == "takeaway"]
    assert list(message["text"]) == ["es", "pt"]
    (session,) = _data(nri, "sessions")["sessions"]
    assert list(session["title"]) == ["es", "pt"]
    bodies = {b["id"]: b for b in _data(nri, "bodies")["bodies"]}
    assert list(bodies["parliament"]["name"]) == ["es", "pt"]
    (pair,) = _data(nri, "follow-up")["follow_up"]
    assert list(pair["timeline"][0]["text"]) == ["es", "pt"]


def test_the_nri_schemas_name_the_sites_languages(nri: Path) -> None:
    schema = json.loads((nri / "messages.schema.json").read_text("utf-8"))
    message = schema["$defs"]["message"]["properties"]
    assert list(message["text"]["properties"]) == NRI
    assert message["text"]["required"] == ["pt"]
    assert list(message["url"]["properties"]) == NRI
    assert message["url"]["required"] == NRI
    for name in DATA:
        text = (nri / f"{name}.schema.json").read_text("utf-8")
        assert '"fr"' not in text and '"ar"' not in text and "{language}" not in text, name


def _first(key: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda data: data[key][0]


def _set(path: Callable[[dict[str, Any]], dict[str, Any]], field: str, lang: str) -> Mutation:
    return lambda data: path(data)[field].__setitem__(lang, "https://example.org/x")


def _drop(path: Callable[[dict[str, Any]], dict[str, Any]], field: str, lang: str) -> Mutation:
    return lambda data: path(data)[field].pop(lang)


def _step(data: dict[str, Any]) -> dict[str, Any]:
    step: dict[str, Any] = data["follow_up"][0]["timeline"][0]
    return step


BAD = [
    ("messages", _set(_first("messages"), "text", "fr"), "'fr' was unexpected"),
    ("messages", _drop(_first("messages"), "text", "pt"), "'pt' is a required property"),
    ("messages", _drop(_first("messages"), "url", "es"), "'es' is a required property"),
    ("messages", _set(_first("messages"), "url", "ar"), "'ar' was unexpected"),
    ("sessions", _set(_first("sessions"), "title", "de"), "'de' was unexpected"),
    ("sessions", _drop(_first("sessions"), "url", "en"), "'en' is a required property"),
    ("bodies", _drop(_first("bodies"), "name", "pt"), "'pt' is a required property"),
    ("bodies", _drop(_first("bodies"), "feed", "es"), "'es' is a required property"),
    ("follow-up", _set(_step, "text", "fr"), "'fr' was unexpected"),
    ("follow-up", _drop(_first("follow_up"), "url", "pt"), "'pt' is a required property"),
]


@pytest.mark.parametrize(("name", "mutate", "expected"), BAD, ids=[f"{n}: {e}" for n, _, e in BAD])
def test_a_record_in_other_languages_than_the_sites_is_refused(
    nri: Path, name: str, mutate: Mutation, expected: str
) -> None:
    data = copy.deepcopy(_data(nri, name))
    mutate(data)
    errors = _errors(nri, name, data)
    assert len(errors) == 1 and expected in errors[0], errors


def test_every_file_of_the_six_language_site_matches_its_published_schema(
    bilingual: Site,
) -> None:
    api = bilingual.root / "api/v1"
    assert _published(api) == DATA
    for name in DATA:
        assert _errors(api, name, _data(api, name)) == [], name
    messages = copy.deepcopy(_data(api, "messages"))
    messages["messages"][0]["text"]["pt"] = "Um texto."
    del messages["messages"][0]["url"]["ar"]
    assert sorted(_errors(api, "messages", messages)) == [
        "$.messages[0].text: Additional properties are not allowed ('pt' was unexpected)",
        "$.messages[0].url: 'ar' is a required property",
    ]


def test_the_six_language_schemas_stay_as_strict() -> None:
    schema = json.loads(schema_files(UN)["messages.schema.json"])
    message = schema["$defs"]["message"]["properties"]
    assert message["text"] == {
        "type": "object",
        "properties": {lang: {"type": "string"} for lang in LANGUAGES},
        "required": ["en"],
        "additionalProperties": False,
    }
    assert message["url"]["required"] == list(LANGUAGES)
    assert message["url"]["additionalProperties"] is False


def test_the_shipped_templates_name_no_language() -> None:
    def names(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            yield from node
            for value in node.values():
                yield from names(value)
        elif isinstance(node, list):
            for item in node:
                yield from names(item)
        elif isinstance(node, str):
            yield node

    for path in sorted(SCHEMAS.glob("*.schema.json")):
        found = set(names(json.loads(path.read_text("utf-8"))))
        assert not found & set(LANGUAGES), path.name
        assert "{language}" in found, path.name


def test_placeholders_follow_the_languages_in_their_order() -> None:
    template = {
        "properties": {"{language}": {"type": "string"}},
        "required": ["{source}"],
        "all": ["a", "{language}", "b"],
    }
    assert expand(template, Languages(("pt-BR", "en"))) == {
        "properties": {"pt-BR": {"type": "string"}, "en": {"type": "string"}},
        "required": ["pt-BR"],
        "all": ["a", "pt-BR", "en", "b"],
    }


def test_a_change_of_languages_changes_the_published_schemas(tmp_path: Path) -> None:
    """A warm build after a language is removed publishes schemas without it, as a cold
    build would."""
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", ",".join(NRI)]) == 0
    assert build_in(forum) == 0
    api = forum / "site/api/v1"
    assert '"es"' in (api / "messages.schema.json").read_text("utf-8")
    config = forum / "mkdocs.yml"
    text = config.read_text("utf-8")
    spanish = text[text.index("        - locale: es") : text.index("\nmarkdown_extensions")]
    config.write_text(text.replace(spanish, ""), "utf-8")
    assert build_in(forum) == 0
    warm = {p.name: p.read_bytes() for p in sorted(api.iterdir())}
    schema = json.loads(warm["messages.schema.json"])
    assert schema["$defs"]["message"]["properties"]["url"]["required"] == ["pt", "en"]
    for name in DATA:
        assert _errors(api, name, _data(api, name)) == [], name
    assert {n: d for n, d in warm.items() if n.endswith(".schema.json")} == schema_files(
        Languages(("pt", "en")), SITE_URL
    )


def test_a_schema_is_identified_by_its_address_on_the_site_or_not_at_all() -> None:
    named = json.loads(schema_files(UN, "https://igf.example/")["messages.schema.json"])
    assert named["$id"] == "https://igf.example/api/v1/messages.schema.json"
    # Without a site URL, the templates' example address would name another site.
    assert "$id" not in json.loads(schema_files(UN)["messages.schema.json"])
