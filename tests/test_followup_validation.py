"""Every rule of the follow-up and liaison contract, one case each: the exact problem
record (``path:line: error: message``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from igfpub.core.fields import HOSTILE_MESSAGE
from igfpub.core.loader import load_corpus
from tests.contentkit import BASE, write_tree

ITU = "bodies/itu.md"
REG = "registry/bodies.yml"


def report(*entries: str, body: str = "itu") -> str:
    """A report-back whose follow_up holds ``entries`` (each a YAML list item)."""
    return f"---\nbody: {body}\nfollow_up:\n" + "".join(entries) + "---\nFree text.\n"


GOOD = (
    "  - message: IGF2025-WS-1/cta-1\n"  # line 4
    "    date: 2025-07-01\n"
    "    response: supported\n"
    "    implementation: ongoing\n"
    "    text: We did it.\n"
    "    evidence: https://example.org/decision\n"
)


def entry(**fields: str) -> str:
    base = {"message": "IGF2025-WS-1/cta-1", "date": "2025-07-01", "response": "supported"}
    base.update(fields)
    lines = [f"{k}: {v}" for k, v in base.items() if v]
    return "  - " + "\n    ".join(lines) + "\n"


def registry(liaison: str) -> str:
    return BASE[REG].replace("  type: un-agency\n", "  type: un-agency\n" + liaison, 1)


def second_file(path: str) -> str:
    return f"{path}:2: error: 'itu' already has its report-back in {ITU}: write one file per body"


CASES: list[tuple[str, dict[str, str], list[str]]] = [
    (
        "a valid timeline",
        {
            ITU: report(
                GOOD, entry(date="2025-09-01", response="supported", implementation="completed")
            )
        },
        [],
    ),
    (
        "follow_up is not a list",
        {ITU: "---\nbody: itu\nfollow_up: IGF2025-WS-1/cta-1\n---\n"},
        [
            f"{ITU}:3: error: 'follow_up' must be a list of entries: - message: ..., date: ..., response: ..."
        ],
    ),
    (
        "an entry that is not a mapping",
        {ITU: report("  - IGF2025-WS-1/cta-1\n")},
        [f"{ITU}:4: error: follow-up entry 1 must be a mapping with message, date and response"],
    ),
    (
        "an entry without a message",
        {ITU: report(entry(message=""))},
        [
            f"{ITU}:4: error: follow-up entry 1 needs a 'message': a message id such as IGF2025-WS-142/cta-2"
        ],
    ),
    (
        "an unknown message, with a hint",
        {ITU: report(entry(message="IGF2025-WS-1/cta-2"))},
        [
            f"{ITU}:4: error: follow-up entry 1: unknown message 'IGF2025-WS-1/cta-2' (did you mean 'IGF2025-WS-1/cta-1'?)"
        ],
    ),
    (
        "a takeaway is not followed up",
        {ITU: report(entry(message="IGF2025-WS-1/kt-2"))},
        [
            f"{ITU}:4: error: follow-up entry 1: IGF2025-WS-1/kt-2 is a key takeaway; only calls to action and recommendations are followed up"
        ],
    ),
    (
        "a message not addressed to that body",
        {"bodies/oecd.md": report(entry(), body="oecd")},
        [
            "bodies/oecd.md:4: error: follow-up entry 1: IGF2025-WS-1/cta-1 is not addressed to oecd (its 'to': itu)"
        ],
    ),
    (
        "dated before the message's session",
        {ITU: report(GOOD, entry(date="2025-06-23"))},
        [
            f"{ITU}:11: error: follow-up entry 2: date 2025-06-23 is before the message's session (2025-06-24)"
        ],
    ),
    (
        "dated before the meeting its intersessional document was presented at",
        {
            "messages/2025/dc.md": "---\nid: DC-1\nedition: 2025\ngroup: dc-access\ntitle: T\n"
            "status: final\nkey_takeaways: [a]\nrecommendations:\n  - text: r\n    to: [itu]\n---\n",
            ITU: report(entry(message="DC-1/rec-1", date="2025-06-26")),
        },
        [
            f"{ITU}:5: error: follow-up entry 1: date 2025-06-26 is before the last day of the meeting the message was presented at (2025-06-27)"
        ],
    ),
    (
        "no date",
        {ITU: report(entry(date=""))},
        [f"{ITU}:4: error: 'date' is required"],
    ),
    (
        "a date that is not a date",
        {ITU: report(entry(date="soon"))},
        [f"{ITU}:5: error: 'date' must be a date written YYYY-MM-DD, not 'soon'"],
    ),
    (
        "no response",
        {ITU: report(entry(response=""))},
        [f"{ITU}:4: error: 'response' is required"],
    ),
    (
        "an unknown response",
        {ITU: report(entry(response="accepted"))},
        [
            f"{ITU}:6: error: 'response' is 'accepted'; expected one of: acknowledged, supported, noted, declined"
        ],
    ),
    (
        "an unknown implementation",
        {ITU: report(entry(implementation="done"))},
        [
            f"{ITU}:7: error: 'implementation' is 'done'; expected one of: not-started, ongoing, completed"
        ],
    ),
    (
        "evidence that is not an http(s) URL",
        {ITU: report(entry(evidence="ftp://example.org/x"))},
        [
            f"{ITU}:7: error: follow-up entry 1: 'evidence' must be an http(s) URL, not 'ftp://example.org/x'"
        ],
    ),
    (
        "an empty text",
        {ITU: report(entry(text='""'))},
        [f"{ITU}:7: error: follow-up entry 1: 'text' must be a non-empty text"],
    ),
    (
        "a translation whose follow_up does not line up",
        {ITU: report(GOOD), "bodies/itu.fr.md": report(entry(text="Un."), entry(text="Deux."))},
        ["bodies/itu.fr.md:3: error: 'follow_up' has 2 items but the source bodies/itu.md has 1"],
    ),
    (
        "a translated entry that is not a mapping",
        {ITU: report(GOOD), "bodies/itu.fr.md": report('  - "Nous l\'avons fait."\n')},
        [
            "bodies/itu.fr.md:4: error: follow-up entry 1 must be a mapping: write '- text: ...' (or '- {}' to keep the source's text)"
        ],
    ),
    (
        "script in a follow-up text",
        {ITU: report(entry(text='"<script>alert(1)</script>"'))},
        [f"{ITU}:7: warning: {HOSTILE_MESSAGE}"],
    ),
    (
        "a liaison that is not a mapping",
        {REG: registry("  liaison: wsis@itu.int\n")},
        [
            f"{REG}:5: error: 'liaison' must be a mapping: {{name: ..., email: ..., languages: [...]}}"
        ],
    ),
    (
        "a liaison without name or email",
        {REG: registry("  liaison:\n    languages: [en]\n")},
        [
            f"{REG}:5: error: 'liaison' needs a 'name'",
            f"{REG}:5: error: 'liaison' needs an 'email'",
        ],
    ),
    (
        "a liaison e-mail address that is not one",
        {REG: registry("  liaison: {name: WSIS, email: wsis at itu.int}\n")},
        [f"{REG}:5: error: 'liaison.email' 'wsis at itu.int' is not an e-mail address"],
    ),
    (
        "a liaison language the site does not have",
        {
            REG: registry(
                "  liaison:\n    name: WSIS\n    email: wsis@itu.int\n    languages: [en, de]\n"
            )
        },
        [
            f"{REG}:8: error: 'liaison.languages' has 'de'; expected languages of the site: en, fr, es, ru, zh, ar"
        ],
    ),
    (
        "links in a follow-up text to a missing file and an unknown id, in the source and its translation",
        {
            ITU: report(
                entry(text="'[missing](../sessions/2025/nope.md), [bad][IGF2025-NOPE-9/cta-1]'")
            ),
            "bodies/itu.fr.md": report(entry(text="'voir [ici](../sessions/2025/non.md)'")),
        },
        [
            "bodies/itu.fr.md:7: error: link to '../sessions/2025/non.md': there is no content file sessions/2025/non.md",
            f"{ITU}:7: error: link to '../sessions/2025/nope.md': there is no content file sessions/2025/nope.md",
            f"{ITU}:7: error: link to [IGF2025-NOPE-9/cta-1]: no document, message or body has that id",
        ],
    ),
    (
        "two files for one body: the one not named after it is refused, naming the other",
        {ITU: report(GOOD), "bodies/itu-2.md": report(entry(date="2025-09-01"))},
        [second_file("bodies/itu-2.md")],
    ),
    (
        "a report-back in a file not named after its body",
        {"bodies/icann.md": report(GOOD)},
        [
            "bodies/icann.md:2: error: the report-back of 'itu' must be in the file "
            "bodies/itu.md (links to a body's report-back use that name)"
        ],
    ),
    (
        "a file named after another body's id, beside that body's own file",
        {ITU: report(GOOD), "bodies/oecd.md": report(entry(date="2025-09-01"))},
        [second_file("bodies/oecd.md")],
    ),
    (
        "a file name in another case than the body id is that body's",
        {"bodies/ITU.md": report(GOOD)},
        [],
    ),
    (
        "a liaison language named twice",
        {
            REG: registry(
                "  liaison:\n    name: WSIS\n    email: wsis@itu.int\n    languages: [fr, fr]\n"
            )
        },
        [f"{REG}:8: error: 'liaison.languages' names 'fr' twice"],
    ),
    (
        # The name is the display name of the e-mail's To: header: a line break there would
        # start a header of its own (pack died of it with a traceback).
        "a liaison name with a line break",
        {REG: registry('  liaison: {name: "WSIS\\r\\nBcc: x@y.org", email: wsis@itu.int}\n')},
        [
            f"{REG}:5: error: 'liaison.name' contains a carriage return (U+000D); the name is "
            "one line of the e-mail's To: header: remove it"
        ],
    ),
    (
        "a liaison name with a tab, on its own line",
        {REG: registry('  liaison:\n    name: "WSIS\\tSecretariat"\n    email: wsis@itu.int\n')},
        [
            f"{REG}:6: error: 'liaison.name' contains a tab (U+0009); the name is one line of "
            "the e-mail's To: header: remove it"
        ],
    ),
    (
        "a liaison name with a line separator",
        {REG: registry('  liaison: {name: "WSIS\\u2028Bcc: x@y.org", email: wsis@itu.int}\n')},
        [
            f"{REG}:5: error: 'liaison.name' contains a line separator (U+2028); the name is "
            "one line of the e-mail's To: header: remove it"
        ],
    ),
]


@pytest.mark.parametrize(("name", "files", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_follow_up_rule_reports_path_line_and_message(
    tmp_path: Path, name: str, files: dict[str, str], expected: list[str]
) -> None:
    result = load_corpus(write_tree(tmp_path, dict(files)))
    assert [str(i) for i in result.issues] == expected


def test_a_valid_timeline_is_loaded_in_file_order_with_its_translation(tmp_path: Path) -> None:
    files = {ITU: report(GOOD, entry(date="2025-09-01", implementation="completed")),
             "bodies/itu.fr.md": report(entry(text="Nous l'avons fait."), entry()),
             REG: registry("  liaison: {name: WSIS, email: wsis@itu.int, languages: [fr, en]}\n")}  # fmt: skip
    corpus = load_corpus(write_tree(tmp_path, files)).corpus
    timeline = corpus.reports["itu"].follow_up
    assert [(e.message, str(e.date), e.response, e.implementation) for e in timeline] == [
        ("IGF2025-WS-1/cta-1", "2025-07-01", "supported", "ongoing"),
        ("IGF2025-WS-1/cta-1", "2025-09-01", "supported", "completed"),
    ]
    assert timeline[0].text is not None
    assert dict(timeline[0].text.values) == {"en": "We did it.", "fr": "Nous l'avons fait."}
    assert timeline[0].evidence == "https://example.org/decision"
    assert (timeline[0].source.path, timeline[0].source.line) == (ITU, 4)
    liaison = corpus.bodies["itu"].liaison
    assert liaison is not None
    assert (liaison.name, liaison.email, liaison.languages) == (
        "WSIS",
        "wsis@itu.int",
        ("fr", "en"),
    )
    assert corpus.bodies["oecd"].liaison is None


def test_ids_in_any_case_and_quoted_dates_are_what_their_writer_meant(tmp_path: Path) -> None:
    """Ids are unique whatever their case (URLs lower-case them), and YAML reads a quoted
    date as a string: a body's secretariat writing ``body: ITU``, ``igf2025-ws-1/CTA-1``
    and ``date: "2025-07-01"``, or a rapporteur writing ``to: [ITU, Oecd]`` and
    ``track: Trust``, means the ids and the day, which the site shows as if written
    exactly."""
    files = {
        ITU: (
            "---\nbody: ITU\nresponses:\n  - date: '2025-08-01'\n    edition: 2025\n"
            "    about: [igf2025-ws-1]\n    text: We read it.\n"
            'follow_up:\n  - message: igf2025-ws-1/CTA-1\n    date: "2025-07-01"\n'
            "    response: supported\n---\nFree text.\n"
        ),
        "sessions/2025/ws-1.md": BASE["sessions/2025/ws-1.md"]
        .replace("to: [itu]", "to: [ITU, Oecd]")
        .replace("track: trust", "track: Trust"),
        "messages/2025/dcad.md": (
            "---\nid: DCAD-2025\nedition: 2025\ngroup: DC-Access\ntitle: Takeaways\n"
            "status: final\nkey_takeaways: [One.]\n"
            "recommendations:\n  - text: Do.\n    to: [itu]\n---\nContext.\n"
        ),
    }
    result = load_corpus(write_tree(tmp_path, files))
    assert [str(i) for i in result.issues] == []
    corpus = result.corpus
    assert corpus.sessions["IGF2025-WS-1"].messages[-1].to == ("itu", "oecd")
    assert corpus.sessions["IGF2025-WS-1"].track == "trust"
    assert corpus.intersessional["DCAD-2025"].group == "dc-access"
    report = corpus.reports["itu"]
    assert [(e.message, str(e.date)) for e in report.follow_up] == [
        ("IGF2025-WS-1/cta-1", "2025-07-01")
    ]
    assert [(str(r.date), r.about) for r in report.responses] == [("2025-08-01", ("IGF2025-WS-1",))]


def test_a_quoted_date_that_is_no_day_is_reported_at_its_line(tmp_path: Path) -> None:
    files = {ITU: report(entry(date='"2025-02-30"'))}
    result = load_corpus(write_tree(tmp_path, files))
    assert [str(i) for i in result.issues] == [
        f"{ITU}:5: error: 'date' is '2025-02-30', which is no day of the calendar"
    ]


def test_any_body_may_report_on_a_message_addressed_to_everyone(tmp_path: Path) -> None:
    """An empty `to` addresses every body (the contract), so any body may say what it did
    with the message: it then has a follow-up state for it, and no other body awaits.
    Before, such a report was refused ("only messages whose 'to' names a body")."""
    from igfpub.core.publications import Index

    root = write_tree(tmp_path, {
        "sessions/2025/ws-1.md": BASE["sessions/2025/ws-1.md"].replace("    to: [itu]\n", ""),
        "bodies/oecd.md": report(entry(response="noted"), body="oecd"),
    })  # fmt: skip
    result = load_corpus(root)
    assert [str(i) for i in result.issues if i.is_error] == []
    index = Index(result.corpus)
    (item,) = [i for i in index.addressed if i.message.id == "IGF2025-WS-1/cta-1"]
    assert [(s.body, s.response) for s in index.follow_up_of(item.message)] == [("oecd", "noted")]


def test_a_follow_up_dated_in_the_future_is_a_warning(tmp_path: Path) -> None:
    """2062 for 2026: the state shown as current for decades, feeds pinned to the top."""
    result = load_corpus(write_tree(tmp_path, {ITU: report(GOOD, entry(date="2062-06-24"))}))
    assert [str(i) for i in result.issues] == [
        f"{ITU}:11: warning: follow-up entry 2: date 2062-06-24 is in the future; it gives "
        "the message's current state"
    ]
    assert result.ok


def test_a_response_about_a_message_is_told_to_name_its_document(tmp_path: Path) -> None:
    text = ("---\nbody: itu\nresponses:\n  - date: 2025-09-01\n    edition: 2025\n"
            "    about: [IGF2025-WS-1/cta-1, IGF2025-WS-9]\n    text: We met.\n---\n")  # fmt: skip
    result = load_corpus(write_tree(tmp_path, {ITU: text}))
    assert [str(i) for i in result.issues] == [
        f"{ITU}:6: error: response 1: unknown session or messages id 'IGF2025-WS-1/cta-1'; "
        "'about' names documents: write IGF2025-WS-1",
        f"{ITU}:6: error: response 1: unknown session or messages id 'IGF2025-WS-9'",
    ]


def test_a_translation_that_names_its_entries_is_matched_by_them(tmp_path: Path) -> None:
    """A translator's copy of the file, its entries by date: each text was shown under
    the entry at its place, another message's."""
    source = report(
        entry(message="IGF2025-WS-1/cta-1", date="2025-09-01", text="Second step."),
        entry(message="IGF2025-WS-1/cta-1", date="2025-07-01", text="First step."),
    )
    french = report(
        entry(message="igf2025-ws-1/CTA-1", date="'2025-07-01'", text="Premier pas."),
        entry(message="IGF2025-WS-1/cta-1", date="2025-09-01", text="Second pas."),
    )
    result = load_corpus(write_tree(tmp_path, {ITU: source, "bodies/itu.fr.md": french}))
    assert [str(i) for i in result.issues] == []
    texts = {str(e.date): e.text.get("fr")[0] for e in result.corpus.reports["itu"].follow_up}
    assert texts == {"2025-09-01": "Second pas.", "2025-07-01": "Premier pas."}


def test_a_translation_that_restates_another_entry_at_a_place_is_warned(tmp_path: Path) -> None:
    source = report(GOOD, entry(date="2025-09-01", response="declined", text="No."))
    french = report(entry(text="Fait."), entry(date="2025-07-02", text="Refusé."))
    result = load_corpus(write_tree(tmp_path, {ITU: source, "bodies/itu.fr.md": french}))
    assert [str(i) for i in result.issues] == [
        "bodies/itu.fr.md:9: warning: follow-up entry 2: 'date' is '2025-07-02', but the "
        "source's follow-up entry 2 has '2025-09-01': a translation's texts follow the "
        "source's by place, and the source's value is used"
    ]
    texts = [e.text.get("fr")[0] for e in result.corpus.reports["itu"].follow_up]
    assert texts == ["Fait.", "Refusé."]
