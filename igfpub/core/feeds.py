"""Atom feeds (RFC 4287) of the messages addressed to each body, one per language.

Entry ids are tag: URIs built from the message id, so they never change between builds
or languages; dates are the sessions' dates. A follow-up entry's id adds the body and the
entry's date (:func:`follow_up_entry_id`).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree as ET  # type: ignore[import-untyped]
from markupsafe import escape

from igfpub.catalogs import FORUM_MSGID
from igfpub.core import markup, urls
from igfpub.core.followup import Status
from igfpub.core.languages import direction, language_name_in, list_separator, site_languages
from igfpub.core.model import Body, FollowUp, Localized
from igfpub.core.pages import document_url
from igfpub.core.publications import InContext, Index, message_date
from igfpub.core.translation import Away, away

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RIGHT-TO-LEFT MARK: a strong right-to-left character that shows nothing.
RLM = "\u200f"


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text(value: str) -> str:
    """A title for a text construct, which many feed readers show as HTML all the same:
    only its text (markup such as a <script> in a title is dropped, not escaped)."""
    text = html.unescape(markup.title(value))
    # Markup written escaped ("&lt;script&gt;") is markup again once unescaped: dropped too.
    while "<" in text and (plain := html.unescape(markup.title(text))) != text:
        text = plain
    return text


def _reads_in(text: str, lang: str) -> str:
    """``text``, a title in ``lang``, as feed readers will lay it out. They take a title's
    direction from its first strong character (HTML's dir="auto"), not from xml:lang: an
    Arabic title that begins with a Latin id, acronym or name ("IRPC-2025/rec-2: ...",
    "ITU ...") came out left to right. A right-to-left mark first settles it."""
    return RLM + text if direction(lang) == "rtl" else text


def _message_title(message_id: str, doc_title: str, title_lang: str) -> str:
    """A message entry's title: its document's title and its id. Right-to-left titles
    begin with their own words, then the id, so that even a reader that ignores the mark
    of :func:`_reads_in` starts them from the right."""
    if direction(title_lang) == "rtl":
        return _reads_in(f"{doc_title} ({message_id})", title_lang)
    return f"{message_id}: {doc_title}"


def forum(gettext: Callable[[str], str]) -> str:
    """The forum's name in a language: an interface string, which a national or regional
    forum's site names itself by in its own catalog (README: "The forum's name"). Texts
    that name the forum take it whole (``%(forum)s: ...``), never a phrase of their own."""
    return gettext(FORUM_MSGID)


def entry_id(site_url: str, edition: int, message_id: str) -> str:
    host = urlsplit(site_url).hostname or "igfpub.invalid"
    return f"tag:{host},{edition}:{message_id}"


def body_feed(index: Index, body: Body, lang: str, site_url: str,
              gettext: Callable[[str], str],
              made: dict[str, ET._Element] | None = None) -> bytes:  # fmt: skip
    """The Atom document for one body in one language. ``made``: the entries of messages
    made for other bodies' feeds in this language and site, by message id (a message
    addressed to several bodies is the same entry in each of their feeds)."""
    name = _text(body.name.get(lang)[0])
    title = gettext("%(forum)s: messages to %(body)s") % {"forum": forum(gettext), "body": name}
    return _messages_feed(
        index, lang, site_url, gettext, made,
        items=index.for_body(body.id),
        # Its steps on the messages its feed holds: those on a message addressed to all
        # are in that message's feed (everyone_feed).
        steps=[s for s in follow_up_steps(index, body.id) if s[0].message.to],
        page=urls.body(lang, body.id), address=urls.body_feed(lang, body.id), title=title,
        subtitle=gettext("Calls to action and recommendations addressed to this body."),
    )  # fmt: skip


def everyone_feed(index: Index, lang: str, site_url: str, gettext: Callable[[str], str],
                  made: dict[str, ET._Element] | None = None) -> bytes:  # fmt: skip
    """The Atom document of the messages addressed to everyone (``bodies/all/``): a body
    that follows its own feed does not see them there, since the contract keeps a body's
    feed to the messages whose ``to`` names it."""
    everyone = {item.message.id for item in index.to_everyone}
    title = gettext("%(forum)s: messages to all decision-making bodies") % {"forum": forum(gettext)}
    return _messages_feed(
        index, lang, site_url, gettext, made,
        items=index.to_everyone,
        steps=[s for s in follow_up_steps(index) if s[0].message.id in everyone],
        page=urls.to_everyone(lang), address=urls.to_everyone_feed(lang), title=title,
        subtitle=gettext("Calls to action and recommendations addressed to all bodies."),
    )  # fmt: skip


def _messages_feed(index: Index, lang: str, site_url: str, gettext: Callable[[str], str],
                   made: dict[str, ET._Element] | None, *, items: list[InContext],
                   steps: list[Step], page: str, address: str, title: str,
                   subtitle: str) -> bytes:  # fmt: skip
    corpus = index.corpus
    base = site_url.rstrip("/") + "/"
    feed = _feed(lang)
    ET.SubElement(feed, _q("id")).text = base + page
    ET.SubElement(feed, _q("title")).text = _reads_in(title, lang)
    ET.SubElement(feed, _q("subtitle")).text = subtitle
    dates = [message_date(corpus, i) for i in items]
    epoch = (
        min(e.start for e in corpus.editions.values()) if corpus.editions else dt.date(2006, 1, 1)
    )
    ET.SubElement(feed, _q("updated")).text = _stamp(
        max([*dates, *(e.date for _, _, e, _ in steps)], default=epoch)
    )
    author = ET.SubElement(feed, _q("author"))
    ET.SubElement(author, _q("name")).text = forum(gettext)
    ET.SubElement(feed, _q("link"), {"rel": "self", "type": "application/atom+xml",
                                     "href": base + address})  # fmt: skip
    ET.SubElement(feed, _q("link"), {"rel": "alternate", "type": "text/html",
                                     "href": base + page})  # fmt: skip
    ET.SubElement(feed, _q("generator")).text = "igfpub"
    made = {} if made is None else made
    entries: list[tuple[dt.date, ET._Element]] = []
    for item, day in zip(items, dates, strict=True):
        entry = made.get(item.message.id)
        if entry is None:
            entry = made[item.message.id] = _message_entry(
                index, item, day, lang, site_url, gettext
            )
        # A copy: an element has one parent, and the feed's indentation is written into it.
        entries.append((day, copy.deepcopy(entry)))
    entries += [(step[2].date, _follow_up_entry(index, step, lang, site_url, gettext))
                for step in steps]  # fmt: skip
    # Newest first, as feed readers and the site-wide feed list them: messages and
    # follow-up entries interleaved by date; a stable sort keeps a day's entries in the
    # order they were made (messages as the body's page lists them, then its responses).
    entries.sort(key=lambda e: e[0], reverse=True)
    feed.extend(entry for _, entry in entries)
    return _serialised(feed)


def _message_entry(index: Index, item: InContext, day: dt.date, lang: str, site_url: str,
                   gettext: Callable[[str], str]) -> ET._Element:  # fmt: skip
    """A message's Atom entry, the same in the feed of every body it addresses."""
    message = item.message
    base = site_url.rstrip("/") + "/"
    # As every page away from the message's own shows it: a stale translation gives way to
    # the source (igfpub.core.translation.away), and the entry says so.
    shown = away(item.doc.text, message.text, lang)
    doc_title, title_lang = item.doc.title.get(lang)
    entry = ET.Element(_q("entry"), {XML_LANG: shown.lang})
    ET.SubElement(entry, _q("id")).text = entry_id(site_url, item.edition, message.id)
    ET.SubElement(entry, _q("title"), {XML_LANG: title_lang}).text = _message_title(
        message.id, _text(doc_title), title_lang
    )
    ET.SubElement(entry, _q("updated")).text = _stamp(day)
    ET.SubElement(entry, _q("published")).text = _stamp(day)
    href = base + document_url(lang, item.doc) + "#" + message.id
    ET.SubElement(entry, _q("link"), {"rel": "alternate", "type": "text/html", "href": href})
    ET.SubElement(entry, _q("category"), {"term": message.kind})
    for other in message.to:
        ET.SubElement(entry, _q("category"), {"term": f"to:{other}"})
    # Atom content of type html holds escaped HTML; the serialiser does the escaping.
    content = _inline(index, message.text, shown.text, lang, base)
    mark = _translation_mark(shown, base + document_url(site_languages().source, item.doc)
                            + "#" + message.id, lang, gettext)  # fmt: skip
    ET.SubElement(entry, _q("content"), {"type": "html"}).text = f"<p>{content}</p>{mark}"
    return entry


def _translation_mark(shown: Away, original: str, lang: str,
                     gettext: Callable[[str], str]) -> str:  # fmt: skip
    """What the pages say beside a message that is not a current translation in ``lang``
    (igfpub/messages.html, translation_mark), as HTML for a feed entry: a machine
    translation, with a link to the ``original``; or the source shown for a stale one. In
    the reader's language, which the entry's own (the text's) may not be."""
    source = site_languages().source
    language = language_name_in(source, lang)
    if shown.state == "machine":
        words = gettext("Machine translation; the original in %(language)s is authoritative.")
        link = (f'<a href="{escape(original)}" hreflang="{source}" lang="{source}" '
                f'dir="{direction(source)}">{escape(site_languages().name(source))}</a>')  # fmt: skip
        return f"<p>{escape(words % {'language': language})} {link}</p>"
    if shown.state == "stale":
        words = gettext(
            "The translation of this text is out of date; the original in %(language)s is shown."
        )
        return (f'<p lang="{lang}" dir="{direction(lang)}">'
                f"{escape(words % {'language': language})}</p>")  # fmt: skip
    return ""


def _inline(index: Index, value: Localized, text: str, lang: str, base: str) -> str:
    """``text`` (``value`` in one language) as safe HTML, its links between documents
    leading to ``lang``'s pages by absolute URLs (a feed has no page to be relative to)."""
    links = markup.Links(index.linker, value.where) if value.where else None
    html = markup.inline(text, links, lang, value.owner or value.where)
    return markup.hrefs(html, lambda url: base + url)


def _feed(lang: str) -> ET._Element:
    # Atom as the default namespace of the document itself (lxml's nsmap), not through a
    # process-wide prefix registry that another library may have changed (ElementTree's:
    # importing WeasyPrint made feeds come out with "ns0:" prefixes).
    return ET.Element(_q("feed"), {XML_LANG: lang}, nsmap={None: ATOM})


def _serialised(feed: ET._Element) -> bytes:
    """The document, indented, with an XML declaration (feed readers are happier with one).
    lxml rather than ElementTree: a body's feed holds every message addressed to it, in
    every edition, and ElementTree's pure-Python serialiser was half of the feeds' time."""
    ET.indent(feed)
    body_xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body_xml


# -- follow-up ----------------------------------------------------------------------------
# The message, its pair, one entry, and the entry's rank among the pair's entries of the
# same day in file order (1 for the first): with its date, what names it in feeds.
Step = tuple[InContext, Status, FollowUp, int]


def follow_up_steps(index: Index, body_id: str | None = None) -> list[Step]:
    """Every follow-up entry (of one body, or of all), newest first."""
    if body_id is not None:
        return _steps_by_body(index).get(body_id, [])
    out: list[Step] = []
    for item in index.addressed:
        for status in index.follow_up_of(item.message):
            # The timeline is sorted by date only, so a day's entries are in file order.
            days = Counter[dt.date]()
            for e in status.timeline:
                days[e.date] += 1
                out.append((item, status, e, days[e.date]))
    out.sort(key=lambda s: s[2].date, reverse=True)
    return out


@lru_cache(maxsize=2)
def _steps_by_body(index: Index) -> dict[str, list[Step]]:
    """Each body's steps, newest first, from one pass over the messages (a pass per body
    and language went over every addressed message 150 times on an archive)."""
    out: dict[str, list[Step]] = {}
    for step in follow_up_steps(index):
        out.setdefault(step[1].body, []).append(step)
    return out


def state_words(gettext: Callable[[str], str]) -> dict[str, str]:
    """The follow-up states in words (the same strings as igfpub/labels.html)."""
    return {
        "awaiting": gettext("Awaiting response"),
        "acknowledged": gettext("Acknowledged"),
        "supported": gettext("Supported"),
        "noted": gettext("Noted"),
        "declined": gettext("Declined"),
        "not-started": gettext("Not started"),
        "ongoing": gettext("Ongoing"),
        "completed": gettext("Completed"),
    }


def follow_up_entry_id(site_url: str, step: Step) -> str:
    """``tag:...,2025:IGF2025-WS-9/cta-1/follow-up/itu/2025-09-30`` (``.../2025-09-30/2``
    for a second entry of that day): named by its date, not its place in the timeline,
    so that an entry added with an earlier date leaves the others' ids as they were."""
    item, status, e, rank = step
    day = e.date.isoformat() + (f"/{rank}" if rank > 1 else "")
    return f"{entry_id(site_url, item.edition, item.message.id)}/follow-up/{status.body}/{day}"


def _follow_up_entry(index: Index, step: Step, lang: str, site_url: str,
                     gettext: Callable[[str], str]) -> ET._Element:  # fmt: skip
    item, status, e, _ = step
    words = state_words(gettext)
    body = index.corpus.bodies[status.body]
    acronym, acronym_lang = body.acronym.get(lang)
    # The two states as a list in the feed's language: "حظي بالتأييد، جارٍ" in Arabic.
    state = list_separator(lang).join(words[s] for s in (e.response, e.implementation) if s)
    base = site_url.rstrip("/") + "/"
    text, text_lang = e.text.get(lang) if e.text else ("", lang)
    entry = ET.Element(_q("entry"), {XML_LANG: text_lang if text else lang})
    ET.SubElement(entry, _q("id")).text = follow_up_entry_id(site_url, step)
    title = gettext("%(body)s on %(message)s: %(state)s") % {
        "body": acronym, "message": item.message.id, "state": state}  # fmt: skip
    ET.SubElement(
        entry, _q("title"), {XML_LANG: lang if acronym_lang == lang else site_languages().source}
    ).text = _reads_in(title, lang)
    ET.SubElement(entry, _q("updated")).text = _stamp(e.date)
    ET.SubElement(entry, _q("published")).text = _stamp(e.date)
    href = base + document_url(lang, item.doc) + "#" + item.message.id
    ET.SubElement(entry, _q("link"), {"rel": "alternate", "type": "text/html", "href": href})
    if e.evidence:
        ET.SubElement(entry, _q("link"), {"rel": "related", "href": e.evidence})
    ET.SubElement(entry, _q("category"), {"term": "follow-up"})
    ET.SubElement(entry, _q("category"), {"term": f"response:{e.response}"})
    if e.implementation:
        ET.SubElement(entry, _q("category"), {"term": f"implementation:{e.implementation}"})
    ET.SubElement(entry, _q("category"), {"term": f"body:{status.body}"})
    # The entry is in its text's language; where that is the source's (not translated),
    # the words of the feed's language are said to be in it.
    ours = f' lang="{lang}" dir="{direction(lang)}"' if text and text_lang != lang else ""
    html = f"<p{ours}><strong>{escape(state)}</strong></p>"
    if e.text and text:
        html += f"<p>{_inline(index, e.text, text, lang, base)}</p>"
    if e.evidence:
        html += f'<p{ours}><a href="{escape(e.evidence)}">{escape(gettext("Evidence"))}</a></p>'
    ET.SubElement(entry, _q("content"), {"type": "html"}).text = html
    return entry


def responses_feed(index: Index, lang: str, site_url: str,
                   gettext: Callable[[str], str]) -> bytes:  # fmt: skip
    """Every body's follow-up entries in one feed, newest first."""
    corpus = index.corpus
    base = site_url.rstrip("/") + "/"
    steps = follow_up_steps(index)
    feed = _feed(lang)
    ET.SubElement(feed, _q("id")).text = base + urls.follow_up_feed(lang)
    title = gettext("%(forum)s: responses of decision-making bodies to its messages") % {
        "forum": forum(gettext)
    }
    ET.SubElement(feed, _q("title")).text = _reads_in(title, lang)
    epoch = (
        min(e.start for e in corpus.editions.values()) if corpus.editions else dt.date(2006, 1, 1)
    )
    ET.SubElement(feed, _q("updated")).text = _stamp(steps[0][2].date if steps else epoch)
    author = ET.SubElement(feed, _q("author"))
    ET.SubElement(author, _q("name")).text = forum(gettext)
    ET.SubElement(feed, _q("link"), {"rel": "self", "type": "application/atom+xml",
                                     "href": base + urls.follow_up_feed(lang)})  # fmt: skip
    ET.SubElement(feed, _q("link"), {"rel": "alternate", "type": "text/html",
                                     "href": base + urls.bodies(lang)})  # fmt: skip
    ET.SubElement(feed, _q("generator")).text = "igfpub"
    feed.extend(_follow_up_entry(index, step, lang, site_url, gettext) for step in steps)
    return _serialised(feed)
