"""Work done once, after all six languages are built: files that span languages (fonts,
feeds, open data, PDFs, sitemap, search index). Each step is a plain function of the
finished build, in its own module; this list is their order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from igfpub.core.model import Corpus
from igfpub.webfonts import write_webfonts


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


AFTER_BUILD: list[Callable[[FinishedBuild], None]] = [fonts]
