"""Which pages the browser suite visits: one of each kind, chosen from the built site.

A page's kind comes from igfpub's own plan (``PageSpec.kind``) when igfpub generated it,
and from the shape of its URL otherwise, so a kind of page that anyone adds later (brief
pages, say) is visited without touching this file. Of each kind the largest English page
is taken, the one with the most markup to get wrong, and visited in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from igfpub.core.languages import DEFAULT, LANGUAGES, url_prefix
from igfpub.core.loader import load_corpus
from igfpub.core.pages import plan

NOT_PAGES = ("assets/", "pagefind/", "api/")
LANGUAGE_FOLDERS = tuple(url_prefix(lang) for lang in LANGUAGES if lang != DEFAULT)


@dataclass(frozen=True)
class Sample:
    kind: str
    url: str  # English URL relative to the site root ("" for the home page)

    def at(self, lang: str) -> str:
        return url_prefix(lang) + self.url


def english_pages(site: Path) -> list[str]:
    urls = []
    for index in site.rglob("index.html"):
        rel = index.relative_to(site).parent.as_posix()
        url = "" if rel == "." else f"{rel}/"
        if not url.startswith((*NOT_PAGES, *LANGUAGE_FOLDERS)):
            urls.append(url)
    return sorted(urls)


def _shape(url: str) -> str:
    """``briefs/2025/body-itu/`` -> ``briefs/*/*``: the kind of a page igfpub did not plan."""
    parts = url.strip("/").split("/")
    return "/".join([parts[0], *("*" * (len(parts) - 1))])


def sample_pages(site: Path, content: Path) -> list[Sample]:
    planned = {spec.urls[DEFAULT]: spec.kind for spec in plan(load_corpus(content).corpus)}
    largest: dict[str, tuple[int, str]] = {}
    for url in english_pages(site):
        kind = "home" if url == "" else planned.get(url, _shape(url))
        size = (site / url / "index.html").stat().st_size
        if kind not in largest or size > largest[kind][0]:
            largest[kind] = (size, url)
    samples = [Sample(kind, url) for kind, (_, url) in sorted(largest.items())]
    fallback = fallback_session(site, [u for u, k in planned.items() if k == "session"])
    if fallback:
        samples.append(Sample("session-fallback", fallback))
    return samples


def translation_state(site: Path, url: str) -> str | None:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    marker = 'data-translation="'
    at = html.find(marker)
    return html[at + len(marker) : html.index('"', at + len(marker))] if at >= 0 else None


def fallback_session(site: Path, sessions: list[str]) -> str | None:
    """A session that has no translation at all: English text on every language's page."""
    for url in sorted(sessions):
        others = [url_prefix(lang) + url for lang in LANGUAGES if lang != DEFAULT]
        if all(translation_state(site, u) == "fallback" for u in others):
            return url
    return None
