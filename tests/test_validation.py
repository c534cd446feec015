"""Every rule of the content contract, one case each: the exact problem record."""

from __future__ import annotations

from pathlib import Path

import pytest

from igfpub.core.fields import HOSTILE_MESSAGE
from igfpub.core.loader import Limits, load_corpus
from tests.contentkit import BASE, session, write_tree

WS = "sessions/2025/ws-1.md"

CASES: list[tuple[str, dict[str, str | bytes], list[str]]] = [
    ("valid base", {}, []),
    (
        "missing required field",
        {WS: session(rapporteur="")},
        [f"{WS}:1: error: 'rapporteur' is required"],
    ),
    (
        "id with path characters",
        {WS: session(id="id: ../../etc/passwd")},
        [f"{WS}:2: error: 'id' '../../etc/passwd' may only use letters, digits and '-' (max 80)"],
    ),
    (
        "duplicate id, case-insensitive",
        {"sessions/2024/copy.md": session(id="id: igf2025-ws-1")},
        [f"{WS}:2: error: duplicate id 'IGF2025-WS-1': already used in sessions/2024/copy.md:2"],
    ),
    (
        "unknown edition",
        {WS: session(edition="edition: 2019")},
        [f"{WS}:3: error: edition 2019 does not exist (no editions/2019.md)"],
    ),
    (
        "unknown type",
        {WS: session(type="type: keynote")},
        [
            f"{WS}:4: error: 'type' is 'keynote'; expected one of: main, workshop, open-forum, "
            "town-hall, dc, bpf, pn, nri, networking, lightning, launch-award, day0, high-level, "
            "parliamentary, youth, open-mic"
        ],
    ),
    (
        "unknown track",
        {WS: session(track="track: ai")},
        [f"{WS}:6: error: track 'ai' is not a track of edition 2025 (tracks: trust)"],
    ),
    (
        "date outside the edition",
        {WS: session(date="date: 2025-07-02")},
        [f"{WS}:7: error: date 2025-07-02 is outside edition 2025 (2025-06-23 to 2025-06-27)"],
    ),
    (
        # Said by the field, with the file's other problems: it failed the whole file.
        "impossible date, and another problem",
        {WS: session(date="date: 2025-02-30", rapporteur="rapporteur: [A, B]")},
        [
            f"{WS}:7: error: 'date' is '2025-02-30', which is no day of the calendar",
            f"{WS}:8: error: 'rapporteur' must be a text, not a list",
        ],
    ),
    (
        "too many takeaways",
        {WS: session(key_takeaways="key_takeaways: [a, b, c, d]")},
        [f"{WS}:9: error: 'key_takeaways' has 4 items; the limit is 3"],
    ),
    (
        "no takeaways",
        {WS: session(key_takeaways="key_takeaways: []")},
        [f"{WS}:9: error: 'key_takeaways' needs at least 1 item"],
    ),
    (
        "'to' as a plain string",
        {WS: session(calls_to_action="calls_to_action:\n  - text: x\n    to: itu, oecd")},
        [f"{WS}:14: error: 'to' must be a list of body ids: write to: [itu, oecd]"],
    ),
    (
        "unknown body, with a hint",
        {WS: session(calls_to_action="calls_to_action:\n  - text: x\n    to: [itu, oecdd]")},
        [f"{WS}:14: error: unknown body 'oecdd' in 'to' (did you mean 'oecd'?)"],
    ),
    (
        "call to action without text",
        {WS: session(calls_to_action="calls_to_action:\n  - to: [itu]")},
        [f"{WS}:13: error: 'text' is required"],
    ),
    (
        "stakeholder outside the list",
        {WS: session(stakeholders="stakeholders: [media]")},
        [
            f"{WS}:15: error: 'stakeholders' has 'media'; expected one of: government, igo, "
            "civil-society, technical-community, private-sector, academia, youth, parliament"
        ],
    ),
    (
        "translation with a different number of takeaways",
        {
            "sessions/2025/ws-1.fr.md": "---\ntitle: Une session\nkey_takeaways: [Un, Deux, Trois]\n---\n"
        },
        [
            "sessions/2025/ws-1.fr.md:3: error: 'key_takeaways' has 3 items but the source "
            "sessions/2025/ws-1.md has 2"
        ],
    ),
    (
        "unknown language suffix",
        {"sessions/2025/ws-1.de.md": "---\ntitle: Eine Sitzung\n---\n"},
        [
            "sessions/2025/ws-1.de.md:1: error: unknown language suffix '.de'; expected one of: fr, es, ru, zh, ar"
        ],
    ),
    (
        "translation without a source",
        {"sessions/2025/ws-9.fr.md": "---\ntitle: X\n---\n"},
        [
            "sessions/2025/ws-9.fr.md:1: error: translation without a source: expected sessions/2025/ws-9.md"
        ],
    ),
    (
        "unquoted title with ': ' in it",
        {WS: session(title="title: Oficina: dados abertos")},
        [
            f"{WS}:5: error: invalid YAML: mapping values are not allowed in this context "
            "(a value with ': ' in it must be quoted)"
        ],
    ),
    (
        "indented with a tab",
        {WS: session(calls_to_action="calls_to_action:\n\t- text: Do it.")},
        [
            f"{WS}:13: error: invalid YAML: found character that cannot start any token "
            "(YAML does not allow tabs for indentation)"
        ],
    ),
    (
        "response without an edition",
        {
            "bodies/itu.md": "---\nbody: itu\nresponses:\n  - {date: 2025-09-01, text: Noted.}\n---\n"
        },
        ["bodies/itu.md:4: error: response 1: 'edition' is required"],
    ),
    (
        "two sources for one document",
        {"sessions/2025/ws-1.en.md": "---\ntitle: A translation into the source\n---\n"},
        # One problem, on the file with the suffix: read as the source, it had said every
        # field it leaves to the source missing.
        [
            "sessions/2025/ws-1.en.md:1: error: two sources for one document: "
            "sessions/2025/ws-1.md is its source; a translation's suffix names another "
            "language of the site"
        ],
    ),
    (
        "bad source_hash",
        {
            "sessions/2025/ws-1.fr.md": "---\ntitle: T\ntranslation: {status: human, source_hash: PENDING}\n---\n"
        },
        [
            "sessions/2025/ws-1.fr.md:3: error: 'source_hash' must be 12 to 64 hex digits of the source's SHA-256, optionally written sha256:... (the current one is {hash})"
        ],
    ),
    (
        "duplicate body in the registry",
        {
            "registry/bodies.yml": "- id: itu\n  name: ITU\n  type: un-agency\n- id: itu\n  name: ITU again\n  type: un-agency\n"
        },
        [
            "registry/bodies.yml:4: error: duplicate body id 'itu' (first at line 1)",
            f"{WS}:14: error: unknown body 'oecd' in 'to'",
        ][:1],
    ),
    (
        "a body id written as a list",
        {
            "registry/bodies.yml": "- id: itu\n  name: ITU\n  type: un-agency\n- id: oecd\n"
            "  name: OECD\n  type: igo\n- id: [unesco]\n  name: UNESCO\n  type: un-agency\n"
        },
        ["registry/bodies.yml:7: error: 'id' must be a text, not a list"],
    ),
    (
        "reserved body id",
        {
            "registry/bodies.yml": "- id: itu\n  name: ITU\n  type: un-agency\n- id: oecd\n"
            "  name: OECD\n  type: igo\n- id: all\n  name: All\n  type: igo\n"
        },
        [
            "registry/bodies.yml:7: error: body id 'all' is reserved "
            "(bodies/all/ lists the messages addressed to all bodies)"
        ],
    ),
    (
        "YAML alias bomb",
        {WS: "---\na: &a [x, x]\nb: [*a, *a]\n---\n"},
        [f"{WS}:2: error: YAML anchors and aliases (&name, *name) are not allowed in content"],
    ),
    (
        # One value written twice by alias: it was accepted without a word.
        "YAML alias of a value",
        {WS: session(title='title: &t "Anchored"', rapporteur="rapporteur: *t")},
        [f"{WS}:5: error: YAML anchors and aliases (&name, *name) are not allowed in content"],
    ),
    (
        "invalid UTF-8",
        {WS: b"---\nid: \xff\n---\n"},
        [f"{WS}:2: error: not valid UTF-8 (at byte offset 8)"],
    ),
    (
        "huge file",
        {WS: "---\n" + "x: y\n" * 300_000 + "---\n"},
        [f"{WS}:1: error: file is larger than the 1048576-byte limit"],
    ),
    (
        "front matter is a list",
        {WS: "---\n- id: X\n---\n"},
        [f"{WS}:2: error: front matter must be a mapping of fields, not a list"],
    ),
    (
        "no front matter",
        {WS: "# Just a page\n"},
        [f"{WS}:1: error: front matter ('---' block of fields) is missing"],
    ),
    (
        "broken YAML",
        {WS: "---\nid: [unclosed\n---\n"},
        [
            f"{WS}:2: error: invalid YAML: the '[' opened on line 2 is not closed: "
            "did not find expected ',' or ']' before line 3"
        ],
    ),
    (
        "unknown group",
        {
            "messages/2025/dc.md": "---\nid: DC-1\nedition: 2025\ngroup: dc-nope\ntitle: T\nstatus: final\n"
            "key_takeaways: [a]\nrecommendations:\n  - text: r\n    to: [itu]\n---\n"
        },
        ["messages/2025/dc.md:4: error: unknown group 'dc-nope' (not in registry/groups.yml)"],
    ),
    (
        "recommendations are required",
        {
            "messages/2025/dc.md": "---\nid: DC-1\nedition: 2025\ngroup: dc-access\ntitle: T\nstatus: final\n"
            "key_takeaways: [a]\n---\n"
        },
        ["messages/2025/dc.md:1: error: 'recommendations' is required (at least 1)"],
    ),
    (
        "edition in a misnamed file",
        {
            "editions/2024.md": "---\nedition: 2023\ntitle: T\ncity: C\ncountry: K\n"
            "dates: {start: 2023-01-01, end: 2023-01-02}\ntracks: [{id: a, title: A}]\n---\n"
        },
        [
            "editions/2024.md:2: error: edition 2023 is in a file named 2024.md; name it editions/2023.md"
        ],
    ),
    (
        "control character written as a YAML escape",
        {WS: session(calls_to_action='calls_to_action:\n  - text: "Act \\x1b now"\n    to: [itu]')},
        [f"{WS}:13: error: contains the control character U+001B; remove it"],
    ),
    (
        # XML forbids U+FFFE and U+FFFF: a feed holding one could not be written (or read).
        "non-character written as a YAML escape, in a call to action and in a body's name",
        {
            WS: session(
                calls_to_action='calls_to_action:\n  - text: "Act \\uffff now"\n    to: [itu]'
            ),
            "registry/bodies.yml": '- id: itu\n  name: {en: "ITU \\ufffe"}\n  type: un-agency\n'
            "- id: oecd\n  name: OECD\n  type: igo\n",
        },
        [
            "registry/bodies.yml:2: error: contains the non-character U+FFFE; remove it",
            f"{WS}:13: error: contains the non-character U+FFFF; remove it",
        ],
    ),
    (
        "unquoted comma in a name",
        {
            "registry/bodies.yml": "- id: itu\n  name: {en: Union, Telecom}\n  type: un-agency\n- id: oecd\n  name: OECD\n  type: igo\n"
        },
        [
            "registry/bodies.yml:2: error: 'name' has language 'Telecom'; expected one of: en, fr, es, ru, zh, ar"
        ],
    ),
]


@pytest.mark.parametrize(("name", "files", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_reports_path_line_and_message(
    tmp_path: Path, name: str, files: dict[str, str | bytes], expected: list[str]
) -> None:
    root = write_tree(tmp_path, files)
    result = load_corpus(root)
    errors = [str(i) for i in result.issues if i.is_error]
    ws1 = result.corpus.sessions.get("IGF2025-WS-1")
    source_hash = ws1.text.source_hash if ws1 else ""
    assert errors == [e.replace("{hash}", source_hash) for e in expected]
    assert result.ok is (not expected)


def test_calls_to_action_limit_is_configurable(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {})
    assert load_corpus(root).ok
    result = load_corpus(root, Limits(key_takeaways=1, calls_to_action=0))
    assert [str(i) for i in result.issues] == [
        f"{WS}:9: error: 'key_takeaways' has 2 items; the limit is 1",
        f"{WS}:12: error: 'calls_to_action' has 1 items; the limit is 0",
    ]


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        WS: session(track="track: nope", date="date: 2030-01-01"),
        "sessions/2025/ws-2.md": session(id="id: IGF2025-WS-2", type="type: keynote"),
        "sessions/2025/x.de.md": "---\n---\n",
    })  # fmt: skip
    errors = [i for i in load_corpus(root).issues if i.is_error]
    assert [(i.path, i.line) for i in errors] == [
        ("sessions/2025/ws-1.md", 6),
        ("sessions/2025/ws-1.md", 7),
        ("sessions/2025/ws-2.md", 4),
        ("sessions/2025/x.de.md", 1),
    ]


def test_hostile_markup_is_a_warning_with_its_line(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {WS: session() + "Fine.\n\n<script>alert(1)</script>\n"})
    result = load_corpus(root)
    assert result.ok
    assert [str(i) for i in result.issues] == [f"{WS}:19: warning: {HOSTILE_MESSAGE}"]


@pytest.mark.parametrize(
    ("broken", "error"),
    [
        (
            "title: [unclosed",
            f"{WS}:5: error: invalid YAML: the '[' opened on line 5 is not closed: "
            "did not find expected ',' or ']' before line 6",
        ),
        ("track: ai", f"{WS}:6: error: track 'ai' is not a track of edition 2025 (tracks: trust)"),
    ],
    ids=["front matter that does not parse", "a field in error"],
)
def test_a_document_in_error_is_not_also_unknown_where_it_is_named(
    tmp_path: Path, broken: str, error: str
) -> None:
    """A session kept out of the archive by its own error is named elsewhere, in a link by
    its id, one to a message of it, and a report-back's response and follow-up: only its
    own error is said (before, each mention was also 'unknown', with a guess at another id
    that exists). An id that names nothing is still an error beside it."""
    key = broken.split(":", 1)[0]
    root = write_tree(tmp_path, {
        WS: session(**{key: broken}),
        "sessions/2025/ws-2.md": session(id="id: IGF2025-WS-2") + (
            "See [the workshop][igf2025-ws-1], [its call][IGF2025-WS-1/cta-1]"
            " and [another][IGF2025-WS-9].\n"
        ),
        "bodies/itu.md": (
            "---\n"
            "body: itu\n"
            "responses:\n"
            "  - {date: 2025-09-01, edition: 2025, about: [IGF2025-WS-1], text: Noted.}\n"
            "follow_up:\n"
            "  - message: igf2025-ws-1/cta-1\n"
            "    date: 2025-09-01\n"
            "    response: noted\n"
            "  - message: IGF2025-WS-2/cta-1\n"
            "    date: 2025-09-01\n"
            "    response: noted\n"
            "---\n"
        ),
    })  # fmt: skip
    result = load_corpus(root)
    assert [str(i) for i in result.issues if i.is_error] == [
        error,
        "sessions/2025/ws-2.md:17: error: link to [IGF2025-WS-9]: "
        "no document, message or body has that id",
    ]
    # The report's entry on the session in error is left out; the other one stays.
    report = result.corpus.reports["itu"]
    assert [entry.message for entry in report.follow_up] == ["IGF2025-WS-2/cta-1"]


REPORT_ON_WS1 = (
    "---\n"
    "body: itu\n"
    "responses:\n"
    "  - {date: 2025-09-01, edition: 2025, about: [IGF2025-WS-1], text: Noted.}\n"
    "follow_up:\n"
    "  - message: IGF2025-WS-1/cta-1\n"
    "    date: 2025-09-01\n"
    "    response: noted\n"
    "---\n"
)


@pytest.mark.parametrize(
    ("files", "error"),
    [
        (
            {"registry/bodies.yml": BASE["registry/bodies.yml"].replace(
                "name: {en: International Telecommunication Union, fr: Union internationale "
                "des télécommunications}", "name: {pt-br: União}")},
            "registry/bodies.yml:3: error: 'name' has language 'pt-br'; "
            "expected one of: en, fr, es, ru, zh, ar",
        ),
        (
            {"editions/2025.md": BASE["editions/2025.md"].replace(
                "messages_status: draft", "messages_status: drafted")},
            "editions/2025.md:10: error: 'messages_status' is 'drafted'; "
            "did you mean 'draft'? expected one of: draft, consultation, final",
        ),
    ],
    ids=["a body whose entry is in error", "an edition in error"],
)  # fmt: skip
def test_a_registry_entry_or_edition_in_error_is_not_also_unknown_where_it_is_named(
    tmp_path: Path, files: dict[str, str], error: str
) -> None:
    """An entry of a registry, or an edition, left out for an error of its own, is named by
    sessions (`to`, `edition`), links (by path) and a report-back (`body`, a response's
    `edition`): only its own error is said. Before, each was also unknown: a stranger's one
    language key in bodies.yml gave ten errors, eight of them false."""
    root = write_tree(tmp_path, {
        **files,
        "bodies/itu.md": REPORT_ON_WS1,
        "index.md": "# Home\n\nSee [the workshop](sessions/2025/ws-1.md).\n",
    })  # fmt: skip
    errors = [str(i) for i in load_corpus(root).issues if i.is_error]
    assert errors == [error]


def test_to_written_as_a_string_is_one_error_and_read_as_meant(tmp_path: Path) -> None:
    """`to: itu, oecd` is refused with its fix; the message is still read as addressed to
    ITU and OECD, so a report on it is not also "not addressed to itu"."""
    root = write_tree(tmp_path, {
        WS: session(calls_to_action="calls_to_action:\n  - text: Do it.\n    to: itu, oecd"),
        "bodies/itu.md": REPORT_ON_WS1,
    })  # fmt: skip
    errors = [str(i) for i in load_corpus(root).issues if i.is_error]
    assert errors == [f"{WS}:14: error: 'to' must be a list of body ids: write to: [itu, oecd]"]


def test_a_field_a_letter_or_two_from_a_known_one_is_said_to_be_ignored(tmp_path: Path) -> None:
    """Content may add fields of its own, so an unknown field is not an error; but one that
    is a typo of a field igfpub reads (`implementaton`) was ignored without a word, and the
    rapporteur saw its value vanish. A field of one's own (`internal_notes`) stays silent."""
    root = write_tree(tmp_path, {
        WS: session(rapporteur="rapporter: A. Person", internal_notes="internal_notes: x"),
        "bodies/itu.md": (
            "---\n"
            "body: itu\n"
            "follow_up:\n"
            "  - message: IGF2025-WS-1/cta-1\n"
            "    date: 2025-09-01\n"
            "    response: supported\n"
            "    implementaton: ongoing\n"
            "---\n"
        ),
    })  # fmt: skip
    assert [str(i) for i in load_corpus(root).issues] == [
        "bodies/itu.md:7: warning: unknown field 'implementaton' is ignored: "
        "did you mean 'implementation'?",
        f"{WS}:1: error: 'rapporteur' is required",
        f"{WS}:8: warning: unknown field 'rapporter' is ignored: did you mean 'rapporteur'?",
    ]
