"""A body's report-back (``bodies/itu.md``) goes through translators' tools like any
document, as the contract says it is translatable: its responses' and follow-up entries'
texts, by their place in the file's lists, and its Markdown. Before, ``translate export``
left report-backs out, and ``status`` neither counted them nor printed their hash.

The report is written as a liaison writes one: responses oldest first (pages show them
newest first), a follow-up step without a text, a heading of its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from tests.contentkit import digest, write_tree
from tests.test_translate_free_pages import _ids
from tests.test_translate_import_edits import body, export, fill, front, run_import

PROJECT = Path(__file__).resolve().parent.parent

REPORT = """\
---
body: itu
responses:
  - date: 2025-07-01
    edition: 2025
    text: "We received the messages and **shared** them with ITU-D."
  - date: 2025-10-02
    edition: 2025
    about: [IGF2025-WS-1]
    text: "ITU-D will add a module on satellite licensing."
follow_up:
  - message: IGF2025-WS-1/cta-1
    date: 2025-07-01
    response: acknowledged
  - message: IGF2025-WS-1/cta-1
    date: 2025-10-02
    response: supported
    implementation: ongoing
    text: "A training module is being drafted."
    evidence: https://www.itu.int/
---
## How ITU answers

ITU answers through the WSIS Secretariat.
"""

REPORT_IDS = [
    "report:itu/response-1",
    "report:itu/response-2",
    "report:itu/follow-up-2",
    "report:itu/body/h",
    "report:itu/body/p",
]


def _content(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site-src" / "content", {"bodies/itu.md": REPORT})


def _report_ids(xlf: Path) -> list[str]:
    """The report's segment ids, a block's hash left out."""
    ids = [i for i in _ids(xlf) if i.startswith("report:")]
    return [i.rsplit("-", 1)[0] if "/body/" in i else i for i in ids]


def _status(content: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert igfpub(["status", str(content)]) == 0
    return capsys.readouterr().out


def _row(out: str, lang: str) -> list[str]:
    """docs, translated, machine, stale, fallback of the report-backs in ``lang``."""
    [row] = [line.split()[2:] for line in out.splitlines() if line.split()[:2] == ["reports", lang]]
    return row


def test_a_report_back_is_exported_by_the_place_of_its_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(tmp_path)
    xlf = export(content, tmp_path / "fr.xlf")
    # Responses by their place in the file (not the page's newest-first order); the
    # follow-up step without a text has nothing to translate.
    assert _report_ids(xlf) == REPORT_IDS
    text = xlf.read_text(encoding="utf-8")
    assert "response of 2025-10-02 (edition 2025)" in text
    assert "what itu did with IGF2025-WS-1/cta-1, 2025-10-02" in text
    # The edition's export holds the report-backs that answer it.
    assert _report_ids(export(content, tmp_path / "fr-2025.xlf", "--edition", "2025")) == REPORT_IDS
    out = _status(content, capsys)
    assert _row(out, "fr") == ["1", "0", "0", "0", "1"]
    assert f"  {digest(content / 'bodies/itu.md')}  bodies/itu.md" in out


def _build(content: Path, site: Path) -> None:
    cwd = Path.cwd()
    try:
        os.chdir(content.parent)
        cache = str(site.parent / "cache")
        assert igfpub(["build", "--no-pdf", "-d", str(site), "--cache-dir", cache]) == 0
    finally:
        os.chdir(cwd)
        use(UN)


def test_a_report_back_round_trip_is_published_and_goes_stale_item_by_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(tmp_path)
    xlf = fill(export(content, tmp_path / "fr.xlf"), lambda i: i.startswith("report:"))
    assert run_import(xlf, content) == 0
    translation = content / "bodies/itu.fr.md"
    meta = yaml.safe_load(front(translation).removeprefix("---\n"))
    # The lists line up with the source's: the step without a text is kept as "{}".
    assert meta == {
        "body": "itu",
        "responses": [
            {"text": "«We received the messages and **shared** them with ITU-D.»"},
            {"text": "«ITU-D will add a module on satellite licensing.»"},
        ],
        "follow_up": [{}, {"text": "«A training module is being drafted.»"}],
        "translation": {"status": "human", "source_hash": digest(content / "bodies/itu.md")},
    }
    assert (
        body(translation) == "## «How ITU answers»\n\n«ITU answers through the WSIS Secretariat.»\n"
    )
    assert _report_ids(export(content, tmp_path / "again.xlf")) == []
    assert _row(_status(content, capsys), "fr") == ["1", "1", "0", "0", "0"]

    site = tmp_path / "out" / "site"
    _build(content, site)
    page = BeautifulSoup((site / "fr/bodies/itu/index.html").read_text("utf-8"), "html.parser")
    main = page.find(id="igf-content")
    assert main["data-translation"] == "translated"
    shown = main.get_text(" ", strip=True)
    for text in ("«ITU-D will add a module", "«We received the messages", "«A training module",
                 "«How ITU answers»"):  # fmt: skip
        assert text in shown, text
    assert "ITU-D will add a module on satellite licensing." not in shown.replace("«ITU-D", "")

    # The liaison rewords one response: only that text is stale, and sent again alone.
    source = content / "bodies/itu.md"
    source.write_text(REPORT.replace("satellite licensing", "satellite spectrum"), "utf-8")
    out = _status(content, capsys)
    assert _row(out, "fr") == ["1", "0", "0", "1", "0"]
    assert "  bodies/itu.fr.md: source_hash " in out
    again = export(content, tmp_path / "changed.xlf")
    assert _report_ids(again) == ["report:itu/response-2"]
    assert "satellite spectrum" in again.read_text(encoding="utf-8")
    assert run_import(fill(again), content) == 0
    meta = yaml.safe_load(front(translation).removeprefix("---\n"))
    assert meta["responses"][1] == {"text": "«ITU-D will add a module on satellite spectrum.»"}
    assert meta["responses"][0]["text"].startswith("«We received")
    assert meta["translation"]["source_hash"] == digest(source)


def test_one_translated_step_is_written_with_the_rest_left_to_the_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list item without a text keeps the source's, marked as such: unlike a session's
    message list, a report's lists may be translated in part."""
    content = _content(tmp_path)
    xlf = fill(export(content, tmp_path / "fr.xlf"), lambda i: i == "report:itu/follow-up-2")
    assert run_import(xlf, content) == 0
    meta = yaml.safe_load(front(content / "bodies/itu.fr.md").removeprefix("---\n"))
    assert meta["follow_up"] == [{}, {"text": "«A training module is being drafted.»"}]
    assert "responses" not in meta
    capsys.readouterr()
    assert igfpub(["check", str(content)]) == 0
    assert "error" not in capsys.readouterr().err
    site = tmp_path / "out" / "site"
    _build(content, site)
    page = BeautifulSoup((site / "fr/bodies/itu/index.html").read_text("utf-8"), "html.parser")
    main = page.find(id="igf-content")
    step = main.find(string=lambda s: s and "«A training module" in s)
    assert step is not None
    english = main.find(string=lambda s: s and "ITU-D will add a module" in s)
    assert english is not None and english.find_parent(attrs={"lang": "en"}) is not None


def test_a_step_added_to_the_source_is_mended_by_the_exchange(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A body's new follow-up step (the README's "add an entry with the new date") left
    every translation's list one short: an error of check and build, as the contract
    says, which also stopped `translate export` and `import`, the tools that mend it.
    Every translated language then had to be edited by hand before the site built."""
    content = _content(tmp_path)
    assert run_import(fill(export(content, tmp_path / "fr.xlf")), content) == 0
    source = content / "bodies/itu.md"
    step = ("  - message: IGF2025-WS-1/cta-1\n    date: 2025-12-01\n    response: supported\n"
            "    implementation: completed\n    text: \"The module is online.\"\n---\n")  # fmt: skip
    source.write_text(REPORT.replace("    evidence: https://www.itu.int/\n---\n",
                                     "    evidence: https://www.itu.int/\n" + step), "utf-8")  # fmt: skip
    short = ("{0}bodies/itu.fr.md:6: {1}: 'follow_up' has 2 items but the source "
             "{0}bodies/itu.md has 3")  # fmt: skip
    capsys.readouterr()
    assert igfpub(["check", str(content)]) == 1
    assert short.format(f"{content}/", "error") in capsys.readouterr().err
    # The exchange says it, and mends it: the list's texts go out again, and come back.
    again = export(content, tmp_path / "again.xlf")
    said = capsys.readouterr().err
    assert short.format(f"{content}/", "warning") + ": its texts are sent for translation again, and " \
        "translate import writes it anew" in said  # fmt: skip
    assert _report_ids(again) == ["report:itu/follow-up-2", "report:itu/follow-up-3"]
    assert run_import(fill(again), content) == 0
    meta = yaml.safe_load(front(content / "bodies/itu.fr.md").removeprefix("---\n"))
    assert meta["follow_up"] == [{}, {"text": "«A training module is being drafted.»"},
                                 {"text": "«The module is online.»"}]  # fmt: skip
    assert meta["translation"]["source_hash"] == digest(source)
    capsys.readouterr()
    assert igfpub(["check", str(content)]) == 0
    assert "error" not in capsys.readouterr().err
