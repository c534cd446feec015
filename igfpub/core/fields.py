"""Typed access to one document's front matter, recording a located problem for each
field that is missing or malformed. Every getter returns a usable default on error so that
loading goes on and every problem in the archive is reported in one run."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from igfpub.core.frontmatter import Document
from igfpub.core.hostile import hostile_offsets
from igfpub.core.issues import Issues
from igfpub.core.languages import site_languages
from igfpub.core.model import Localized

DOC_ID = re.compile(r"^[A-Za-z0-9-]+$")
REGISTRY_ID = re.compile(r"^[a-z0-9-]+$")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The contract's `source_hash`: 12 to 64 hex digits of the source's SHA-256, optionally
# with the algorithm first, as `sha256sum`-like tools and many CMSs print it.
SOURCE_HASH = re.compile(r"^(?:sha256:)?([0-9a-f]{12,64})$", re.IGNORECASE)
SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
HOSTILE_MESSAGE = (
    "contains script, an event handler, a javascript:/vbscript:/data: URL or an element "
    "such as <iframe>, <form> or <style>; that is removed from the published site, the rest kept"
)

# Control characters a text may not hold (tab, line feed and carriage return are fine),
# and the two code points XML forbids that YAML lets an escape write ("\uffff"): a feed
# cannot hold them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

MISSING = object()


class Fields:
    def __init__(self, doc: Document, path: str, issues: Issues) -> None:
        self.doc = doc
        self.path = path
        self.issues = issues
        self._read: set[str] = set()  # the keys asked for: what the reader knows

    # -- reporting -------------------------------------------------------------------
    def line(self, *key: str | int) -> int:
        return self.doc.line(*key)

    def error(
        self,
        key: tuple[str | int, ...],
        message: str,
        mentions: Sequence[str] = (),
        *,
        realign: bool = False,
    ) -> None:
        """``mentions``: the other content files the message names (see Issue);
        ``realign``: a translation's list that the exchange mends (see Issue)."""
        self.issues.error(self.path, self.line(*key), message, mentions, realign=realign)

    def warning(
        self, key: tuple[str | int, ...], message: str, mentions: Sequence[str] = ()
    ) -> None:
        self.issues.warning(self.path, self.line(*key), message, mentions)

    def raw(self, key: str) -> Any:
        self._read.add(key)
        return self.doc.meta.get(key, MISSING)

    def near_misses(self) -> None:
        """A warning for each key that nothing read and that is a letter or two from one
        that was: a typo (``implementaton``, ``key_takeaway``) would otherwise be ignored
        without a word, since content may add fields of its own."""
        known = sorted(self._read)
        for key in self.doc.meta:
            if not isinstance(key, str) or key in self._read:
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
            if close:
                self.warning(
                    (key,), f"unknown field {key!r} is ignored: did you mean {close[0]!r}?"
                )

    def has(self, key: str) -> bool:
        return key in self.doc.meta and self.doc.meta[key] is not None

    # -- scalars ---------------------------------------------------------------------
    def string(self, key: str, *, required: bool = False, prose: bool = False) -> str | None:
        """A text. ``prose``: a free text (a title, a name, a takeaway), which may be
        cut short by a comment unawares; not a code (a track id, a type), which is
        often followed by one on purpose (``type: workshop  # or open-forum``)."""
        value = self.raw(key)
        if value is MISSING or value is None:
            if required:
                why = self.why_empty((key,), f"'{key}'", prose)
                self.error((key,), why or f"'{key}' is required")
            return None
        text = self.as_text((key,), value, f"'{key}'", prose=prose)
        if text is None:
            return None
        if not text:
            if required:
                self.error((key,), f"'{key}' must not be empty")
            return None
        self.check_hostile((key,), text)
        return text

    def doc_id(self, key: str = "id") -> str | None:
        value = self.string(key, required=True)
        if value is None:
            return None
        if not DOC_ID.match(value) or len(value) > 80:
            self.error(
                (key,), f"'{key}' {quoted(value)} may only use letters, digits and '-' (max 80)"
            )
            return None
        return value

    def integer(self, key: str, *, required: bool = False) -> int | None:
        value = self.raw(key)
        if value is MISSING or value is None:
            if required:
                self.error((key,), f"'{key}' is required")
            return None
        number = whole_number(value)
        if number is None:
            self.error((key,), f"'{key}' must be a whole number, not {describe(value)}")
        return number

    def date(
        self,
        key: str,
        *,
        required: bool = False,
        value: Any = MISSING,
        where: tuple[str | int, ...] | None = None,
    ) -> dt.date | None:
        where = where or (key,)
        if value is MISSING:
            value = self.raw(key)
        if value is MISSING or value is None:
            if required:
                self.error(where, f"'{key}' is required")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            # Quoted ("2025-10-02"): YAML reads a string, which the writer meant as a date.
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                self.error(where, f"'{key}' is {quoted(value)}, which is no day of the calendar")
                return None
        self.error(where, f"'{key}' must be a date written YYYY-MM-DD, not {quoted(value)}")
        return None

    def choice(self, key: str, allowed: Iterable[str], *, required: bool = False) -> str | None:
        value = self.string(key, required=required)
        allowed = tuple(allowed)
        if value is not None and value not in allowed:
            self.error(
                (key,),
                f"'{key}' is {quoted(value)}; {_meant(value, allowed)}expected one of: "
                f"{', '.join(allowed)}",
            )
            return None
        return value

    def url(self, key: str, value: Any = MISSING, where: tuple[str | int, ...] = ()) -> str | None:
        where = where or (key,)
        if value is MISSING:
            value = self.raw(key)
        if value is MISSING or value is None:
            return None
        if not isinstance(value, str) or not SAFE_URL.match(value.strip()):
            self.warning(
                where, f"{quoted(key)} {quoted(str(value))} is not an http(s) URL; not linked"
            )
            return None
        return value.strip()

    # -- lists -----------------------------------------------------------------------
    def string_list(
        self,
        key: str,
        *,
        value: Any = MISSING,
        where: tuple[str | int, ...] | None = None,
        prose: bool = False,
    ) -> list[str]:
        where = where or (key,)
        if value is MISSING:
            value = self.raw(key)
        if value is MISSING or value is None:
            return []
        if isinstance(value, str):
            shown = value if len(value) <= 60 else value[:59] + "…"  # one readable line
            self.error(where, f"'{key}' must be a list: write {key}: [{shown}]")
            return []
        if not isinstance(value, list):
            self.error(where, f"'{key}' must be a list, not {describe(value)}")
            return []
        items = (self.item(key, (*where, i), item, prose=prose) for i, item in enumerate(value))
        return [text for text in items if text is not None]

    def item(
        self, key: str, where: tuple[str | int, ...], value: Any, *, prose: bool = False
    ) -> str | None:
        """One item of the list ``key``, at ``where`` (whose last part is its index)."""
        name = f"item {int(where[-1]) + 1} of '{key}'"
        text = "" if value is None else self.as_text(where, value, name, prose=prose)
        if text is None:
            return None
        if not text:
            self.error(where, self.why_empty(where, name, prose) or f"{name} is empty")
            return None
        self.check_hostile(where, text)
        return text

    def choices(
        self,
        key: str,
        allowed: Iterable[str],
        *,
        value: Any = MISSING,
        where: tuple[str | int, ...] | None = None,
    ) -> tuple[str, ...]:
        where = where or (key,)
        allowed = tuple(allowed)
        items = self.string_list(key, value=value, where=where)
        good = []
        for i, item in enumerate(items):
            if item not in allowed:
                self.error(
                    (*where, i),
                    f"'{key}' has {quoted(item)}; {_meant(item, allowed)}expected one of: "
                    f"{', '.join(allowed)}",
                )
            else:
                good.append(item)
        return tuple(good)

    # -- translatable strings ----------------------------------------------------------
    def localized(
        self,
        key: str,
        *,
        required: bool = False,
        value: Any = MISSING,
        where: tuple[str | int, ...] | None = None,
    ) -> Localized | None:
        """A plain string (English) or a mapping ``{en: ..., fr: ...}``."""
        where = where or (key,)
        if value is MISSING:
            value = self.raw(key)
        if value is MISSING or value is None:
            if required:
                why = self.why_empty(where, f"'{key}'", prose=True)
                self.error(where, why or f"'{key}' is required")
            return None
        if not isinstance(value, dict | list):
            text = self.as_text(where, value, f"'{key}'", prose=True)
            if text is None:
                return None
            if not text:
                self.error(where, f"'{key}' must not be empty")
                return None
            self.check_hostile(where, text)
            return Localized.plain(text)
        if not isinstance(value, dict):
            self.error(where, f"'{key}' must be a text or a mapping of languages to texts")
            return None
        values: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in site_languages().codes:
                hint = (" (a text with a comma inside {...} must be quoted)"
                        if " " in str(lang) else "")  # fmt: skip
                self.error(
                    (*where, str(lang)),
                    f"'{key}' has language {quoted(lang)}; expected one of: {', '.join(site_languages().codes)}{hint}",
                )
                continue
            at, name = (*where, str(lang)), f"'{key}.{lang}'"
            read = None if text is None else self.as_text(at, text, name, prose=True)
            if text is None or read == "":
                self.error(
                    at, self.why_empty(at, name, prose=True) or f"{name} must be a non-empty text"
                )
            if not read:
                continue
            self.check_hostile(at, read)
            values[lang] = read
        if site_languages().source not in values:
            if not any(str(k) not in site_languages().codes for k in value):
                self.error(where, f"'{key}' needs an English ('{site_languages().source}') text")
            return None
        return Localized(values)

    # -- texts -------------------------------------------------------------------------
    def as_text(
        self, where: tuple[str | int, ...], value: Any, name: str, *, prose: bool = False
    ) -> str | None:
        """``value``, at ``where``, as the text written there, stripped; None, with an
        error that calls it ``name``, when it is no text. YAML 1.1 reads some plain words
        as numbers or dates (12:30 as 750, 0x1F as 31, 3.10 as 3.1): in a text they are
        the words as written, since the contract's text fields are texts. ``prose``: see
        :meth:`string`."""
        if prose and value is not None:
            self.check_cut(where, name)
        if isinstance(value, str):
            return value.strip()
        word = self.doc.marks.written.get(where)
        if isinstance(value, bool) and word:
            self.error(where, f"{name} is {word}, which YAML reads as {str(value).lower()}: "
                       f'write "{word}" in quotes to mean the word')  # fmt: skip
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | dt.date):
            self.error(where, f"{name} must be a text, not {describe(value)}")
            return None
        return (word or str(value)).strip()

    def why_empty(self, where: tuple[str | int, ...], name: str, prose: bool) -> str | None:
        """What to say of a text that YAML read as empty, when something was written: a
        word YAML 1.1 reads as null (Null, ~; as it reads yes and no as true and false),
        or, in a free text, a comment ("title: #5 session" is a title of nothing)."""
        word = self.doc.marks.written.get(where)
        comment = self.doc.marks.comments.get(where)
        if word:
            return (f"{name} is {word}, which YAML reads as null (no value): "
                    f'write "{word}" in quotes to mean the word')  # fmt: skip
        if prose and comment:
            return (f"{name} is empty: YAML reads {quoted(comment[1])} as a comment; "
                    "write the whole text in quotes")  # fmt: skip
        return None

    def check_cut(self, where: tuple[str | int, ...], name: str) -> None:
        """Warn when the free text at ``where`` ends where a comment begins: YAML reads
        " #" in a plain (unquoted) text as the start of a comment, so "Session #5 on C#"
        is published as "Session". A warning, not an error: a comment after a text is
        valid YAML, and content that built before must still build."""
        comment = self.doc.marks.comments.get(where)
        if comment:
            line, text = comment
            self.issues.warning(self.path, line, f"{name} ends before ' #': YAML reads "
                                f"{quoted(text)} as a comment; write the whole text in quotes")  # fmt: skip

    def check_body(self) -> None:
        """Flag hostile markup in the Markdown body, on the line where it is."""
        for start in hostile_offsets(self.doc.body):
            line = self.doc.body_line + self.doc.body.count("\n", 0, start)
            self.issues.warning(self.path, line, HOSTILE_MESSAGE)  # said once per line

    def check_hostile(self, where: tuple[str | int, ...], text: str) -> None:
        if hostile_offsets(text):
            self.warning(where, HOSTILE_MESSAGE)
        control = CONTROL.search(text)
        if control:
            # NUL, escape and the like are never text: a sign of a damaged file, and HTML
            # forbids them (a browser shows U+FFFD, a feed reader may refuse the feed).
            code = ord(control.group())
            what = "the control character" if code < 0xFFFE else "the non-character"
            self.error(where, f"contains {what} U+{code:04X}; remove it")


# Hex digits that YAML reads as a number when written bare: all digits (an int, and an
# octal one in YAML 1.1 when it starts with 0) or digits, "e", digits (a float in YAML 1.2,
# which ruamel and other tools follow).
_NUMBER_LIKE = re.compile(r"[0-9]+(?:[eE][0-9]+)?")


def source_hash_yaml(digest: str) -> str:
    """A source_hash as it may be copied into front matter: quoted when YAML would read
    it bare as a number instead of the same text."""
    return f"'{digest}'" if _NUMBER_LIKE.fullmatch(digest) else digest


def source_hash_digits(value: str) -> str | None:
    """``"sha256:9B2F..."`` -> ``"9b2f..."``; None when it is not a source_hash."""
    m = SOURCE_HASH.match(value.strip())
    return m[1].lower() if m else None


# Digits only: " 2026 " is a year, "+5", "1_000" and "2026.0" are not what anyone writes
# quoted for a whole number; and a bound, since int() refuses thousands of digits.
_DIGITS = re.compile(r"[0-9]{1,18}")


def whole_number(value: object) -> int | None:
    """``value`` as a whole number, written bare (2026) or quoted ("2026"): a quoted number
    is the number its writer meant, as a quoted date is a date. None when it is none."""
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value}"
    return quoted(value)


def quoted(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut short: a problem is one readable line, whatever the content."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def canonical_id(ref: str, ids: Collection[str]) -> str | None:
    """The id in ``ids`` that ``ref`` names, in any case: ids are unique whatever their case
    (URLs lower-case them), and a reference written ``igf2025-ws-1/CTA-2`` or ``ITU`` means
    ``IGF2025-WS-1/cta-2`` or ``itu``. None if it names none."""
    if ref in ids:
        return ref
    folded = ref.casefold()
    return next((i for i in ids if i.casefold() == folded), None)


def _meant(value: str, allowed: Sequence[str]) -> str:
    """The words "did you mean 'open-forum'? " where ``value`` is an allowed word written another way
    (``Open Forum``, ``open_forum``) or a letter from one; else nothing. The words stay
    exact: open data and the pages' filters are keyed by them."""
    folded = {re.sub(r"[\s_]+", "-", word.strip().casefold()): word for word in allowed}
    near = folded.get(re.sub(r"[\s_]+", "-", value.strip().casefold()))
    if near is None:
        close = difflib.get_close_matches(value.strip().casefold(), list(folded), n=1, cutoff=0.8)
        near = folded[close[0]] if close else None
    return f"did you mean {near!r}? " if near else ""
