"""Where the cache lives: `--cache-dir`, else IGFPUB_CACHE_DIR, else the igfpub plugin's
`cache_dir` in mkdocs.yml, else .igfpub-cache; the same for `igfpub build` and `mkdocs
build`. A cache folder that cannot be written is one line saying what to set, never a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from igfpub.build import cache_dir_for
from igfpub.cli import main as igfpub
from igfpub.mkdocs.site import load_mkdocs_config
from igfpub.outputs.cache import ENV

COMMAND = "(set --cache-dir, the plugin's cache_dir or IGFPUB_CACHE_DIR)"
PLUGIN = "(set the igfpub plugin's cache_dir in mkdocs.yml, or IGFPUB_CACHE_DIR)"


def new_site(folder: Path, option: str | None) -> Path:
    """`igfpub init`'s site, one language, no PDFs; the plugin's cache_dir if ``option``."""
    assert igfpub(["init", str(folder), "--languages", "en"]) == 0
    config = folder / "mkdocs.yml"
    extra = "      pdf: false\n" + (f"      cache_dir: {option}\n" if option else "")
    text = config.read_text(encoding="utf-8").replace("  - igfpub:\n", "  - igfpub:\n" + extra, 1)
    config.write_text(text, encoding="utf-8")
    return config


def test_the_flag_wins_over_the_environment_which_wins_over_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    plain = new_site(tmp_path / "plain", None)
    config = new_site(tmp_path / "site", "../shared-cache")
    option = (tmp_path / "shared-cache").absolute()
    # igfpub build: relative to the current folder by default, to mkdocs.yml for the option.
    assert cache_dir_for(plain, None) == Path(".igfpub-cache")
    assert cache_dir_for(config, None).absolute() == option
    # The plugin (mkdocs build): beside mkdocs.yml by default.
    mkdocs = load_mkdocs_config(plain, site_dir=str(tmp_path / "out"))[0]
    assert mkdocs.plugins["igfpub"].caches(mkdocs) == plain.parent / ".igfpub-cache"
    mkdocs = load_mkdocs_config(config, site_dir=str(tmp_path / "out"))[0]
    assert mkdocs.plugins["igfpub"].caches(mkdocs) == option
    monkeypatch.setenv(ENV, str(tmp_path / "from-env"))
    assert cache_dir_for(config, None) == tmp_path / "from-env"
    assert mkdocs.plugins["igfpub"].caches(mkdocs) == tmp_path / "from-env"
    assert cache_dir_for(config, tmp_path / "flag") == tmp_path / "flag"


@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """``folder`` read-only for this process, as a checkout on a read-only file system;
    what the system then says to a write there."""
    if os.geteuid() != 0:
        folders = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
        for path in folders:
            path.chmod(0o555)
        try:
            yield "Permission denied"
        finally:
            for path in folders:
                path.chmod(0o755)
        return
    # Root writes through any permission: a read-only mount of the folder over itself.
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True,
                      check=False).returncode != 0:  # fmt: skip
        pytest.skip("cannot make a read-only folder here (root without mount)")
    try:
        remount = ["mount", "-o", "remount,ro,bind", str(folder)]
        if subprocess.run(remount, capture_output=True, check=False).returncode != 0:
            pytest.skip("cannot make a read-only folder here (no read-only remount)")
        yield "Read-only file system"
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != ENV} | env
    environment["NO_MKDOCS_2_WARNING"] = "1"  # Material's notice, on every MkDocs run
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True,
                          check=False)  # fmt: skip


def test_a_read_only_checkout_builds_with_its_cache_elsewhere(tmp_path: Path) -> None:
    """The cache of a read-only checkout (the plugin's cache_dir is inside it): one line
    naming the folder and what to set, for `mkdocs build` and `igfpub build`; set
    elsewhere, by the environment or the flag, both build."""
    checkout = tmp_path / "checkout"
    new_site(checkout, "build-cache")
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "-q"]
    build = [sys.executable, "-m", "igfpub.cli", "build", "content", "--no-pdf"]
    with read_only(checkout) as reason:
        cache = checkout / "build-cache"
        done = run([*mkdocs, "-d", str(tmp_path / "mkdocs-site")], checkout)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        # One error line, as MkDocs says a plugin's ("ERROR - ..."), before its "Aborted".
        said = [line.split(" -  ", 1)[-1] for line in done.stderr.splitlines() if "igfpub" in line]
        assert said == [f"igfpub: cannot write the cache folder {cache}: {reason} {PLUGIN}"]
        done = run([*build, "-d", str(tmp_path / "igfpub-site")], checkout)
        assert done.returncode == 1
        assert done.stderr.splitlines()[-1:] == [
            f"igfpub: cannot write the cache folder {cache}: {reason} {COMMAND}"
        ], done.stderr
        assert not (tmp_path / "igfpub-site").exists()
        # Elsewhere: the environment wins over the option, and the flag over both.
        done = run([*mkdocs, "-d", str(tmp_path / "mkdocs-site")], checkout,
                   IGFPUB_CACHE_DIR=str(tmp_path / "env-cache"))  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert any((tmp_path / "env-cache" / "pages").rglob("*.seal"))
        assert (tmp_path / "mkdocs-site" / "index.html").is_file()
        done = run([*build, "-d", str(tmp_path / "igfpub-site"), "--cache-dir",
                    str(tmp_path / "flag-cache")], checkout,
                   IGFPUB_CACHE_DIR=str(tmp_path / "env-cache"))  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "flag-cache" / "last-build.json").is_file()
        assert not (tmp_path / "env-cache" / "last-build.json").exists()
        assert (tmp_path / "igfpub-site" / "index.html").is_file()
    assert sorted(p.name for p in checkout.iterdir()) == [".gitignore", "content", "mkdocs.yml"]
