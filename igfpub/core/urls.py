"""The public URL contract (stable: bodies and the press link to them).

Every URL is relative to the site root, ends in ``/`` for pages, and is the same shape in
every language: ``{L}sessions/2025/igf2025-ws-142/`` where ``{L}`` is ``""`` or ``"fr/"``.
"""

from __future__ import annotations

from igfpub.core.languages import url_prefix


def home(lang: str) -> str:
    return url_prefix(lang)


def edition(lang: str, year: int) -> str:
    return f"{url_prefix(lang)}editions/{year}/"


def session(lang: str, year: int, doc_id: str) -> str:
    return f"{url_prefix(lang)}sessions/{year}/{doc_id.lower()}/"


def intersessional(lang: str, year: int, doc_id: str) -> str:
    return f"{url_prefix(lang)}messages/{year}/{doc_id.lower()}/"


def bodies(lang: str) -> str:
    return f"{url_prefix(lang)}bodies/"


def body(lang: str, body_id: str) -> str:
    return f"{url_prefix(lang)}bodies/{body_id}/"


def body_feed(lang: str, body_id: str) -> str:
    return f"{url_prefix(lang)}bodies/{body_id}/feed.xml"


def message(page_url: str, message_id: str) -> str:
    """A message's anchor on its page. The id keeps its ``/``: fragments allow it."""
    return f"{page_url}#{message_id}"


def brief(lang: str, year: int, kind: str, subject_id: str) -> str:
    """A two-page brief's HTML page; ``kind`` is "body" or "group"."""
    return f"{url_prefix(lang)}briefs/{year}/{kind}-{subject_id}/"


def brief_pdf(lang: str, year: int, kind: str, subject_id: str) -> str:
    return f"{url_prefix(lang)}briefs/{year}/{kind}-{subject_id}.pdf"


def outcome_pdf(lang: str, year: int) -> str:
    """The printable outcome document of an edition (not in the contract's table: chosen to
    sit beside the edition's page)."""
    return f"{url_prefix(lang)}editions/{year}/igf-{year}-outcome-{lang}.pdf"


def group(lang: str, group_id: str) -> str:
    return f"{url_prefix(lang)}groups/{group_id}/"


def to_everyone(lang: str) -> str:
    return f"{url_prefix(lang)}bodies/all/"


def to_everyone_feed(lang: str) -> str:
    return f"{to_everyone(lang)}feed.xml"


def groups(lang: str) -> str:
    return f"{url_prefix(lang)}groups/"


def follow_up(lang: str, year: int) -> str:
    """What became of an edition's calls to action and recommendations."""
    return f"{url_prefix(lang)}editions/{year}/follow-up/"


def follow_up_feed(lang: str) -> str:
    """Every body's new follow-up entries, newest first (not in the contract's table:
    chosen to sit beside the list of bodies)."""
    return f"{url_prefix(lang)}bodies/feed.xml"


def programme(lang: str, year: int) -> str:
    return f"{url_prefix(lang)}editions/{year}/programme/"


def observatories(lang: str) -> str:
    return f"{url_prefix(lang)}observatories/"


def open_data(lang: str) -> str:
    return f"{url_prefix(lang)}open-data/"


def translate(lang: str) -> str:
    """How far each language has come, and how to help translate."""
    return f"{url_prefix(lang)}translate/"


def api(name: str) -> str:
    """Open data is language-neutral: one file for all languages."""
    return f"api/v1/{name}"


def search(lang: str) -> str:
    """The search page of a language: it searches that language's pages only."""
    return f"{url_prefix(lang)}search/"
