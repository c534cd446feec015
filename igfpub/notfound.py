"""The site's 404 page: one neutral page at the root that speaks all six languages.

Hosts serve ``/404.html`` for any missing address, whatever its language folder, and
mkdocs-static-i18n leaves there the 404 of whichever language it built last (Spanish or
Arabic, with the language switcher of some unrelated page). This replaces it, after every
language is built, with a page that offers each language's home and search pages, each in
its own language. Its links are root-relative because the page is served at any depth.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader

from igfpub.catalogs import merged_translations
from igfpub.core import urls
from igfpub.core.languages import direction, site_languages

TEMPLATE = "igfpub/not-found.html"
# igfpub's stylesheets after Material's (whose file name carries a hash, found on disk).
STYLESHEETS = ("igfpub-fonts.css", "igfpub.css", "igfpub-access.css")
# Material's header shows the site name in the first topic of every page's header.
_SITE_NAME = re.compile(
    r'class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S
)


def write_not_found(
    site: Path, theme_dirs: Sequence[str], site_url: str, favicon: str = "assets/images/favicon.png"
) -> Path:
    root = urlsplit(site_url).path or "/"
    if not root.endswith("/"):
        root += "/"
    env = Environment(loader=FileSystemLoader(list(theme_dirs)), autoescape=True)
    languages = [
        {
            "lang": lang,
            "dir": direction(lang),
            "name": site_languages().name(lang),
            "site_name": _site_name(site, lang),
            "home": root + urls.home(lang),
            "search": root + urls.search(lang),
            "gettext": merged_translations(theme_dirs, lang).gettext,
        }
        for lang in site_languages().codes
    ]
    material = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    stylesheets = [f"{root}assets/stylesheets/{css.name}" for css in material[:1]]
    stylesheets += [f"{root}assets/stylesheets/{name}" for name in STYLESHEETS]
    page = env.get_template(TEMPLATE).render(
        languages=languages,
        stylesheets=stylesheets,
        favicon=f"{root}{favicon.lstrip('/')}",
    )
    out = site / "404.html"
    out.write_text(page, encoding="utf-8")
    return out


def _site_name(site: Path, lang: str) -> str:
    home = site / urls.home(lang) / "index.html"
    if home.is_file():
        found = _SITE_NAME.search(home.read_text(encoding="utf-8"))
        if found:
            return html.unescape(found[1])
    return "IGF"
