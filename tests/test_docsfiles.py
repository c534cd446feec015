"""The files MkDocs builds, found without walking igfpub's data folders
(igfpub/mkdocs/docsfiles.py): the same files, in the same order, with the same inclusion,
as MkDocs' own walk less what the plugin drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from igfpub.mkdocs.docsfiles import DATA_FOLDERS, site_files

FILES = [
    "index.md",
    "index.fr.md",
    "about.md",
    "about/README.md",  # beside about/index.md: MkDocs keeps the index, and says so
    "about/index.md",
    "guide/README.md",  # alone: it is the folder's page
    "registry-notes.md",  # named like a data folder, but a page
    "notes/sessions/x.md",  # a data folder's name below the top: a page
    "assets/logo.png",
    "drafts/wip.md",  # excluded by exclude_docs
    "sessions/2025/igf2025-of-1.md",
    "sessions/2025/igf2025-of-1.fr.md",
    "messages/2025/bpf-ai.md",
    "editions/2025.md",
    "bodies/undp.md",
    "registry/bodies.yaml",
]


@pytest.fixture
def config(tmp_path: Path) -> object:
    docs = tmp_path / "docs"
    for name in FILES:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Page\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nexclude_docs: |\n  drafts/\nnot_in_nav: |\n  /about.md\n",
        encoding="utf-8",
    )
    return load_config(str(tmp_path / "mkdocs.yml"), docs_dir=str(docs),
                       site_dir=str(tmp_path / "site"))  # fmt: skip


def described(files: object) -> list[tuple[str, str, str, str]]:
    return [(f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files]  # type: ignore[attr-defined]


def test_the_same_files_as_mkdocs_walk_less_the_data_folders(config: object) -> None:
    walked = [f for f in get_files(config) if f.src_uri.split("/", 1)[0] not in DATA_FOLDERS]  # type: ignore[arg-type]
    found = site_files(config)  # type: ignore[arg-type]
    assert described(found) == described(walked)
    uris = [f.src_uri for f in found]
    assert "about/README.md" not in uris and "guide/README.md" in uris
    assert "registry-notes.md" in uris and "notes/sessions/x.md" in uris
    assert not any(uri.startswith(("sessions/", "messages/", "registry/")) for uri in uris)
    excluded = [f.src_uri for f in found if not f.inclusion.is_included()]
    assert excluded == ["drafts/wip.md"]
