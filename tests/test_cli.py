"""The igfpub command as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import igfpub as igfpub_package
from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from igfpub.core.loader import load_corpus
from tests.contentkit import digest, write_tree

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(autouse=True)
def _restore_languages() -> Iterator[None]:
    yield
    use(UN)  # a command run on a site of other languages set them for the process


def test_check_passes_on_the_sample_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert igfpub(["check", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith(": OK")
    corpus = load_corpus(CONTENT).corpus
    assert len(corpus.sessions) >= 30
    assert len(corpus.intersessional) >= 4
    assert len(corpus.bodies) >= 15
    assert set(corpus.editions) == {2024, 2025}
    assert all(len(e.tracks) == 4 for e in corpus.editions.values())
    assert len({s.type for s in corpus.sessions.values()}) >= 10


def test_check_reports_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {"sessions/2025/x.md": "---\nid: X\n---\n"})
    assert igfpub(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    # The file as it opens from here: the content folder given is absolute.
    assert err[0] == f"{tmp_path}/sessions/2025/x.md:1: error: 'date' is required"
    assert err[-1].startswith("igfpub: 7 errors, 0 warnings")


DEFAULT_NOTE = (
    "igfpub: no mkdocs.yml in the current folder: using igfpub's default six-language "
    "configuration (en, fr, es, ru, zh, ar); the site's is "
)


def test_check_says_when_it_ignores_the_sites_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from the wrong folder, the default configuration would check a site in its
    six languages: the first line says so, and where the site's own configuration is."""
    write_tree(tmp_path / "forum" / "content", {})
    (tmp_path / "forum" / "mkdocs.yml").write_text("site_name: Forum\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert igfpub(["check", "forum/content"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        DEFAULT_NOTE + "forum/mkdocs.yml: run igfpub from forum/, or pass -f forum/mkdocs.yml"
    ]
    monkeypatch.chdir(tmp_path / "forum" / "content")  # inside it, "content" is no folder
    assert igfpub(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "igfpub: no content folder here: the site's mkdocs.yml is ../mkdocs.yml: "
        "run igfpub from ../, or pass -f ../mkdocs.yml"
    ]
    monkeypatch.chdir(tmp_path)  # the default asked for, or no site configuration near
    default = str(Path(igfpub_package.__file__).parent / "default" / "mkdocs.yml")
    assert igfpub(["check", "forum/content", "-f", default]) == 0
    write_tree(tmp_path / "content", {})
    assert igfpub(["check"]) == 0
    assert capsys.readouterr().err == ""


def test_new_session_is_ready_to_fill_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {})
    args = ["new", "session", "--content", str(tmp_path), "--id", "IGF2025-WS-77",
            "--edition", "2025", "--track", "trust", "--title", "Open data"]  # fmt: skip
    assert igfpub(args) == 0
    path = tmp_path / "sessions/2025/igf2025-ws-77.md"
    assert capsys.readouterr().out.strip() == str(path)
    result = load_corpus(tmp_path)
    assert result.ok, [str(i) for i in result.issues]
    session = result.corpus.sessions["IGF2025-WS-77"]
    assert (str(session.title), session.track, session.date.isoformat()) == (
        "Open data",
        "trust",
        "2025-06-23",
    )
    assert igfpub(args) == 1  # never overwrites


def test_new_session_writes_the_title_exactly(tmp_path: Path) -> None:
    """The rapporteur's quotes stay as typed; YAML quotes what needs quoting."""
    write_tree(tmp_path, {})
    title = 'Oficina: "Dados" 🌱 #1'
    assert igfpub(["new", "session", "--content", str(tmp_path), "--id", "IGF2025-WS-78",
                   "--edition", "2025", "--title", title]) == 0  # fmt: skip
    text = (tmp_path / "sessions/2025/igf2025-ws-78.md").read_text("utf-8")
    assert "\ntitle: 'Oficina: \"Dados\" 🌱 #1'\n" in text
    result = load_corpus(tmp_path)
    assert result.ok, [str(i) for i in result.issues]
    assert str(result.corpus.sessions["IGF2025-WS-78"].title) == title


def test_new_session_passes_check_on_a_site_in_another_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run inside a site made by init, with its own languages: the new file takes the
    edition's first day and its only track, and check passes at once."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,en"]) == 0
    monkeypatch.chdir(tmp_path / "s")
    (edition,) = Path("content/editions").glob("*.md")
    year = edition.stem
    text = edition.read_text("utf-8").replace("\ntitle:", "\ntitle: {pt: Fórum}\nold_title:", 1)
    edition.write_text(text, encoding="utf-8")
    assert igfpub(["new", "session", "--id", "FIB-1", "--edition", year]) == 0
    written = Path(f"content/sessions/{year}/fib-1.md").read_text("utf-8")
    assert f"\ntrack: access\ndate: {year}-06-02\n" in written
    assert igfpub(["new", "session", "--id", "FIB-2", "--edition", year,
                   "--date", f"{year}-06-04"]) == 0  # fmt: skip
    assert f"\ndate: {year}-06-04\n" in Path(f"content/sessions/{year}/fib-2.md").read_text()
    capsys.readouterr()
    assert igfpub(["check"]) == 0, capsys.readouterr().err


def _new(kind: str, root: Path, given: dict[str, str]) -> int:
    """``igfpub new KIND`` on ``root``, with a new id and edition 2025 unless ``given``."""
    options = {"--id": "NEW-1", "--edition": "2025", **given}
    return igfpub(["new", kind, str(root), *(x for option in options.items() for x in option)])


@pytest.mark.parametrize(
    ("kind", "given", "message"),
    [
        ("session", {"--edition": "2030"}, "igfpub: there is no edition 2030 (editions: 2025)"),
        ("session", {"--track": "nope"},
         "igfpub: there is no track 'nope' (tracks of edition 2025: trust)"),
        ("session", {"--type": "oficina"}, "igfpub: there is no session type 'oficina' (types: "
         "main, workshop, open-forum, town-hall, dc, bpf, pn, nri, networking, lightning, "
         "launch-award, day0, high-level, parliamentary, youth, open-mic)"),
        ("session", {"--date": "2025-07-01"},
         "igfpub: --date 2025-07-01 is outside edition 2025 (2025-06-23 to 2025-06-27)"),
        ("session", {"--date": "1 July"},
         "igfpub: --date '1 July' is not a date: write YYYY-MM-DD"),
        ("messages", {"--edition": "2030"}, "igfpub: there is no edition 2030 (editions: 2025)"),
        ("messages", {"--group": "bpf-x"},
         "igfpub: there is no group 'bpf-x' (groups of registry/groups.yml: dc-access)"),
    ],
)  # fmt: skip
def test_new_refuses_what_check_would_refuse(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    given: dict[str, str],
    message: str,
) -> None:
    write_tree(tmp_path, {})
    assert _new(kind, tmp_path, given) == 2
    assert capsys.readouterr().err.splitlines() == [message]
    assert sorted(p.name for p in (tmp_path / "sessions/2025").iterdir()) == ["ws-1.md"]
    assert not (tmp_path / "messages").exists()


@pytest.mark.parametrize("kind", ["session", "messages"])
def test_new_refuses_an_id_that_another_file_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """IGF2025-WS-1 is in sessions/2025/ws-1.md, not in the file new would write; ids are
    one in any case. Refused as a file that exists is (exit 1): nothing is overwritten."""
    write_tree(tmp_path, {})
    assert _new(kind, tmp_path, {"--id": "igf2025-ws-1"}) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"igfpub: id igf2025-ws-1 is already used in {tmp_path}/sessions/2025/ws-1.md"
    ]
    assert not (tmp_path / "sessions/2025/igf2025-ws-1.md").exists()
    assert not (tmp_path / "messages").exists()


def test_new_messages_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {})
    # The content folder last, as the other commands take it.
    assert igfpub(["new", "messages", "--id", "DCAD-2025", "--edition", "2025",
                   "--group", "dc-access", str(tmp_path)]) == 0  # fmt: skip
    result = load_corpus(tmp_path)
    assert result.ok and "DCAD-2025" in result.corpus.intersessional


def test_status_lists_stale_translations_and_hashes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path, {
        "sessions/2025/ws-1.fr.md": "---\ntitle: T\ntranslation: {status: human, source_hash: aaaaaaaaaaaa}\n---\n",
    })  # fmt: skip
    assert igfpub(["status", str(root)]) == 0
    out = capsys.readouterr().out
    current = digest(root / "sessions/2025/ws-1.md")
    assert f"sessions/2025/ws-1.fr.md: source_hash aaaaaaaaaaaa, source is now {current}" in out
    assert f"  {current}  sessions/2025/ws-1.md" in out
    fr_row = next(line.split() for line in out.splitlines() if line.startswith("2025     fr"))
    # edition + one session; the session's French translation is stale
    assert fr_row == ["2025", "fr", "2", "0", "0", "1", "1"]


@pytest.mark.parametrize("entry", ["sys.exit(main())", "run()"])  # run(): the installed one
def test_a_closed_stdout_ends_the_command_quietly(tmp_path: Path, entry: str) -> None:
    """`igfpub status | head -1`: the reader is gone before the command writes (its end of
    the pipe closed first, so the test does not depend on timing)."""
    content = write_tree(tmp_path / "content", {})
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-c", f"import sys; from igfpub.cli import main, run; {entry}",
             "status", str(content)],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(CONTENT.parent)},
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141


def test_commands_read_the_content_folder_from_the_sites_docs_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without CONTENT_DIR, a command reads the site's ``docs_dir`` (relative to its
    mkdocs.yml), as ``mkdocs build`` does: an existing MkDocs site keeps its ``docs/``.
    Before, every command read ``content/`` and blamed the site's correct ``docs_dir``."""
    site = tmp_path / "s"
    assert igfpub(["init", str(site), "--languages", "en,fr"]) == 0
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: docs"),
        encoding="utf-8",
    )
    (site / "content").rename(site / "docs")
    try:
        monkeypatch.chdir(site)
        capsys.readouterr()
        assert igfpub(["check"]) == 0
        assert capsys.readouterr().out.startswith("igfpub: docs: 1 editions, 1 sessions")
        monkeypatch.chdir(tmp_path)
        assert igfpub(["status", "-f", "s/mkdocs.yml"]) == 0
        assert "pages    fr        1" in capsys.readouterr().out
        assert igfpub(["check", "-f", "s/mkdocs.yml"]) == 0
        assert capsys.readouterr().out.startswith("igfpub: s/docs: 1 editions")
    finally:
        use(UN)
