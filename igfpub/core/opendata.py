"""Open data: the archive as language-neutral JSON and CSV (``api/v1/``).

The shapes are a public contract (``igfpub/schemas/*.schema.json`` describe them, made for
the site's languages by :mod:`igfpub.core.opendataschemas`); keys are only ever added.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from igfpub.core import cells, followupdata, markup, urls
from igfpub.core.languages import site_languages
from igfpub.core.model import Intersessional, Localized, Narrative, Session
from igfpub.core.pages import document_url
from igfpub.core.publications import InContext, Index, message_date
from igfpub.core.translation import state


def _texts(value: Localized, site: str = "", index: Index | None = None) -> dict[str, str]:
    """Each language's text, made safe and portable: links between documents absolute
    (when ``index`` is given: the value is Markdown), hostile markup reduced to its text."""
    return markup.portable_texts(value, site, index.linker if index is not None else None)


def _plain(text: str) -> str:
    """A name or other one-line field as the site shows it: markup that would be hostile
    in whatever renders the data reduced to its text, like every text (:func:`_texts`)."""
    return markup.portable(text, None, "", "")


def _status(narrative: Narrative, langs: list[str]) -> dict[str, str]:
    out = {}
    for lang in langs:
        if lang == site_languages().source:
            continue
        st = state(narrative, lang)
        info = narrative.translations.get(lang)
        out[lang] = "stale" if st == "stale" else (info.status if info and info.status else "human")
    return out


def _urls(site: str, path_of: Any) -> dict[str, str]:
    return {lang: site + path_of(lang) for lang in site_languages().codes}


def message_record(index: Index, item: InContext, site: str) -> dict[str, Any]:
    m = item.message
    text = _texts(m.text, site, index)
    return {
        "id": m.id,
        "kind": m.kind,
        "edition": item.edition,
        "source": item.doc.id,
        "source_type": item.source_type,
        "track": item.track,
        "to": list(m.to),
        "stakeholders": list(m.stakeholders),
        "position": m.position,
        "date": message_date(index.corpus, item).isoformat(),
        "text": text,
        "translation": _status(item.doc.text, list(text)),
        "url": {
            lang: f"{site}{document_url(lang, item.doc)}#{m.id}" for lang in site_languages().codes
        },
        # The current follow-up state for each body the message names (api/v1/follow-up.json
        # has the timelines).
        "follow_up": {s.body: followupdata.state(s) for s in index.follow_up_of(m)},
    }


def messages(index: Index, site: str) -> dict[str, Any]:
    return {"messages": [message_record(index, i, site) for i in index.all]}


def _session(s: Session, site: str) -> dict[str, Any]:
    title = _texts(s.title)
    return {
        "id": s.id, "edition": s.edition, "type": s.type, "track": s.track,
        "date": s.date.isoformat(), "title": title, "rapporteur": _plain(s.rapporteur),
        "organizers": [_plain(o) for o in s.organizers], "stakeholders": list(s.stakeholders),
        "participants": dict(s.participants), "links": dict(s.links),
        "translation": _status(s.text, list(s.text.translations)),
        "messages": [m.id for m in s.messages],
        "url": _urls(site, lambda lang: document_url(lang, s)),
    }  # fmt: skip


def _intersessional(d: Intersessional, site: str) -> dict[str, Any]:
    return {
        "id": d.id, "edition": d.edition, "group": d.group, "group_kind": d.group_kind,
        "status": d.status, "title": _texts(d.title), "full_report": d.full_report,
        "translation": _status(d.text, list(d.text.translations)),
        "messages": [m.id for m in d.messages],
        "url": _urls(site, lambda lang: document_url(lang, d)),
    }  # fmt: skip


def sessions(index: Index, site: str) -> dict[str, Any]:
    corpus = index.corpus
    return {
        "sessions": [_session(s, site) for s in corpus.sessions.values()],
        "intersessional": [_intersessional(d, site) for d in corpus.intersessional.values()],
    }


def bodies(index: Index, site: str) -> dict[str, Any]:
    out = []
    for b in index.corpus.bodies.values():
        out.append({
            "id": b.id, "acronym": _texts(b.acronym), "name": _texts(b.name), "type": b.type,
            "website": b.url, "processes": list(b.processes),
            "messages": {str(year): n for year, n in sorted(index.counts[b.id].items())},
            "url": _urls(site, lambda lang, b=b: urls.body(lang, b.id)),
            "feed": _urls(site, lambda lang, b=b: urls.body_feed(lang, b.id)),
        })  # fmt: skip
    return {"bodies": out}


CSV_FIELDS = [
    "id", "kind", "edition", "source", "source_type", "track", "to", "stakeholders",
    "position", "date", "url",
]  # fmt: skip


def csv_columns() -> list[str]:
    """The CSV's columns: the fields, then one text column per language of the site."""
    return [*CSV_FIELDS, *(f"text_{lang}" for lang in site_languages().codes)]


def messages_csv(data: dict[str, Any]) -> str:
    """One row per message of ``data`` (:func:`messages`); list fields joined by spaces,
    one text column per language."""
    buffer = io.StringIO()
    columns = csv_columns()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in data["messages"]:
        row = {k: record[k] for k in columns if k in record}
        row["to"] = " ".join(record["to"])
        row["stakeholders"] = " ".join(record["stakeholders"])
        row["track"] = record["track"] or ""
        row["url"] = record["url"][site_languages().source]
        for lang in site_languages().codes:
            row[f"text_{lang}"] = record["text"].get(lang, "")
        writer.writerow(cells.row(row))
    return buffer.getvalue()


def dump(data: dict[str, Any]) -> bytes:
    """One top-level key per line and, in a list, one record per line: readable, and a
    changed record is a one-line diff. (``indent=`` would use json's pure-Python encoder:
    it was 1.6 s of every build at 2,000 sessions.) Sorted keys and fixed separators: the
    same archive gives byte-identical files."""
    lines = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value:
            items = ",\n".join(_compact(item) for item in value)
            lines.append(f"{_compact(key)}:[\n{items}\n]")
        else:
            lines.append(f"{_compact(key)}:{_compact(value)}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
