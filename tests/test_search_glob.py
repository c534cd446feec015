"""Pagefind run on pages named in its glob (igfpub/outputs/search.py) makes the index that
a folder of linked pages (a view) makes, and a glob names exactly the pages it is given."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

import pytest

from igfpub.core.languages import Languages, use
from igfpub.outputs import search
from igfpub.outputs.search import index_language, pages_glob
from tests.conftest import Site

LANGUAGES = Languages(codes=("en", "fr", "es", "ru", "zh", "ar"), names={})


def test_a_glob_is_rooted_at_the_pages_common_folder() -> None:
    rels = ["fr/sessions/2025/ws-2/index.html", "fr/sessions/2025/ws-10/index.html"]
    assert pages_glob(rels) == "fr/sessions/2025/{ws-10/index.html,ws-2/index.html}"
    mixed = ["fr/index.html", "fr/bodies/itu/index.html", "fr/briefs/2025/body-itu/index.html"]
    assert pages_glob(mixed) == (
        "fr/{bodies/itu/index.html,briefs/2025/body-itu/index.html,index.html}"
    )
    assert pages_glob(["sessions/2025/ws-1/index.html"]) == "sessions/2025/ws-1/index.html"


@pytest.mark.parametrize(
    "rels",
    [
        [],
        # No common folder: Pagefind would walk the whole site, every language's pages.
        ["index.html", "bodies/itu/index.html"],
        # Characters that mean something in a glob, or that a glob would have to escape.
        ["fr/sessions/{a,b}/index.html"],
        ["fr/about*/index.html"],
        ["fr/notes [draft]/index.html"],
        ["fr/café/index.html"],
        ["fr/a b/index.html"],
        ["fr/x?/index.html"],
        ["fr/<x:1>/index.html"],
    ],
)
def test_pages_a_glob_cannot_name_plainly_go_through_a_view(rels: list[str]) -> None:
    assert pages_glob(rels) is None


def test_a_glob_longer_than_one_argument_may_be_is_not_made() -> None:
    rels = [f"fr/sessions/2025/igf2025-ws-{n:05d}/index.html" for n in range(4000)]
    assert pages_glob(rels) is None
    assert pages_glob(rels[:100]) is not None


def test_a_glob_matches_exactly_its_pages() -> None:
    rels = [f"fr/sessions/2025/ws-{n}/index.html" for n in (1, 2, 10, 11)]
    glob = pages_glob(rels)
    assert glob is not None
    # In fnmatch's terms, the alternatives one by one.
    prefix, _, alternatives = glob.partition("{")
    named = {prefix + alt for alt in alternatives.rstrip("}").split(",")}
    assert named == set(rels)
    assert not fnmatch.filter(["fr/sessions/2025/ws-3/index.html"], glob)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_index_made_from_a_glob_is_the_one_a_view_makes(
    bilingual: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(LANGUAGES)
    site = bilingual.root
    named: dict[str, dict[str, Path]] = {}
    globs: list[str] = []
    real_run = search._run_pagefind

    def run(folder: Path, glob: str, out: Path) -> dict[str, Any]:
        globs.append(glob)
        return real_run(folder, glob, out)

    monkeypatch.setattr(search, "_run_pagefind", run)
    for lang in LANGUAGES:
        named[lang] = index_language(site, lang, LANGUAGES, tmp_path / "glob", part_pages=1)
    # Every part but the source language's main one (pages in no common folder) is named.
    assert len([g for g in globs if g != "**/*.html"]) == len(globs) - 1
    assert any(g.startswith("fr/") for g in globs)
    monkeypatch.setattr(search, "pages_glob", lambda rels: None)
    for lang in LANGUAGES:
        viewed = index_language(site, lang, LANGUAGES, tmp_path / "view", part_pages=1)
        assert list(viewed) == list(named[lang])
        assert len(viewed) > 1, lang  # the sessions' years are parts of their own
        for part, folder in viewed.items():
            assert _files(named[lang][part]) == _files(folder), (lang, part)
