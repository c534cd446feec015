"""`igfpub check` is `igfpub build` without writing: on every fixture site and every bad
case, the two print the same problems and exit the same way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.core.fields import HOSTILE_MESSAGE
from tests.conftest import SITES
from tests.contentkit import session, write_tree

PROJECT_CONFIG = Path(__file__).resolve().parent.parent / "igfpub" / "default" / "mkdocs.yml"
PROBLEM = re.compile(r"^\S.*?: (error|warning): .+$")
WS = "sessions/2025/ws-1.md"

BAD: dict[str, dict[str, str | bytes]] = {
    "a link to a missing file": {"index.md": "# Home\n\n[IGF 2026](editions/2026.md)\n"},
    "a page address that is not published": {"index.md": "# Home\n\n[x](editions/2024/)\n"},
    "a page address without its slash": {"index.md": "# Home\n\n[help](help)\n"},
    "a missing image on the home page": {"index.md": "# Home\n\n![logo](logo.png)\n"},
    "an unknown id": {WS: session() + "\n[the call][IGF2025-WS-1/cta-9]\n"},
    "a missing message anchor": {WS: session() + "\n[x](ws-1.md#IGF2025-WS-1/kt-9)\n"},
    "hostile markup only (warnings, builds)": {
        "index.md": "# <script>alert(1)</script> Home\n\n<img src=logo.png onerror=alert(2)>\n",
        "logo.png": b"\x89PNG\r\n",
    },
    # Its handler is taken out, and it is an image like any other: of a file that is not there.
    "a raw image of no file, with a handler": {
        "index.md": "# Home\n\n<img src=x onerror=alert(2)>\n"
    },
    "a raw link to a missing file": {WS: session() + '\n<a href="../../editions/2024.md">x</a>\n'},
    "entity-encoded javascript: links (warnings, builds)": {
        WS: session() + "\n[a](jav&#x09;ascript:alert(1)) [b](&#106;avascript:alert(2))\n\n"
        '<a href="jav&#x09;ascript:alert(3)">c</a>\n'
    },
    "a bad source_hash": {
        "sessions/2025/ws-1.fr.md": "---\ntitle: T\ntranslation: {source_hash: sha1:abc}\n---\n"
    },
}


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[str]]:
    code = igfpub(argv)
    err = capsys.readouterr().err.splitlines()
    return code, [line for line in err if PROBLEM.match(line)]


def _agree(
    capsys: pytest.CaptureFixture[str], content: Path, out: Path, config: list[str]
) -> tuple[int, list[str]]:
    check = _run(capsys, ["check", str(content), *config])
    build = _run(capsys, ["build", str(content), "-d", str(out), "--no-pdf", *config])
    assert build == check
    assert (out / "index.html").exists() is (build[0] == 0)
    return check


@pytest.mark.parametrize("site", sorted(p.name for p in SITES.iterdir() if p.is_dir()))
def test_on_every_fixture_site(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, problems = _agree(capsys, SITES / site, tmp_path / "site", [])
    assert code == (1 if site == "broken" else 0)
    assert problems or site not in ("broken", "hostile")


@pytest.mark.parametrize("case", BAD)
def test_on_every_bad_case(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = write_tree(tmp_path / "content", BAD[case])
    code, problems = _agree(capsys, content, tmp_path / "site", [])
    assert problems
    assert code == (0 if "builds" in case else 1)
    assert all(p.endswith(HOSTILE_MESSAGE) for p in problems) is (code == 0)


def test_limits_from_the_site_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(tmp_path / "content", {})
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        PROJECT_CONFIG.read_text(encoding="utf-8").replace(
            "  - igfpub:\n",
            "  - igfpub:\n      key_takeaways_max: 1\n      calls_to_action_max: 0\n",
        ),
        encoding="utf-8",
    )
    code, problems = _agree(capsys, content, tmp_path / "site", ["-f", str(config)])
    assert (code, problems) == (
        1,
        [
            f"{content}/{WS}:9: error: 'key_takeaways' has 2 items; the limit is 1",
            f"{content}/{WS}:12: error: 'calls_to_action' has 1 items; the limit is 0",
        ],
    )
    # The same content with igfpub's own configuration is fine.
    assert _run(capsys, ["check", str(content)]) == (0, [])


def test_check_reads_mkdocs_yml_in_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "content", {})
    (tmp_path / "mkdocs.yml").write_text(
        PROJECT_CONFIG.read_text(encoding="utf-8").replace(
            "  - igfpub:\n", "  - igfpub:\n      key_takeaways_max: 1\n"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, ["check", "content"]) == (
        1,
        [f"content/{WS}:9: error: 'key_takeaways' has 2 items; the limit is 1"],
    )


def test_an_unreadable_configuration_is_a_problem_of_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_tree(tmp_path / "content", {})
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: No igfpub here\n", encoding="utf-8")
    said = []
    for argv in (["check"], ["build", "-d", str(tmp_path / "site"), "--no-pdf"]):
        assert igfpub([argv[0], str(content), *argv[1:], "-f", str(config)]) == 1
        said.append(capsys.readouterr().err.strip().splitlines()[-1])
    assert said[0] == said[1]
    assert "igfpub" in said[0] and "plugins" in said[0]
    assert not (tmp_path / "site").exists()


def test_a_configuration_mkdocs_refuses_is_said_by_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MkDocs logs a configuration error and then ends with a SystemExit (its Abort): the
    build read the configuration first for its no-change stamp, and ended with exit 1 and
    nothing said. A language code mkdocs-static-i18n does not take (es-419) is one."""
    content = write_tree(tmp_path / "content", {})
    config = tmp_path / "mkdocs.yml"
    text = PROJECT_CONFIG.read_text(encoding="utf-8")
    config.write_text(text.replace("- locale: es\n", "- locale: es-419\n"), encoding="utf-8")
    said = []
    for argv in (["check"], ["build", "-d", str(tmp_path / "site"), "--no-pdf"]):
        assert igfpub([argv[0], str(content), *argv[1:], "-f", str(config)]) == 1
        said.append(capsys.readouterr().err.strip().splitlines()[-1])
    assert said[0] == said[1]
    assert said[0].startswith(f"igfpub: {config}: ") and "'es-419'" in said[0]
    assert not (tmp_path / "site").exists()
