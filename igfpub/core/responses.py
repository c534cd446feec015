"""The response file a body fills in (``igfpub new response --body itu --edition 2025``):
``bodies/<id>.md`` listing every call to action and recommendation addressed to the body
in that edition as a commented-out ``follow_up`` entry, ready to uncomment and complete.

An existing file is extended, never rewritten: what is there stays byte for byte, the new
entries go at the end of its ``follow_up`` list (or a new one), and a message already
already listed there as a commented-out entry is not listed again. The result still
parses: everything added is a YAML comment, apart from a ``follow_up:`` key.
"""

from __future__ import annotations

import datetime as dt
import re

from igfpub.core.frontmatter import ReadError, read_document
from igfpub.core.model import Corpus
from igfpub.core.publications import InContext, for_body, message_date

# A commented-out entry this command wrote before. Messages that already have real entries
# are listed again: the body may have a new step of their timeline to report.
_LISTED = re.compile(r"^\s*#\s*-\s*message:\s*(\S+)", re.MULTILINE)
_EXCERPT = 110


class ResponseFileError(Exception):
    """The existing file cannot be extended safely; the message says why and where."""


def entry_block(corpus: Corpus, item: InContext, today: dt.date, indent: str) -> list[str]:
    m = item.message
    title = str(item.doc.title).replace("\n", " ")
    text = " ".join(str(m.text).split())
    if len(text) > _EXCERPT:
        text = text[: _EXCERPT - 1].rstrip() + "…"
    when = message_date(corpus, item).isoformat()
    return [
        f"{indent}# {m.id} · {title} ({when})",
        f"{indent}# {text}",
        f"{indent}# - message: {m.id}",
        f"{indent}#   date: {today.isoformat()}",
        f"{indent}#   response: acknowledged        # acknowledged | supported | noted | declined",
        f"{indent}#   # implementation: not-started   # not-started | ongoing | completed",
        f'{indent}#   # text: "What the body decided or did."',
        f"{indent}#   # evidence: https://...   # a decision, report or page that shows it",
        "",
    ]


def response_file(
    corpus: Corpus,
    body_id: str,
    edition: int,
    today: dt.date,
    existing: str | None = None,
    items: list[InContext] | None = None,
) -> tuple[str, int]:
    """The file's new text and how many messages were added to it. ``items``: the body's
    messages of the edition, where the caller has them (``for_body`` sorts the archive)."""
    if items is None:
        items = for_body(corpus, body_id, edition)
    listed = set(_LISTED.findall(existing or ""))
    todo = [i for i in items if i.message.id not in listed]
    if existing is None:
        body = corpus.bodies[body_id]
        head = [
            "---",
            f"body: {body_id}",
            "# For each message you report on, uncomment its entry (message, date, response)",
            "# and choose the response; uncomment and fill in the optional lines you need.",
            "# When the state changes later, add an entry with the new date.",
            "follow_up:",
        ]
        blocks = [line for i in todo for line in entry_block(corpus, i, today, "  ")]
        name = str(body.name)
        # A comment, not a sentence: left as it is, the sentence was published as the
        # body's own report, on its page and in every letter's attachment.
        tail = [
            "---",
            f"<!-- What {name} reports back on the messages it received, in Markdown:",
            "     write it below this comment, or leave the file without one. -->",
            "",
        ]
        return "\n".join([*head, *blocks, *tail]), len(todo)
    if not todo:
        return existing, 0
    return _extend(corpus, existing, todo, today), len(todo)


def _extend(corpus: Corpus, text: str, todo: list[InContext], today: dt.date) -> str:
    try:
        doc = read_document(text.encode("utf-8"))
    except ReadError as exc:
        raise ResponseFileError(f"line {exc.line}: {exc.message}") from None
    if not doc.has_front_matter:
        raise ResponseFileError("line 1: front matter ('---' block of fields) is missing")
    if doc.marks.twice:
        line, message = doc.marks.twice[0]
        raise ResponseFileError(f"line {line}: {message}")
    lines = text.split("\n")
    closing = doc.body_line - 2  # 0-based index of the closing '---'
    key_line = doc.lines.get(("follow_up",))
    if key_line is None:
        at, indent, head = closing, "  ", ["follow_up:"]
    else:
        value = doc.meta.get("follow_up")
        k = key_line - 1
        inline = lines[k].split(":", 1)[1].split("#", 1)[0].strip()
        if inline:
            if value not in ([], None):
                raise ResponseFileError(f"line {key_line}: 'follow_up' is written on one line; "
                                        "write it as a list, one '- message:' entry per item")  # fmt: skip
            lines[k] = lines[k].replace(inline, "", 1).rstrip()
        later = [n for key, n in doc.lines.items() if len(key) == 1 and n > key_line]
        at = min(later) - 1 if later else closing
        first = doc.lines.get(("follow_up", 0))
        indent = re.match(r"\s*", lines[first - 1]).group(0) if first else "  "  # type: ignore[union-attr]
        head = []
    blocks = [line for i in todo for line in entry_block(corpus, i, today, indent)]
    return "\n".join([*lines[:at], *head, *blocks, *lines[at:]])
