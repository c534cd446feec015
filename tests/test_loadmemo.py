"""The documents a load made, remembered between loads (igfpub/core/loader.py, ``_made``):
a load that takes them gives exactly what a fresh load gives, its warnings and link
problems included. A document whose files did not change is made again when what it is
checked against changes (a registry, an edition) or when another document takes its id."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from igfpub.core import loader as loader_module
from igfpub.core.frontmatter import Parsed
from igfpub.core.languages import use
from igfpub.core.loader import LoadResult, load_corpus
from igfpub.mkdocs.site import read_site

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"
SESSION = "sessions/2025/igf2025-of-22.md"  # addresses WIPO: `to: [wipo]`

# Written the way a stranger writes a report: a field sessions do not publish, a link to a
# session that does not exist, an id in other letters' case.
STRANGER = """---
id: igf2025-of-301
edition: 2025
type: open-forum
title: "Données ouvertes et IA"
track: innovation
date: 2025-06-24
rapporteur: "Ana Souza"
group: bpf-ai
key_takeaways:
  - "Open data needs stewards 🌍."
---
See [a session](igf2025-of-999.md) and [another](../2025/igf2025-of-22.md#Discussion).
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(PROJECT / "content", folder)
    (folder / "sessions" / "2025" / "igf2025-of-301.md").write_text(STRANGER, encoding="utf-8")
    use(read_site(CONFIG, folder).languages)
    return folder


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source files of the sessions each load makes (not taken from the memo)."""
    paths: list[str] = []
    session = loader_module._Loader._session

    def counted(self: Any, fam: Any) -> Any:
        paths.append(fam.source.rel)
        return session(self, fam)

    monkeypatch.setattr(loader_module._Loader, "_session", counted)
    return paths


def same(a: LoadResult, b: LoadResult) -> None:
    assert a.corpus == b.corpus
    assert a.issues == b.issues


def test_a_load_from_the_memo_gives_what_a_fresh_load_gives(content: Path, made: list[str]) -> None:
    parsed = Parsed()
    first = load_corpus(content, None, parsed)
    sessions = len(first.corpus.sessions)
    assert sessions > 30 and len(made) == sessions
    said = [(i.path, i.message) for i in first.issues if i.path.endswith("igf2025-of-301.md")]
    assert any("'group' is ignored" in message for _, message in said), said
    assert any("igf2025-of-999" in message for _, message in said), said

    made.clear()
    again = load_corpus(content, None, parsed)
    assert made == []  # every session from the memo
    same(again, first)

    # One report edited: that session alone is made again, and shows the edit.
    path = content / SESSION
    path.write_text(path.read_text(encoding="utf-8") + "\nAdded by the rapporteur.\n",
                    encoding="utf-8")  # fmt: skip
    edited = load_corpus(content, None, parsed)
    assert made == [SESSION]
    same(edited, load_corpus(content))
    assert (
        "Added by the rapporteur." in edited.corpus.sessions["IGF2025-OF-22"].text.body.values["en"]
    )


def test_a_registry_change_checks_unchanged_reports_again(content: Path, made: list[str]) -> None:
    parsed = Parsed()
    assert load_corpus(content, None, parsed).ok is False  # the stranger's broken link
    registry = content / "registry" / "bodies.yml"
    text = registry.read_text(encoding="utf-8")
    start = text.index("- id: wipo")
    end = text.index("- id:", start + 1)
    registry.write_text(text[:start] + text[end:], encoding="utf-8")
    made.clear()
    without = load_corpus(content, None, parsed)
    assert SESSION in made
    same(without, load_corpus(content))
    assert any(i.path == SESSION and "wipo" in i.message and i.is_error for i in without.issues)


def test_an_id_taken_by_a_new_report_is_said_of_the_remembered_one(content: Path) -> None:
    parsed = Parsed()
    load_corpus(content, None, parsed)
    # Sorted before it in the folder: the new file claims the id first.
    twin = content / "sessions" / "2025" / "igf2025-of-00.md"
    twin.write_text((content / SESSION).read_text(encoding="utf-8"), encoding="utf-8")
    taken = load_corpus(content, None, parsed)
    same(taken, load_corpus(content))
    duplicate = [i for i in taken.issues if i.path == SESSION and "duplicate id" in i.message]
    assert len(duplicate) == 1 and "igf2025-of-00.md" in duplicate[0].message


def test_a_translation_that_does_not_parse_is_said_at_every_load(content: Path) -> None:
    """Its source is made without errors, but the document is never taken from the memo:
    the translation's error comes from parsing it, which a remembered document skips."""
    broken = content / "sessions" / "2025" / "igf2025-of-22.fr.md"
    broken.write_text('---\ntitle: "Sans fin\n---\nTexte.\n', encoding="utf-8")
    parsed = Parsed()
    for _ in range(2):
        result = load_corpus(content, None, parsed)
        same(result, load_corpus(content))
        assert [i.path for i in result.issues if i.is_error and "of-22" in i.path] == [
            "sessions/2025/igf2025-of-22.fr.md"
        ]
