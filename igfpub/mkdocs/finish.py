"""Work done once, after all six languages are built: files that span languages (fonts,
feeds, open data, PDFs, sitemap, search index). Each step is a plain function of the
finished build, in its own module; this list is their order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from igfpub.catalogs import catalog_gettext
from igfpub.core import opendata
from igfpub.core.feeds import all_feeds
from igfpub.core.model import Corpus
from igfpub.core.publications import Index
from igfpub.webfonts import write_webfonts

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@dataclass(frozen=True)
class FinishedBuild:
    site: Path  # the site folder, every language written
    corpus: Corpus
    cache: Path  # a folder kept between builds (.igfpub-cache next to mkdocs.yml)
    pdf: bool  # False with `igfpub build --no-pdf`
    site_url: str  # absolute base URL of the published site, "" if not configured
    theme_dirs: list[str]  # template folders, overrides first


def site_text(folder: Path) -> str:
    """Every distinct character of the HTML pages under ``folder`` (markup included: the
    callers only look for characters of one script)."""
    chars: set[str] = set()
    for page in folder.rglob("*.html"):
        chars.update(page.read_text(encoding="utf-8"))
    return "".join(sorted(chars))


def fonts(build: FinishedBuild) -> None:
    # The Chinese subset holds exactly the characters the Chinese pages show.
    write_webfonts(
        build.site / "assets" / "fonts", site_text(build.site / "zh"), build.cache / "fonts"
    )


def feeds_and_open_data(build: FinishedBuild) -> None:
    """Atom feeds per body and language; the language-neutral open data with its schemas."""
    index = Index(build.corpus)
    locales = next(
        (Path(d) / "locales" for d in build.theme_dirs if (Path(d) / "locales").is_dir()), None
    )
    site = build.site_url.rstrip("/") + "/" if build.site_url else ""

    def gettext_for(lang: str) -> Callable[[str], str]:
        return catalog_gettext(locales, lang) if locales else str

    for path, data in all_feeds(index, build.site_url, gettext_for).items():
        _write(build.site / path, data)
    api = build.site / "api" / "v1"
    _write(api / "messages.json", opendata.dump(opendata.messages(index, site)))
    _write(api / "sessions.json", opendata.dump(opendata.sessions(index, site)))
    _write(api / "bodies.json", opendata.dump(opendata.bodies(index, site)))
    # utf-8-sig: spreadsheet programs detect the encoding only with the byte-order mark.
    _write(api / "messages.csv", opendata.messages_csv(index, site).encode("utf-8-sig"))
    for schema in SCHEMAS.glob("*.schema.json"):
        _write(api / schema.name, schema.read_bytes())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


AFTER_BUILD: list[Callable[[FinishedBuild], None]] = [fonts, feeds_and_open_data]
