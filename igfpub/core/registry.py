"""The registries under ``content/registry/``: bodies, groups, observatories."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from igfpub.core.fields import REGISTRY_ID, Fields
from igfpub.core.frontmatter import Document, ReadError, decode, parse_yaml
from igfpub.core.issues import Issues
from igfpub.core.languages import Languages, site_languages
from igfpub.core.model import (
    BODY_TYPES,
    GROUP_KINDS,
    OBSERVATORY_SCOPES,
    OBSERVATORY_STATUSES,
    STAKEHOLDERS,
    Body,
    Group,
    Observatory,
    Source,
)
from igfpub.core.reportback import read_liaison

_Entry = TypeVar("_Entry")

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def read_registry(path: Path, rel: str, issues: Issues) -> list[Fields]:
    """Read a YAML list of entries; one ``Fields`` per entry, with file-wide line numbers."""
    try:
        data, marks = parse_yaml(decode(path.read_bytes()))
    except ReadError as exc:
        for line, message in exc.problems:
            issues.error(rel, line, message)
        return []
    for line, message in marks.twice:
        issues.error(rel, line, message)
    if data is None:
        return []
    if not isinstance(data, list):
        issues.error(rel, 1, "a registry must be a YAML list of entries (each starting '- id:')")
        return []
    entries = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            issues.error(rel, marks.line(i), f"entry {i + 1} must be a mapping of fields")
            continue
        entries.append(Fields(Document(item, "", 0, marks.part((i,))), rel, issues))
    return entries


class Entries(dict[str, _Entry]):
    """A registry's valid entries by id, and the ids (lower-cased) of the entries its
    errors left out: where one is named, it is not also said to be unknown."""

    left_out: frozenset[str] = frozenset()


def _entries(valid: dict[str, _Entry], read: list[Fields]) -> Entries[_Entry]:
    found = Entries(valid)
    # An id written as a list or a mapping is an error of its own (_unique_id): not an id.
    declared = [f.doc.meta.get("id") for f in read]
    found.left_out = frozenset(i.strip().lower() for i in declared if isinstance(i, str)) - {
        k.lower() for k in valid
    }
    return found


def _unique_id(f: Fields, seen: dict[str, int], what: str) -> str | None:
    value = f.string("id", required=True)
    if value is None:
        return None
    if not REGISTRY_ID.match(value):
        f.error(("id",), f"{what} id {value!r} may only use a-z, 0-9 and '-'")
        return None
    if value in seen:
        f.error(("id",), f"duplicate {what} id {value!r} (first at line {seen[value]})")
        return None
    seen[value] = f.line("id")
    return value


# Body ids that name pages of their own under bodies/.
RESERVED_BODY_IDS = frozenset({"all"})


def load_bodies(
    path: Path, rel: str, issues: Issues, languages: Languages | None = None
) -> Entries[Body]:
    seen: dict[str, int] = {}
    out: dict[str, Body] = {}
    read = read_registry(path, rel, issues)
    for f in read:
        body_id = _unique_id(f, seen, "body")
        if body_id in RESERVED_BODY_IDS:
            f.error(("id",), f"body id {body_id!r} is reserved (bodies/{body_id}/ lists the "
                    "messages addressed to all bodies)")  # fmt: skip
            body_id = None
        name = f.localized("name", required=True)
        acronym = f.localized("acronym")
        kind = f.choice("type", BODY_TYPES, required=True)
        url = f.url("url")
        processes = tuple(f.string_list("processes"))
        contact = f.string("contact", prose=True)
        liaison = read_liaison(f, languages or site_languages())
        if body_id and name and kind:
            out[body_id] = Body(body_id, acronym or name, name, kind, url, processes, contact,
                                Source(rel, f.line()), liaison)  # fmt: skip
    return _entries(out, read)


def load_groups(path: Path, rel: str, issues: Issues) -> Entries[Group]:
    seen: dict[str, int] = {}
    out: dict[str, Group] = {}
    read = read_registry(path, rel, issues)
    for f in read:
        group_id = _unique_id(f, seen, "group")
        kind = f.choice("kind", GROUP_KINDS, required=True)
        name = f.localized("name", required=True)
        acronym = f.localized("acronym")
        url = f.url("url")
        stakeholders = f.choices("stakeholder_groups", STAKEHOLDERS)
        if group_id and kind and name:
            out[group_id] = Group(
                group_id, kind, acronym or name, name, url, stakeholders, Source(rel, f.line())
            )
    return _entries(out, read)


def load_observatories(path: Path, rel: str, issues: Issues) -> dict[str, Observatory]:
    seen: dict[str, int] = {}
    out: dict[str, Observatory] = {}
    for f in read_registry(path, rel, issues):
        obs_id = _unique_id(f, seen, "observatory")
        name = f.localized("name", required=True)
        operator = f.string("operator", prose=True)
        url = f.url("url")
        scope = f.choice("scope", OBSERVATORY_SCOPES) or "global"
        languages = tuple(f.string_list("languages"))
        for i, code in enumerate(languages):
            if not LANGUAGE_CODE.match(code):
                f.error(
                    ("languages", i),
                    f"'languages' has {code!r}; write a language code like 'en' or 'pt'",
                )
        status = f.choice("status", OBSERVATORY_STATUSES) or "active"
        if obs_id and name:
            out[obs_id] = Observatory(
                obs_id, name, operator, url, scope, languages, status, Source(rel, f.line())
            )
    return out
