"""What the preview takes for a save, and what it starts again after one: found by an
editor who kept the archive open in vim, edited mkdocs.yml during a preview, and ran
`mkdocs serve` beside `igfpub serve`."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from igfpub.build import Options
from igfpub.serve import Preview


def test_editors_files_are_not_saves(tmp_path: Path) -> None:
    """vim's swap file, Emacs' backups and autosaves, hidden files: each was a full
    rebuild, a new search index and a reload of the open page."""
    content = tmp_path / "content"
    for name in ("sessions/2025/ws-1.md", "sessions/2025/.ws-1.md.swp", "sessions/2025/ws-1.md~",
                 "sessions/2025/#ws-1.md#", "sessions/2025/4913", ".hidden/notes.md",
                 "assets/logo.png", "about.md"):  # fmt: skip
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    preview = Preview(content, Options(tmp_path / "mkdocs.yml"), tmp_path / "site")
    seen = sorted(Path(p).relative_to(tmp_path).as_posix() for p in preview.snapshot())
    assert seen == ["content/about.md", "content/assets/logo.png",
                    "content/sessions/2025/ws-1.md", "mkdocs.yml"]  # fmt: skip


def test_a_changed_configuration_makes_the_live_pages_again(tmp_path: Path) -> None:
    """After mkdocs.yml changed, every later save's pages were made with the configuration
    the server started with (the old site_name), until the full build replaced them."""
    content = tmp_path / "content"
    content.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", "utf-8")
    preview = Preview(content, Options(config), tmp_path / "site")
    preview.live = object()  # type: ignore[assignment]
    preview._limits = object()  # type: ignore[assignment]
    preview.saved({str(config)})
    assert preview.live is None and preview._limits is None
    assert preview._changes == {str(config)}
    # A template of the site's own, as well; a report's save, not.
    template = tmp_path / "overrides/igfpub/session.html"
    template.parent.mkdir(parents=True)
    preview = Preview(content, Options(config), tmp_path / "site")
    shown: list[set[str]] = []
    preview._show_own_pages = lambda changed, start, into=None: shown.append(changed)  # type: ignore[method-assign]
    preview.live = object()  # type: ignore[assignment]
    preview.saved({str(content / "sessions/2025/ws-1.md")})
    assert preview.live is not None and shown == [{str(content / "sessions/2025/ws-1.md")}]
    preview.saved({str(template)})
    assert preview.live is None and len(shown) == 1


def test_mkdocs_serve_takes_the_cache_folder_every_command_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It always used .igfpub-cache beside mkdocs.yml: the folder of a running `igfpub
    serve` of the same site, whose scratch folder each then emptied."""
    import igfpub.serve

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - igfpub:\n      cache_dir: ../elsewhere\n", "utf-8"
    )
    taken: list[Path] = []

    class Stop(Exception):
        pass

    def preview(content: Path, options: Any, site: Path) -> None:
        taken.append(options.cache_dir)
        raise Stop

    monkeypatch.setattr(igfpub.serve, "Preview", preview)
    from igfpub.mkdocs.serving import follow_saves

    mkdocs_config = SimpleNamespace(config_file_path=str(config), docs_dir=str(tmp_path / "c"),
                                    site_dir=str(tmp_path / "s"))  # fmt: skip
    with pytest.raises(Stop):
        follow_saves(SimpleNamespace(), mkdocs_config)  # type: ignore[arg-type]
    monkeypatch.setenv("IGFPUB_CACHE_DIR", str(tmp_path / "from-env"))
    with pytest.raises(Stop):
        follow_saves(SimpleNamespace(), mkdocs_config)  # type: ignore[arg-type]
    assert taken == [(tmp_path.parent / "elsewhere").resolve(), tmp_path / "from-env"]
