"""``igfpub init``: a new site that builds at once, from the templates in
``igfpub/default/scaffold/``; ``igfpub new session|messages``: a new file that passes
``check`` as soon as its placeholder text is replaced."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from igfpub.catalogs import FORUM_MSGID, gettext_name
from igfpub.core.fields import canonical_id
from igfpub.core.languages import autonym, bcp47_case, is_known
from igfpub.core.model import SESSION_TYPES, Corpus

TEMPLATES = Path(__file__).resolve().parent / "default" / "scaffold"


class ScaffoldError(Exception):
    """The site cannot be created; the message says why, in one line."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    site_name: str = ""  # the site's name in this language


def parse_languages(text: str) -> list[str]:
    written = [c.strip() for c in text.split(",") if c.strip()]
    if not written:
        raise ScaffoldError("--languages needs at least one language code, e.g. pt,en,es")
    # The i18n plugin takes pt_BR, but every page would say <html lang="pt_BR">, which
    # is not a language tag.
    underscored = [c for c in written if "_" in c]
    if underscored:
        hint = ", ".join(f"{bcp47_case(c.replace('_', '-'))} for {c}" for c in underscored)
        raise ScaffoldError(
            f"a language code joins its parts with '-', not '_' (BCP 47): write {hint}"
        )
    codes = [bcp47_case(c) for c in written]
    # Problems name the codes as written.
    unknown = [w for w, c in zip(written, codes, strict=True) if not is_known(c)]
    if unknown:
        raise ScaffoldError(
            f"unknown language code{'s' * (len(unknown) > 1)}: {', '.join(unknown)} "
            "(use BCP 47 codes such as pt, en, es, fr, pt-BR)"
        )
    refused = [w for w, c in zip(written, codes, strict=True) if not _i18n_takes(c)]
    if refused:
        raise ScaffoldError(
            f"mkdocs-static-i18n does not take the language code{'s' * (len(refused) > 1)} "
            f"{', '.join(refused)}: it takes a two-letter language, with a four-letter script "
            "and a two-letter region or not (sw, pt-BR, zh-Hant)"
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
    ``name``: the site's; empty: "IGF Outcomes" in each language igfpub has example
    content in. ``forum``: the forum's name, in every language until translated; empty:
    the Internet Governance Forum's, in the languages igfpub has catalogs for."""
    given = name
    name = name or example_phrases(languages[0])["site_name"]
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
        "languages": [
            # Without a name given, each language's own ("Résultats du FGI"): an Arabic
            # site's pages began with the English "IGF Outcomes".
            Language(code, autonym(code), given or example_phrases(code)["site_name"])
            for code in languages
        ],
        "contact": "outcomes@example.org",
        "session_id": session_id,
        "symbol": initials(forum) if forum else "IGF",
        "t": example_phrases(languages[0]),
    }
    targets = {
        "mkdocs.yml": "mkdocs.yml",
        "content/index.md": "content/index.md",
        "content/registry/bodies.yml": "content/registry/bodies.yml",
        "content/registry/groups.yml": "content/registry/groups.yml",
        "content/registry/observatories.yml": "content/registry/observatories.yml",
        "content/editions/edition.md": f"content/editions/{year}.md",
        "content/sessions/session.md": f"content/sessions/{year}/{session_id.lower()}.md",
        "gitignore": ".gitignore",  # a site is kept in git; what igfpub makes is not
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


def initials(forum: str) -> str:
    """A document symbol's prefix from a forum's name: its capitalised words' initials,
    an acronym in it kept whole (``Fórum da Internet no Brasil``: ``FIB``; ``West African
    IGF``: ``WAIGF``), in ASCII capitals, as symbols are written. ``IGF`` if none."""
    letters = []
    for word in re.findall(r"[^\W\d_]+", forum):
        if word.isupper() and len(word) > 1:
            letters.append(word)
        elif word[0].isupper():
            letters.append(word[0])
    ascii_only = unicodedata.normalize("NFKD", "".join(letters)).encode("ascii", "ignore")
    return ascii_only.decode().upper() or "IGF"


def example_phrases(lang: str) -> dict[str, str]:
    """The example content's texts in ``lang`` (a BCP 47 code: ``pt-BR`` takes ``pt``'s),
    or in English where ``phrases.yml`` does not have it. Before, a Portuguese site's
    first session, declared Portuguese, was written in English."""
    with (TEMPLATES / "phrases.yml").open(encoding="utf-8") as f:
        phrases: dict[str, dict[str, str]] = yaml.safe_load(f)
    return phrases.get(lang.split("-")[0].lower(), phrases["en"])


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


# The files `igfpub new session|messages` writes: str.format templates, with the values
# written as YAML (``{title}`` is quoted by the YAML library where it needs to be).
NEW_TEMPLATES = Path(__file__).resolve().parent / "default" / "new"


def _new_template(kind: str) -> str:
    return (NEW_TEMPLATES / f"{kind}.md").read_text(encoding="utf-8")


class NewFileError(Exception):
    """The new file would not pass ``check``; the message says why, and what would, in
    one line."""


class IdTakenError(NewFileError):
    """The id is another file's: as when the file itself exists, nothing is overwritten.
    ``path``: that file, in the content folder (the command names it from where it runs)."""

    def __init__(self, doc_id: str, path: str) -> None:
        super().__init__(f"id {doc_id} is already used in {path}")
        self.id = doc_id
        self.path = path


@dataclass(frozen=True)
class NewFile:
    """What ``igfpub new session|messages`` was asked for, as typed on the command line."""

    kind: str  # "session" or "messages"
    id: str
    edition: int
    title: str
    type: str = "workshop"  # sessions only
    track: str | None = None  # sessions only; None: the edition's only track
    date: str | None = None  # sessions only; None: the edition's first day
    group: str | None = None  # messages only; None: the registry's only group


def new_file(corpus: Corpus, asked: NewFile) -> tuple[str, str]:
    """The path in the content folder and the text of a new session or messages file,
    every value checked against ``corpus`` the way ``check`` will check it: a rapporteur
    who gets a file gets one that only needs its text. Raises :class:`NewFileError`."""
    existing = {doc.id.lower(): doc.source.path for doc in corpus.documents()}
    if asked.id.lower() in existing:  # ids are unique in any case and in any sub-folder
        raise IdTakenError(asked.id, existing[asked.id.lower()])
    edition = corpus.editions.get(asked.edition)
    if edition is None:
        raise NewFileError(f"there is no edition {asked.edition} (editions: "
                           f"{_listed(map(str, corpus.editions))})")  # fmt: skip
    values = {"id": asked.id, "edition": asked.edition, "title": _scalar(asked.title)}
    if asked.kind == "messages":
        group = _one_of("group", asked.group, list(corpus.groups), "registry/groups.yml")
        rel = f"messages/{asked.edition}/{asked.id.lower()}.md"
        return rel, _new_template("messages").format(**values, group=group)
    if asked.type not in SESSION_TYPES:
        raise NewFileError(f"there is no session type {asked.type!r} (types: "
                           f"{_listed(SESSION_TYPES)})")  # fmt: skip
    tracks = [t.id for t in edition.tracks]
    track = _one_of("track", asked.track, tracks, f"edition {asked.edition}")
    date = edition.start
    if asked.date is not None:
        try:
            date = dt.date.fromisoformat(asked.date)
        except ValueError:
            raise NewFileError(f"--date {asked.date!r} is not a date: write YYYY-MM-DD") from None
        if not edition.start <= date <= edition.end:
            raise NewFileError(f"--date {date} is outside edition {asked.edition} "
                               f"({edition.start} to {edition.end})")  # fmt: skip
    rel = f"sessions/{asked.edition}/{asked.id.lower()}.md"
    text = _new_template("session").format(
        **values, type=asked.type, track=track, date=date.isoformat()
    )
    return rel, text


def _one_of(name: str, given: str | None, ids: list[str], where: str) -> str:
    """``given`` as ``ids`` spell it (in any case, as ``check`` reads it); where it was not
    given and there is only one, that one."""
    if given is None and len(ids) == 1:
        return ids[0]
    found = canonical_id(given, ids) if given is not None else None
    if found is None:
        asked = f"there is no {name} {given!r}" if given is not None else f"--{name} is needed"
        raise NewFileError(f"{asked} ({name}s of {where}: {_listed(ids)})")
    return found


def _listed(values: Iterable[str]) -> str:
    return ", ".join(values) or "none"


def _scalar(value: str) -> str:
    """``value`` as YAML writes it: quoted only where it must be, and read back exactly
    (a title with ': ', '"' or '#' in it, or one that YAML would take for a date or a
    number). Dumped as a mapping's value because a lone plain scalar ends with '...'."""
    dumped = yaml.safe_dump({"": value}, allow_unicode=True, width=1_000_000)
    return dumped.split(": ", 1)[1].rstrip("\n")
