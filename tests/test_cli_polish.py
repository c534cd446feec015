"""The igfpub command as testers found it: small things that made it harder to use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from tests.contentkit import BASE, write_tree


@pytest.fixture(autouse=True)
def _restore_languages() -> Iterator[None]:
    yield
    use(UN)  # a command run on a site of other languages set them for the process


# -- a sub-folder of the site ----------------------------------------------------------------


def test_a_sub_folder_of_the_site_says_where_the_site_is_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cd content/sessions && igfpub check` named igfpub's own default mkdocs.yml, whose
    docs_dir 'content/sessions/content' did not exist. The contract reads the current
    folder's configuration (or -f): a sub-folder is told where the site is, and how to
    run there, in one line; nothing is built."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,en"]) == 0
    monkeypatch.chdir(tmp_path / "s/content/sessions")
    capsys.readouterr()
    for command in (["check"], ["status"], ["build", "--no-pdf"]):
        assert igfpub(command) == 1
        assert capsys.readouterr().err.splitlines() == [
            "igfpub: no content folder here: the site's mkdocs.yml is ../../mkdocs.yml: "
            "run igfpub from ../../, or pass -f ../../mkdocs.yml"
        ]
    assert not Path("site").exists() and not Path(".igfpub-cache").exists()
    # As it says: -f reads the site's configuration and its content folder.
    assert igfpub(["check", "-f", "../../mkdocs.yml"]) == 0
    assert "languages pt, en: OK" in capsys.readouterr().out


def test_an_import_from_above_the_site_writes_nothing_for_the_wrong_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from the site's parent folder, the import read the default six languages and
    wrote a Chinese translation that the en,fr site then refused."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "en,fr"]) == 0
    monkeypatch.chdir(tmp_path)
    assert igfpub(["translate", "export", "s/content", "-f", "s/mkdocs.yml", "--lang", "fr",
                   "-o", "fr.xlf"]) == 0  # fmt: skip
    xlf = Path("fr.xlf")
    xlf.write_text(xlf.read_text("utf-8").replace('target-language="fr"', 'target-language="zh"'),
                   "utf-8")  # fmt: skip
    before = sorted(p.name for p in Path("s/content").rglob("*"))
    capsys.readouterr()
    assert igfpub(["translate", "import", "fr.xlf", "s/content"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "igfpub: no mkdocs.yml in the current folder: using igfpub's default six-language "
        "configuration (en, fr, es, ru, zh, ar); the site's is s/mkdocs.yml: run igfpub from "
        "s/, or pass -f s/mkdocs.yml",
        "igfpub: no file was written: the translations are checked against the site's own "
        "languages",
    ]
    assert sorted(p.name for p in Path("s/content").rglob("*")) == before
    # As it says: with -f, the site's languages refuse the file.
    assert igfpub(["translate", "import", "fr.xlf", "s/content", "-f", "s/mkdocs.yml"]) == 1
    assert "target language 'zh' is not a translation language of this site (fr)" in (
        capsys.readouterr().err
    )


def test_no_site_here_is_one_line_saying_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside any site, no word of igfpub's internal default mkdocs.yml."""
    monkeypatch.chdir(tmp_path)
    for command in (["check"], ["status"], ["build", "--no-pdf"]):
        assert igfpub(command) == 1
        assert capsys.readouterr().err.splitlines() == [
            "igfpub: no site here: no mkdocs.yml or content/ folder in the current folder; "
            "run igfpub in the site's folder (igfpub init DIR makes one), or give the "
            "content folder (igfpub COMMAND CONTENT_DIR)"
        ]
    assert not (tmp_path / "site").exists()
    assert igfpub(["check", "nothere"]) == 1
    assert capsys.readouterr().err.splitlines() == ["nothere: error: no such content folder"]


# -- new says what concerns the new file ----------------------------------------------------

NOISY = {"index.md": "# Home\n\n<script>alert(1)</script>\n"}  # a warning: script removed


@pytest.mark.parametrize(
    "command",
    [
        ["session", "--id", "NEW-1", "--edition", "2025"],
        ["messages", "--id", "NEW-2", "--edition", "2025"],
        ["response", "--body", "itu", "--edition", "2025"],
    ],
)
def test_new_counts_the_contents_warnings_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """It printed every warning of the site, and their count, before its own line."""
    write_tree(tmp_path, NOISY)
    assert igfpub(["new", *command, str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == ["igfpub: 1 warning in the content (run igfpub check to read them)"]
    assert out.startswith(str(tmp_path))
    assert igfpub(["check", str(tmp_path)]) == 0  # check still lists them
    assert "index.md:3: warning: contains script" in capsys.readouterr().err


def test_new_says_the_errors_that_stop_it_and_counts_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {**NOISY, "sessions/2025/ws-1.md": "---\nid: IGF2025-WS-1\n---\n"})
    assert igfpub(["new", "session", "--id", "NEW-1", "--edition", "2025", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{tmp_path}/sessions/2025/ws-1.md:1: error: 'date' is required"
    assert all(": error: " in line for line in err[:-1])
    assert err[-1] == (
        f"igfpub: {len(err) - 1} errors, 1 warning (run igfpub check to read the warnings)"
    )


# -- status --lang ----------------------------------------------------------------------------

STALE = "---\ntitle: T\ntranslation: {status: human, source_hash: aaaaaaaaaaaa}\n---\n"


def test_status_lang_restricts_every_part_to_that_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lang es` without `--diff` was silently ignored: all languages were listed."""
    root = write_tree(
        tmp_path, {"sessions/2025/ws-1.fr.md": STALE, "sessions/2025/ws-1.es.md": STALE}
    )
    assert igfpub(["status", str(root), "--lang", "ES"]) == 0  # the site's code, in any case
    out = capsys.readouterr().out
    rows = [line.split()[:2] for line in out.splitlines() if line.startswith(("2025 ", "pages "))]
    assert rows == [["2025", "es"], ["pages", "es"]]
    assert "stale translations: 1\n  sessions/2025/ws-1.es.md: source_hash" in out
    assert "ws-1.fr.md" not in out
    left = out.split("left to translate (segments, words):\n")[1].split("\n\n")[0]
    assert [line.split()[0] for line in left.splitlines()] == ["es"]
    ui = out.split("(pages show them in English):\n")[1]
    assert re.findall(r"^  (\S+): \d+$", ui, re.MULTILINE) == ["es"]


@pytest.mark.parametrize("diff", [[], ["--diff"]])
@pytest.mark.parametrize("lang", ["de", "en"])  # not on the site; the source language
def test_status_refuses_a_language_that_is_not_a_translation_of_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, diff: list[str]
) -> None:
    write_tree(tmp_path, NOISY)  # its warning is not said: the content is not read
    assert igfpub(["status", str(tmp_path), "--lang", lang, *diff]) == 2
    out, err = capsys.readouterr()
    assert (out, err.splitlines()) == (
        "",
        [f"igfpub: --lang '{lang}' is not a translation language of this site "
         "(fr, es, ru, zh, ar)"],
    )  # fmt: skip


# -- the preview's error box ------------------------------------------------------------------


def test_the_preview_box_puts_the_errors_first_counted_and_marked() -> None:
    """The one error was listed among twelve warnings, unmarked, in a <pre> whose long
    lines ran off the right edge of the page."""
    from bs4 import BeautifulSoup

    from igfpub.serve import Problem, error_box

    long = "sessions/2025/ws-3.md:13: warning: contains script " + "x" * 300
    box = BeautifulSoup(
        error_box([
            Problem("index.md:17: warning: contains <script>", is_error=False),
            Problem("sessions/2025/ws-2.md:16: error: 'to' must be a list"),
            Problem(long, is_error=False),
        ]),
        "html.parser",
    )  # fmt: skip
    root = box.find(id="igfpub-preview-error")
    assert root is not None and root["role"] == "alert" and root["lang"] == "en"
    heading = root.find("h2")
    assert heading is not None and root["aria-labelledby"] == heading["id"]
    assert " ".join(heading.get_text().split()) == (
        "igfpub: 1 error, 2 warnings; the page shows the last good build."
    )
    errors, warnings = root.find_all("ul")
    assert errors.find_parent("details") is None  # shown, and before the warnings
    assert [li.get_text() for li in errors.find_all("li")] == [
        "sessions/2025/ws-2.md:16: error: 'to' must be a list"
    ]
    assert errors["aria-label"] == "1 error" and "#b00020" in errors.li["style"]
    folded = warnings.find_parent("details")
    assert folded is not None and not folded.has_attr("open")
    assert folded.summary.get_text() == "2 warnings"
    assert [li.get_text() for li in warnings.find_all("li")] == [
        "index.md:17: warning: contains <script>",  # escaped in the HTML, text again here
        long,
    ]
    for li in root.find_all("li"):
        assert "white-space:pre-wrap" in li["style"] and "overflow-wrap:anywhere" in li["style"]
    assert root.find("pre") is None


def test_the_preview_box_without_warnings_has_nothing_to_fold() -> None:
    from igfpub.serve import Problem, error_box

    box = error_box([Problem("igfpub: build failed: boom")])
    assert "<details" not in box and "igfpub: 1 error; the page shows" in " ".join(box.split())


# -- the other files a message names ----------------------------------------------------------

SOURCE = "content/sessions/2025/ws-1.md"


@pytest.mark.parametrize(
    ("files", "said"),
    [
        (
            {"sessions/2025/ws-9.md": BASE["sessions/2025/ws-1.md"]},
            "content/sessions/2025/ws-9.md:2: error: duplicate id 'IGF2025-WS-1': "
            f"already used in {SOURCE}:2",
        ),
        (
            {"sessions/2025/ws-1.en.md": BASE["sessions/2025/ws-1.md"]},
            "content/sessions/2025/ws-1.en.md:1: error: two sources for one document: "
            f"{SOURCE} is its source; a translation's suffix names another language of the site",
        ),
        (
            {"sessions/2025/ws-1.fr.md": "---\ntitle: T\nkey_takeaways: [Un.]\n---\n"},
            "content/sessions/2025/ws-1.fr.md:3: error: 'key_takeaways' has 1 item "
            f"but the source {SOURCE} has 2",
        ),
        (
            {
                "bodies/itu.md": "---\nbody: itu\n---\nA.\n",
                "bodies/itu2.md": "---\nbody: itu\n---\n",
            },
            "content/bodies/itu2.md:2: error: 'itu' already has its report-back in "
            "content/bodies/itu.md: write one file per body",
        ),
        (
            {"bodies/x.md": "---\nbody: oecd\n---\n"},
            "content/bodies/x.md:2: error: the report-back of 'oecd' must be in the file "
            "content/bodies/oecd.md (links to a body's report-back use that name)",
        ),
    ],
)
def test_a_message_names_the_other_file_as_it_opens_from_here(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    said: str,
) -> None:
    """The second file of a message lacked the content/ its first file has: it did not
    open from the current folder (`already used in sessions/2025/b.md:2`)."""
    write_tree(tmp_path / "content", files)
    monkeypatch.chdir(tmp_path)
    assert igfpub(["check"]) == 1
    assert said in capsys.readouterr().err.splitlines()


def test_new_names_the_file_that_holds_the_id_as_it_opens_from_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "content", {})
    monkeypatch.chdir(tmp_path)
    assert igfpub(["new", "session", "--id", "igf2025-ws-1", "--edition", "2025"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"igfpub: id igf2025-ws-1 is already used in {SOURCE}"
    ]


def test_only_the_named_path_as_a_whole_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from igfpub.core.issues import Issue, Severity
    from igfpub.problems import shown

    monkeypatch.chdir(tmp_path)
    issue = Issue(
        "b/x.md", 4, Severity.ERROR, "a.md.bak, b/a.md, a.md-2 and a.md:3 or a.md.", ("a.md",)
    )
    assert shown(issue, Path("content")) == (
        "b/x.md:4: error: a.md.bak, b/a.md, a.md-2 and content/a.md:3 or content/a.md."
    )
    assert str(issue) == "b/x.md:4: error: a.md.bak, b/a.md, a.md-2 and a.md:3 or a.md."


def test_export_takes_its_format_from_the_file_name_and_dash_for_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """`-o fr.po` wrote XLIFF into fr.po; `-o -` made a file named '-'."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "en,fr"]) == 0
    monkeypatch.chdir(tmp_path / "s")
    assert igfpub(["translate", "export", "--lang", "fr", "-o", "fr.po"]) == 0
    assert Path("fr.po").read_text("utf-8").startswith('msgid ""\nmsgstr ""\n')
    assert igfpub(["translate", "export", "--lang", "fr", "-o", "fr.xlf", "--format", "po"]) == 0
    assert Path("fr.xlf").read_text("utf-8").startswith('msgid ""')  # as asked
    capfd.readouterr()
    assert igfpub(["translate", "export", "--lang", "fr", "-o", "-"]) == 0
    out, err = capfd.readouterr()
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff')
    assert "igfpub: the standard output: " in err
    assert not Path("-").exists()


def test_the_exchange_names_the_contents_files_as_check_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """export and import named them from the content folder (sessions/...), which does
    not open from the site's folder where check says content/sessions/..."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "en,fr"]) == 0
    monkeypatch.chdir(tmp_path / "s")
    index = Path("content/index.md")
    index.write_text(index.read_text("utf-8") + "\nSee [the top](index.md#nowhere).\n", "utf-8")
    capsys.readouterr()
    assert igfpub(["check"]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "#nowhere" in line]
    assert said and said[0].startswith("content/index.md:")
    assert igfpub(["translate", "export", "--lang", "fr", "-o", "fr.xlf"]) == 0
    assert [line for line in capsys.readouterr().err.splitlines() if "#nowhere" in line] == said


# -- a broken mkdocs.yml ---------------------------------------------------------------------


def test_a_mkdocs_yml_that_is_not_yaml_is_one_problem_record_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A quote left open in mkdocs.yml was said in PyYAML's four lines, inside MkDocs'
    sentence, after 'igfpub: ': no editor or CI log found it as path:line."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,en"]) == 0
    monkeypatch.chdir(tmp_path / "s")
    config = Path("mkdocs.yml")
    good = config.read_text("utf-8")
    lines = len(good.splitlines())
    cases = {
        # Left open: said where it begins, not at the end of the file PyYAML reached.
        'copyright: "FGI Brasil\n': f"mkdocs.yml:{lines + 1}: error: not valid YAML: while "
        "scanning a quoted scalar, found unexpected end of stream (the end of the file)",
        "extra:\n  a: 1\n   b: 2\n": f"mkdocs.yml:{lines + 3}: error: not valid YAML: mapping "
        "values are not allowed here",
        "extra:\n\tsocial: []\n": f"mkdocs.yml:{lines + 2}: error: not valid YAML: found "
        "character '\\t' that cannot start any token",
    }
    capsys.readouterr()
    for broken, said in cases.items():
        config.write_text(good + broken, "utf-8")
        for command in (["check"], ["status"], ["build", "--no-pdf"]):
            assert igfpub(command) == 1, (broken, command)
            assert capsys.readouterr().err.splitlines() == [said], (broken, command)
    assert not Path("site").exists()
    # In a file the configuration inherits: that file and its line.
    Path("base.yml").write_text("theme:\n  name: material\n  language: [pt\n", "utf-8")
    config.write_text("INHERIT: base.yml\n" + good, "utf-8")
    assert igfpub(["check"]) == 1
    [said] = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"base\.yml:3: error: not valid YAML: while parsing a flow "
                        r"sequence, .+ \(the end of the file\)", said), said  # fmt: skip
