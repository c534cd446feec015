"""The igfpub command as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.core.loader import load_corpus
from tests.contentkit import digest, write_tree

CONTENT = Path(__file__).resolve().parent.parent / "content"


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
    assert err[0] == "sessions/2025/x.md:1: error: 'date' is required"
    assert err[-1].startswith("igfpub: 7 errors, 0 warnings")


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
