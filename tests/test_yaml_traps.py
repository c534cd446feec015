"""YAML's traps for people who write front matter by hand: words YAML reads as something
else than the text written. Each case says where, and what a writer does about it, or
publishes the text as written; nothing is changed or lost without a word."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from igfpub.core.loader import load_corpus
from tests.contentkit import BASE, session, write_tree

WS = "sessions/2025/ws-1.md"
SAMPLE = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(autouse=True)
def _restore_languages() -> Iterator[None]:
    yield
    use(UN)  # a command run on a site of other languages set them for the process


def _problems(root: Path) -> list[str]:
    return [str(i) for i in load_corpus(root).issues]


def _build(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    content = write_tree(tmp_path / "content", files)
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    return site


def _texts(site: Path, doc_id: str) -> dict[str, str]:
    """The published texts of one document's messages, by message id (open data)."""
    data = json.loads((site / "api/v1/messages.json").read_text("utf-8"))
    return {m["id"]: m["text"]["en"] for m in data["messages"] if m["source"] == doc_id}


# -- numbers and dates in texts ----------------------------------------------------------


def test_a_text_that_yaml_reads_as_a_number_is_published_as_written(tmp_path: Path) -> None:
    """YAML 1.1 reads 12:30 as 750 (base 60), 0x1F as 31, 010 as 8 (octal) and 3.10 as 3.1:
    in a text field they are the text as written, in every output."""
    site = _build(tmp_path, {WS: session(
        title="title: 12:30",
        rapporteur="rapporteur: 0x1F",
        key_takeaways="key_takeaways: [12:30, 0x1F, 3.10]",
        calls_to_action="calls_to_action:\n  - text: 010\n    to: [itu]\n  - text: 1.0e+3",
        organizers="organizers: [1_000, 2025-06-24]",
    )})  # fmt: skip
    assert _texts(site, "IGF2025-WS-1") == {
        "IGF2025-WS-1/kt-1": "12:30",
        "IGF2025-WS-1/kt-2": "0x1F",
        "IGF2025-WS-1/kt-3": "3.10",
        "IGF2025-WS-1/cta-1": "010",
        "IGF2025-WS-1/cta-2": "1.0e+3",
    }
    page = BeautifulSoup(
        (site / "sessions/2025/igf2025-ws-1/index.html").read_text("utf-8"), "html.parser"
    )
    assert page.h1 is not None and page.h1.get_text(strip=True) == "12:30"
    main = page.find("main")
    assert main is not None
    text = " ".join(main.get_text(" ").split())
    for written in ("0x1F", "3.10", "1_000", "2025-06-24", "1.0e+3", "010"):
        assert written in text
    for read in ("750", "31", "3.1 ", "1000"):
        assert read not in text


def test_a_translated_text_that_yaml_reads_as_a_number_is_kept_as_written(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path, {
        "sessions/2025/ws-1.fr.md": "---\ntitle: 20:15\nkey_takeaways: [12:30, 0x1F]\n"
        "calls_to_action:\n  - text: 3.10\n---\n",
    })  # fmt: skip
    result = load_corpus(root)
    assert [str(i) for i in result.issues] == []
    ws = result.corpus.sessions["IGF2025-WS-1"]
    assert ws.title.values["fr"] == "20:15"
    assert [m.text.values["fr"] for m in ws.messages] == ["12:30", "0x1F", "3.10"]


def test_a_list_item_in_error_is_named_by_its_own_number(tmp_path: Path) -> None:
    """Each item was checked as a list of one: every problem said 'item 1'."""
    root = write_tree(tmp_path, {WS: session(key_takeaways="key_takeaways: [First, Second, [x]]")})
    assert _problems(root) == [
        f"{WS}:9: error: item 3 of 'key_takeaways' must be a text, not a list"
    ]


# -- true, false and null ------------------------------------------------------------------


def test_a_word_that_yaml_reads_as_true_false_or_null_is_refused_with_the_quotes_it_needs(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path, {WS: session(
        rapporteur="rapporteur: Null",
        key_takeaways="key_takeaways: [First, Second, yes]",
        calls_to_action="calls_to_action:\n  - text: Off\n    to: [itu]\n  - text: ~",
        organizers="organizers: [No, NULL]",
        consensus="consensus:\n  - on",
    )})  # fmt: skip
    hint = "in quotes to mean the word"
    assert _problems(root) == [
        f"{WS}:8: error: 'rapporteur' is Null, which YAML reads as null (no value): "
        f'write "Null" {hint}',
        f"{WS}:9: error: item 3 of 'key_takeaways' is yes, which YAML reads as true: "
        f'write "yes" {hint}',
        f"{WS}:11: error: 'text' is Off, which YAML reads as false: write \"Off\" {hint}",
        f"{WS}:13: error: 'text' is ~, which YAML reads as null (no value): write \"~\" {hint}",
        f"{WS}:14: error: item 1 of 'organizers' is No, which YAML reads as false: "
        f'write "No" {hint}',
        f"{WS}:14: error: item 2 of 'organizers' is NULL, which YAML reads as null (no value): "
        f'write "NULL" {hint}',
        f"{WS}:16: error: item 1 of 'consensus' is on, which YAML reads as true: "
        f'write "on" {hint}',
    ]


def test_an_empty_text_is_still_said_to_be_required(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path, {WS: session(rapporteur="rapporteur:", consensus="consensus: [a, '']")}
    )
    assert _problems(root) == [
        f"{WS}:8: error: 'rapporteur' is required",
        f"{WS}:15: error: item 2 of 'consensus' is empty",
    ]


def test_a_translation_and_a_registry_name_get_the_same_hint(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "sessions/2025/ws-1.fr.md": "---\ntitle: Oui\nkey_takeaways: [Un, null]\n---\n",
        "registry/groups.yml": "- id: dc-access\n  kind: dc\n  name: {en: Dynamic Coalition, fr: Yes}\n",
    })  # fmt: skip
    hint = "in quotes to mean the word"
    assert _problems(root) == [
        "registry/groups.yml:3: error: 'name.fr' is Yes, which YAML reads as true: "
        f'write "Yes" {hint}',
        "sessions/2025/ws-1.fr.md:3: error: item 2 of 'key_takeaways' is null, which YAML "
        f'reads as null (no value): write "null" {hint}',
    ]


# -- quoted numbers ------------------------------------------------------------------------


def test_a_quoted_whole_number_is_the_number(tmp_path: Path) -> None:
    """A quoted date was a date, and a quoted number was refused: "'edition' must be a
    whole number, not '2025'". Digits alone are the number, quoted or not."""
    edition = BASE["editions/2025.md"].replace("edition: 2025", 'edition: "2025"')
    site = _build(tmp_path, {
        "editions/2025.md": edition.replace("title: IGF 2025", "number: '20'\ntitle: IGF 2025"),
        WS: session(edition="edition: '2025'", participants='participants: {onsite: "120", online: 85}'),
        "bodies/itu.md": "---\nbody: itu\nresponses:\n  - date: 2025-10-02\n    edition: '2025'\n"
        "    text: Noted.\n---\n",
    })  # fmt: skip
    sessions = json.loads((site / "api/v1/sessions.json").read_text("utf-8"))
    (ws,) = [s for s in sessions["sessions"] if s["id"] == "IGF2025-WS-1"]
    assert (ws["edition"], ws["participants"]) == (2025, {"onsite": 120, "online": 85})


def test_only_digits_are_a_quoted_number(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        WS: session(edition="edition: '2025.0'", participants="participants: {onsite: '-5', online: 'many'}"),
    })  # fmt: skip
    assert _problems(root) == [
        f"{WS}:3: error: 'edition' must be a whole number, not '2025.0'",
        f"{WS}:15: error: 'participants.online' must be a whole number >= 0",
        f"{WS}:15: error: 'participants.onsite' must be a whole number >= 0",
    ]


def test_a_translation_that_quotes_its_sources_edition_agrees_with_it(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "sessions/2025/ws-1.fr.md": "---\nedition: '2025'\ndate: '2025-06-24'\ntitle: Une session\n---\n",
        "sessions/2025/ws-2.fr.md": "---\nedition: '2024'\ntitle: Une autre\n---\n",
        "sessions/2025/ws-2.md": session(id="id: IGF2025-WS-2"),
    })  # fmt: skip
    assert _problems(root) == [
        "sessions/2025/ws-2.fr.md:2: warning: 'edition' differs from the source "
        "sessions/2025/ws-2.md; the source's value is used"
    ]


# -- what is left open -----------------------------------------------------------------------


def test_a_list_left_open_is_reported_on_the_line_that_opens_it(tmp_path: Path) -> None:
    """YAML notices a '[' left open on the next line, where it gives up looking for its
    end: the problem was said there, on a line with nothing wrong."""
    root = write_tree(tmp_path, {
        WS: session(calls_to_action="calls_to_action:\n  - text: Act.\n    to: [itu, oecd\n"
                    "    stakeholders: [government]"),
        "sessions/2025/ws-2.md": session(id="id: IGF2025-WS-2", participants="participants: {onsite: 1"),
        "sessions/2025/ws-3.md": session(id="id: IGF2025-WS-3", title='title: "Data governance'),
        "registry/groups.yml": "- id: dc-access\n  kind: dc\n  name: [Dynamic Coalition\n"
        "  stakeholder_groups: [academia]\n",
    })  # fmt: skip
    assert [str(i) for i in load_corpus(root).issues if i.is_error] == [
        "registry/groups.yml:3: error: invalid YAML: the '[' opened on line 3 is not closed: "
        "did not find expected ',' or ']' before line 4",
        f"{WS}:14: error: invalid YAML: the '[' opened on line 14 is not closed: "
        "did not find expected ',' or ']' before line 15",
        "sessions/2025/ws-2.md:15: error: invalid YAML: the '{' opened on line 15 is not "
        "closed: did not find expected ',' or '}' before line 16",
        "sessions/2025/ws-3.md:5: error: invalid YAML: the '\"' opened on line 5 is not closed",
    ]


def test_a_problem_on_the_line_that_opens_a_list_is_said_there_as_before(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {WS: session(title="title: [a, {b: c]")})
    assert _problems(root) == [f"{WS}:5: error: invalid YAML: did not find expected ',' or '}}'"]


# -- keys written twice --------------------------------------------------------------------


def test_a_key_written_twice_is_an_error_at_the_second_naming_the_first(tmp_path: Path) -> None:
    """YAML kept the last value without a word: a first list of takeaways was lost."""
    twice = "YAML would keep only this one and drop the first; write each key once"
    root = write_tree(tmp_path, {
        WS: session(
            title="title: A session\ntitle: The session",
            calls_to_action="calls_to_action:\n  - text: Act.\n    to: [itu]\n    text: Do.\n"
            "key_takeaways:\n  - Three.",
        ),
        "sessions/2025/ws-2.md": session(id="id: IGF2025-WS-2", participants="participants: {onsite: 1, onsite: 2}"),
        "registry/groups.yml": BASE["registry/groups.yml"] + "  acronym: DC Access\n",
    })  # fmt: skip
    assert [str(i) for i in load_corpus(root).issues] == [
        f"registry/groups.yml:5: error: duplicate key 'acronym' (first at line 3): {twice}",
        f"{WS}:6: error: duplicate key 'title' (first at line 5): {twice}",
        f"{WS}:16: error: duplicate key 'text' (first at line 14): {twice}",
        f"{WS}:17: error: duplicate key 'key_takeaways' (first at line 10): {twice}",
        f"sessions/2025/ws-2.md:15: error: duplicate key 'onsite' (first at line 15): {twice}",
    ]


def test_a_key_written_twice_does_not_hide_the_files_other_problems(tmp_path: Path) -> None:
    """The duplicate failed the whole file: its other problems came one run at a time."""
    twice = "YAML would keep only this one and drop the first; write each key once"
    root = write_tree(tmp_path, {
        WS: session(
            type="type: Open Forum",
            track="track: trust\ntrack: safety",
            date="date: 2025-02-30",
            calls_to_action="calls_to_action:\n  - text: Do it.\n    to: [itu, unesco]",
        ),
        "registry/groups.yml": BASE["registry/groups.yml"] + "  kind: Dc\n",
    })  # fmt: skip
    assert _problems(root) == [
        "registry/groups.yml:5: error: 'kind' is 'Dc'; did you mean 'dc'? expected one of: "
        "bpf, dc, pn",
        f"registry/groups.yml:5: error: duplicate key 'kind' (first at line 2): {twice}",
        f"{WS}:4: error: 'type' is 'Open Forum'; did you mean 'open-forum'? expected one of: "
        "main, workshop, open-forum, town-hall, dc, bpf, pn, nri, networking, lightning, "
        "launch-award, day0, high-level, parliamentary, youth, open-mic",
        f"{WS}:7: error: duplicate key 'track' (first at line 6): {twice}",
        f"{WS}:7: error: track 'safety' is not a track of edition 2025 (tracks: trust)",
        f"{WS}:8: error: 'date' is '2025-02-30', which is no day of the calendar",
        f"{WS}:15: error: unknown body 'unesco' in 'to'",
    ]


def test_an_alias_in_the_value_a_second_key_replaces_is_still_refused(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        WS: session(title="title: &t A session\ntitle: *t"),
    })  # fmt: skip
    assert _problems(root) == [
        f"{WS}:5: error: YAML anchors and aliases (&name, *name) are not allowed in content"
    ]


# -- " #" in a text ----------------------------------------------------------------------------

CUT = "write the whole text in quotes"


def test_a_text_cut_short_by_a_comment_is_said_with_what_was_lost(tmp_path: Path) -> None:
    """YAML reads ' #' in an unquoted text as the start of a comment: the rest of the line
    was dropped without a word. A warning, not an error: a comment after a value is valid
    YAML, and content that built before must still build (the content contract)."""
    root = write_tree(tmp_path, {
        WS: session(
            title="title: Session #5 on C# and F# #hashtags",
            rapporteur="rapporteur: Amina Diallo  # to confirm",
            key_takeaways="key_takeaways:\n  - Campaigns like #KeepItOn work\n  - Written on\n"
            "    two lines  # and a comment\n"
            "  - '#Quoted stays whole'  # a comment after a quoted text is only a comment",
            calls_to_action="calls_to_action:\n  - text: Act #now\n    to: [itu]  # and oecd?",
            organizers="organizers:\n  - ISOC\n  - Article #19",
        ),
        "sessions/2025/ws-1.fr.md": "---\nkey_takeaways:\n  - Un #1\n  - Deux\n  - Trois\n---\n",
        "registry/groups.yml": "- id: dc-access\n  kind: dc  # bpf, dc or pn\n"
        "  name:\n    en: Accessibility #DC\n    fr: Accessibilité  # to review\n",
    })  # fmt: skip
    result = load_corpus(root)
    assert [str(i) for i in result.issues] == [
        "registry/groups.yml:4: warning: 'name.en' ends before ' #': YAML reads '#DC' as a "
        f"comment; {CUT}",
        "registry/groups.yml:5: warning: 'name.fr' ends before ' #': YAML reads '# to review' "
        f"as a comment; {CUT}",
        f"sessions/2025/ws-1.fr.md:3: warning: item 1 of 'key_takeaways' ends before ' #': "
        f"YAML reads '#1' as a comment; {CUT}",
        f"{WS}:5: warning: 'title' ends before ' #': YAML reads "
        f"'#5 on C# and F# #hashtags' as a comment; {CUT}",
        f"{WS}:8: warning: 'rapporteur' ends before ' #': YAML reads '# to confirm' as a "
        f"comment; {CUT}",
        f"{WS}:10: warning: item 1 of 'key_takeaways' ends before ' #': YAML reads "
        f"'#KeepItOn work' as a comment; {CUT}",
        f"{WS}:12: warning: item 2 of 'key_takeaways' ends before ' #': YAML reads "
        f"'# and a comment' as a comment; {CUT}",
        f"{WS}:15: warning: 'text' ends before ' #': YAML reads '#now' as a comment; {CUT}",
        f"{WS}:19: warning: item 2 of 'organizers' ends before ' #': YAML reads '#19' as a "
        f"comment; {CUT}",
    ]
    ws = result.corpus.sessions["IGF2025-WS-1"]
    assert [str(m.text) for m in ws.messages][:3] == [
        "Campaigns like",
        "Written on two lines",
        "#Quoted stays whole",
    ]


def test_a_text_that_is_all_comment_says_why_it_is_empty(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        WS: session(
            title="title: #5 on C#",
            key_takeaways="key_takeaways:\n  - #KeepItOn\n  - Two.",
            calls_to_action="calls_to_action:\n  - text:  # to write\n    to: [itu]",
        ),
    })  # fmt: skip
    assert [str(i) for i in load_corpus(root).issues] == [
        f"{WS}:5: error: 'title' is empty: YAML reads '#5 on C#' as a comment; {CUT}",
        f"{WS}:10: error: item 1 of 'key_takeaways' is empty: YAML reads '#KeepItOn' as a "
        f"comment; {CUT}",
        f"{WS}:13: error: 'text' is empty: YAML reads '# to write' as a comment; {CUT}",
    ]


def test_a_comment_after_a_code_or_an_empty_optional_field_is_only_a_comment(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path, {
        WS: session(
            type="type: workshop  # or open-forum",
            track="track: trust # the edition's first",
            date="date: 2025-06-24  # the second day",
            stakeholders="stakeholders: [government]  # who spoke",
            organizers="organizers:  # none yet",
            calls_to_action="calls_to_action:  # 0 to 3\n  - text: 'Act #now'  # quoted\n"
            "    to: [itu]  # and oecd?",
            links="links: {video: https://example.org/v#t=10}",
        ),
        "registry/bodies.yml": BASE["registry/bodies.yml"].replace(
            "type: igo", "type: igo  # or regional-igo\n  contact:  # to find"
        ),
    })  # fmt: skip
    assert [str(i) for i in load_corpus(root).issues] == []


def test_a_report_backs_text_cut_short_is_said_too(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "bodies/itu.md": "---\nbody: itu\nresponses:\n  - date: 2025-10-02\n    edition: 2025\n"
        "    text: We support #KeepItOn\nfollow_up:\n  - message: IGF2025-WS-1/cta-1\n"
        "    date: 2025-10-02\n    response: supported\n    text: Done #1\n---\n",
        "bodies/itu.fr.md": "---\nfollow_up:\n  - text: Fait #1\n---\n",
    })  # fmt: skip
    assert [str(i) for i in load_corpus(root).issues] == [
        "bodies/itu.fr.md:3: warning: the 'text' of follow-up entry 1 ends before ' #': YAML "
        f"reads '#1' as a comment; {CUT}",
        "bodies/itu.md:6: warning: the 'text' of response 1 ends before ' #': YAML reads "
        f"'#KeepItOn' as a comment; {CUT}",
        "bodies/itu.md:11: warning: the 'text' of follow-up entry 1 ends before ' #': YAML "
        f"reads '#1' as a comment; {CUT}",
    ]


def test_check_says_it_on_the_line_and_the_scaffold_and_the_sample_say_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "content", {WS: session(title="title: Session #5")})
    monkeypatch.chdir(tmp_path)
    assert igfpub(["check"]) == 0  # a warning: the site still builds
    assert capsys.readouterr().err.splitlines() == [
        f"content/{WS}:5: warning: 'title' ends before ' #': YAML reads '#5' as a comment; {CUT}",
        "igfpub: 0 errors, 1 warning",
    ]
    assert igfpub(["check", str(SAMPLE)]) == 0
    assert "as a comment" not in capsys.readouterr().err
    for languages in ("en,fr", "pt,en,es"):
        site = tmp_path / languages
        assert igfpub(["init", str(site), "--languages", languages]) == 0
        monkeypatch.chdir(site)
        (edition,) = Path("content/editions").glob("*.md")
        assert igfpub(["new", "session", "--id", "WS-2", "--edition", edition.stem]) == 0
        capsys.readouterr()
        assert igfpub(["check"]) == 0
        assert capsys.readouterr().err == ""
