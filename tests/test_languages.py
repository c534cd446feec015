"""Languages are configuration: sites made with `igfpub init` in other language sets, a
right-to-left language other than Arabic, and a language igfpub has no catalog for."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, Languages, autonym, direction, site_code, use
from tests.contentkit import build_in


@pytest.fixture(autouse=True)
def _restore_languages() -> Iterator[None]:
    yield
    use(UN)


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _init_and_build(
    root: Path, languages: str, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    assert igfpub(["init", str(root / "s"), "--languages", languages, "--name", "Test"]) == 0
    cwd = Path.cwd()
    os.chdir(root / "s")
    try:
        capsys.readouterr()
        assert igfpub(["check"]) == 0
        assert igfpub(["build", "--no-pdf"]) == 0
    finally:
        os.chdir(cwd)
    return root / "s" / "site", capsys.readouterr().err


@pytest.mark.parametrize(("lang", "dir_"), [("ar", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl"),
                                            ("pt", "ltr"), ("zh", "ltr"), ("pt-BR", "ltr")])  # fmt: skip
def test_direction_comes_from_cldr(lang: str, dir_: str) -> None:
    assert direction(lang) == dir_


def test_autonyms_come_from_cldr_for_other_languages() -> None:
    assert autonym("pt") == "Português"
    assert autonym("he") == "עברית"
    assert Languages(("pt", "en")).prefix("pt") == ""
    assert Languages(("pt", "en")).prefix("en") == "en/"


def test_hebrew_site_is_right_to_left_on_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, _ = _init_and_build(tmp_path, "he,en", capsys)
    for url in ("", "sessions/2026/igf2026-ws-1/", "editions/2026/", "bodies/itu/", "search/"):
        html = _page(site, url).html
        assert html is not None
        assert (html["lang"], html.get("dir")) == ("he", "rtl"), url
    english = _page(site, "en/sessions/2026/igf2026-ws-1/").html
    assert english is not None and (english["lang"], english.get("dir")) == ("en", "ltr")
    not_found = BeautifulSoup((site / "404.html").read_text("utf-8"), "html.parser")
    assert not_found.html is not None and not_found.html.get("dir") == "rtl"
    # Untranslated text on the English page is marked as Hebrew, right to left.
    marked = _page(site, "en/sessions/2026/igf2026-ws-1/").select('[lang="he"][dir="rtl"]')
    assert marked
    # Hebrew is drawn by a Noto subset the site serves itself, declared under the theme's
    # font family with a Hebrew unicode-range.
    from fontTools.ttLib import TTFont

    css = (site / "assets/stylesheets/igfpub-fonts-scripts.css").read_text(encoding="utf-8")
    assert 'url("../fonts/noto-sans-hebr-400.woff2")' in css and "U+0590-05FF" in css
    cmap = TTFont(site / "assets/fonts/noto-sans-hebr-400.woff2").getBestCmap()
    assert all(ord(c) in cmap for c in "שלום")
    head = _page(site, "sessions/2026/igf2026-ws-1/").head
    assert head is not None and head.find(
        "link", href=lambda h: h and h.endswith("igfpub-fonts-scripts.css")
    )


@pytest.mark.parametrize(
    ("codes", "dir_", "materials"),
    [("sw,en", "ltr", False), ("ps,en", "rtl", False), ("pt-BR,en", "ltr", True),
     ("zh-Hant,en", "ltr", True)],
)  # fmt: skip
def test_a_site_language_is_named_on_its_pages_by_its_own_code(
    codes: str, dir_: str, materials: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Material has no interface strings for Swahili or Pashto, and would write
    ``<html lang="en" dir="ltr">`` on their pages; it says ``pt`` for Brazilian Portuguese.
    The builds of such sites failed (the search index had no pages in their language;
    MkDocs and Babel refused ``pt-BR`` written with a hyphen), and screen readers would
    read the text as English."""
    from babel.dates import format_date

    from igfpub.core.languages import locale

    lang = codes.split(",")[0]
    site, _ = _init_and_build(tmp_path, codes, capsys)
    for url in ("", "sessions/2026/igf2026-ws-1/", "editions/2026/", "bodies/itu/", "search/"):
        page = _page(site, url)
        assert page.html is not None
        assert (page.html["lang"], page.html.get("dir")) == (lang, dir_), url
        current = page.select('a.md-select__link[aria-current="true"]')
        assert [a["hreflang"] for a in current] == [lang], url
        # Material's strings: its own for the language, else English.
        assert ("Skip to content" in page.get_text()) is not materials, url
    english = _page(site, "en/sessions/2026/igf2026-ws-1/").html
    assert english is not None and (english["lang"], english.get("dir")) == ("en", "ltr")
    when = _page(site, "sessions/2026/igf2026-ws-1/").find("time", datetime="2026-06-02")
    assert when is not None
    assert when.get_text() == format_date(dt.date(2026, 6, 2), "long", locale=locale(lang))
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"][lang.lower()]["page_count"] > 10
    assert entry["languages"]["en"]["page_count"] > 10


def test_a_regional_language_takes_the_catalog_of_its_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """pt-BR takes igfpub's Portuguese catalog everywhere, as gettext does (pt_BR, then
    pt): MkDocs' labels did, while the titles igfpub writes (pages, feeds, PDFs) were in
    English, and the build warned that pt-BR had no catalog."""
    site, _ = _init_and_build(tmp_path, "pt-BR,en", capsys)
    assert not [r for r in caplog.records if "interface catalog" in r.getMessage()]
    title = _page(site, "search/").title
    assert title is not None and title.get_text().startswith("Pesquisar")
    feed = (site / "bodies/parliament/feed.xml").read_text(encoding="utf-8")
    assert "<title>Test: mensagens para" in feed  # the forum named by init, in Portuguese
    assert "Principais conclusões" in _page(site, "sessions/2026/igf2026-ws-1/").get_text()


def test_language_without_catalog_warns_once_and_uses_materials_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    site, err = _init_and_build(tmp_path, "de,en", capsys)
    warnings = [r.getMessage() for r in caplog.records if "interface catalog" in r.getMessage()]
    assert len(warnings) == 1 and "'de'" in warnings[0]
    assert "No translations could be found" not in err
    page = _page(site, "")
    assert page.html is not None and page.html["lang"] == "de"
    # igfpub's own labels fall back to English; Material's come in German.
    assert "Skip to content" in page.get_text()
    assert page.find(attrs={"aria-label": "Sprache auswählen"}) is not None or "Sprache" in str(
        page
    )


def test_a_catalog_started_for_a_language_keeps_the_forums_name(tmp_path: Path) -> None:
    """`igfpub init` names the forum in a catalog per language; `igfpub catalogs --init de`
    then completes that catalog for translators, keeping the name (before this catalog
    existed, it was refused as already there)."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "de,en", "--name", "IGF-D"]) == 0
    locales = tmp_path / "s" / "overrides" / "locales"
    assert igfpub(["catalogs", "--init", "de", "--locales", str(locales)]) == 0
    with (locales / "de" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    strings = {m.id: m.string for m in catalog if m.id}
    assert strings["Internet Governance Forum"] == "IGF-D"
    assert strings["Key takeaways"] == ""
    assert len(strings) > 50
    # Only then is there something to translate: a second time is refused.
    catalog.get("Key takeaways").string = "Kernaussagen"  # type: ignore[union-attr]
    with (locales / "de" / "LC_MESSAGES" / "messages.po").open("wb") as f:
        write_po(f, catalog)
    assert igfpub(["catalogs", "--init", "de", "--locales", str(locales)]) == 1


def test_init_refuses_a_non_empty_folder_and_unknown_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    assert igfpub(["init", str(tmp_path / "taken")]) == 2
    assert "not empty" in capsys.readouterr().err
    assert igfpub(["init", str(tmp_path / "new"), "--languages", "pt,xx-nope"]) == 2
    assert "unknown language code: xx-nope" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_init_refuses_codes_the_i18n_plugin_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CLDR knows es-419 (Latin American Spanish) and fil (Filipino), but the i18n plugin
    takes neither: a site made with them would not build."""
    assert igfpub(["init", str(tmp_path / "new"), "--languages", "es-419,en,fil"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "igfpub: mkdocs-static-i18n does not take the language codes es-419, fil: it takes "
        "a two-letter language, with a four-letter script and a two-letter region or not "
        "(sw, pt-BR, zh-Hant)"
    ]
    assert not (tmp_path / "new").exists()


def test_init_writes_language_codes_in_bcp47_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """BCP 47 ignores case; pages, URLs and the i18n plugin do not: init writes each code
    the one way (pt-BR, zh-Hant, en)."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt-br,EN,ZH-hant"]) == 0
    config = (tmp_path / "s" / "mkdocs.yml").read_text(encoding="utf-8")
    locales = [line.split(":")[1].strip() for line in config.splitlines() if "- locale:" in line]
    assert locales == ["pt-BR", "en", "zh-Hant"]
    assert igfpub(["init", str(tmp_path / "t"), "--languages", "pt-br,PT-BR"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "igfpub: language listed twice: pt-BR"


def test_init_refuses_an_underscore_with_the_code_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The i18n plugin takes pt_BR, but every page would say <html lang="pt_BR">."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt_BR,en,zh_hant"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "igfpub: a language code joins its parts with '-', not '_' (BCP 47): "
        "write pt-BR for pt_BR, zh-Hant for zh_hant"
    ]
    assert not (tmp_path / "s").exists()


def test_a_suffix_is_an_error_only_where_it_is_not_a_site_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,de"]) == 0
    session = next((tmp_path / "s" / "content" / "sessions").rglob("*.md"))
    text = session.read_text(encoding="utf-8")
    session.with_name(session.stem + ".de.md").write_text(text, encoding="utf-8")
    session.with_name(session.stem + ".fr.md").write_text(text, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path / "s")
    try:
        capsys.readouterr()
        assert igfpub(["check"]) == 1
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err
    assert "igf2026-ws-1.fr.md:1: error: unknown language suffix '.fr'; expected one of: de" in err
    assert ".de.md" not in err


def test_a_script_without_its_font_names_the_debian_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from igfpub import scriptfonts

    assert scriptfonts.missing_fonts(["pt", "he", "fa", "hi", "zh", "am"]) == []
    gone = scriptfonts.ScriptFont(
        "Noto Sans Hebrew", Path("/nonexistent/NotoSansHebrew.ttf"), "fonts-noto-core"
    )
    monkeypatch.setitem(scriptfonts.FONTS, "Hebr", gone)
    assert scriptfonts.missing_fonts(["en", "he"]) == [
        "language 'he' needs the font Noto Sans Hebrew: apt-get install fonts-noto-core"
    ]


def test_site_identity_comes_from_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        igfpub(["init", str(tmp_path / "s"), "--languages", "en,fr", "--name", "EuroDIG Messages"])
        == 0
    )
    root = tmp_path / "s"
    (root / "content" / "assets").mkdir()
    (root / "content" / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', encoding="utf-8"
    )
    (root / "content" / "assets" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  # logo: assets/logo.svg", "  logo: assets/logo.svg")
    config = config.replace("  # favicon: assets/favicon.png", "  favicon: assets/icon.png")
    config = config.replace("https://outcomes.example.org/", "https://messages.eurodig.example/")
    config = config.replace(
        'site_name: "EuroDIG Messages"   #', 'site_name: "Messages d’EuroDIG"   #'
    )
    config = config.replace("outcomes@example.org", "secretariat@eurodig.example")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert build_in(root) == 0
    site = root / "site"
    en, fr = _page(site, ""), _page(site, "fr/")
    assert "EuroDIG Messages" in en.title.get_text() and "Messages d’EuroDIG" in fr.title.get_text()
    assert en.select_one(".md-logo img")["src"].endswith("assets/logo.svg")
    assert en.select_one('link[rel="icon"]')["href"].endswith("assets/icon.png")
    assert "secretariat@eurodig.example" in en.select_one(".igf-contact").get_text()
    assert "EuroDIG Messages" in en.select_one(".md-copyright").get_text()
    assert en.select_one('link[rel="canonical"]')["href"] == "https://messages.eurodig.example/"
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert "/assets/icon.png" in not_found
    assert "https://messages.eurodig.example/fr/" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )


def test_mkdocs_serve_works_in_a_bare_site_folder(tmp_path: Path) -> None:
    """A folder with only mkdocs.yml and content/: MkDocs finds igfpub's theme in the package."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,en"]) == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        ".gitignore",
        "content",
        "mkdocs.yml",
    ]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen(
        [str(mkdocs), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path / "s", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        html = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/en/sessions/2026/igf2026-ws-1/"
                ) as r:
                    html = r.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert '<html lang="en" dir="ltr"' in html
        assert 'data-translation="fallback"' in html
        assert 'lang="pt" dir="ltr"' in html
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_without_weasyprint_the_build_says_how_to_get_pdfs(tmp_path: Path) -> None:
    import subprocess
    import sys

    assert igfpub(["init", str(tmp_path / "s"), "--languages", "en"]) == 0
    # A Python where WeasyPrint cannot be imported, as after `pip install igfpub`.
    hide = "import sys; sys.modules['weasyprint'] = None; from igfpub.cli import main; sys.exit(main())"
    done = subprocess.run([sys.executable, "-c", hide, "build"], cwd=tmp_path / "s",
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith("igfpub:")]
    assert lines == [
        'igfpub: build failed: PDFs need WeasyPrint: pip install "igfpub[pdf]", or build '
        "without PDFs (igfpub build --no-pdf, or `pdf: false` under the igfpub plugin)"
    ]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "s" / "site").exists()
    done = subprocess.run([sys.executable, "-c", hide, "build", "--no-pdf"], cwd=tmp_path / "s",
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_a_sites_custom_dir_overrides_igfpubs_templates(tmp_path: Path) -> None:
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "en,fr"]) == 0
    root = tmp_path / "s"
    override = root / "overrides" / "partials" / "copyright.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '<div class="md-copyright" id="our-footer">Our own footer</div>\n', encoding="utf-8"
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  # custom_dir: overrides", "  custom_dir: overrides"),
                      encoding="utf-8")  # fmt: skip
    assert build_in(root) == 0
    for url in ("", "fr/sessions/2026/igf2026-ws-1/"):
        footer = _page(root / "site", url).find(id="our-footer")
        assert footer is not None and footer.get_text() == "Our own footer"
    # Everything else still comes from igfpub's theme.
    assert _page(root / "site", "fr/sessions/2026/igf2026-ws-1/").find(
        attrs={"data-translation": True}
    )


def test_a_free_page_reads_footnotes_whatever_the_sites_markdown_extensions(
    tmp_path: Path,
) -> None:
    """igfpub checks every text with footnotes: a site whose mkdocs.yml lists no footnotes
    extension (written before igfpub's scaffold had one) gets them on its free pages too,
    rather than a footnote MkDocs reads as a link definition to "n" and a strict build
    that fails with no file or line."""
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "en,fr"]) == 0
    root = tmp_path / "s"
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - footnotes\n" in text
    config.write_text(text.replace("  - footnotes\n", ""), encoding="utf-8")
    (root / "content" / "index.md").write_text(
        "# Home\n\nA claim.[^1]\n\n[^1]:n, as [the outcome](editions/2026.md) says.\n",
        encoding="utf-8",
    )
    assert build_in(root) == 0
    home = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    note = home.select_one("div.footnote li")
    assert note is not None and note.get("id") == "fn:1"
    assert note.select_one('a[href="editions/2026/"]') is not None


@pytest.mark.parametrize(
    ("code", "codes", "expected"),
    [
        ("fr", ("en", "fr"), "fr"),
        ("FR", ("en", "fr"), "fr"),
        ("fr_FR", ("en", "fr-FR"), "fr-FR"),
        ("PT-br", ("en", "pt-BR"), "pt-BR"),
        ("fr-FR", ("en", "fr"), "fr"),  # a region the site lacks: its bare language
        ("fr_fr", ("en", "fr"), "fr"),
        ("en-US", ("en", "fr"), "en"),
        ("zh-Hans", ("en", "zh"), "zh"),  # a script likewise
        ("fr-CA", ("en", "fr", "fr-BE"), None),  # which French? not a guess
        ("pt-PT", ("en", "pt-BR"), None),  # no bare pt on the site
        ("fr", ("en", "fr-FR"), None),
        ("de", ("en", "fr"), None),
        ("de-FR", ("en", "fr"), None),
    ],
)
def test_a_code_names_a_site_language_whatever_its_case_and_separator(
    code: str, codes: tuple[str, ...], expected: str | None
) -> None:
    assert site_code(code, codes) == expected
