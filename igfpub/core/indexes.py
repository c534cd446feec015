"""Pages that index the archive: decision-making bodies, messages to everyone, groups,
observatories, programme explorers and the open-data documentation."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from igfpub.core import urls
from igfpub.core.languages import site_languages
from igfpub.core.model import BodyReport, Corpus, Localized
from igfpub.core.spec import PageSpec


def _ui(key: str, kind: str, template: str, english: str, url: Callable[[str], str], *,
        in_nav: bool = False, detail: str | int | None = None) -> PageSpec:  # fmt: skip
    """A page whose title is interface text (translated from the catalogs)."""
    return PageSpec(
        key, kind, template, Localized.plain(english),
        {lang: url(lang) for lang in site_languages().codes},
        in_nav=in_nav, ui_title=english, detail=detail,
    )  # fmt: skip


def _has_text(report: BodyReport) -> bool:
    """Whether a report-back says anything a translation would translate."""
    return bool(
        report.text.values[site_languages().source].strip()
        or report.responses
        or any(e.text for e in report.follow_up)
    )


def _programme(year: int, lang: str) -> str:
    return urls.programme(lang, year)


def plan_indexes(corpus: Corpus) -> list[PageSpec]:
    specs = [
        _ui("bodies", "bodies", "igfpub/bodies.html", "Decision-making bodies", urls.bodies,
            in_nav=True),
        _ui("bodies/all", "to-everyone", "igfpub/to-everyone.html",
            "Messages to all decision-making bodies", urls.to_everyone),
    ]  # fmt: skip
    for body in corpus.bodies.values():
        # A body's page holds its report-back: whether that is translated, a machine
        # translation, out of date or shown in the source language is the page's state.
        # The messages on it each carry their own (igfpub/messages.html).
        report = corpus.reports.get(body.id)
        narrative = report.narrative if report is not None and _has_text(report) else None
        specs.append(PageSpec(f"body/{body.id}", "body", "igfpub/body.html", body.name,
                              {lang: urls.body(lang, body.id) for lang in site_languages().codes},
                              narrative=narrative, detail=body.id))  # fmt: skip
    if corpus.groups:
        specs.append(_ui("groups", "groups", "igfpub/groups.html",
                         "Best Practice Forums, Dynamic Coalitions and Policy Networks",
                         urls.groups, in_nav=True))  # fmt: skip
    for group in corpus.groups.values():
        specs.append(PageSpec(f"group/{group.id}", "group", "igfpub/group.html", group.name,
                              {lang: urls.group(lang, group.id) for lang in site_languages().codes},
                              detail=group.id))  # fmt: skip
    for year in corpus.editions:
        specs.append(_ui(f"programme/{year}", "programme", "igfpub/programme.html",
                         "Programme explorer", partial(_programme, year),
                         detail=year))  # fmt: skip
    if corpus.observatories:
        specs.append(_ui("observatories", "observatories", "igfpub/observatories.html",
                         "Observatories and help desks", urls.observatories, in_nav=True))  # fmt: skip
    specs.append(_ui("open-data", "open-data", "igfpub/open-data.html", "Open data",
                     urls.open_data, in_nav=True))  # fmt: skip
    return specs
