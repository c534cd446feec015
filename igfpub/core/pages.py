"""The plan of pages igfpub publishes, language by language (no rendering here).

A :class:`PageSpec` is language-neutral: it knows its URL in every language, the template
that renders it and the model object it shows. Adapters (MkDocs today) turn specs into
pages; the plan itself never changes with the framework.
"""

from __future__ import annotations

from collections.abc import Callable

from igfpub.core import urls
from igfpub.core.briefs import plan_briefs
from igfpub.core.followuppage import plan_follow_up
from igfpub.core.indexes import plan_indexes
from igfpub.core.languages import site_languages
from igfpub.core.model import Corpus, Intersessional, Session
from igfpub.core.searchpage import plan_search
from igfpub.core.spec import PageSpec
from igfpub.core.translatepage import plan_translate

__all__ = ["PLANNERS", "PageSpec", "document_url", "plan"]


def _all(fn: Callable[..., str], *args: object) -> dict[str, str]:
    """A URL function of the contract applied to every language."""
    return {lang: fn(lang, *args) for lang in site_languages().codes}


def plan_documents(corpus: Corpus) -> list[PageSpec]:
    """Editions, sessions and intersessional takeaways."""
    specs: list[PageSpec] = []
    for ed in corpus.editions.values():
        specs.append(
            PageSpec(
                f"edition/{ed.edition}",
                "edition",
                "igfpub/edition.html",
                ed.title,
                _all(urls.edition, ed.edition),
                ed,
                ed.text,
                in_nav=True,
            )
        )
    for s in corpus.sessions.values():
        specs.append(
            PageSpec(
                f"session/{s.id}",
                "session",
                "igfpub/session.html",
                s.title,
                _all(urls.session, s.edition, s.id),
                s,
                s.text,
            )
        )
    for d in corpus.intersessional.values():
        specs.append(
            PageSpec(
                f"intersessional/{d.id}",
                "intersessional",
                "igfpub/intersessional.html",
                d.title,
                _all(urls.intersessional, d.edition, d.id),
                d,
                d.text,
            )
        )
    return specs


# Each publication plans its own pages; the order here is the order of the nav.
PLANNERS: list[Callable[[Corpus], list[PageSpec]]] = [
    plan_documents,
    plan_indexes,
    plan_search,
    plan_briefs,
    plan_follow_up,
    plan_translate,
]


def plan(corpus: Corpus) -> list[PageSpec]:
    """Every generated page, in a stable order."""
    global _planned
    # The build and the link index both need the plan of the same corpus: made once.
    if _planned is None or _planned[0] is not corpus:
        _planned = (corpus, [spec for planner in PLANNERS for spec in planner(corpus)])
    return list(_planned[1])


_planned: tuple[Corpus, list[PageSpec]] | None = None


def document_url(lang: str, doc: Session | Intersessional) -> str:
    if isinstance(doc, Session):
        return urls.session(lang, doc.edition, doc.id)
    return urls.intersessional(lang, doc.edition, doc.id)
