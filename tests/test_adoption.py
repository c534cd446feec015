"""An NRI adopts igfpub as a new user would: the wheel, installed with its `pdf` extra into
a fresh virtual environment, `igfpub init` for a Portuguese-source site outside this
checkout, a second session with a Spanish translation, and a full build with PDFs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
_LEFT_BY_RUNS = (".git", ".venv", "build", "dist", "*.egg-info", "site", "node_modules",
                 "__pycache__", ".*_cache", ".igfpub-cache", ".hypothesis", "out", "*.mo")  # fmt: skip
LANGS = ["pt", "en", "es"]

SECOND = """\
---
id: IGF2026-WS-2
edition: 2026
type: workshop
title: "Conectividade significativa nas escolas"
track: access
date: 2026-06-03
rapporteur: "Joana Ribeiro"
key_takeaways:
  - "As escolas rurais precisam de conexões estáveis antes de equipamentos novos."
calls_to_action:
  - text: "Publicar metas de conectividade para todas as escolas públicas."
    to: [itu]
---
## Resumo

Participantes de cinco estados compararam programas de conexão escolar.
"""

SECOND_ES = """\
---
title: "Conectividad significativa en las escuelas"
key_takeaways:
  - "Las escuelas rurales necesitan conexiones estables antes que equipos nuevos."
calls_to_action:
  - text: "Publicar metas de conectividad para todas las escuelas públicas."
---
## Resumen

Participantes de cinco estados compararon programas de conexión escolar.
"""


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bin/ folder of a fresh virtual environment with the wheel and its pdf extra."""
    root = tmp_path_factory.mktemp("adopt")
    wheels = root / "wheels"
    # From a copy of the sources without what builds and runs leave (setuptools' build/
    # keeps files since deleted, which a wheel made here would carry), as a clean clone.
    source = root / "source"
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns(*_LEFT_BY_RUNS))
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        root,
    )
    (wheel,) = wheels.glob("igfpub-*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    # The tested versions (constraints.txt), as this repository's CI installs them: the
    # wheel's own metadata allows ranges (test_the_wheel_allows_a_sites_own_versions).
    constraints = str(PROJECT / "constraints.txt")
    _run([str(bin_dir / "pip"), "install", "-q", "-c", constraints,
          f"igfpub[pdf] @ {wheel.as_uri()}"], root)  # fmt: skip
    yield bin_dir


def test_a_wheel_leaves_out_what_an_earlier_build_left(tmp_path: Path) -> None:
    """setuptools keeps build/lib between builds of one checkout: a template removed from
    the sources went into the next wheel, and every site then failed `igfpub check`."""
    source = tmp_path / "source"
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns(*_LEFT_BY_RUNS))
    stale = source / "build/lib/igfpub/theme/removed-long-ago.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("{% extends 'base.html' %}\n", "utf-8")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "w"),
          str(source)], tmp_path)  # fmt: skip
    (wheel,) = (tmp_path / "w").glob("igfpub-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "igfpub/theme/main.html" not in names
    assert "igfpub/theme/removed-long-ago.html" not in names
    assert "igfpub/theme/igfpub/session.html" in names
    assert "igfpub/theme/locales/fr/LC_MESSAGES/messages.mo" in names


@pytest.fixture(scope="module")
def portuguese_site(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("nri")
    assert not str(work).startswith(str(PROJECT))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{installed}{os.pathsep}{env['PATH']}"
    _run(
        ["igfpub", "init", "forum", "--languages", "pt,en,es", "--name", "Fórum da Internet"],
        work,
        env,
    )
    site = work / "forum"
    sessions = site / "content" / "sessions" / "2026"
    (sessions / "igf2026-ws-2.md").write_text(SECOND, encoding="utf-8")
    (sessions / "igf2026-ws-2.es.md").write_text(SECOND_ES, encoding="utf-8")
    out = _run(["igfpub", "check"], site, env)
    assert "languages pt, en, es: OK" in out
    _run(["igfpub", "build"], site, env)
    return site / "site"


def test_a_new_site_keeps_out_of_git_what_igfpub_makes(portuguese_site: Path) -> None:
    """The site folder and the cache, which the build above made beside the content,
    are not the site's to commit: git sees the configuration and the content only."""
    forum = portuguese_site.parent
    assert (forum / ".igfpub-cache").is_dir() and (forum / "site" / "index.html").is_file()
    subprocess.run(["git", "init", "-q"], cwd=forum, check=True)
    listed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=forum, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    paths = {line[3:] for line in listed}
    assert ".gitignore" in paths and "mkdocs.yml" in paths
    assert "content/sessions/2026/igf2026-ws-2.md" in paths
    assert not [p for p in paths if p.startswith(("site/", ".igfpub-cache/"))], paths


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_wheel_carries_theme_and_catalogs(installed: Path) -> None:
    out = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "import igfpub, pathlib; print(pathlib.Path(igfpub.__file__).parent)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.strip()
    package = Path(out)
    assert not str(package).startswith(str(PROJECT))
    assert (package / "theme" / "igfpub" / "base.html").is_file()
    assert (package / "theme" / "locales" / "fr" / "LC_MESSAGES" / "messages.mo").is_file()
    assert (package / "default" / "mkdocs.yml").is_file()
    # The fixed-range web font subsets, with the licence they travel under.
    assert len(list((package / "fonts").glob("noto-sans-*.woff2"))) == 6
    assert "SIL Open Font License" in (package / "fonts" / "OFL.txt").read_text("utf-8")


def test_the_wheel_allows_a_sites_own_versions(installed: Path) -> None:
    """Exact versions only of what igfpub's output is tied to; ranges for the rest, so
    that a site's own requirements keep their versions. The package says it is typed,
    and carries its licences."""
    script = (
        "import importlib.metadata as m, json; d = m.distribution('igfpub'); "
        "print(json.dumps([d.requires, [str(f) for f in d.files or []], d.version]))"
    )
    out = subprocess.run([str(installed / "python"), "-c", script], capture_output=True,
                         text=True, check=True, cwd="/").stdout  # fmt: skip
    requires, files, version = json.loads(out)
    runtime = [r for r in requires if "extra ==" not in r]
    exact = sorted(r.split("==")[0] for r in runtime if "==" in r)
    assert exact == ["mkdocs-material", "mkdocs-static-i18n", "pagefind[extended]"]
    assert "babel<3,>=2.18" in runtime
    assert 'weasyprint<71,>=70; extra == "pdf"' in requires
    assert "igfpub/py.typed" in files
    assert any(f.endswith("licenses/LICENSE") for f in files)
    shown = subprocess.run([str(installed / "igfpub"), "--version"], capture_output=True,
                           text=True, check=True, cwd="/").stdout  # fmt: skip
    assert shown.strip() == f"igfpub {version}"
    # The same command where the virtualenv's scripts are not on the PATH.
    module = subprocess.run([str(installed / "python"), "-m", "igfpub", "--version"],
                            capture_output=True, text=True, check=True, cwd="/").stdout  # fmt: skip
    assert module == shown


@pytest.mark.parametrize(("prefix", "lang"), [("", "pt"), ("en/", "en"), ("es/", "es")])
def test_html_lang_follows_the_sites_languages(
    portuguese_site: Path, prefix: str, lang: str
) -> None:
    for url in (prefix, f"{prefix}sessions/2026/igf2026-ws-2/", f"{prefix}editions/2026/"):
        html = _page(portuguese_site, url).html
        assert html is not None and html["lang"] == lang, url
        assert html.get("dir") == "ltr", url


def test_a_latin_site_serves_no_other_scripts_fonts(portuguese_site: Path) -> None:
    assert not (portuguese_site / "assets/stylesheets/igfpub-fonts-scripts.css").exists()
    assert "igfpub-fonts-scripts.css" not in (portuguese_site / "index.html").read_text("utf-8")


def test_switcher_and_hreflang_list_exactly_the_three_languages(portuguese_site: Path) -> None:
    page = _page(portuguese_site, "es/sessions/2026/igf2026-ws-2/")
    hreflang = sorted(link["hreflang"] for link in page.select("link[rel=alternate][hreflang]"))
    assert hreflang == sorted([*LANGS, "x-default"])
    switcher = sorted(a["hreflang"] for a in page.select(".md-select a[hreflang]"))
    assert switcher == sorted(LANGS)


def test_sitemap_lists_exactly_the_three_languages(portuguese_site: Path) -> None:
    sitemap = (portuguese_site / "sitemap.xml").read_text(encoding="utf-8")
    langs = {part.split('"')[0] for part in sitemap.split('hreflang="')[1:]}
    assert langs == {*LANGS, "x-default"}


def test_fallback_pages_mark_the_portuguese_text(portuguese_site: Path) -> None:
    page = _page(portuguese_site, "en/sessions/2026/igf2026-ws-2/")
    main = page.find(attrs={"data-translation": True})
    assert main is not None and main["data-translation"] == "fallback"
    marked = page.find(string=lambda s: s and "escolas rurais" in s)
    assert marked is not None
    assert marked.find_parent(attrs={"lang": "pt"}) is not None
    notice = page.select_one(".igf-notice--fallback").get_text(" ", strip=True)
    assert "Portuguese" in notice and "English" not in notice
    translated = _page(portuguese_site, "es/sessions/2026/igf2026-ws-2/")
    assert translated.find(attrs={"data-translation": True})["data-translation"] == "translated"
    assert "escuelas rurales" in translated.get_text()


def test_search_indexes_exist_for_exactly_the_three_languages(portuguese_site: Path) -> None:
    entry = json.loads((portuguese_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGS)


def test_brief_pdfs_carry_each_language(portuguese_site: Path) -> None:
    for lang in LANGS:
        prefix = "" if lang == "pt" else f"{lang}/"
        pdf = portuguese_site / f"{prefix}briefs/2026/body-itu.pdf"
        with pikepdf.open(pdf) as doc:
            assert str(doc.Root.Lang) == lang, pdf


def test_the_forums_documents_carry_its_own_symbol(portuguese_site: Path) -> None:
    """`igfpub init --name` writes the forum's initials as its document symbols' prefix:
    before, an NRI's briefs and outcome documents were numbered as the global IGF's."""
    for lang in LANGS:
        prefix = "" if lang == "pt" else f"{lang}/"
        symbol = _page(portuguese_site, f"{prefix}briefs/2026/body-itu/").select_one(
            ".igf-brief__symbol span"
        )
        assert symbol is not None and symbol.get_text() == "FI/2026/BRIEF/ITU"
        with pikepdf.open(portuguese_site / f"{prefix}briefs/2026/body-itu.pdf") as doc:
            assert str(doc.docinfo.Identifier) == "FI/2026/BRIEF/ITU"
        outcome = portuguese_site / f"{prefix}editions/2026/igf-2026-outcome-{lang}.pdf"
        with pikepdf.open(outcome) as doc:
            assert str(doc.docinfo.Identifier) == "FI/2026/OUTCOME"


@pytest.mark.parametrize(
    ("prefix", "messages_to"), [("", "mensagens para"), ("en/", "messages to")]
)
def test_the_forum_is_named_by_its_own_name(
    portuguese_site: Path, prefix: str, messages_to: str
) -> None:
    """`igfpub init --name` names the forum in the site's catalogs: its feeds and briefs say
    it, not "Internet Governance Forum" (before, an NRI's feeds, briefs, letters and
    printed documents all called it the global IGF)."""
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(portuguese_site / prefix / "bodies" / "parliament" / "feed.xml").getroot()
    assert feed.findtext("a:author/a:name", namespaces=ns) == "Fórum da Internet"
    assert (feed.findtext("a:title", namespaces=ns) or "").startswith(
        f"Fórum da Internet: {messages_to} "
    )
    brief = _page(portuguese_site, f"{prefix}briefs/2026/body-parliament/")
    kicker = brief.select_one(".igf-brief__kicker")
    assert kicker is not None and kicker.get_text().startswith("Fórum da Internet · ")
    assert "Internet Governance Forum" not in (portuguese_site / prefix / "index.html").read_text(
        "utf-8"
    )


def test_the_translate_page_names_the_source_language_and_a_real_target(
    portuguese_site: Path,
) -> None:
    page = _page(portuguese_site, "translate/")
    text = " ".join(page.get_text(" ").split())
    assert "em inglês" not in text and "Nações Unidas" not in text
    assert "igfpub translate export --lang en " in text  # pt is the source: en is the first
