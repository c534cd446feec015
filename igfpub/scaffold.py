"""``igfpub init``: a new site that builds at once, from the templates in
``igfpub/default/scaffold/``."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from igfpub.catalogs import FORUM_MSGID, gettext_name
from igfpub.core.languages import autonym, is_known

TEMPLATES = Path(__file__).resolve().parent / "default" / "scaffold"


class ScaffoldError(Exception):
    """The site cannot be created; the message says why, in one line."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str


def parse_languages(text: str) -> list[str]:
    codes = [c.strip() for c in text.split(",") if c.strip()]
    if not codes:
        raise ScaffoldError("--languages needs at least one language code, e.g. pt,en,es")
    unknown = [c for c in codes if not is_known(c)]
    if unknown:
        raise ScaffoldError(
            f"unknown language code{'s' * (len(unknown) > 1)}: {', '.join(unknown)} "
            "(use BCP 47 codes such as pt, en, es, fr, pt-BR)"
        )
    refused = [c for c in codes if not _i18n_takes(c)]
    if refused:
        raise ScaffoldError(
            f"mkdocs-static-i18n does not take the language code{'s' * (len(refused) > 1)} "
            f"{', '.join(refused)}: it takes a two-letter language, with a script and a "
            "two-letter region or not (sw, pt-BR, zh-Hant)"
        )
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise ScaffoldError(f"language listed twice: {', '.join(repeated)}")
    return codes


def _i18n_takes(code: str) -> bool:
    """Whether the i18n plugin's configuration takes ``code`` (it refuses ``es-419`` and
    three-letter codes such as ``fil``): asked of its own check, so that ``init`` never
    writes a site that cannot build."""
    from mkdocs.config.base import ValidationError
    from mkdocs_static_i18n.config import Locale

    try:
        Locale(str).validate(code)
    except ValidationError:
        return False
    return True


def init_site(
    folder: Path, languages: list[str], name: str, year: int | None = None, forum: str = ""
) -> list[Path]:
    """Writes the new site into ``folder`` (absent or empty); returns the files written.
    ``forum``: the forum's name, in every language until translated; empty: the Internet
    Governance Forum's, in the languages igfpub has catalogs for."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder}: not empty; igfpub init writes only into a new folder")
    year = year or dt.date.today().year
    session_id = f"IGF{year}-WS-1"
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown, not HTML; values go through |yaml
    )
    # JSON strings are valid YAML scalars: any name, with quotes or colons, stays one value.
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    context = {
        "name": name,
        "forum": forum,
        "year": year,
        "languages": [Language(code, autonym(code)) for code in languages],
        "contact": "outcomes@example.org",
        "session_id": session_id,
    }
    targets = {
        "mkdocs.yml": "mkdocs.yml",
        "content/index.md": "content/index.md",
        "content/registry/bodies.yml": "content/registry/bodies.yml",
        "content/registry/groups.yml": "content/registry/groups.yml",
        "content/registry/observatories.yml": "content/registry/observatories.yml",
        "content/editions/edition.md": f"content/editions/{year}.md",
        "content/sessions/session.md": f"content/sessions/{year}/{session_id.lower()}.md",
    }
    written = []
    for template, target in targets.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.get_template(template).render(context), encoding="utf-8")
        written.append(path)
    for code in languages if forum else ():
        written.append(_forum_catalog(folder / "overrides" / "locales", code, forum))
    return written


def _forum_catalog(locales: Path, code: str, forum: str) -> Path:
    """The site's catalog for ``code``, naming the forum: the feeds, briefs, printed
    outcome documents and letters take the forum's name from the interface string
    "Internet Governance Forum", which this catalog gives the site's own name."""
    catalog = Catalog(locale=None, project="", fuzzy=False)
    catalog.add(FORUM_MSGID, forum, auto_comments=["The forum's name (igfpub README)."])
    path = locales / gettext_name(code) / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False)
    path.write_bytes(out.getvalue())
    return path
