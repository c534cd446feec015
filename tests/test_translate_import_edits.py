"""``translate import`` on tiny content trees: what it writes into an existing translation,
what it refuses, and what it says when it cannot write what a file brought."""

from __future__ import annotations

import copy
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from translate.storage import pypo, xliff
from translate.storage.placeables import StringElem

from igfpub.cli import main as igfpub
from igfpub.core import mdblocks
from igfpub.core.languages import UN, use
from igfpub.core.loader import load_corpus
from igfpub.core.markup import inline
from igfpub.exchange.importer import _copy_of_source
from igfpub.exchange.xliff import _elems
from tests.contentkit import digest, session, write_tree

REPORT = "## Context\n\nSpeakers met in *Oslo*.\n\n| tool | use |\n|---|---|\n| `grep` | search |\n"
WS1 = "sessions/2025/ws-1"


def tree(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    return write_tree(
        tmp_path / "content", {f"{WS1}.md": session().replace("Report.\n", REPORT), **(files or {})}
    )


def export(content: Path, out: Path, *extra: str) -> Path:
    assert (
        igfpub(["translate", "export", str(content), "--lang", "fr", "-o", str(out), *extra]) == 0
    )
    return out


def fill(path: Path, wanted: Callable[[str], bool] = lambda _: True) -> Path:
    """A translator: each wanted unit's target is its source in «…», placeholders kept; a
    source that is only placeholders is kept as it is (code stays code)."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    for unit in store.unit_iter():
        if not wanted(unit.xmlelement.get("id")):
            continue
        sub = list(unit.rich_source[0].sub)
        only_placeholders = not any(isinstance(s, str) and s.strip() for s in sub) and not str(
            unit.source
        ).strip(" {}/0123456789")
        unit.rich_target = [StringElem(sub if only_placeholders else ["«", *sub, "»"])]
        unit.set_state_n(unit.statemap["translated"])
    path.write_bytes(bytes(store))
    return path


def run_import(*args: Path) -> int:
    return igfpub(["translate", "import", *map(str, args)])


def front(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[0]


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


# -- a unit whose target is only placeholders ---------------------------------------------------
def test_a_target_that_is_only_a_placeholder_is_a_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tree(tmp_path)
    xlf = fill(export(content, tmp_path / "fr.xlf"))
    assert '<target state="translated"><x id="1" ctype="x-code" equiv-text="grep"/></target>' \
        in xlf.read_text(encoding="utf-8")  # fmt: skip
    assert run_import(xlf, content) == 0
    out = capsys.readouterr()
    assert "warning" not in out.err, out.err
    text = body(content / f"{WS1}.fr.md")
    assert "## «Context»" in text
    assert "«Speakers met in *Oslo*.»" in text
    assert "| `grep` | «search» |" in text


def test_report_blocks_that_cannot_be_written_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tree(tmp_path)
    # The title, the lists and two of the report's six blocks.
    xlf = fill(
        export(content, tmp_path / "fr.xlf"),
        lambda sid: "/body/" not in sid or "/body/h-" in sid or "/body/p-" in sid,
    )
    assert run_import(xlf, content) == 0
    err = capsys.readouterr().err
    translation = content / f"{WS1}.fr.md"
    assert "«A session»" in front(translation)
    assert body(translation) == ""  # a report is written whole, or not at all
    assert re.search(
        rf"^{re.escape(str(xlf))}:\d+: warning: IGF2025-WS-1: 2 translated report blocks not "
        r"written: the report is written only when all 6 of its blocks are translated "
        r"\(4 missing\)",
        err,
        re.M,
    ), err


# -- importing into an existing translation -----------------------------------------------------
STALE = (
    "---\n"
    "title: Une séance\n"
    "translation: {status: human, source_hash: 0123456789ab}\n"
    "key_takeaways:\n"
    "  - Un.\n"
    "  - Deux.\n"
    "calls_to_action:\n"
    "  - text: Faites-le.\n"
    "---\n"
    "Rapport.\n"
)


def test_one_segment_into_a_stale_translation_keeps_the_rest_and_its_staleness(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A hand-made translation of a source version that is in neither the store nor git.
    content = tree(tmp_path, {f"{WS1}.fr.md": STALE})
    xlf = fill(export(content, tmp_path / "fr.xlf"), lambda sid: sid == "IGF2025-WS-1/kt-1")
    assert run_import(xlf, content) == 0
    head = front(content / f"{WS1}.fr.md")
    assert "title: Une séance" in head
    assert "  - «One.»\n  - Deux.\n" in head
    assert "  - text: Faites-le." in head
    # The rest is still a translation of the older source: the page must go on saying so.
    assert "source_hash: 0123456789ab" in head
    assert body(content / f"{WS1}.fr.md") == "Rapport.\n"
    err = capsys.readouterr().err
    assert re.search(
        rf"^{re.escape(str(content / WS1))}\.fr\.md: warning: IGF2025-WS-1: the fr translation "
        r"stays stale \(source_hash kept\): \d+ of its translated segments were made from an "
        r"older source and this import did not bring them",
        err,
        re.M,
    ), err
    # Everything still stale is exported again, the imported takeaway with it.
    again = export(content, tmp_path / "again.xlf").read_text(encoding="utf-8")
    assert 'id="IGF2025-WS-1/kt-2"' in again


def test_the_whole_stale_translation_imported_becomes_current(tmp_path: Path) -> None:
    content = tree(tmp_path, {f"{WS1}.fr.md": STALE})
    assert run_import(fill(export(content, tmp_path / "fr.xlf")), content) == 0
    head = front(content / f"{WS1}.fr.md")
    assert f"source_hash: {digest(content / f'{WS1}.md')}" in head
    assert "  - «One.»\n  - «Two.»\n" in head
    assert "«Speakers met in *Oslo*.»" in body(content / f"{WS1}.fr.md")


def test_part_of_a_list_that_cannot_be_written_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tree(tmp_path)
    xlf = fill(export(content, tmp_path / "fr.xlf"), lambda sid: sid.endswith(("/title", "/kt-2")))
    assert run_import(xlf, content) == 0
    assert "key_takeaways" not in front(content / f"{WS1}.fr.md")
    assert re.search(
        rf"^{re.escape(str(xlf))}:\d+: warning: IGF2025-WS-1: 1 translated key_takeaways not "
        r"written: a list is written only whole \(1 of 2 missing\)",
        capsys.readouterr().err,
        re.M,
    )


def test_no_translation_file_without_translated_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tree(tmp_path)
    # The home page's heading is all of it: its translation would be whole.
    xlf = fill(
        export(content, tmp_path / "fr.xlf"),
        lambda sid: "/body/h-" in sid and not sid.startswith("page:"),
    )
    assert run_import(xlf, content) == 0
    assert not (content / f"{WS1}.fr.md").exists()
    assert not (content / ".igfpub").exists()
    assert "1 translated report block not written" in capsys.readouterr().err


def test_written_files_follow_the_umask_and_keep_their_mode(tmp_path: Path) -> None:
    content = tree(tmp_path)
    (content / "registry/groups.yml").chmod(0o640)
    xlf = fill(export(content, tmp_path / "fr.xlf"))
    old = os.umask(0o022)
    try:
        assert run_import(xlf, content) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((content / f"{WS1}.fr.md").stat().st_mode) == 0o644
    sources = list((content / ".igfpub/sources").iterdir())
    assert sources and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in sources)
    assert "fr: «Dynamic Coalition" in (content / "registry/groups.yml").read_text("utf-8")
    assert stat.S_IMODE((content / "registry/groups.yml").stat().st_mode) == 0o640
    assert not [p for p in content.rglob(".*.*") if p.is_file() and p.parent.name != "sources"]


# -- plain-text fields -------------------------------------------------------------------------
def test_titles_and_names_are_written_as_plain_text(tmp_path: Path) -> None:
    content = tree(tmp_path)
    xlf = export(content, tmp_path / "fr.xlf")
    hostile = "Données <ouvertes> : 5 < 10 & R&D *pas* d'emphase_x_ [a]"
    store = xliff.xlifffile.parsestring(xlf.read_bytes())
    for unit in store.unit_iter():
        if unit.xmlelement.get("id") in ("IGF2025-WS-1/title", "registry:groups/dc-access/name"):
            unit.rich_target = [StringElem([hostile])]
    xlf.write_bytes(bytes(store))
    assert run_import(xlf, content) == 0
    translated = yaml.safe_load(front(content / f"{WS1}.fr.md").removeprefix("---\n"))
    assert translated["title"] == hostile
    groups = yaml.safe_load((content / "registry/groups.yml").read_text(encoding="utf-8"))
    assert groups[0]["name"] == {"en": "Dynamic Coalition on Accessibility", "fr": hostile}


def test_the_translation_map_keeps_its_fields_and_official_stays_official(
    tmp_path: Path,
) -> None:
    content = tree(tmp_path)
    made = (
        "---\n"
        "title: Une séance\n"
        "translation: {status: official, source_hash: HASH, translator: Marie Dupont, "
        "reviewed: 2025-07-02}\n"
        "---\n"
    )
    (content / f"{WS1}.fr.md").write_text(
        made.replace("HASH", digest(content / f"{WS1}.md")), encoding="utf-8"
    )
    xlf = fill(export(content, tmp_path / "fr.xlf"), lambda sid: sid == "IGF2025-WS-1/kt-1"
               or sid == "IGF2025-WS-1/kt-2")  # fmt: skip
    assert run_import(xlf, content) == 0
    head = front(content / f"{WS1}.fr.md")
    assert (
        f"translation: {{status: official, source_hash: {digest(content / f'{WS1}.md')}, "
        "translator: Marie Dupont, reviewed: 2025-07-02}"
    ) in head
    assert "  - «One.»\n  - «Two.»" in head


# -- language codes --------------------------------------------------------------------------------
def test_language_codes_match_whatever_their_case_region_and_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tree(tmp_path)
    # "--lang FR" exports French; the file says the site's own code.
    xlf = tmp_path / "fr.xlf"
    assert igfpub(["translate", "export", str(content), "--lang", "FR", "-o", str(xlf)]) == 0
    assert 'target-language="fr"' in xlf.read_text(encoding="utf-8")
    text = fill(xlf).read_text(encoding="utf-8")
    # As Trados and memoQ write them: a region, another case, on the file and on targets.
    text = text.replace('target-language="fr"', 'target-language="FR-fr"')
    text = text.replace('source-language="en"', 'source-language="en_US"')
    text = text.replace(
        '<target state="translated">', '<target xml:lang="fr-FR" state="translated">'
    )
    xlf.write_text(text, encoding="utf-8")
    assert run_import(xlf, content) == 0, capsys.readouterr().err
    assert "«A session»" in front(content / f"{WS1}.fr.md")
    # PO from Poedit: "Language: fr_FR".
    content2 = tree(tmp_path / "two")
    po = export(content2, tmp_path / "fr.po", "--format", "po")
    store = pypo.pofile(po.read_bytes())
    for unit in store.units:
        if unit.getcontext() == "IGF2025-WS-1/title":
            unit.target = "Une séance"
    store.updateheader(Language="fr_FR")  # type: ignore[no-untyped-call]
    po.write_bytes(bytes(store))
    assert run_import(po, content2) == 0, capsys.readouterr().err
    assert "title: Une séance" in front(content2 / f"{WS1}.fr.md")


PO_TITLE = 'msgctxt "IGF2025-WS-1/title"\nmsgid "A session"\nmsgstr "'  # its exported entry


# -- the same segment twice ----------------------------------------------------------------------
def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def translated(tmp_path: Path) -> tuple[Path, Path]:
    """A content tree, and its French export with every unit translated."""
    content = tree(tmp_path)
    return content, fill(export(content, tmp_path / "fr.xlf"))


def refused(capsys: pytest.CaptureFixture[str], content: Path, *files: Path) -> list[str]:
    """The import fails and writes nothing; its error lines."""
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert run_import(*files, content) == 1
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    *errors, summary = capsys.readouterr().err.splitlines()
    assert summary == f"igfpub: {len(errors)} error{'s' * (len(errors) != 1)}; no file was changed"
    return errors


def test_a_segment_translated_twice_differently_is_an_error_naming_both_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, xlf = translated(tmp_path)
    text = xlf.read_text(encoding="utf-8")
    unit = re.search(r'\s*<trans-unit[^>]*id="IGF2025-WS-1/kt-1".*?</trans-unit>', text, re.S)
    assert unit is not None
    # An identical copy is harmless.
    xlf.write_text(text.replace(unit[0], unit[0] * 2), encoding="utf-8")
    assert run_import(xlf, content) == 0, capsys.readouterr().err
    assert "  - «One.»\n" in front(content / f"{WS1}.fr.md")
    capsys.readouterr()
    content = tree(tmp_path / "two")
    # In one file, a second target.
    twice = text.replace(unit[0], unit[0] + unit[0].replace("«One.»", "«Un.»"))
    xlf.write_text(twice, encoding="utf-8")
    first = line_of(twice, 'id="IGF2025-WS-1/kt-1"')
    second = line_of(twice, "«Un.»") - 2
    assert refused(capsys, content, xlf) == [
        f"{xlf}:{second}: error: segment IGF2025-WS-1/kt-1: translated twice, differently "
        f"(also at {xlf}:{first})",
    ]
    # In two files imported together.
    xlf.write_text(text, encoding="utf-8")
    other = tmp_path / "other.xlf"
    other.write_text(text.replace("«One.»", "«Un.»"), encoding="utf-8")
    assert refused(capsys, content, xlf, other) == [
        f"{other}:{first}: error: segment IGF2025-WS-1/kt-1: translated twice, differently "
        f"(also at {xlf}:{first})",
    ]
    # In PO: two entries with one msgctxt (msgfmt: "duplicate message definition").
    po = export(content, tmp_path / "fr.po", "--format", "po")
    data = po.read_text(encoding="utf-8").replace(PO_TITLE + '"', PO_TITLE + 'Une séance"')
    data += f'\n{PO_TITLE}Un atelier"\n'
    po.write_text(data, encoding="utf-8")
    first, second = line_of(data, "Une séance"), line_of(data, "Un atelier")
    assert refused(capsys, content, po) == [
        f"{po}:{second}: error: segment IGF2025-WS-1/title: translated twice, differently "
        f"(also at {po}:{first})",
    ]


# -- every problem as path:line: error: message ---------------------------------------------------
def test_a_truncated_file_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, xlf = translated(tmp_path)
    cut = xlf.read_text(encoding="utf-8")
    cut = cut[: cut.index("«Two.»")]
    xlf.write_text(cut, encoding="utf-8")
    line = cut.count("\n") + 1
    assert refused(capsys, content, xlf) == [
        f"{xlf}:{line}: error: not an XLIFF file: Premature end of data in <target>, opened at "
        f"line {line}",
    ]
    po = export(content, tmp_path / "fr.po", "--format", "po")
    data = po.read_text(encoding="utf-8").replace(PO_TITLE + '"', PO_TITLE + "Une séa")
    po.write_text(data, encoding="utf-8")
    assert refused(capsys, content, po) == [
        f"{po}:{line_of(data, 'Une séa')}: error: not a PO file: end-of-line within string",
    ]


def test_po_entries_without_msgctxt_are_each_an_error_at_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tree(tmp_path)
    po = export(content, tmp_path / "fr.po", "--format", "po")
    data = po.read_text(encoding="utf-8")
    # As xliff2po leaves it: the texts translated, the msgctxt (the segment id) gone.
    for sid, text in (("IGF2025-WS-1/title", "A session"), ("IGF2025-WS-1/kt-1", "One.")):
        entry = f'msgctxt "{sid}"\nmsgid "{text}"\nmsgstr ""'
        data = data.replace(entry, f'msgid "{text}"\nmsgstr "«{text}»"')
    po.write_text(data, encoding="utf-8")
    message = "error: the entry has no msgctxt (its segment id), so it cannot be matched to a "
    assert refused(capsys, content, po) == [
        f"{po}:{line_of(data, '«A session»')}: {message}segment: export again",
        f"{po}:{line_of(data, '«One.»')}: {message}segment: export again",
    ]


def test_a_missing_content_folder_given_last_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, xlf = translated(tmp_path)
    capsys.readouterr()
    assert run_import(xlf, tmp_path / "contnet") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path / 'contnet'}: error: no such content folder (give it last: igfpub "
        "translate import FILE... CONTENT_DIR)"
    ]


# -- untranslated targets: a copy of the source ----------------------------------------------------
def test_untranslated_states_and_copies_of_the_source_are_not_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """OmegaT, Okapi and Trados fill an untranslated target with the source, often with
    state="needs-translation" or "new": English, not French."""
    content = tree(tmp_path)
    xlf = export(content, tmp_path / "fr.xlf")
    store = xliff.xlifffile.parsestring(xlf.read_bytes())
    for unit in store.unit_iter():
        sid = unit.xmlelement.get("id")
        if not sid.startswith("IGF2025-WS-1/"):
            continue
        if sid == "IGF2025-WS-1/cta-1":
            unit.rich_target = [StringElem(["Faites-le."])]
            continue
        unit.rich_target = [StringElem(list(unit.rich_source[0].sub))]
        state = {"IGF2025-WS-1/kt-1": "needs-translation", "IGF2025-WS-1/kt-2": "new"}
        unit.getlanguageNode(lang=None, index=1).set("state", state.get(sid, "translated"))
    xlf.write_bytes(bytes(store))
    assert run_import(xlf, content) == 0
    err = capsys.readouterr().err
    assert f"{xlf}: warning: 2 units not imported: state new or needs-translation means the " \
        "target is not translated\n" in err  # fmt: skip
    # The title ("A session") and the table cells "tool" and "search": ordinary words say
    # they are English. "Context", "Speakers met in Oslo" or "use" may be the same in French.
    assert f"{xlf}: warning: 3 units not imported: the target is a copy of the source (what " \
        "CAT tools put in an untranslated segment); a target kept the same on purpose is " \
        'imported when the unit says state="final" or approved="yes": IGF2025-WS-1/title ' \
        "(line " in err  # fmt: skip
    named = err.split('approved="yes": ', 1)[1].split("\n", 1)[0]
    assert named.startswith("IGF2025-WS-1/title (line ")
    assert len(named.split(", ")) == 3 and "/body/td-" in named
    assert "4 translated report blocks not written" in err
    head = front(content / f"{WS1}.fr.md")
    assert "  - text: Faites-le." in head
    assert "title" not in head
    assert "key_takeaways" not in head
    assert body(content / f"{WS1}.fr.md") == ""


@pytest.mark.parametrize(("state", "approved"), [("final", None), ("signed-off", None),
                                               ("translated", "yes")])  # fmt: skip
def test_a_copy_the_translator_confirmed_is_a_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], state: str, approved: str | None
) -> None:
    """A word kept in French ("open source") could never be imported: its report, written
    only when every block is translated, was then never written."""
    content = tree(tmp_path)
    xlf = export(content, tmp_path / "fr.xlf")
    store = xliff.xlifffile.parsestring(xlf.read_bytes())
    for unit in store.unit_iter():
        if unit.xmlelement.get("id") == "IGF2025-WS-1/title":
            unit.rich_target = [StringElem(list(unit.rich_source[0].sub))]
            unit.getlanguageNode(lang=None, index=1).set("state", state)
            if approved:
                unit.xmlelement.set("approved", approved)
    xlf.write_bytes(bytes(store))
    assert run_import(xlf, content) == 0
    assert "not imported" not in capsys.readouterr().err  # unconfirmed, it is (above)
    assert "title: A session" in front(content / f"{WS1}.fr.md")


def test_a_translation_yaml_would_read_as_true_false_or_a_number_is_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ruamel.yaml wrote a Spanish "No" bare, which igfpub reads (YAML 1.1) as false: the
    file written failed check, and the import that would mend it was then refused."""
    content = tree(tmp_path)
    xlf = export(content, tmp_path / "fr.xlf")
    store = xliff.xlifffile.parsestring(xlf.read_bytes())
    words = {"IGF2025-WS-1/title": "No", "IGF2025-WS-1/kt-1": "Off", "IGF2025-WS-1/kt-2": "12:30",
             "IGF2025-WS-1/cta-1": "yes"}  # fmt: skip
    for unit in store.unit_iter():
        word = words.get(unit.xmlelement.get("id"))
        if word is not None:
            unit.rich_target = [StringElem([word])]
    xlf.write_bytes(bytes(store))
    assert run_import(xlf, content) == 0
    head = front(content / f"{WS1}.fr.md")
    assert 'title: "No"' in head
    assert '  - "Off"\n  - "12:30"' in head
    assert '  - text: "yes"' in head
    result = load_corpus(content)
    assert [str(i) for i in result.issues if i.is_error] == []
    fr = result.corpus.sessions["IGF2025-WS-1"]
    assert fr.title.get("fr")[0] == "No"
    assert [m.text.get("fr")[0] for m in fr.messages][:3] == ["Off", "12:30", "yes"]
    use(UN)


def test_a_po_entry_copied_from_its_msgid_is_not_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As msgen writes them, or a translator who copies the msgid to start from it."""
    content = tree(tmp_path)
    po = export(content, tmp_path / "fr.po", "--format", "po")
    store = pypo.pofile(po.read_bytes())
    for unit in store.units:
        if unit.getcontext() == "IGF2025-WS-1/title":
            unit.target = unit.source
        elif unit.getcontext() == "IGF2025-WS-1/cta-1":
            unit.target = "Faites-le."
    po.write_bytes(bytes(store))
    assert run_import(po, content) == 0
    assert f"{po}: warning: 1 entry not imported: the target is a copy of the source (what " \
        "CAT tools put in an untranslated segment): IGF2025-WS-1/title (line " \
        in capsys.readouterr().err  # fmt: skip
    assert "title" not in front(content / f"{WS1}.fr.md")


@pytest.mark.parametrize(
    ("source", "copy"),
    [
        ("Trust in data sharing depends on who controls access.", True),
        ("A session", True),
        ("search", True),
        ("Context", False),  # a heading that may be the same word in another language
        ("Introduction", False),
        ("ICANN", False),
        ("Internet Society", False),
        ("IPv6 / RFC 9110", False),
        ("2025", False),
    ],
)
def test_which_copies_of_the_source_count_as_untranslated(source: str, copy: bool) -> None:
    parts = mdblocks.pieces(source)
    assert _copy_of_source(parts, f"  {source} ", source) is copy
    assert _copy_of_source(parts, source + " (fr)", source) is False


# -- emphasis in languages written without spaces ------------------------------------------------
def test_emphasis_inside_a_chinese_sentence_is_written_so_that_it_renders(
    tmp_path: Path,
) -> None:
    """`_outdated_` in English; between Chinese characters `_` is not emphasis (it needs a
    word boundary) and the page showed the underscores. `*` works inside words."""
    content = tree(tmp_path)
    source = content / f"{WS1}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "  - One.\n", "  - Libraries are _outdated_, __really__.\n"
        ),
        encoding="utf-8",
    )
    po = export(content, tmp_path / "zh.po", "--format", "po")
    po.write_bytes(po.read_bytes().replace(b"Language: fr", b"Language: zh"))
    store = pypo.pofile(po.read_bytes())
    for unit in store.units:
        if unit.getcontext() == "IGF2025-WS-1/kt-1":
            assert unit.source == "Libraries are {1}outdated{2}, {3}really{4}."
            unit.target = "验证库已经{1}“过时”{2}了，{3}真的{4}了。"
        elif unit.getcontext() == "IGF2025-WS-1/kt-2":
            unit.target = "二。"
    po.write_bytes(bytes(store))
    assert run_import(po, content) == 0
    translated = yaml.safe_load(front(content / f"{WS1}.zh.md").removeprefix("---\n"))
    first = translated["key_takeaways"][0]
    assert first == "验证库已经*“过时”*了，**真的**了。"
    assert inline(first) == "验证库已经<em>“过时”</em>了，<strong>真的</strong>了。"
    # Where `_` works (spaces around it), the rapporteur's delimiter stays.
    assert mdblocks.to_markdown(mdblocks.pieces("are _outdated_, __really__.")) == (
        "are _outdated_, __really__."
    )


# -- importing over later edits -------------------------------------------------------------------
def test_importing_an_older_file_over_hand_edits_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, xlf = translated(tmp_path)
    assert run_import(xlf, content) == 0
    fr = content / f"{WS1}.fr.md"
    fr.write_text(
        fr.read_text(encoding="utf-8")
        .replace("«One.»", "Un, corrigé à la main.")
        .replace("«Speakers met in *Oslo*.»", "Réunis à *Oslo*."),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run_import(xlf, content) == 0  # not blocked: the file's text is written
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "warning" in line]
    kt = line_of(xlf.read_text(encoding="utf-8"), 'id="IGF2025-WS-1/kt-1"')
    assert re.fullmatch(
        rf"{re.escape(str(fr))}: warning: segment IGF2025-WS-1/body/p-[0-9a-f]{{8}}: replaces "
        rf"text edited by hand since the last import \(with the older text of "
        rf"{re.escape(str(xlf))}:\d+\)",
        warnings[0],
    ), err
    assert len(warnings) == 2, err
    assert warnings[1] == (
        f"{fr}: warning: segment IGF2025-WS-1/kt-1: replaces text edited by hand since the "
        f"last import (with the older text of {xlf}:{kt})"
    )
    assert "«One.»" in front(fr) and "«Speakers met in *Oslo*.»" in body(fr)
    # The same file once more: nothing was edited since, nothing to say.
    assert run_import(xlf, content) == 0
    assert "warning" not in capsys.readouterr().err


def test_a_fuzzy_match_a_cat_tool_takes_imports_as_the_translation_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A changed segment carries its earlier English and French (XLIFF <alt-trans>, a PO
    note): they were Markdown as written, which a CAT tool inserted as text, so that the
    import refused the missing placeholders. They are now in the unit's own form, the
    French's placeholders numbered as the new English's, links and emphasis moved."""
    english = "**Age assurance** must respect [the call](../../editions/2025.md) and *privacy*."
    content = tree(tmp_path, {f"{WS1}.md": session(
        key_takeaways=f"key_takeaways:\n  - {json.dumps(english)}\n  - Two.")})  # fmt: skip
    french = "La *vie privée* et [l’appel](../../editions/2025.md) : l’**assurance de l’âge**."
    xlf = export(content, tmp_path / "fr.xlf")
    store = xliff.xlifffile.parsestring(xlf.read_bytes())
    for unit in store.unit_iter():
        if unit.xmlelement.get("id") == "IGF2025-WS-1/kt-1":
            parts = mdblocks.aligned(mdblocks.pieces(french), mdblocks.pieces(english))
            unit.rich_target = [StringElem(_elems(parts or []))]
        else:
            unit.rich_target = [StringElem(["«", *unit.rich_source[0].sub, "»"])]
        unit.set_state_n(unit.statemap["translated"])
    xlf.write_bytes(bytes(store))
    assert run_import(xlf, content) == 0
    source = content / f"{WS1}.md"
    source.write_text(source.read_text("utf-8").replace("must respect", "must always respect"),
                      "utf-8")  # fmt: skip
    po = pypo.pofile(export(content, tmp_path / "fr.po", "--format", "po").read_bytes())
    (entry,) = [u for u in po.units if u.getcontext() == "IGF2025-WS-1/kt-1"]
    assert "previous translation: La {5}vie privée{6} et {3}l’appel{4} : l’{1}assurance de " \
        "l’âge{2}." in entry.getnotes()  # fmt: skip
    again = export(content, tmp_path / "again.xlf")
    store = xliff.xlifffile.parsestring(again.read_bytes())
    (unit,) = [u for u in store.unit_iter() if u.xmlelement.get("id") == "IGF2025-WS-1/kt-1"]
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    alt = unit.xmlelement.find(f"{ns}alt-trans")
    assert "".join(alt.find(f"{ns}source").itertext()) == english.replace("**", "").replace(
        "*", "").replace("[", "").replace("](../../editions/2025.md)", "")  # fmt: skip
    # What a CAT tool does with a fuzzy match the translator accepts: its target, as is.
    taken = copy.deepcopy(alt.find(f"{ns}target"))
    taken.set("state", "translated")
    unit.xmlelement.insert(1, taken)
    again.write_bytes(bytes(store))
    capsys.readouterr()
    assert run_import(again, content) == 0
    assert "error" not in capsys.readouterr().err
    fr = yaml.safe_load(front(content / f"{WS1}.fr.md").removeprefix("---\n"))
    assert fr["key_takeaways"][0] == french


def test_a_placeholder_used_twice_or_without_an_id_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """They were "a placeholder the source does not have: id 1" (which it has) and
    "... id None"."""
    content = tree(tmp_path)
    xlf = export(content, tmp_path / "fr.xlf")
    data = xlf.read_text("utf-8")
    unit = data.index('id="IGF2025-WS-1/body/p-')
    source = data.index("</source>", unit)
    twice = '<target>Les orateurs à <g id="1">Oslo</g> et <g id="1">Bergen</g>.</target>'
    data = data[:source] + "</source>" + twice + data[source + len("</source>") :]
    unit = data.index('id="IGF2025-WS-1/body/td-')
    source = data.index("</source>", unit)
    data = (
        data[:source]
        + "</source><target><x/> recherche</target>"
        + data[source + len("</source>") :]
    )
    xlf.write_text(data, "utf-8")
    said = "\n".join(refused(capsys, content, xlf))
    assert ': placeholder <g id="1"> (emphasis) is used 2 times in the target, and once in ' \
        "the source: use it once" in said  # fmt: skip
    assert ": the target has a placeholder without an id: copy the source's, which have " \
        "theirs" in said  # fmt: skip
    assert "does not have" not in said and "None" not in said


def test_placeholders_say_what_they_stand_for(tmp_path: Path) -> None:
    """A translator saw `<x id="1"/>` for the code `DNS abuse`, and links and emphasis
    alike: XLIFF's ctype and equiv-text now say which, as CAT tools show them."""
    text = "Define `DNS abuse` in **contracts**, *now*: see [the outcome](../../editions/2025.md)."
    content = tree(tmp_path, {f"{WS1}.md": session(
        key_takeaways=f"key_takeaways:\n  - {json.dumps(text)}\n  - Two.")})  # fmt: skip
    xlf = export(content, tmp_path / "fr.xlf")
    root = ET.parse(xlf).getroot()
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    (unit,) = [u for u in root.iter(f"{ns}trans-unit") if u.get("id") == "IGF2025-WS-1/kt-1"]
    source = unit.find(f"{ns}source")
    assert [(e.tag.removeprefix(ns), e.get("ctype"), e.get("equiv-text")) for e in source] == [
        ("x", "x-code", "DNS abuse"),
        ("g", "bold", None),
        ("g", "italic", None),
        ("g", "link", None),
    ]
    # And they come back as they went.
    assert run_import(fill(xlf), content) == 0
    fr = yaml.safe_load(front(content / f"{WS1}.fr.md").removeprefix("---\n"))
    assert fr["key_takeaways"][0] == (
        "«Define `DNS abuse` in **contracts**, *now*: see [the outcome](../../editions/2025.md).»"
    )


def test_a_name_renamed_in_the_source_is_sent_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A registry's names are translated in place, with no source_hash: a body renamed in
    English kept its French name, was never exported again, and status said nothing."""
    content = tree(tmp_path)
    assert run_import(fill(export(content, tmp_path / "fr.xlf")), content) == 0
    registry = content / "registry/bodies.yml"
    assert "fr: «Organisation for Economic Co-operation and Development»" in \
        registry.read_text("utf-8")  # fmt: skip
    assert not [i for i in _unit_ids(export(content, tmp_path / "none.xlf")) if "registry" in i]
    registry.write_text(registry.read_text("utf-8").replace(
        "en: Organisation for Economic Co-operation and Development",
        "en: Organisation for Economic Co-operation and Development (OECD)"), "utf-8")  # fmt: skip
    again = export(content, tmp_path / "again.xlf")
    assert [i for i in _unit_ids(again) if "registry" in i] == ["registry:bodies/oecd/name"]
    # With what it was, and its French, as a CAT tool's fuzzy match.
    text = again.read_text("utf-8")
    assert (
        "<alt-trans" in text and "«Organisation for Economic Co-operation and Development»" in text
    )
    capsys.readouterr()
    assert igfpub(["status", str(content)]) == 0
    assert "  registry/bodies.yml: oecd/name (fr) was translated from 'Organisation for " \
        "Economic Co-operation and Development', changed since" in capsys.readouterr().out  # fmt: skip
    assert run_import(fill(again), content) == 0
    assert "«Organisation for Economic Co-operation and Development (OECD)»" in registry.read_text(
        "utf-8"
    )
    assert not [i for i in _unit_ids(export(content, tmp_path / "done.xlf")) if "registry" in i]


def _unit_ids(xlf: Path) -> list[str]:
    return re.findall(r'<trans-unit[^>]* id="([^"]+)"', xlf.read_text("utf-8"))


def test_a_stale_translation_updated_in_parts_becomes_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two takeaways changed; the translator delivered them in two files. The second
    export sent the first one's segment again, and the second import still called the
    translation stale: it became current only if everything came in one import."""
    content = tree(tmp_path)
    assert run_import(fill(export(content, tmp_path / "fr.xlf")), content) == 0
    source = content / f"{WS1}.md"
    source.write_text(source.read_text("utf-8").replace("  - One.", "  - One, again.")
                      .replace("text: Do it.", "text: Do it now."), "utf-8")  # fmt: skip
    both = export(content, tmp_path / "both.xlf")
    assert _unit_ids(both) == ["IGF2025-WS-1/kt-1", "IGF2025-WS-1/cta-1"]
    capsys.readouterr()
    assert run_import(fill(both, lambda i: i == "IGF2025-WS-1/cta-1"), content) == 0
    assert "stays stale (source_hash kept): 1 of its translated segments" in capsys.readouterr().err
    rest = export(content, tmp_path / "rest.xlf")
    assert _unit_ids(rest) == ["IGF2025-WS-1/kt-1"]
    capsys.readouterr()
    assert run_import(fill(rest), content) == 0
    assert "stale" not in capsys.readouterr().err
    fr = yaml.safe_load(front(content / f"{WS1}.fr.md").removeprefix("---\n"))
    assert fr["translation"]["source_hash"] == digest(source)
    assert fr["key_takeaways"][0] == "«One, again.»"
    assert fr["calls_to_action"][0]["text"] == "«Do it now.»"
    assert _unit_ids(export(content, tmp_path / "none.xlf")) == []
