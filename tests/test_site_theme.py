"""An existing Material site adopts igfpub: its own overrides/main.html (Material's
customisation: an announcement bar, extra head tags) shows on igfpub's pages, a main.html
igfpub cannot build on is one plain line from `check` and `build`, and theme settings that
igfpub's pages do not honour (features of Material's JavaScript, Google Fonts) are said
once (igfpub/mkdocs/layout.py)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.catalogs import THEME
from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from igfpub.mkdocs import layout

MATERIAL = Path(__import__("material").__file__).parent / "templates"
ANNOUNCE = "Consulta pública aberta até 30 de junho"
MAIN_HTML = (
    '{% extends "base.html" %}\n'
    "{% block announce %}" + ANNOUNCE + "{% endblock %}\n"
    '{% block extrahead %}{{ super() }}<meta name="site-owner" content="nri">{% endblock %}\n'
    '{% block content %}{{ super() }}<p class="site-note">Nota do site</p>{% endblock %}\n'
)
SESSION = "sessions/2026/igf2026-ws-1/"


@pytest.fixture(autouse=True)
def _restore_languages() -> Iterator[None]:
    yield
    use(UN)


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _site(root: Path, main_html: str | None, theme: str = "") -> Path:
    """A site `igfpub init` made (Portuguese and English, custom_dir: overrides), with
    ``main_html`` as its overrides/main.html and ``theme`` added to its theme settings."""
    site = root / "s"
    assert igfpub(["init", str(site), "--languages", "pt,en", "--name", "Fórum"]) == 0
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "custom_dir: overrides" in text
    if theme:
        text = re.sub(r"  font: false.*\n  features: \[\]\n", theme, text)
        assert theme in text
    config.write_text(text, encoding="utf-8")
    if main_html is not None:
        (site / "overrides" / "main.html").write_text(main_html, encoding="utf-8")
    return site


def _run(site: Path, *args: str) -> int:
    cwd = Path.cwd()
    os.chdir(site)
    try:
        return igfpub(list(args))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """Built once: the site's main.html, features of every kind, and a Google font."""
    theme = (
        "  font:\n    text: Inter\n"
        "  features: [navigation.tabs, content.code.copy, navigation.top, search.suggest]\n"
    )
    site = _site(tmp_path_factory.mktemp("adopted"), MAIN_HTML, theme)
    said = _Said()
    logging.getLogger("igfpub").addHandler(said)
    try:
        assert _run(site, "build", "--no-pdf") == 0
    finally:
        logging.getLogger("igfpub").removeHandler(said)
    yield site / "site", said.messages
    use(UN)


def _page(site: Path, url: str) -> tuple[str, BeautifulSoup]:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "html.parser")


@pytest.mark.parametrize("url", ["", "en/", SESSION, f"en/{SESSION}"])
def test_a_sites_own_main_html_shows_on_igfpubs_pages(
    adopted: tuple[Path, list[str]], url: str
) -> None:
    """Generated pages (a session, drawn from a shared page shell) and free pages (the home
    page), in both languages: the site's blocks and igfpub's, each once."""
    text, page = _page(adopted[0], url)
    banner = page.select_one("aside.md-banner")
    assert banner is not None and banner.get_text(" ", strip=True) == ANNOUNCE
    assert page.select('meta[name="site-owner"]')
    # The site's content block wraps igfpub's: its note once, after igfpub's content.
    assert text.count("site-note") == 1
    main = page.select_one("#igf-content")
    assert main is not None and main.find_next_sibling("p", class_="site-note") is not None
    # igfpub's own blocks are all there: its stylesheets, its skip link, its script.
    assert page.select_one('link[href$="assets/stylesheets/igfpub.css"]') is not None
    assert page.select_one("a.igf-skip") is not None
    assert page.select_one('script[src$="assets/javascripts/igfpub.js"]') is not None
    if "sessions" in url:
        assert "IGF2026-WS-1" in main.get_text()


def test_theme_settings_igfpub_cannot_honour_are_said_once_and_left_out(
    adopted: tuple[Path, list[str]],
) -> None:
    site, said = adopted
    features = [m for m in said if "theme.features" in m]
    assert len(features) == 2, said  # once for both languages, not once per language
    assert "content.code.copy, navigation.top need Material's JavaScript" in features[0]
    assert "search.suggest is for Material's search" in features[1]
    assert not any("navigation.tabs" in m for m in said)  # rendered by the templates
    [font] = [m for m in said if "theme.font" in m]
    assert "'Inter' is not used" in font
    for url in ("", f"en/{SESSION}"):
        text, page = _page(site, url)
        assert page.select_one(".md-tabs") is not None  # navigation.tabs works
        assert page.select_one(".md-top") is None  # no button that would do nothing
        # Self-hosted Noto, never Google Fonts: no request to another host.
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text
        assert "Inter" not in text


def test_check_says_what_build_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, None, "  features: [toc.follow]\n")
    capsys.readouterr()
    assert _run(site, "check") == 0
    err = capsys.readouterr().err
    assert "igfpub: warning: theme.features: toc.follow needs Material's JavaScript" in err
    assert "theme.font: igfpub's pages use the Noto fonts" in err  # no `font: false` left


@pytest.mark.parametrize(
    ("main_html", "said"),
    [
        (
            '{% extends "base.html" %}{% block content %}<p>Ours</p>{% endblock %}',
            "overrides/main.html: its {% block content %} must call {{ super() }}: igfpub "
            "puts each page's content there",
        ),
        (
            "<!doctype html><html><body>{% block content %}{% endblock %}</body></html>",
            'overrides/main.html must extend "base.html"',
        ),
        ('{% extends "base.html" %}{% block announce %}Hi{% endblock', "overrides/main.html:1: "),
        # A copy of igfpub's layer as it was, its main.html: it would be applied twice.
        (
            (THEME / "igfpub" / "base.html")
            .read_text(encoding="utf-8")
            .replace(f'{{% extends "{layout.THEME_BASE}" %}}', '{% extends "base.html" %}'),
            "overrides/main.html is a copy of igfpub's own page layer",
        ),
    ],
    ids=["content-without-super", "no-extends", "syntax-error", "copy-of-igfpubs-layer"],
)
def test_a_main_html_igfpub_cannot_build_on_is_one_line_in_check_and_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], main_html: str, said: str
) -> None:
    site = _site(tmp_path, main_html)
    capsys.readouterr()
    assert _run(site, "check") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"igfpub: {said}"), err
    assert _run(site, "build", "--no-pdf") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"igfpub: build failed: {said}"), err
    assert not (site / "site").exists()


def _dirs(tmp_path: Path, files: dict[str, str]) -> list[str]:
    overrides = tmp_path / "overrides"
    for rel, text in files.items():
        (overrides / rel).parent.mkdir(parents=True, exist_ok=True)
        (overrides / rel).write_text(text, encoding="utf-8")
    return [str(overrides), str(THEME), str(MATERIAL)]


def test_layouts_igfpub_builds_on(tmp_path: Path) -> None:
    # Material's own main.html; a site's main.html by way of a layout of its own; a site's
    # own base.html (a copy of Material's, edited), which igfpub's layer extends.
    assert layout.layout_problem(_dirs(tmp_path / "a", {})) is None
    nested = {
        "main.html": '{% extends "layouts/site.html" %}',
        "layouts/site.html": '{% extends "base.html" %}{% block content %}'
        "{% if page %}{{ super() }}{% endif %}{% endblock %}",
    }
    assert layout.layout_problem(_dirs(tmp_path / "b", nested)) is None
    base = (MATERIAL / "base.html").read_text(encoding="utf-8").replace("<body", "<body data-x")
    assert layout.layout_problem(_dirs(tmp_path / "c", {"base.html": base})) is None
    loop = {"main.html": '{% extends "a.html" %}', "a.html": '{% extends "main.html" %}'}
    assert "in a loop" in str(layout.layout_problem(_dirs(tmp_path / "d", loop), tmp_path))


def test_every_material_feature_is_classified() -> None:
    """Material's features, as its templates and its JavaScript bundle read them, are each
    known to work on igfpub's pages or not: a new Material release's are added here."""
    templates = "".join(p.read_text("utf-8") for p in MATERIAL.rglob("*.html"))
    found = set(re.findall(r'"([a-z]+(?:\.[a-z]+)+)" (?:not )?in features', templates))
    [bundle] = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    scripted = set(
        re.findall(r'\w\("((?:announce|content|header|navigation|search|toc)\.[a-z.]+)"\)',
                   bundle.read_text("utf-8"))
    )  # fmt: skip
    scripted = {f for f in scripted if not f.startswith("search.result")}  # strings, not features
    known = layout.NEEDS_JAVASCRIPT | layout.MATERIAL_SEARCH | layout.SERVER_SIDE
    assert found | scripted <= known, (found | scripted) - known
    # What the bundle alone reads needs it, unless the templates render it too.
    assert scripted - found <= layout.NEEDS_JAVASCRIPT | layout.MATERIAL_SEARCH
