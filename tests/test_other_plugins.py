"""A site's other MkDocs plugins under `igfpub build`, which builds the languages side by
side, each in a worker process (igfpub/build.py): a plugin may start processes of its own
(mkdocs-git-revision-date-localized-plugin starts a pool), an on_post_build finds the
site's files where `mkdocs build` would leave them (mkdocs-minify-plugin minifies
extra.css in place and renames it), and a plugin that fails is named, in one line.

The plugins are tiny ones of this file's, installed the way MkDocs finds plugins: as entry
points of the group ``mkdocs.plugins``, added to the ones MkDocs listed when it was
imported (the build's workers fork from this process, and inherit them)."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use

PLUGINS = {
    "igf-test-pool": "PoolPlugin",
    "igf-test-minify": "MinifyPlugin",
    "igf-test-missing": "MissingFilePlugin",
}
EXTRA_CSS = "body {\n  color: #123;   /* the site's own */\n}\n"


def _child_pid() -> int:
    return os.getpid()


class PoolPlugin(BasePlugin):  # type: ignore[type-arg]
    """Marks each free page with what a pool of its own computed: its child's pid."""

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        if page.file.generated_by:
            return html
        with multiprocessing.get_context("fork").Pool(1) as pool:
            child = pool.apply(_child_pid)
        return html + f'<p class="pooled">{"child" if child != os.getpid() else "self"}</p>'


class MinifyPlugin(BasePlugin):  # type: ignore[type-arg]
    """As mkdocs-minify-plugin: pages link extra.min.css, and after the build the copied
    extra.css is minified in place and renamed so."""

    def on_pre_build(self, *, config: Any) -> None:
        for i, css in enumerate(config.extra_css):
            if str(css) == "assets/css/extra.css":
                config.extra_css[i] = "assets/css/extra.min.css"

    def on_post_build(self, *, config: Any) -> None:
        path = Path(config.site_dir) / "assets" / "css" / "extra.css"
        with path.open("r+", encoding="utf-8") as file:
            text = re.sub(r"/\*.*?\*/|\s+", "", file.read())
            file.seek(0)
            file.write(text)
            file.truncate()
        path.rename(path.with_name("extra.min.css"))


class MissingFilePlugin(BasePlugin):  # type: ignore[type-arg]
    def on_post_build(self, *, config: Any) -> None:
        (Path(config.site_dir) / "assets" / "nowhere.css").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _test_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    installed = MkDocsConfig.__dict__["plugins"].installed_plugins
    for name, cls in PLUGINS.items():
        point = EntryPoint(name=name, value=f"{__name__}:{cls}", group="mkdocs.plugins")
        monkeypatch.setitem(installed, name, point)
    yield
    use(UN)


def _site(root: Path, *plugins: str) -> Path:
    """A site `igfpub init` made, Portuguese and English, with ``plugins`` after igfpub's
    and a stylesheet of its own."""
    site = root / "s"
    assert igfpub(["init", str(site), "--languages", "pt,en"]) == 0
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    listed = "".join(f"  - {name}\n" for name in plugins)
    text = text.replace("plugins:\n", "extra_css:\n  - assets/css/extra.css\n\nplugins:\n", 1)
    text = text.replace("\nmarkdown_extensions:", f"{listed}\nmarkdown_extensions:", 1)
    config.write_text(text, encoding="utf-8")
    css = site / "content" / "assets" / "css" / "extra.css"
    css.parent.mkdir(parents=True)
    css.write_text(EXTRA_CSS, encoding="utf-8")
    return site


def _build(site: Path) -> int:
    cwd = Path.cwd()
    os.chdir(site)
    try:
        return igfpub(["build", "--no-pdf"])
    finally:
        os.chdir(cwd)


def test_a_plugin_may_start_processes_of_its_own(tmp_path: Path) -> None:
    site = _site(tmp_path, "igf-test-pool")
    assert _build(site) == 0
    for home in ("index.html", "en/index.html"):
        page = (site / "site" / home).read_text(encoding="utf-8")
        assert '<p class="pooled">child</p>' in page, home


def test_an_on_post_build_finds_the_sites_files_as_under_mkdocs_build(tmp_path: Path) -> None:
    site = _site(tmp_path, "igf-test-minify")
    assert _build(site) == 0
    out = site / "site"
    for home in ("index.html", "en/index.html"):
        page = (out / home).read_text(encoding="utf-8")
        assert "assets/css/extra.min.css" in page, home
        assert "assets/css/extra.css" not in page, home
    # Minified once, by the last language's turn, from the copy made just before it.
    assert (out / "assets" / "css" / "extra.min.css").read_text(encoding="utf-8") == (
        "body{color:#123;}"
    )
    assert not (out / "assets" / "css" / "extra.css").exists()


def test_a_plugin_that_fails_is_named_with_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, "igf-test-missing")
    capsys.readouterr()
    assert _build(site) == 1
    [line] = capsys.readouterr().err.strip().splitlines()[-1:]
    assert line.startswith(
        "igfpub: build failed: the 'igf-test-missing' plugin failed in on_post_build: "
        "No such file or directory: "
    ), line
    # The file as the site will have it, not as the folder being built named it.
    assert f"{site / 'site' / 'assets' / 'nowhere.css'}; to build without it, take it out" in line
    assert not (site / "site").exists()
