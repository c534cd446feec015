"""The content model: typed, immutable, free of I/O and of any framework.

A document (session, intersessional takeaways, edition) has one English source and up to
five translations. Text that can be translated is held as ``Localized``: a mapping from
language to the text *really* written in that language. Choosing what a reader sees (the
translation, or English marked as such) is :mod:`igfpub.core.translation`'s job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from igfpub.core.languages import UN, Languages, site_languages

# Message lists: front-matter key -> (id token, open-data kind).
MESSAGE_LISTS: dict[str, tuple[str, str]] = {
    "key_takeaways": ("kt", "takeaway"),
    "calls_to_action": ("cta", "call-to-action"),
    "recommendations": ("rec", "recommendation"),
    "consensus": ("con", "consensus"),
    "divergence": ("div", "divergence"),
    "minority_views": ("min", "minority-view"),
}
# Lists whose items are mappings with ``text`` (and ``to``), not plain strings.
ADDRESSED_LISTS = frozenset({"calls_to_action", "recommendations"})

SESSION_TYPES = (
    "main",
    "workshop",
    "open-forum",
    "town-hall",
    "dc",
    "bpf",
    "pn",
    "nri",
    "networking",
    "lightning",
    "launch-award",
    "day0",
    "high-level",
    "parliamentary",
    "youth",
    "open-mic",
)
STAKEHOLDERS = (
    "government",
    "igo",
    "civil-society",
    "technical-community",
    "private-sector",
    "academia",
    "youth",
    "parliament",
)
BODY_TYPES = (
    "un-organ",
    "un-agency",
    "un-process",
    "igo",
    "regional-igo",
    "parliament",
    "standards",
    "technical",
    "coalition",
    "government",
    "nri",
)
GROUP_KINDS = ("bpf", "dc", "pn")
EDITION_FORMATS = ("in-person", "hybrid", "online")
MESSAGE_STATUSES = ("draft", "consultation", "final")
TRANSLATION_STATUSES = ("machine", "human", "official")
OBSERVATORY_SCOPES = ("global", "regional", "national")
OBSERVATORY_STATUSES = ("active", "archived")
# Follow-up of a message by a body (content/bodies/<id>.md, `follow_up`).
FOLLOW_UP_RESPONSES = ("acknowledged", "supported", "noted", "declined")
FOLLOW_UP_IMPLEMENTATIONS = ("not-started", "ongoing", "completed")


@dataclass(frozen=True)
class Localized:
    """A text in the languages it was written in; ``en`` is always present."""

    values: Mapping[str, str]
    # The content file a Markdown text was written in: its relative links start there.
    where: str = ""
    # What the text is, when its file holds several (a message id): the ids made from it
    # (its footnotes') are named after it, so that two texts with the same words on one
    # page (two sessions' takeaways in an outcome document) have ids of their own.
    owner: str = ""

    def get(self, lang: str) -> tuple[str, str]:
        """The text for ``lang`` and the language it is really in (``en`` on fallback)."""
        if lang in self.values:
            return self.values[lang], lang
        return self.values[site_languages().source], site_languages().source

    def __str__(self) -> str:
        return self.values[site_languages().source]

    def owned(self, owner: str) -> Localized:
        return self if self.owner == owner else replace(self, owner=owner)

    @classmethod
    def plain(cls, text: str, where: str = "") -> Localized:
        return cls({site_languages().source: text}, where)


def _own(thing: object, name: str, text: Localized) -> None:
    """Set a frozen model object's text to one named after it (:attr:`Localized.owner`),
    whichever code made the object."""
    object.__setattr__(thing, name, text)


@dataclass(frozen=True)
class Source:
    """Where a thing was written, for problem records and links back to the repository."""

    path: str  # relative to the content folder, POSIX separators
    line: int = 1


@dataclass(frozen=True)
class Liaison:
    """Where the Secretariat sends a body's messages, and in which languages."""

    name: str
    email: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Body:
    id: str
    acronym: Localized
    name: Localized
    type: str
    url: str | None
    processes: tuple[str, ...]
    contact: str | None
    source: Source
    liaison: Liaison | None = None


@dataclass(frozen=True)
class Group:
    id: str
    kind: str
    acronym: Localized
    name: Localized
    url: str | None
    stakeholder_groups: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Observatory:
    id: str
    name: Localized
    operator: str | None
    url: str | None
    scope: str
    languages: tuple[str, ...]
    status: str
    source: Source


@dataclass(frozen=True)
class Track:
    id: str
    title: Localized
    narrative: Localized | None

    def __post_init__(self) -> None:
        if self.narrative is not None:  # one of the edition file's tracks
            _own(self, "narrative", self.narrative.owned(f"{self.narrative.where}#{self.id}"))


@dataclass(frozen=True)
class TranslationInfo:
    """What a translation file says about itself, and whether its source moved on."""

    lang: str
    path: str
    status: str | None  # machine | human | official | None (not said)
    source_hash: str | None
    stale: bool


@dataclass(frozen=True)
class Message:
    """One takeaway, call to action, recommendation, ... with its stable id."""

    id: str  # "IGF2025-WS-142/cta-2"
    list_key: str  # "calls_to_action"
    position: int  # 1-based
    text: Localized  # Markdown
    to: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _own(self, "text", self.text.owned(self.id))

    @property
    def token(self) -> str:
        return MESSAGE_LISTS[self.list_key][0]

    @property
    def kind(self) -> str:
        return MESSAGE_LISTS[self.list_key][1]

    @property
    def addressed(self) -> bool:
        return self.list_key in ADDRESSED_LISTS


@dataclass(frozen=True)
class Narrative:
    """A document's Markdown body per language, and the translations behind it."""

    body: Localized
    translations: Mapping[str, TranslationInfo] = field(default_factory=dict)
    source_hash: str = ""


@dataclass(frozen=True)
class FreePage:
    """An ordinary Markdown page (home, about) as its translators see it: MkDocs renders
    it, and its translations sit beside it (``about.fr.md``)."""

    title: Localized | None  # the front matter's ``title``, if the source writes one
    text: Narrative
    source: Source


@dataclass(frozen=True)
class ReportPage:
    """A body's report-back (``bodies/itu.md``) as its translators see it: its responses'
    and follow-up entries' texts by their place in the file, which a translation's lists
    (``itu.fr.md``) line up with, and its Markdown."""

    body: str
    # (1-based place in the list, text, what it is for the translator)
    responses: tuple[tuple[int, Localized, str], ...]
    follow_up: tuple[tuple[int, Localized, str], ...]  # the entries that have a text
    text: Narrative
    source: Source
    title: None = None  # a report-back has no title of its own


def _position(item: Response) -> int:
    return item.position


@dataclass(frozen=True)
class Edition:
    edition: int
    number: int | None
    title: Localized
    city: str
    country: str
    start: dt.date
    end: dt.date
    format: str
    tracks: tuple[Track, ...]
    messages_status: str
    consultation: tuple[dt.date, dt.date] | None
    text: Narrative
    source: Source

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)


@dataclass(frozen=True)
class Session:
    id: str
    edition: int
    type: str
    title: Localized
    track: str
    date: dt.date
    rapporteur: str
    organizers: tuple[str, ...]
    stakeholders: tuple[str, ...]
    messages: tuple[Message, ...]
    participants: Mapping[str, int]
    links: Mapping[str, str]
    text: Narrative
    source: Source

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def source_type(self) -> str:
        return self.type


@dataclass(frozen=True)
class Intersessional:
    """A BPF / DC / PN takeaways document."""

    id: str
    edition: int
    group: str
    title: Localized
    status: str
    messages: tuple[Message, ...]
    full_report: str | None
    text: Narrative
    source: Source
    group_kind: str = ""

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def source_type(self) -> str:
        return self.group_kind

    @property
    def track(self) -> None:
        return None


@dataclass(frozen=True)
class Response:
    date: dt.date
    edition: int
    about: tuple[str, ...]
    text: Localized  # Markdown, in the languages the report is translated into
    # 1-based, in the file's list: responses are kept newest first, and a translation's
    # list (``itu.fr.md``) lines up with the file's.
    position: int = 0

    def __post_init__(self) -> None:
        # One of its report's responses: by what it answers, when.
        about = "+".join(self.about)
        _own(self, "text", self.text.owned(f"{self.text.where}#{self.date}/{self.edition}/{about}"))


@dataclass(frozen=True)
class FollowUp:
    """One dated step of what a body did with one message (igfpub.core.followup)."""

    message: str  # a message id: "IGF2025-WS-142/cta-2"
    date: dt.date
    response: str  # acknowledged | supported | noted | declined
    implementation: str | None  # not-started | ongoing | completed
    text: Localized | None  # Markdown
    evidence: str | None  # an http(s) URL
    source: Source
    position: int = 0  # 1-based, in the file's list, which a translation's lines up with

    def __post_init__(self) -> None:
        # One entry of its report's follow_up: by what it is about and its date, not its
        # line, which an entry added above it moves (its pages would all render again).
        if self.text is not None:
            owner = f"{self.source.path}#{self.message}/{self.date}"
            _own(self, "text", self.text.owned(owner))


@dataclass(frozen=True)
class BodyReport:
    body: str
    responses: tuple[Response, ...]
    text: Localized  # the report's own Markdown, in the languages it is translated into
    source: Source
    follow_up: tuple[FollowUp, ...] = ()  # in file order
    # What each translation file (``itu.fr.md``) says about itself: its status, and whether
    # the report changed since.
    translations: Mapping[str, TranslationInfo] = field(default_factory=dict)
    source_hash: str = ""  # of the file, as a translation records it

    @property
    def translatable(self) -> ReportPage:
        """The report as its translators see it (igfpub.core.segments)."""
        return ReportPage(
            self.body,
            tuple(
                (r.position, r.text, f"response of {r.date} (edition {r.edition})")
                for r in sorted(self.responses, key=_position)
            ),
            tuple(
                (e.position, e.text, f"what {self.body} did with {e.message}, {e.date}")
                for e in self.follow_up
                if e.text is not None
            ),
            Narrative(self.text, self.translations, self.source_hash),
            self.source,
        )

    @property
    def narrative(self) -> Narrative:
        """The report's text with its translations: what decides its body page's state."""
        return Narrative(self.text, self.translations)


Document = Session | Intersessional


@dataclass(frozen=True)
class Corpus:
    """Everything in a content folder, validated and indexed."""

    bodies: Mapping[str, Body]
    groups: Mapping[str, Group]
    observatories: Mapping[str, Observatory]
    editions: Mapping[int, Edition]  # newest first
    sessions: Mapping[str, Session]  # by id, in (edition, date, id) order
    intersessional: Mapping[str, Intersessional]
    reports: Mapping[str, BodyReport]  # by body id
    pages: tuple[str, ...] = ()  # other Markdown pages (home, about), relative paths
    languages: Languages = UN  # the site's languages, source first
    # Documents whose headings some link names by a #fragment: the pages that hold such a
    # link change with those headings (igfpub.core.inputs); and by the file the link is in,
    # as linked_docs below.
    heading_targets: frozenset[str] = frozenset()
    linked_headings: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # The documents some text links to (igfpub.core.links.Linker.linked_docs), by the file
    # the text is in (a translation's links under its source's path): a link's address
    # changes with its document's, on the pages that show that file's texts.
    linked_docs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # What each free page's translation (``about.fr.md``) says about itself, by its path:
    # its page shows the same notices as a document's.
    page_translations: Mapping[str, TranslationInfo] = field(default_factory=dict)
    # The free pages that have a source file, by its path: what translators translate
    # of them. Pages are not made from these (MkDocs reads the files).
    free_pages: Mapping[str, FreePage] = field(default_factory=dict)

    def documents(self) -> list[Document]:
        return [*self.sessions.values(), *self.intersessional.values()]

    def document(self, doc_id: str) -> Document | None:
        return self.sessions.get(doc_id) or self.intersessional.get(doc_id)
