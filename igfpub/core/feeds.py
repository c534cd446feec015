"""Atom feeds (RFC 4287) of the messages addressed to each body, one per language.

Entry ids are tag: URIs built from the message id, so they never change between builds
or languages; dates are the sessions' dates.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from urllib.parse import urlsplit

from igfpub.core import markup, urls
from igfpub.core.languages import LANGUAGES
from igfpub.core.model import Body
from igfpub.core.pages import document_url
from igfpub.core.publications import Index, message_date

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(site_url: str, edition: int, message_id: str) -> str:
    host = urlsplit(site_url).hostname or "igfpub.invalid"
    return f"tag:{host},{edition}:{message_id}"


def body_feed(index: Index, body: Body, lang: str, site_url: str,
              gettext: Callable[[str], str]) -> bytes:  # fmt: skip
    """The Atom document for one body in one language."""
    corpus = index.corpus
    base = site_url.rstrip("/") + "/"
    items = index.for_body(body.id)
    name = body.name.get(lang)[0]
    feed = ET.Element(_q("feed"), {XML_LANG: lang})
    ET.SubElement(feed, _q("id")).text = base + urls.body(lang, body.id)
    title = ET.SubElement(feed, _q("title"))
    title.text = gettext("Messages of the Internet Governance Forum to %(body)s") % {"body": name}
    ET.SubElement(feed, _q("subtitle")).text = gettext(
        "Calls to action and recommendations addressed to this body."
    )
    dates = [message_date(corpus, i) for i in items]
    epoch = (
        min(e.start for e in corpus.editions.values()) if corpus.editions else dt.date(2006, 1, 1)
    )
    ET.SubElement(feed, _q("updated")).text = _stamp(max(dates, default=epoch))
    author = ET.SubElement(feed, _q("author"))
    ET.SubElement(author, _q("name")).text = gettext("Internet Governance Forum")
    ET.SubElement(feed, _q("link"), {"rel": "self", "type": "application/atom+xml",
                                     "href": base + urls.body_feed(lang, body.id)})  # fmt: skip
    ET.SubElement(feed, _q("link"), {"rel": "alternate", "type": "text/html",
                                     "href": base + urls.body(lang, body.id)})  # fmt: skip
    ET.SubElement(feed, _q("generator")).text = "igfpub"
    for item, day in zip(items, dates, strict=True):
        message = item.message
        text, text_lang = message.text.get(lang)
        doc_title, title_lang = item.doc.title.get(lang)
        entry = ET.SubElement(feed, _q("entry"), {XML_LANG: text_lang})
        ET.SubElement(entry, _q("id")).text = entry_id(site_url, item.edition, message.id)
        ET.SubElement(
            entry, _q("title"), {XML_LANG: title_lang}
        ).text = f"{message.id}: {doc_title}"
        ET.SubElement(entry, _q("updated")).text = _stamp(day)
        ET.SubElement(entry, _q("published")).text = _stamp(day)
        href = base + document_url(lang, item.doc) + "#" + message.id
        ET.SubElement(entry, _q("link"), {"rel": "alternate", "type": "text/html", "href": href})
        ET.SubElement(entry, _q("category"), {"term": message.kind})
        for other in message.to:
            ET.SubElement(entry, _q("category"), {"term": f"to:{other}"})
        # Atom content of type html holds escaped HTML; ElementTree does the escaping.
        ET.SubElement(entry, _q("content"), {"type": "html"}).text = f"<p>{markup.inline(text)}</p>"
    ET.indent(feed)
    # Registered here, at each use, not once at import: ElementTree's prefix registry is
    # global, and importing WeasyPrint maps "" to no namespace (feeds came out with "ns0:"
    # prefixes, other bytes, whenever a PDF had been rendered in the same process).
    # (default_namespace= would refuse the unqualified attributes.)
    ET.register_namespace("", ATOM)
    body_xml: bytes = ET.tostring(feed, encoding="utf-8")
    # ElementTree writes no declaration for UTF-8; a feed reader is happier with one.
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body_xml


def all_feeds(index: Index, site_url: str,
              gettext_for: Callable[[str], Callable[[str], str]]) -> dict[str, bytes]:  # fmt: skip
    """Site-relative path -> Atom bytes, for every body in every language."""
    out = {}
    for lang in LANGUAGES:
        gettext = gettext_for(lang)
        for body in index.corpus.bodies.values():
            out[urls.body_feed(lang, body.id)] = body_feed(index, body, lang, site_url, gettext)
    return out
