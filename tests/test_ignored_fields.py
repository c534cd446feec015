"""Nothing a writer wrote is dropped without a word: a field that the other kind of document
publishes (a session's consensus in a BPF's messages), and a translation's structural value
that differs from its source's, are warnings on their line that say what is used instead."""

from __future__ import annotations

from pathlib import Path

from igfpub.core.loader import load_corpus
from tests.contentkit import digest, session, write_tree

WS = "sessions/2025/ws-1.md"
DC = "messages/2025/dcad-2025.md"

INTERSESSIONAL = """\
---
id: DC-ACCESS-2025
edition: 2025
group: dc-access
title: Accessibility takeaways
status: final
key_takeaways:
  - Access first.
recommendations:
  - text: Fund captioning.
    to: [itu]
consensus:
  - Everyone agreed on captions.
divergence: [Some wanted sign language first.]
calls_to_action:
  - text: Caption every session.
    to: [itu]
date: 2025-06-24
---
Context.
"""


def _problems(root: Path) -> list[str]:
    return [str(i) for i in load_corpus(root).issues]


def test_session_fields_in_intersessional_messages_are_warnings(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {DC: INTERSESSIONAL})
    result = load_corpus(root)
    assert [str(i) for i in result.issues] == [
        f"{DC}:12: warning: 'consensus' is ignored: intersessional documents do not publish it "
        "(sessions do); write points of agreement as key_takeaways",
        f"{DC}:14: warning: 'divergence' is ignored: intersessional documents do not publish it "
        "(sessions do); write differences of view as minority_views",
        f"{DC}:15: warning: 'calls_to_action' is ignored: intersessional documents do not "
        "publish it (sessions do); write them as recommendations",
        f"{DC}:18: warning: 'date' is ignored: intersessional documents do not publish it "
        "(sessions do)",
    ]
    # Built to the contract: the document is published, with its own lists only.
    doc = result.corpus.intersessional["DC-ACCESS-2025"]
    assert [m.id for m in doc.messages] == ["DC-ACCESS-2025/kt-1", "DC-ACCESS-2025/rec-1"]


def test_intersessional_fields_in_a_session_are_warnings(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {WS: session(
        minority_views="minority_views: [One objected.]",
        recommendations="recommendations:\n  - text: Fund it.\n    to: [oecd]",
        full_report="full_report: https://example.org/report.pdf",
    )})  # fmt: skip
    assert _problems(root) == [
        f"{WS}:15: warning: 'minority_views' is ignored: sessions do not publish it "
        "(intersessional documents do); write them as divergence",
        f"{WS}:16: warning: 'recommendations' is ignored: sessions do not publish it "
        "(intersessional documents do); write them as calls_to_action",
        f"{WS}:19: warning: 'full_report' is ignored: sessions do not publish it "
        "(intersessional documents do); write it in links, e.g. links: {report: https://...}",
    ]


def test_a_translation_with_the_other_kinds_list_is_told_too(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {DC: INTERSESSIONAL.replace("date: 2025-06-24\n", "")
                                 .replace("consensus:\n  - Everyone agreed on captions.\n", "")
                                 .replace("divergence: [Some wanted sign language first.]\n", "")
                                 .replace("calls_to_action:\n  - text: Caption every session."
                                          "\n    to: [itu]\n", "")})  # fmt: skip
    (root / "messages/2025/dcad-2025.fr.md").write_text(
        "---\ntitle: Accessibilité\nconsensus: [Tous d'accord.]\n---\n", encoding="utf-8"
    )
    assert _problems(root) == [
        "messages/2025/dcad-2025.fr.md:3: warning: 'consensus' is ignored: intersessional "
        "documents do not publish it (sessions do); write points of agreement as key_takeaways"
    ]


def test_a_takeaway_written_with_to_says_which_lists_are_addressed(tmp_path: Path) -> None:
    """A takeaway written like a call to action is refused (the contract's takeaways are
    texts), with why: its 'to' would address nobody."""
    root = write_tree(tmp_path, {WS: session(
        key_takeaways="key_takeaways:\n  - One.\n  - text: Two.\n    to: [itu]"
    )})  # fmt: skip
    assert _problems(root) == [
        f"{WS}:11: error: item 2 of 'key_takeaways' must be a text, not a mapping: write "
        "- \"...\"; only calls_to_action and recommendations have 'to' and 'stakeholders'"
    ]


def test_a_translations_addressees_that_differ_from_the_sources_are_warnings(
    tmp_path: Path,
) -> None:
    """A translation's `to` and `stakeholders` are the source's, as its `id` and `date`
    are: a translator who changes them is told, on the line, which value is used. Written
    the same (in another order or case), they are not worth a word."""
    root = write_tree(tmp_path, {WS: session(calls_to_action=(
        "calls_to_action:\n"
        "  - text: Do it.\n    to: [itu]\n    stakeholders: [government]\n"
        "  - text: And this.\n    to: [itu, oecd]\n    stakeholders: [academia]"
    ))})  # fmt: skip
    (root / "sessions/2025/ws-1.fr.md").write_text(
        "---\n"
        "title: Une session\n"
        f"translation: {{status: human, source_hash: {digest(root / WS)}}}\n"
        "calls_to_action:\n"
        "  - text: Faites-le.\n"
        "    to: [oecd]\n"
        "    stakeholders: [government]\n"
        "  - text: Et ceci.\n"
        "    to: [OECD, itu]\n"
        "    stakeholders: [academia, youth]\n"
        "---\n",
        encoding="utf-8",
    )
    result = load_corpus(root)
    fr = "sessions/2025/ws-1.fr.md"
    assert [str(i) for i in result.issues] == [
        f"{fr}:6: warning: 'to' of item 1 of 'calls_to_action' differs from the source {WS}; "
        "the source's value is used",
        f"{fr}:10: warning: 'stakeholders' of item 2 of 'calls_to_action' differs from the "
        f"source {WS}; the source's value is used",
    ]
    ctas = result.corpus.sessions["IGF2025-WS-1"].messages[2:]
    assert [(m.text.get("fr")[0], m.to, m.stakeholders) for m in ctas] == [
        ("Faites-le.", ("itu",), ("government",)),
        ("Et ceci.", ("itu", "oecd"), ("academia",)),
    ]


def test_a_translations_other_structural_fields_that_differ_are_warnings(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path, {WS: session(
        stakeholders="stakeholders: [government]",
        participants="participants: {onsite: 10, online: 5}",
    )})  # fmt: skip
    (root / "sessions/2025/ws-1.fr.md").write_text(
        "---\ntitle: Une session\nstakeholders: [academia]\n"
        "participants: {onsite: 10, online: 5}\n---\n",
        encoding="utf-8",
    )
    assert _problems(root) == [
        f"sessions/2025/ws-1.fr.md:3: warning: 'stakeholders' differs from the source {WS}; "
        "the source's value is used"
    ]
