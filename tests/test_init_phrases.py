"""`igfpub init` writes its example content in the site's source language where it has
it, else in English: a Portuguese site's first session, declared Portuguese, was English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from igfpub.catalogs import has_catalog
from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from igfpub.scaffold import TEMPLATES, example_phrases
from tests.contentkit import build_in

YEAR = dt.date.today().year  # igfpub init makes an edition of this year
SESSION = f"sessions/{YEAR}/igf{YEAR}-ws-1/index.html"


def test_every_language_of_the_phrases_has_them_all_and_a_catalog() -> None:
    phrases = yaml.safe_load((TEMPLATES / "phrases.yml").read_text("utf-8"))
    assert {"en", "fr", "es", "ru", "zh", "ar", "pt"} <= set(phrases)
    for lang, texts in phrases.items():
        assert set(texts) == set(phrases["en"]), lang
        assert all(isinstance(t, str) and t.strip() for t in texts.values()), lang
        # The example's labels and its content in one language.
        assert has_catalog(lang), lang
    assert example_phrases("pt-BR") == phrases["pt"]
    assert example_phrases("sw") == phrases["en"]


def _build(forum: Path) -> Path:
    assert igfpub(["check", str(forum / "content"), "-f", str(forum / "mkdocs.yml")]) == 0
    use(UN)
    assert build_in(forum) == 0
    return forum / "site"


def test_a_brazilian_site_starts_with_a_portuguese_session(tmp_path: Path) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "pt-BR,en"]) == 0
    session = (forum / f"content/sessions/{YEAR}/igf{YEAR}-ws-1.md").read_text("utf-8")
    front = yaml.safe_load(session.split("---")[1])
    assert front["title"] == "Uma sessão de exemplo: substitua-a pelo seu primeiro relatório"
    assert front["calls_to_action"][0]["to"] == ["parliament"]
    site = _build(forum)
    page = BeautifulSoup((site / SESSION).read_text("utf-8"), "html.parser")
    assert page.html is not None and page.html["lang"] == "pt-BR"
    h1 = page.select_one("h1")
    assert h1 is not None and h1.get_text(strip=True).startswith("Uma sessão de exemplo")
    assert "Resumo da discussão" in page.get_text()
    bodies = BeautifulSoup((site / "bodies/index.html").read_text("utf-8"), "html.parser")
    assert "União Internacional de Telecomunicações" in bodies.get_text()
    # In English, the untranslated session is shown in Portuguese, marked so.
    english = BeautifulSoup((site / "en" / SESSION).read_text("utf-8"), "html.parser")
    assert english.select_one('[lang="pt-BR"] h1, h1[lang="pt-BR"], h1 [lang="pt-BR"]')


@pytest.mark.parametrize(
    ("languages", "title"),
    [
        ("ar,en", "جلسة نموذجية: استبدلها بتقريرك الأول"),
        ("de,en", "An example session: replace it with your first report"),
    ],
)
def test_init_writes_the_example_in_its_language_or_english(
    tmp_path: Path, languages: str, title: str
) -> None:
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", languages]) == 0
    site = _build(forum)
    h1 = BeautifulSoup((site / SESSION).read_text("utf-8"), "html.parser").select_one("h1")
    assert h1 is not None and h1.get_text(strip=True) == title


def test_the_sites_name_is_in_each_language_unless_given(tmp_path: Path) -> None:
    """An Arabic site began with the English "IGF Outcomes" (its home page's heading, its
    edition's title), which its English pages then marked as Arabic."""
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "ar,en,fr"]) == 0
    config = yaml.safe_load((forum / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "نتائج منتدى حوكمة الإنترنت"
    (i18n,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    names = {lang["locale"]: lang.get("site_name") for lang in i18n["languages"]}
    assert names == {"ar": None, "en": "IGF Outcomes", "fr": "Résultats du FGI"}
    assert (
        (forum / "content/index.md").read_text("utf-8").startswith("# نتائج منتدى حوكمة الإنترنت\n")
    )
    named = tmp_path / "named"
    assert igfpub(["init", str(named), "--languages", "ar,en", "--name", "Arab IGF"]) == 0
    config = yaml.safe_load((named / "mkdocs.yml").read_text("utf-8"))
    (i18n,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    assert config["site_name"] == "Arab IGF"
    assert [lang.get("site_name") for lang in i18n["languages"]] == [None, "Arab IGF"]
    use(UN)
