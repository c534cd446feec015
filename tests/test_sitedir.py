"""The next build is made in the previous site's folders (igfpub/sitedir.py): what was
removed since is gone, files that are hard links into the cache are unlinked and never
written through, and the spare is used by one build at a time."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.sitedir import (
    MARK,
    SITE_FILES,
    ForeignFolder,
    Staging,
    check_replaceable,
    clear_leftovers,
)
from tests.conftest import SITES


def build(site: Path, pages: dict[str, str]) -> Path:
    staging = Staging(site, spare(site))
    with staging as folder:
        for name, text in pages.items():
            page = folder / name / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(text, encoding="utf-8")
        staging.publish()
    return folder


def spare(site: Path) -> Path:
    return site.parent / "cache" / "spare"


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_builds_reuse_the_previous_sites_folders(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site, {"a/x": "1", "a/y": "1", "b": "1"})
    assert not spare(site).exists()  # nothing was replaced yet
    build(site, {"a/x": "2", "c": "2"})
    kept = spare(site)
    assert (kept / "a" / "y" / "index.html").read_text(encoding="utf-8") == "1"
    folders = {p.relative_to(kept).as_posix(): p.stat().st_ino for p in kept.rglob("*")
               if p.is_dir()}  # fmt: skip
    # The third build is made in the first one's folders; "a/y" and "b" are gone from it,
    # folders included.
    build(site, {"a/x": "3", "d/e": "3"})
    assert tree(site) == [MARK, "a", "a/x", "a/x/index.html", "d", "d/e", "d/e/index.html"]
    assert (site / "a" / "x" / "index.html").read_text(encoding="utf-8") == "3"
    assert (site / "a" / "x").stat().st_ino == folders["a/x"]
    # The previous site is the spare now, whole.
    assert tree(spare(site)) == [MARK, "a", "a/x", "a/x/index.html", "c", "c/index.html"]
    # Beside the site, nothing: the spare is in the cache.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]


def test_a_file_linked_to_the_cache_is_unlinked_not_written_over(tmp_path: Path) -> None:
    site = tmp_path / "site"
    entry = tmp_path / "cache" / "page"
    entry.parent.mkdir()
    entry.write_text("cached", encoding="utf-8")
    for _ in range(2):
        staging = Staging(site, spare(site))
        with staging as folder:
            (folder / "p").mkdir(exist_ok=True)
            os.link(entry, folder / "p" / "index.html")
            staging.publish()
    # The third build is made in the first one's folder, whose page was a link to the
    # entry: the build writes a page of its own there.
    build(site, {"p": "rendered again"})
    assert entry.read_text(encoding="utf-8") == "cached"
    assert (site / "p" / "index.html").read_text(encoding="utf-8") == "rendered again"


def test_a_failed_build_in_the_spare_leaves_the_site_and_keeps_the_spare(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site, {"a": "1"})
    build(site, {"a": "2"})
    try:
        with Staging(site, spare(site)) as folder:
            (folder / "a").mkdir(exist_ok=True)
            (folder / "a" / "index.html").write_text("half", encoding="utf-8")
            raise RuntimeError("the build failed")
    except RuntimeError:
        pass
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]
    # Its folders are the next build's: the half-written page is not published.
    assert (spare(site) / "a").is_dir()
    build(site, {"b": "3"})
    assert (site / "b" / "index.html").read_text(encoding="utf-8") == "3"
    assert not (site / "a").exists()
    build(site, {"a": "3"})
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "3"


def dot_entries(site: Path) -> dict[str, int]:
    """The entries at the top of ``site`` whose names start with a dot: their inodes."""
    return {p.name: p.lstat().st_ino for p in site.iterdir() if p.name.startswith(".")}


def test_dot_entries_at_the_top_of_the_site_stay_through_builds(tmp_path: Path) -> None:
    """As ``mkdocs build`` keeps them: a gh-pages worktree's .git, .nojekyll, .well-known."""
    site = tmp_path / "site"
    build(site, {"a": "1"})
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / ".nojekyll").touch()
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: x@y.z\n", encoding="utf-8")
    (site / ".current").symlink_to("a/index.html")
    kept = dot_entries(site)
    # The second build is made in new folders, the third in the first one's (the spare).
    for n in ("2", "3"):
        build(site, {"a": n})
        assert tree(site) == [".current", ".git", ".git/HEAD", MARK, ".nojekyll", ".well-known",
                              ".well-known/security.txt", "a", "a/index.html"]  # fmt: skip
        assert (site / "a" / "index.html").read_text(encoding="utf-8") == n
        # Moved, not copied: each is the very entry it was, a link still a link.
        assert {k: v for k, v in dot_entries(site).items() if k != MARK} == {
            k: v for k, v in kept.items() if k != MARK
        }
        assert (site / ".current").readlink() == Path("a/index.html")
        assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
        # The previous site, kept as the spare, has none of them: its files are removed.
        assert list(dot_entries(spare(site))) == [MARK]


def test_a_swap_that_fails_leaves_the_dot_entries_in_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import igfpub.sitedir

    site = tmp_path / "site"
    build(site, {"a": "1"})
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")

    def broken(a: Path, b: Path) -> bool:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(igfpub.sitedir, "exchange", broken)
    with pytest.raises(OSError, match="I/O error"):
        build(site, {"a": "2"})
    assert tree(site) == [".git", ".git/HEAD", MARK, "a", "a/index.html"]
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "1"


KILLED_IN_SWAP = """
import os, signal, sys
from pathlib import Path
import igfpub.sitedir as sitedir

def killed(a, b):
    os.kill(os.getpid(), signal.SIGKILL)  # once the dot entries are in the new build

sitedir.exchange = killed
site = Path(sys.argv[1])
staging = sitedir.Staging(site)
with staging as folder:
    (folder / "index.html").write_text("new", encoding="utf-8")
    staging.publish()
"""


def test_a_build_killed_during_the_swap_gives_the_dot_entries_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site, {"a": "1"})
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    (site / ".nojekyll").touch()
    inode = (site / ".git").stat().st_ino
    done = subprocess.run([sys.executable, "-c", KILLED_IN_SWAP, str(site)], check=False)
    assert done.returncode == -signal.SIGKILL
    assert not (site / ".git").exists()  # in the dead build's folder
    clear_leftovers(site)
    assert tree(site) == [".git", ".git/HEAD", MARK, ".nojekyll", "a", "a/index.html"]
    assert (site / ".git").stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_only_a_folder_igfpub_may_replace_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    check_replaceable(folder)  # missing
    folder.mkdir()
    (folder / ".git").mkdir()
    (folder / ".nojekyll").touch()
    check_replaceable(folder)  # empty but for dot entries: a new gh-pages worktree
    (folder / "CNAME").write_text("example.org\n", encoding="utf-8")
    (folder / "myfiles").mkdir()
    for name in ("a.docx", "b.docx", "c.docx"):
        (folder / name).touch()
    with pytest.raises(ForeignFolder) as refused:
        check_replaceable(folder)
    said = str(refused.value)
    assert said.startswith(f"{folder} is not a site igfpub built and holds files it did not "
                           "write (CNAME, a.docx, b.docx and 2 more): nothing was changed.")  # fmt: skip
    assert "\n" not in said and ".git" in said  # one line, saying that dot entries are kept
    # A site igfpub or MkDocs built before igfpub marked its sites: theirs to replace.
    for name in SITE_FILES:
        (folder / name).touch()
    check_replaceable(folder)
    for name in SITE_FILES:
        (folder / name).unlink()
    (folder / MARK).touch()
    check_replaceable(folder)
    (tmp_path / "file").touch()
    with pytest.raises(ForeignFolder, match="is a file, not a folder"):
        check_replaceable(tmp_path / "file")


def test_a_build_refuses_a_folder_it_did_not_write_and_keeps_a_worktrees_git(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "gh-pages"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (out / "CNAME").write_text("example.org\n", encoding="utf-8")
    (out / "myfiles").mkdir()
    (out / "myfiles" / "thesis.docx").write_text("years of work", encoding="utf-8")
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    command = ["build", str(SITES / "bilingual"), "--no-pdf", "--cache-dir",
               str(tmp_path / "cache")]  # fmt: skip
    capsys.readouterr()
    assert igfpub([*command, "-d", str(out)]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if "warning" not in line]
    assert len(said) == 1 and said[0].startswith(f"igfpub: {out} is not a site")
    assert "(CNAME, myfiles/)" in said[0]
    # Nothing moved, nothing written, nothing beside it.
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gh-pages"]
    # Emptied but for its .git, the worktree is built into, through a link to it too, and
    # the .git stays through every build.
    shutil.rmtree(out / "myfiles")
    (out / "CNAME").unlink()
    link = tmp_path / "public"
    link.symlink_to(out.name)
    for site in (out, link, link):
        assert igfpub([*command, "-d", str(site)]) == 0
        assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
        assert (out / MARK).is_file() and (out / "index.html").is_file()
        (tmp_path / "cache" / "last-build.json").unlink()  # the next build is not skipped
    assert link.is_symlink() and link.resolve() == out.resolve()
    # A site built before igfpub marked its sites is igfpub's to replace, as before.
    (out / MARK).unlink()
    assert igfpub([*command, "-d", str(out)]) == 0
    assert (out / MARK).is_file() and (out / ".git" / "HEAD").is_file()


def test_what_a_build_keeps_beside_its_folder_goes_with_it(tmp_path: Path) -> None:
    """The folders a build links pages into for Pagefind, beside its own folder (so that
    they are on the site's file system: igfpub/outputs/search.py), are a running build's
    to keep, and a killed build's to clear."""
    site = tmp_path / "site"
    build(site, {"a": "1"})
    dead = tmp_path / ".site-building-dead00000000"
    dead.mkdir()
    (tmp_path / ".site-building-dead00000000.lock").touch()
    (tmp_path / ".site-building-dead00000000-pages-en-main-x1").mkdir()
    with Staging(site) as running:
        view = running.with_name(f"{running.name}-pages-en-sessions-2025-k2")
        (view / "sessions").mkdir(parents=True)
        clear_leftovers(site)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            ["site", running.name, running.name + ".lock", view.name]
        )
        shutil.rmtree(view)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_does_not_wait_for_the_spare_to_be_emptied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm build of a large archive loads and plans in about as long as the previous
    site takes to empty: a spare not emptied yet is set aside and removed beside the build,
    which makes its own folders, and nothing of it is left once the build ends."""
    import time

    from igfpub import sitedir

    site = tmp_path / "site"
    build(site, {"a/x": "1"})
    build(site, {"a/x": "2", "b": "2"})  # the first site is now the spare
    assert spare(site).is_dir()
    emptied = sitedir._emptied

    def slow(folder: Path) -> list[str] | None:
        time.sleep(60)  # a spare of tens of thousands of files, on a slow disk
        return emptied(folder)

    monkeypatch.setattr(sitedir, "_emptied", slow)  # the emptying process forks with it
    staging = Staging(site, spare(site), background=True)
    started = time.monotonic()
    with staging as folder:
        assert staging.ready() == folder
        assert time.monotonic() - started < 30  # it did not wait for the sleep
        assert list(folder.iterdir()) == []  # new folders, nothing of the spare's
        (folder / "c").mkdir()
        (folder / "c" / "index.html").write_text("3", encoding="utf-8")
        staging.publish()
    assert tree(site) == [MARK, "c", "c/index.html"]
    assert tree(spare(site)) == [MARK, "a", "a/x", "a/x/index.html", "b", "b/index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]
