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
import re
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


# -- import: XLIFF that declares entities, and other files that are not what they say -------
SUMMARY = "igfpub: 1 error; no file was changed\n"


@pytest.fixture
def xlf(content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> str:
    """The export, with the session's title translated."""
    out = tmp_path / "exported.xlf"
    assert export(content, out) == 0
    capfd.readouterr()
    text = out.read_text(encoding="utf-8")
    out.unlink()
    translated = text.replace(
        "<source>A session</source>",
        '<source>A session</source>\n        <target state="translated">Une séance</target>',
    )
    assert translated != text
    return translated


def with_doctype(xml: str, doctype: str) -> str:
    declaration, rest = xml.split("\n", 1)
    return f"{declaration}\n{doctype}\n{rest}"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def refused(content: Path, file: Path, capfd: pytest.CaptureFixture[str]) -> str:
    """Import ``file``; it must fail, change nothing and say one error: its stderr."""
    before = snapshot(content)
    assert igfpub(["translate", "import", str(file), str(content), "-f", str(CONFIG)]) == 1
    assert snapshot(content) == before, "a refused import changed the content"
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert err.endswith(SUMMARY), err
    assert err.count("\n") == 2, err  # the problem, then the summary
    return err.removesuffix(SUMMARY)


def test_the_translated_xliff_imports(
    content: Path, tmp_path: Path, xlf: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """The files below are this one, damaged: it imports as it is."""
    file = tmp_path / "fr.xlf"
    file.write_text(xlf, encoding="utf-8")
    assert igfpub(["translate", "import", str(file), str(content), "-f", str(CONFIG)]) == 0
    assert "title: Une séance" in (content / "sessions/2025/ws-1.fr.md").read_text("utf-8")


def test_external_entity_is_refused_and_never_read(
    content: Path, tmp_path: Path, xlf: str, capfd: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42", encoding="utf-8")
    text = with_doctype(xlf, f'<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>')
    file = tmp_path / "fr-xxe.xlf"
    file.write_text(text.replace(">Une séance<", ">Une &xxe; séance<"), encoding="utf-8")
    err = refused(content, file, capfd)
    assert err == (
        f"{file}:2: error: a DOCTYPE that declares entities or other markup is not "
        "allowed in a translation file (XLIFF needs none): remove it\n"
    )
    assert not any(
        "TOP-SECRET" in p.read_text("utf-8", "replace") for p in content.rglob("*") if p.is_file()
    )


LAUGHS = "".join(
    f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
    for i in range(1, 10)
)


@pytest.mark.parametrize(
    ("doctype", "reference"),
    [
        ('<!DOCTYPE xliff [<!ENTITY int "interne">]>', "&int;"),
        ('<!DOCTYPE xliff [\n  <!ENTITY unused "never referenced">\n]>', ""),
        ('<!DOCTYPE xliff [<!ENTITY % pe SYSTEM "file:///etc/hostname"> %pe;]>', ""),
        # A billion laughs: refused before anything is expanded.
        (f'<!DOCTYPE xliff [\n <!ENTITY lol "lol">\n{LAUGHS}]>', "&lol9;"),
    ],
    ids=["internal", "declared-unused", "parameter-entity", "billion-laughs"],
)
def test_a_doctype_that_declares_entities_is_refused(
    content: Path,
    tmp_path: Path,
    xlf: str,
    doctype: str,
    reference: str,
    capfd: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "fr.xlf"
    text = with_doctype(xlf, doctype).replace(">Une séance<", f">Une {reference} séance<")
    file.write_text(text, encoding="utf-8")
    assert refused(content, file, capfd) == (
        f"{file}:2: error: a DOCTYPE that declares entities or other markup is not allowed in a "
        "translation file (XLIFF needs none): remove it\n"
    )


def test_an_entity_of_an_external_dtd_is_refused_and_the_dtd_never_read(
    content: Path, tmp_path: Path, xlf: str, capfd: pytest.CaptureFixture[str]
) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY ext "EVIL-TEXT">\n', encoding="utf-8")
    text = with_doctype(xlf, f'<!DOCTYPE xliff SYSTEM "{dtd.as_uri()}">')
    text = text.replace(">Une séance<", ">Une &ext; séance<")
    file = tmp_path / "fr.xlf"
    file.write_text(text, encoding="utf-8")
    assert refused(content, file, capfd) == (
        f"{file}:{line_of(text, '&ext;')}: error: the entity reference &ext; is not allowed in "
        "a translation file (only &amp; &lt; &gt; &quot; &apos; and character references such "
        "as &#233;)\n"
    )


def test_a_doctype_that_only_names_a_dtd_is_harmless(
    content: Path, tmp_path: Path, xlf: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """XLIFF 1.1 tools wrote one; no parser here loads it (no file, no network)."""
    text = with_doctype(
        xlf,
        '<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" '
        '"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">',
    )
    file = tmp_path / "fr.xlf"
    file.write_text(text, encoding="utf-8")
    assert igfpub(["translate", "import", str(file), str(content), "-f", str(CONFIG)]) == 0


def test_an_entity_in_a_file_expat_cannot_read_is_refused_too(
    content: Path, tmp_path: Path, xlf: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """Shift_JIS: expat reads no multi-byte encoding but lxml does, so the refusal comes
    from lxml's tree (no line: lxml keeps none for a DOCTYPE)."""
    text = with_doctype(
        xlf.replace('encoding="UTF-8"', 'encoding="Shift_JIS"'),
        '<!DOCTYPE xliff [<!ENTITY int "x">]>',
    )
    file = tmp_path / "fr.xlf"
    file.write_bytes(text.replace(">Une séance<", ">日本 &int;<").encode("shift_jis"))
    assert refused(content, file, capfd) == (
        f"{file}: error: a DOCTYPE that declares entities or other markup is not allowed in a "
        "translation file (XLIFF needs none): remove it\n"
    )


def test_xliff_2_is_named(content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "fr.xlf"
    file.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        'trgLang="fr">\n <file id="f1"><unit id="IGF2025-WS-1/title"><segment><source>A '
        "session</source><target>Une séance</target></segment></unit></file>\n</xliff>\n",
        encoding="utf-8",
    )
    assert refused(content, file, capfd) == (
        f"{file}:2: error: this is XLIFF 2.0; igfpub reads XLIFF 1.2, as translate export "
        "writes it: save the file as XLIFF 1.2, or exchange PO files (--format po)\n"
    )


@pytest.mark.parametrize(
    ("name", "data", "expected"),  # expected: what follows the file's name
    [
        ("fr.xlf", b"", ": error: the file is empty"),
        ("fr.po", b"\n \n", ": error: the file is empty"),
        ("fr.xlf", b"\x7fELF\x02\x01\x01\x00" * 40, None),
        ("fr.po", b"\x7fELF\x02\x01\x01\x00" * 40, ":1: error: not a PO file: Syntax error"),
        (
            "fr.po",
            b'msgid "abc\nmsgstr "x"\n',
            ":1: error: not a PO file: end-of-line within string",
        ),
        (
            "fr.xlf",
            b'<?xml version="1.0" encoding="klingon"?>\n<xliff/>\n',
            ":1: error: not an XLIFF file: Unsupported encoding: klingon",
        ),
        (
            "fr.xlf",
            b"<xliff version='1.2'><file><body>&nbsp;</body></file></xliff>",
            ":1: error: not an XLIFF file: Entity 'nbsp' not defined",
        ),
    ],
    ids=[
        "empty-xliff",
        "blank-po",
        "binary-xliff",
        "binary-po",
        "malformed-po",
        "unknown-encoding",
        "undefined-entity",
    ],
)
def test_files_that_are_not_translation_files(
    content: Path,
    tmp_path: Path,
    name: str,
    data: bytes,
    expected: str | None,
    capfd: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / name
    file.write_bytes(data)
    err = refused(content, file, capfd)
    if expected is None:
        assert re.fullmatch(rf"{re.escape(str(file))}:1: error: not an XLIFF file: .+\n", err), err
    else:
        assert err == f"{file}{expected}\n"


# -- PO: the charset its header declares -----------------------------------------------------
@pytest.fixture
def po(content: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> str:
    out = tmp_path / "exported.po"
    assert export(content, out, "po") == 0
    capfd.readouterr()
    text = out.read_text(encoding="utf-8")
    out.unlink()
    translated = text.replace(
        'msgid "A session"\nmsgstr ""', 'msgid "A session"\nmsgstr "Une séance"'
    )
    assert translated != text
    return translated


def test_po_not_in_the_charset_it_declares(
    content: Path, tmp_path: Path, po: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """Was "'utf-8' codec can't decode byte 0xe9 in position 9", with no line."""
    file = tmp_path / "fr.po"
    file.write_bytes(po.encode("latin-1"))  # still says charset=UTF-8
    assert refused(content, file, capfd) == (
        f"{file}:{line_of(po, 'Une séance')}: error: not valid UTF-8, the charset its header "
        "declares (byte 0xE9): save the file as UTF-8, or declare the charset it is in\n"
    )
    file.write_bytes(po.replace("charset=UTF-8", "charset=KLINGON-9").encode())
    assert refused(content, file, capfd) == (
        f"{file}:{line_of(po, 'charset=')}: error: not a PO file: Unsupported charset: KLINGON-9\n"
    )


def test_po_in_the_latin_1_it_declares_imports(
    content: Path, tmp_path: Path, po: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """translate-toolkit 3.20 read it as UTF-8 all the same, and refused it."""
    file = tmp_path / "fr.po"
    file.write_bytes(po.replace("charset=UTF-8", "charset=ISO-8859-1").encode("latin-1"))
    assert igfpub(["translate", "import", str(file), str(content), "-f", str(CONFIG)]) == 0
    assert "title: Une séance" in (content / "sessions/2025/ws-1.fr.md").read_text("utf-8")


# -- a translation that check would refuse -------------------------------------------------
TITLE = "IGF2025-WS-1/title"  # the session's title: <source>A session</source>


def test_a_control_character_in_a_translation_is_refused(
    content: Path, tmp_path: Path, po: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """PO can carry a NUL or an escape: the file written would fail check."""
    file = tmp_path / "fr.po"
    file.write_bytes(po.replace("Une séance", "Une\x00 séance\x1b[31m").encode())
    assert refused(content, file, capfd) == (
        f"{file}:{line_of(po, 'Une séance')}: error: segment {TITLE}: the translation contains "
        "the control character U+0000; remove it\n"
    )
