"""Bad files and unwritable places for ``translate export`` / ``translate import`` (and the
other commands that write where their user says): each is one line on stderr, the
command fails, and no file changes. ``export -o`` makes the folders its file needs.

Tester's report (persona B), bugs 6 and 7: an export into a missing folder, and an XLIFF
whose DOCTYPE declares entities, ended in tracebacks.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from tests.contentkit import write_tree

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"  # the sample site's languages: fr is a translation


@pytest.fixture(autouse=True)
def _restore_languages() -> Iterator[None]:
    yield
    use(UN)


def snapshot(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` (folders too) and each file's bytes, hashed."""
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content", {})


def export(content: Path, out: Path, fmt: str = "xliff") -> int:
    argv = ["translate", "export", str(content), "--lang", "fr", "--format", fmt]
    return igfpub([*argv, "-o", str(out), "-f", str(CONFIG)])


def writes_read_only_folders() -> bool:
    """Root does, unless it lacks CAP_DAC_OVERRIDE."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o555)
        try:
            (folder / "probe").touch()
        except PermissionError:
            return False
        finally:
            folder.chmod(0o755)
    return True


# -- export: the folders it needs are made; a file it cannot write is one line -------------
@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_export_makes_the_folders_its_file_needs(
    content: Path, tmp_path: Path, fmt: str, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "dir" / f"fr.{'xlf' if fmt == 'xliff' else 'po'}"
    assert export(content, out, fmt) == 0
    assert capfd.readouterr().out.startswith(f"igfpub: {out}: 14 segments")
    if fmt == "xliff":
        assert len(etree.parse(str(out)).findall(".//{*}trans-unit")) == 14
    else:
        assert out.read_text(encoding="utf-8").count("msgctxt ") == 14


def _cannot_write(
    content: Path, tmp_path: Path, out: Path, why: str, capfd: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(tmp_path)
    assert export(content, out) == 1
    captured = capfd.readouterr()
    assert captured.err == f"{out}: error: cannot write: {why}\n"
    assert "Traceback" not in captured.out
    assert snapshot(tmp_path) == before, "a failed export left something behind"


def test_export_onto_a_folder(
    content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "translations"
    out.mkdir()
    _cannot_write(content, tmp_path, out, f"{out} is a folder", capfd)


def test_export_under_a_file(
    content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "stray.po").write_text('msgid "x"\nmsgstr "y"\n', encoding="utf-8")
    for out in (tmp_path / "stray.po" / "fr.xlf", tmp_path / "stray.po" / "a" / "b" / "fr.xlf"):
        _cannot_write(
            content, tmp_path, out, f"{tmp_path / 'stray.po'} is a file, not a folder", capfd
        )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_export_onto_a_full_device(
    content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _cannot_write(content, tmp_path, Path("/dev/full"), os.strerror(errno.ENOSPC), capfd)


@pytest.mark.skipif(writes_read_only_folders(), reason="root writes anywhere")
def test_export_into_a_read_only_folder(
    content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _cannot_write(content, tmp_path, folder / "sub" / "fr.xlf", "Permission denied", capfd)
    finally:
        folder.chmod(0o755)


def test_a_failed_write_leaves_no_torn_file_and_no_folder(
    content: Path,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk filling up half-way: the folders made for the file are removed again, and
    an earlier export at that path is left whole."""
    import igfpub.userfiles

    earlier = tmp_path / "fr.xlf"
    assert export(content, earlier) == 0
    capfd.readouterr()
    real = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.file = real(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            self.file.write(data[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(igfpub.userfiles.os, "fdopen", Full)
    full = os.strerror(errno.ENOSPC)
    _cannot_write(content, tmp_path, tmp_path / "new" / "dir" / "fr.xlf", full, capfd)
    _cannot_write(content, tmp_path, earlier, full, capfd)


# -- the other commands that write where they are told -------------------------------------
def _fails(
    argv: list[str], expected: str, capfd: pytest.CaptureFixture[str], *watched: Path
) -> None:
    before = [snapshot(folder) for folder in watched]
    assert igfpub(argv) == 1
    out, err = capfd.readouterr()
    assert err == expected + "\n"
    assert "Traceback" not in out
    assert [snapshot(folder) for folder in watched] == before


def test_new_where_a_folder_is_a_file(content: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (content / "messages").write_text("x", encoding="utf-8")
    target = content / "messages" / "2025" / "igf2025-msg-1.md"
    argv = ["new", "messages", "--id", "IGF2025-MSG-1", "--edition", "2025", "--group", "dc-access"]  # fmt: skip
    _fails(
        [*argv, str(content), "-f", str(CONFIG)],
        f"{target}: error: cannot write: {content / 'messages'} is a file, not a folder",
        capfd,
        content,
    )


def test_new_onto_a_link_to_nothing(content: Path, capfd: pytest.CaptureFixture[str]) -> None:
    target = content / "sessions" / "2025" / "igf2025-ws-2.md"
    target.symlink_to(content / "nowhere" / "x.md")
    argv = ["new", "session", "--id", "IGF2025-WS-2", "--edition", "2025"]
    _fails(
        [*argv, str(content), "-f", str(CONFIG)],
        f"igfpub: {target} already exists",
        capfd,
        content,
    )


def test_new_response_where_bodies_is_a_file_or_its_file_a_folder(
    content: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    argv = ["new", "response", "--body", "itu", "--edition", "2025", str(content), "-f", str(CONFIG)]  # fmt: skip
    target = content / "bodies" / "itu.md"
    (content / "bodies").write_text("x", encoding="utf-8")
    _fails(
        argv,
        f"{target}: error: cannot write: {content / 'bodies'} is a file, not a folder",
        capfd,
        content,
    )
    (content / "bodies").unlink()
    target.mkdir(parents=True)
    _fails(argv, f"{target}: error: cannot read: Is a directory", capfd, content)


def test_catalogs_init_where_it_cannot_read_or_write(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    stray = tmp_path / "stray"
    stray.write_text("x", encoding="utf-8")
    catalog = Path("de") / "LC_MESSAGES" / "messages.po"
    _fails(
        ["catalogs", "--init", "de", "-d", str(stray / "locales")],
        f"{stray / 'locales' / catalog}: error: cannot write: {stray} is a file, not a folder",
        capfd,
        tmp_path,
    )
    locales = tmp_path / "locales"
    (locales / catalog).parent.mkdir(parents=True)
    (locales / catalog).write_bytes(b'msgid ""\nmsgstr "\xff\xfe\x00"\n')
    _fails(
        ["catalogs", "--init", "de", "-d", str(locales)],
        f"{locales / catalog}: error: cannot read: not valid UTF-8",
        capfd,
        tmp_path,
    )
    (locales / catalog).unlink()
    (locales / catalog).mkdir()
    _fails(
        ["catalogs", "--init", "de", "-d", str(locales)],
        f"{locales / catalog}: error: cannot read: Is a directory",
        capfd,
        tmp_path,
    )


def test_pack_under_a_file_says_which_is_a_file(
    content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Was one line already, "File exists", which named nothing wrong."""
    stray = tmp_path / "stray"
    stray.write_text("x", encoding="utf-8")
    _fails(
        ["pack", "2025", str(content), "-d", str(stray / "out"), "-f", str(CONFIG)],
        f"igfpub: {stray / 'out'}: cannot write: {stray} is a file, not a folder",
        capfd,
        tmp_path,
    )


@pytest.mark.skipif(writes_read_only_folders(), reason="root writes anywhere")
def test_pack_into_a_folder_it_may_not_look_into(
    content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Was a PermissionError traceback: the outbox was looked at before the try."""
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        _fails(
            ["pack", "2025", str(content), "-d", str(closed / "out"), "-f", str(CONFIG)],
            f"igfpub: {closed / 'out'}: cannot write: Permission denied",
            capfd,
            content,
        )
    finally:
        closed.chmod(0o755)
