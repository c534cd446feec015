"""The repository's sample configuration stands on its own: content/ and mkdocs.yml copied
to another folder build there with the installed igfpub command, as the README invites.
Its settings are igfpub's default configuration, which `igfpub build` uses for a content
folder without a mkdocs.yml of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "mkdocs.yml"
DEFAULT = PROJECT / "igfpub" / "default" / "mkdocs.yml"
IGFPUB = Path(sys.executable).parent / "igfpub"


def test_the_sample_builds_where_it_is_copied(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    shutil.copy(SAMPLE, tmp_path / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(IGFPUB), "build", "--no-pdf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "default" not in done.stderr  # it used the copied mkdocs.yml, not igfpub's own
    site = tmp_path / "site"
    for prefix in ("", "fr/", "es/", "ru/", "zh/", "ar/"):
        page = site / prefix / "sessions" / "2025" / "igf2025-ws-142" / "index.html"
        assert page.is_file(), page
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_the_sample_configuration_is_igfpubs_default() -> None:
    """One configuration of the global IGF's site, said twice: the sample's for this
    repository, the package's for a content folder without one."""
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    assert "INHERIT" not in sample
    assert sample == yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
