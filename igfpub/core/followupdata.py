"""Open data of the follow-up: ``api/v1/follow-up.json`` (described by
``follow-up.schema.json``) and ``follow-up.csv``, one record per (message, body) pair with
its current state and its whole timeline. Language-neutral, like all open data."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from igfpub.core import cells, markup
from igfpub.core.followup import Status
from igfpub.core.languages import site_languages
from igfpub.core.model import FollowUp
from igfpub.core.pages import document_url
from igfpub.core.publications import InContext, Index, message_date


def state(status: Status) -> dict[str, Any]:
    """The current state, as ``messages.json`` gives it for each body a message names."""
    return {
        "response": status.response,
        "implementation": status.implementation,
        "date": status.date.isoformat() if status.date else None,
    }


def _step(index: Index, entry: FollowUp, site: str) -> dict[str, Any]:
    """One entry of a timeline; its text as every text of open data: links between
    documents absolute, hostile markup reduced to its text (markup.portable)."""
    return {
        "date": entry.date.isoformat(),
        "response": entry.response,
        "implementation": entry.implementation,
        "text": markup.portable_texts(entry.text, site, index.linker) if entry.text else {},
        "evidence": entry.evidence,
    }


def record(index: Index, item: InContext, status: Status, site: str) -> dict[str, Any]:
    languages = index.corpus.languages.codes
    m = item.message
    return {
        "message": m.id,
        "body": status.body,
        "edition": item.edition,
        "kind": m.kind,
        "source": item.doc.id,
        "track": item.track,
        "message_date": message_date(index.corpus, item).isoformat(),
        **state(status),
        "timeline": [_step(index, e, site) for e in status.timeline],
        "url": {lang: f"{site}{document_url(lang, item.doc)}#{m.id}" for lang in languages},
    }


def follow_up(index: Index, site: str) -> dict[str, Any]:
    """Every pair, in publication order, each message's bodies in its ``to`` order (a
    message to everyone: the bodies that report on it)."""
    return {
        "follow_up": [
            record(index, item, status, site)
            for item in index.addressed
            for status in index.follow_up_of(item.message)
        ]
    }


CSV_COLUMNS = [
    "message", "body", "edition", "kind", "source", "track", "message_date",
    "response", "implementation", "date", "timeline", "url",
]  # fmt: skip


def follow_up_csv(data: dict[str, Any]) -> str:
    """One row per pair of ``data`` (:func:`follow_up`). The timeline is a JSON array in its own column: a spreadsheet
    shows it whole, and a program gets back exactly the JSON file's timeline."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for rec in data["follow_up"]:
        row = {k: rec[k] for k in CSV_COLUMNS if k in rec}
        row["track"] = rec["track"] or ""
        row["implementation"] = rec["implementation"] or ""
        row["date"] = rec["date"] or ""
        row["timeline"] = json.dumps(rec["timeline"], ensure_ascii=False, sort_keys=True)
        row["url"] = rec["url"][site_languages().source]
        writer.writerow(cells.row(row))
    return buffer.getvalue()
