"""Reading and validating what a body reports back on single messages (the ``follow_up``
timeline of ``content/bodies/<id>.md``) and where its messages go (the ``liaison`` of a
body in ``registry/bodies.yml``). Every problem is located; nothing here decides what a
reader sees (that is :mod:`igfpub.core.followup`)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from igfpub.core.fields import MISSING, Fields, canonical_id, quoted
from igfpub.core.languages import Languages
from igfpub.core.model import (
    FOLLOW_UP_IMPLEMENTATIONS,
    FOLLOW_UP_RESPONSES,
    Edition,
    FollowUp,
    Intersessional,
    Liaison,
    Localized,
    Message,
    Session,
    Source,
)

# Deliberately loose: the Secretariat types these by hand; a typo such as a missing "@" or
# a space is what this catches, not every corner of RFC 5322.
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+$")
# A liaison's name is the display name in the To: header of its pack's e-mail, which is one
# line: a line break there would begin a header of the file's choosing (Python's email
# package refuses CR and LF, and pack died of it), and a tab or a line separator breaks
# the line in a mail client. Other control characters are refused in any text
# (fields.CONTROL).
_NOT_IN_A_NAME = {"\t": "a tab", "\n": "a line feed", "\r": "a carriage return",
                  "\u2028": "a line separator", "\u2029": "a paragraph separator"}  # fmt: skip
_BREAK = re.compile(f"[{''.join(_NOT_IN_A_NAME)}]")
HTTP_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_KIND_NAMES = {
    "key_takeaways": "a key takeaway",
    "consensus": "an area of agreement",
    "divergence": "an area of difference",
    "minority_views": "a minority view",
}


@dataclass(frozen=True)
class Target:
    """A message a follow-up entry may name, and the earliest date an entry may have."""

    message: Message
    date: dt.date
    where: str  # how the date is named in an error


def targets(
    sessions: Iterable[Session],
    intersessional: Iterable[Intersessional],
    editions: Mapping[int, Edition],
) -> dict[str, Target]:
    """Every message by id. Intersessional work is dated by the end of the meeting it was
    presented at, as everywhere else (publications.message_date)."""
    out = {m.id: Target(m, s.date, "the message's session") for s in sessions for m in s.messages}
    for d in intersessional:
        edition = editions.get(d.edition)
        if edition is not None:
            end = "the last day of the meeting the message was presented at"
            out.update({m.id: Target(m, edition.end, end) for m in d.messages})
    return out


# Told of each Markdown text read, (file, line where it starts, text), for the link check
# that runs once every target is known (loader._check_links).
TextSeen = Callable[[str, int, str], None]


def _ignore(path: str, line: int, text: str) -> None:
    pass


def read_follow_up(
    f: Fields,
    body_id: str,
    known: Mapping[str, Target],
    translations: Iterable[tuple[str, Fields]] = (),
    faulty: frozenset[str] = frozenset(),
    seen: TextSeen = _ignore,
) -> tuple[FollowUp, ...]:
    """The valid entries of a report-back's ``follow_up``, in file order, with the texts
    of its translations (``itu.fr.md`` repeats ``follow_up[].text`` in the same order).
    ``faulty``: the lower-cased ids of documents left out for errors of their own, whose
    messages are not said to be unknown. ``seen`` is told of every text, source and
    translations, so that their links are checked like any other text's."""
    raw = f.raw("follow_up")
    if raw is MISSING or raw is None:
        return ()
    if not isinstance(raw, list):
        f.error(
            ("follow_up",),
            "'follow_up' must be a list of entries: - message: ..., date: ..., response: ...",
        )
        return ()
    texts = translated_texts(f, "follow_up", "follow-up entry", raw, translations, seen)
    out: list[FollowUp] = []
    for i, item in enumerate(raw):
        entry = _entry(f, i, item, body_id, known, texts.get(i, {}), faulty, seen)
        if entry is not None:
            out.append(entry)
    return tuple(out)


def _entry(
    f: Fields,
    i: int,
    item: Any,
    body_id: str,
    known: Mapping[str, Target],
    translated: dict[str, str],
    faulty: frozenset[str] = frozenset(),
    seen: TextSeen = _ignore,
) -> FollowUp | None:
    where: tuple[str | int, ...] = ("follow_up", i)
    n = i + 1
    if not isinstance(item, dict):
        f.error(where, f"follow-up entry {n} must be a mapping with message, date and response")
        return None
    sub = _sub(f, where, item)
    ok = True
    message_id = sub.string("message")
    target = None
    if message_id is None:
        f.error(
            where,
            f"follow-up entry {n} needs a 'message': a message id such as IGF2025-WS-142/cta-2",
        )
        ok = False
    else:
        message_id = canonical_id(message_id, known) or message_id
        target = known.get(message_id)
        if target is None and message_id.partition("/")[0].lower() in faulty:
            ok = False
        elif target is None:
            hint = difflib.get_close_matches(message_id, list(known), n=1, cutoff=0.8)
            sub.error(("message",), f"follow-up entry {n}: unknown message {message_id!r}"
                      + (f" (did you mean {hint[0]!r}?)" if hint else ""))  # fmt: skip
            ok = False
        elif not target.message.addressed:
            sub.error(("message",), f"follow-up entry {n}: {message_id} is "
                      f"{_KIND_NAMES[target.message.list_key]}; only calls to action and "
                      "recommendations are followed up")  # fmt: skip
            ok = False
        elif target.message.to and body_id not in target.message.to:
            sub.error(("message",), f"follow-up entry {n}: {message_id} is not addressed to "
                      f"{body_id} (its 'to': {', '.join(target.message.to)})")  # fmt: skip
            ok = False
    date = sub.date("date", required=True)
    if date is not None and target is not None and date < target.date:
        sub.error(("date",), f"follow-up entry {n}: date {date} is before "
                  f"{target.where} ({target.date})")  # fmt: skip
        date = None
    if date is not None and date > dt.date.today():
        # Not refused (the contract does not): a typo (2062 for 2026) would be the state
        # shown as current for decades, and the date feeds put at the top of readers.
        sub.warning(("date",), f"follow-up entry {n}: date {date} is in the future; it "
                    "gives the message's current state")  # fmt: skip
    response = sub.choice("response", FOLLOW_UP_RESPONSES, required=True)
    implementation = sub.choice("implementation", FOLLOW_UP_IMPLEMENTATIONS)
    if sub.has("implementation") and implementation is None:
        ok = False
    evidence = _evidence(sub, n)
    if sub.has("evidence") and evidence is None:
        ok = False
    text = sub.raw("text")
    body_text: str | None = None
    if text is not MISSING and text is not None:
        if not isinstance(text, str) or not text.strip():
            sub.error(("text",), f"follow-up entry {n}: 'text' must be a non-empty text")
            ok = False
        else:
            sub.check_cut(("text",), f"the 'text' of follow-up entry {n}")
            sub.check_hostile(("text",), text)
            seen(f.path, sub.line("text"), text)
            body_text = text.strip()
    sub.near_misses()
    if not ok or message_id is None or date is None or response is None:
        return None
    # Relative links in every language start at the source file: a translation sits
    # beside it (bodies/itu.fr.md).
    localized = (
        Localized({**Localized.plain(body_text).values, **translated}, f.path)
        if body_text
        else None
    )
    return FollowUp(message_id, date, response, implementation, localized, evidence,
                    Source(f.path, f.line(*where)), n)  # fmt: skip


def _evidence(sub: Fields, n: int) -> str | None:
    value = sub.raw("evidence")
    if value is MISSING or value is None:
        return None
    if not isinstance(value, str) or not HTTP_URL.match(value.strip()):
        sub.error(("evidence",), f"follow-up entry {n}: 'evidence' must be an http(s) URL, "
                  f"not {quoted(str(value))}")  # fmt: skip
        return None
    return value.strip()


# What an item of a translation's list may restate of its source's item (a translator
# copies the whole file): the item it translates.
_NAMED_BY = {"follow_up": ("message", "date"), "responses": ("date", "edition")}


def _said(value: Any) -> str:
    return str(value).strip().lower()


def _order(key: str, raw: list[Any], source: list[Any]) -> list[int] | None:
    """The source's item that each item of ``raw`` translates, by what it restates, where
    every item restates it and names an item of the source: a translator's copy in
    another order (by date) put each text under another entry, even another message.
    None: by place."""
    keys = _NAMED_BY.get(key)
    if keys is None:
        return None
    places: dict[tuple[str, ...], list[int]] = {}
    for i, item in enumerate(source):
        if isinstance(item, dict):
            places.setdefault(tuple(_said(item.get(k)) for k in keys), []).append(i)
    order = []
    for item in raw:
        if not isinstance(item, dict) or any(item.get(k) is None for k in keys):
            return None
        free = places.get(tuple(_said(item[k]) for k in keys))
        if not free:
            return None
        order.append(free.pop(0))
    return order


def _restated(tf: Fields, key: str, noun: str, pos: int, item: dict[str, Any], src: Any) -> None:
    """A warning for each value ``item`` restates otherwise than the source's item at its
    place: its text is shown under the source's, which may be another entry's."""
    if not isinstance(src, dict):
        return
    for k in _NAMED_BY.get(key, ()):
        if item.get(k) is not None and _said(item[k]) != _said(src.get(k)):
            tf.warning((key, pos, k), f"{noun} {pos + 1}: '{k}' is {quoted(str(item[k]))}, "
                       f"but the source's {noun} {pos + 1} has {quoted(str(src.get(k)))}: "
                       "a translation's texts follow the source's by place, and the "
                       "source's value is used")  # fmt: skip


def translated_texts(
    f: Fields,
    key: str,
    noun: str,
    source: list[Any],
    translations: Iterable[tuple[str, Fields]],
    seen: TextSeen = _ignore,
) -> dict[int, dict[str, str]]:
    """item index -> language -> text, from the translations (``itu.fr.md``) whose list
    ``key`` (``follow_up``, ``responses``) lines up with the source's: each item repeats
    ``text`` translated, or is ``{}`` to keep the source's. ``noun`` names an item; ``seen`` is told of each text, for the link check."""
    out: dict[int, dict[str, str]] = {}
    for lang, tf in translations:
        raw = tf.raw(key)
        if raw is MISSING or raw is None:
            continue
        if not isinstance(raw, list) or len(raw) != len(source):
            count = len(raw) if isinstance(raw, list) else 0
            tf.error((key,), f"'{key}' has {count} item{'s' * (count != 1)} "
                     f"but the source {f.path} has {len(source)}", [f.path],
                     realign=isinstance(raw, list))  # fmt: skip
            continue
        order = _order(key, raw, source)
        for pos, item in enumerate(raw):
            if not isinstance(item, dict):
                tf.error((key, pos), f"{noun} {pos + 1} must be a mapping: "
                         "write '- text: ...' (or '- {}' to keep the source's text)")  # fmt: skip
                continue
            i = pos if order is None else order[pos]
            if order is None:
                _restated(tf, key, noun, pos, item, source[pos])
            text = item.get("text")
            if text is None:
                continue  # this item's text is left in the source language
            if not isinstance(text, str) or not text.strip():
                tf.error((key, pos, "text"), f"{noun} {pos + 1}: 'text' must be a non-empty text")
                continue
            tf.check_cut((key, pos, "text"), f"the 'text' of {noun} {pos + 1}")
            tf.check_hostile((key, pos, "text"), text)
            seen(tf.path, tf.line(key, pos, "text"), text)
            out.setdefault(i, {})[lang] = text.strip()
    return out


def read_liaison(f: Fields, languages: Languages) -> Liaison | None:
    """A body's ``liaison``: a name, an e-mail address, and the site languages its brief
    and covering letter are sent in (default: the site's source language)."""
    raw = f.raw("liaison")
    if raw is MISSING or raw is None:
        return None
    if not isinstance(raw, dict):
        f.error(
            ("liaison",), "'liaison' must be a mapping: {name: ..., email: ..., languages: [...]}"
        )
        return None
    sub = _sub(f, ("liaison",), raw)
    name = sub.string("name", prose=True)
    if name is None:
        f.error(("liaison",), "'liaison' needs a 'name'")
    elif (found := _BREAK.search(name)) is not None:
        char = found.group()
        sub.error(("name",), f"'liaison.name' contains {_NOT_IN_A_NAME[char]} "
                  f"(U+{ord(char):04X}); the name is one line of the e-mail's To: header: "
                  "remove it")  # fmt: skip
        name = None
    email = sub.string("email")
    if email is None:
        f.error(("liaison",), "'liaison' needs an 'email'")
    elif not EMAIL.match(email):
        sub.error(("email",), f"'liaison.email' {email!r} is not an e-mail address")
        email = None
    langs = sub.string_list("languages") if sub.has("languages") else [languages.source]
    good: list[str] = []
    for i, code in enumerate(langs):
        if code not in languages:
            sub.error(("languages", i), f"'liaison.languages' has {code!r}; expected languages "
                      f"of the site: {', '.join(languages.codes)}")  # fmt: skip
        elif code in good:
            sub.error(("languages", i), f"'liaison.languages' names {code!r} twice")
        else:
            good.append(code)
    if sub.has("languages") and not langs:
        sub.error(("languages",), "'liaison.languages' must name at least one language")
    if name is None or email is None or not good or len(good) != len(langs):
        return None
    return Liaison(name, email, tuple(good))


def _sub(f: Fields, where: tuple[str | int, ...], item: dict[str, Any]) -> Fields:
    """Fields of a nested mapping, keeping the file's line numbers."""
    return Fields(f.doc.part(where, item), f.path, f.issues)
