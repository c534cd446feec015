"""`source_hash` as the contract says: 12 to 64 hex digits of the source's SHA-256,
optionally written with the algorithm first; it matches when the digest starts with it."""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.core.loader import load_corpus
from igfpub.core.translation import state
from tests.contentkit import BASE, write_tree

SOURCE = BASE["sessions/2025/ws-1.md"].encode()
FULL = hashlib.sha256(SOURCE).hexdigest()
OTHER = hashlib.sha256(b"an older version of the source").hexdigest()


def _translation(recorded: str) -> dict[str, str | bytes]:
    return {
        "sessions/2025/ws-1.fr.md": (
            f"---\ntitle: Une séance\ntranslation:\n  status: human\n  source_hash: {recorded!r}\n---\n"
        )
    }


@pytest.mark.parametrize(
    ("recorded", "expected_state"),
    [
        (FULL[:12], "translated"),
        (FULL, "translated"),  # all 64 digits
        (f"sha256:{FULL}", "translated"),  # as sha256sum-like tools print it
        (f"sha256:{FULL[:20]}", "translated"),
        (FULL[:40].upper(), "translated"),  # hex digits either case
        (f"SHA256:{FULL[:16]}", "translated"),
        (OTHER[:12], "stale"),
        (f"sha256:{OTHER}", "stale"),
        (FULL[:12] + OTHER[12:30], "stale"),  # starts right, goes on wrong
    ],
)
def test_a_recorded_prefix_of_the_digest_matches(
    tmp_path: Path, recorded: str, expected_state: str
) -> None:
    result = load_corpus(write_tree(tmp_path, _translation(recorded)))
    assert [str(i) for i in result.issues] == []
    session = result.corpus.sessions["IGF2025-WS-1"]
    assert state(session.text, "fr") == expected_state
    assert session.text.translations["fr"].source_hash == recorded.lower().removeprefix("sha256:")


@pytest.mark.parametrize(
    "recorded",
    [FULL[:11], FULL + "0", "sha256:", "sha1:" + FULL[:40], "md5:" + FULL[:32],
     "sha256:" + FULL[:11], FULL[:11] + "g", "sha256 " + FULL[:12]],
)  # fmt: skip
def test_anything_else_is_a_located_error(tmp_path: Path, recorded: str) -> None:
    result = load_corpus(write_tree(tmp_path, _translation(recorded)))
    assert [str(i) for i in result.issues] == [
        "sessions/2025/ws-1.fr.md:5: error: 'source_hash' must be 12 to 64 hex digits of the "
        f"source's SHA-256, optionally written sha256:... (the current one is {FULL[:12]})"
    ]


# -- a source_hash that YAML reads as a number when written bare ----------------------------------
NUMBER_LIKE = {
    "octal": r"0[0-7]{11}",  # an octal int to YAML 1.1 (PyYAML)
    "digits": r"[1-9][0-9]{11}",  # an int
    "exponent": r"[1-9][0-9]{4}e[0-9]{6}",  # a float to YAML 1.2
}


@functools.cache
def source_whose_hash_is(kind: str) -> bytes:
    """The session's source with a line of its report changed until the first 12 digits of
    its hash have the shape of ``kind``."""
    for n in itertools.count():
        data = SOURCE.replace(b"Report.\n", f"Report {n}.\n".encode())
        if re.fullmatch(NUMBER_LIKE[kind], hashlib.sha256(data).hexdigest()[:12]):
            return data
    raise AssertionError


@pytest.mark.parametrize("kind", list(NUMBER_LIKE))
def test_a_hash_that_looks_like_a_number_is_printed_quoted_and_read_bare(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = source_whose_hash_is(kind)
    digits = hashlib.sha256(source).hexdigest()[:12]
    content = write_tree(tmp_path / "content", {"sessions/2025/ws-1.md": source})
    assert igfpub(["status", str(content)]) == 0
    assert f"  '{digits}'  sessions/2025/ws-1.md\n" in capsys.readouterr().out
    for written in (f"'{digits}'", digits):  # as status prints it, and bare
        translation = (
            f"---\ntitle: Une séance\ntranslation: {{status: human, source_hash: {written}}}\n---\n"
        )
        (content / "sessions/2025/ws-1.fr.md").write_text(translation, encoding="utf-8")
        result = load_corpus(content)
        assert [str(i) for i in result.issues] == []
        session = result.corpus.sessions["IGF2025-WS-1"]
        assert session.text.translations["fr"].source_hash == digits
        assert state(session.text, "fr") == "translated"
