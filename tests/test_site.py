"""End-to-end: build the bilingual fixture site and read it as a reader would."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from igfpub.core.languages import LANGUAGES
from tests.conftest import Site, build

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
SITE_URL = "https://outcomes.example.org/"  # igfpub's default mkdocs.yml
GENERATED = [
    "editions/2025/",
    "sessions/2025/igf2025-ws-1/",
    "sessions/2025/igf2025-of-2/",
    "sessions/2025/igf2025-th-3/",
    "sessions/2025/igf2025-ln-4/",
    "messages/2025/bpf-cyber-2025/",
]


def test_every_page_exists_in_all_six_languages(bilingual: Site) -> None:
    expected = {f"{PREFIX[lang]}{url}" for lang in LANGUAGES for url in ["", *GENERATED]}
    expected = {"./" if u == "" else u for u in expected}
    assert set(bilingual.pages()) >= expected
    # Data folders are not published as pages of their own.
    assert not any(p.startswith("registry") for p in bilingual.pages())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", ["", *GENERATED])
def test_language_attributes_and_switcher(bilingual: Site, lang: str, url: str) -> None:
    here = f"{PREFIX[lang]}{url}"
    page = bilingual.page(here)
    assert page.html["lang"] == lang
    assert page.body["dir"] == ("rtl" if lang == "ar" else "ltr")
    alternates = {a["hreflang"]: a["href"] for a in page.select('link[rel="alternate"][hreflang]')}
    switcher = {a["hreflang"]: a for a in page.select("a.md-select__link")}
    assert set(alternates) == {*LANGUAGES, "x-default"} and set(switcher) == set(LANGUAGES)
    for other in LANGUAGES:
        # The switcher's links are relative (a local preview stays local), the alternates
        # for search engines absolute, as the canonical link and the sitemap are.
        target = posixpath.normpath(posixpath.join(here, switcher[other]["href"]))
        assert target.strip("./") == f"{PREFIX[other]}{url}".strip("/"), (other, target)
        assert switcher[other]["lang"] == other
        assert alternates[other] == f"{SITE_URL}{PREFIX[other]}{url}"
    assert alternates["x-default"] == alternates["en"]
    assert [a["hreflang"] for a in switcher.values() if a.get("aria-current")] == [lang]


@pytest.mark.parametrize(
    ("lang", "url", "state"),
    [
        ("en", "sessions/2025/igf2025-ws-1/", "source"),
        ("fr", "sessions/2025/igf2025-ws-1/", "translated"),
        ("es", "sessions/2025/igf2025-ws-1/", "fallback"),
        ("ar", "sessions/2025/igf2025-ws-1/", "fallback"),
        ("fr", "sessions/2025/igf2025-th-3/", "machine"),
        ("fr", "sessions/2025/igf2025-of-2/", "stale"),  # machine, and its source moved on
        ("fr", "", "translated"),
        ("zh", "", "fallback"),
    ],
)
def test_translation_state_is_marked(bilingual: Site, lang: str, url: str, state: str) -> None:
    page = bilingual.page(f"{PREFIX[lang]}{url}")
    main = page.select_one("[data-translation]")
    assert main is not None and main["data-translation"] == state
    notice = page.select_one(".igf-notice")
    if state in ("source", "translated"):
        assert notice is None
    else:
        assert notice is not None and f"igf-notice--{state}" in notice["class"]


def test_translated_session_shows_translation(bilingual: Site) -> None:
    page = bilingual.page("fr/sessions/2025/igf2025-ws-1/")
    assert page.h1.get_text(strip=True) == "Gouvernance des données pour l'IA dans les pays du Sud"
    assert page.h1.get("lang") is None
    kt = page.find(id="IGF2025-WS-1/kt-1")
    assert (
        kt.select_one(".igf-message__text").get_text()
        == "La gouvernance des données doit d'abord être locale."
    )
    # The translation omitted the consensus list: shown in English, marked as such.
    con = page.find(id="IGF2025-WS-1/con-1").select_one(".igf-message__text")
    assert (con["lang"], con["dir"], con.get_text()) == (
        "en",
        "ltr",
        "Everyone agreed on transparency.",
    )
    # Bodies are named in the reader's language.
    to = [a.get_text() for a in page.find(id="IGF2025-WS-1/cta-1").select(".igf-to a")]
    assert to[0] == "Union internationale des télécommunications"


def test_fallback_session_marks_english_text(bilingual: Site) -> None:
    page = bilingual.page("ar/sessions/2025/igf2025-ws-1/")
    assert (page.h1["lang"], page.h1["dir"]) == ("en", "ltr")
    assert page.h1.get_text(strip=True) == "Data governance for AI in the Global South"
    report = page.select_one(".igf-report div")
    assert report["lang"] == "en"
    # The Arabic body name is not inside an element marked English.
    link = page.find(id="IGF2025-WS-1/cta-1").select_one(".igf-to a")
    assert link.get_text() == "الاتحاد الدولي للاتصالات"
    assert all(p.get("lang") != "en" for p in link.parents if p.name)


def test_every_message_has_its_id_as_anchor(bilingual: Site) -> None:
    ids = {
        "sessions/2025/igf2025-ws-1/": ["kt-1", "kt-2", "cta-1", "cta-2", "con-1", "div-1"],
        "messages/2025/bpf-cyber-2025/": ["kt-1", "rec-1", "min-1"],
    }
    for url, tokens in ids.items():
        doc = url.split("/")[2].upper()
        for lang in LANGUAGES:
            page = bilingual.page(f"{PREFIX[lang]}{url}")
            found = [li["id"] for li in page.select("li.igf-message")]
            assert found == [f"{doc}/{t}" for t in tokens]


_MESSAGE = re.compile(r'<li class="igf-message[^"]*" id="([^"]+)"')


def test_every_page_shows_the_same_messages_in_every_language(bilingual: Site) -> None:
    """A page in a language the texts are not translated into shows them in English: it
    never shows fewer (a French group page once showed none of its group's takeaways)."""
    compared = 0
    for url in bilingual.pages():
        if url.split("/", 1)[0] in LANGUAGES:
            continue
        source = _MESSAGE.findall((bilingual.root / url / "index.html").read_text("utf-8"))
        for lang in LANGUAGES[1:]:
            other = (bilingual.root / lang / url / "index.html").read_text("utf-8")
            assert _MESSAGE.findall(other) == source, (lang, url)
            compared += bool(source)
    assert compared == 5 * 11  # the pages that show messages, in the five other languages


def test_call_to_everyone_says_so(bilingual: Site) -> None:
    page = bilingual.page("sessions/2025/igf2025-ws-1/")
    cta2 = page.find(id="IGF2025-WS-1/cta-2")
    assert cta2.select(".igf-to a") == []
    assert "all decision-making bodies" in cta2.select_one(".igf-to").get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_content_never_reaches_the_page(bilingual: Site, lang: str) -> None:
    for url in ("sessions/2025/igf2025-ws-1/", "sessions/2025/igf2025-ln-4/", "editions/2025/"):
        page = bilingual.page(f"{PREFIX[lang]}{url}")
        # Material's own inline scripts are the only scripts; none carries content.
        assert not [s for s in page.select("script") if "alert" in s.get_text()], url
        assert not page.select("[onclick], [onerror], img[src=x], b")
        assert "javascript:" not in str(page)
    page = bilingual.page("sessions/2025/igf2025-ws-1/")
    assert page.select_one(".igf-report em").get_text() == "data"
    hostile = bilingual.page("sessions/2025/igf2025-ln-4/")
    title = "Hostile </title><script>alert('title')</script> & <b>bold</b>"
    assert hostile.title.get_text() == f"{title} - IGF Outcomes"
    assert hostile.h1.get_text(strip=True) == title


def test_edition_lists_its_sessions_by_track(bilingual: Site) -> None:
    page = bilingual.page("fr/editions/2025/")
    tracks = [h.get_text(strip=True) for h in page.select("section.igf-track > h2")]
    assert tracks == ["Confiance et résilience numériques", "Universal access and digital rights"]
    trust, access = page.select("section.igf-track")
    assert [a["href"] for a in trust.select(".igf-listing a")] == [
        "../../sessions/2025/igf2025-ws-1/",
        "../../sessions/2025/igf2025-ln-4/",
    ]
    assert [a["href"] for a in access.select(".igf-listing a")] == [
        "../../sessions/2025/igf2025-of-2/",
        "../../sessions/2025/igf2025-th-3/",
    ]
    assert access.select_one("h2")["lang"] == "en"  # no French title for this track


def test_broken_content_fails_once_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    (site / ".igfpub-site").write_text("")  # a site igfpub built: it may replace it
    assert build("broken", site) == 1
    err = capsys.readouterr().err.splitlines()
    # Each file named from the current folder (the repository's), as editors open it.
    at = "tests/sites/broken/sessions/2025"
    assert err == [
        f"{at}/bad-1.md:6: error: track 'nowhere' is not a track of edition 2025 (tracks: trust, access)",
        f"{at}/bad-1.md:13: error: 'to' must be a list of body ids: write to: [itu]",
        f"{at}/bad-2.de.md:1: error: unknown language suffix '.de'; expected one of: fr, es, ru, zh, ar",
        "igfpub: 3 errors, 0 warnings",
        "igfpub: nothing was built",
    ]
    assert (site / "index.html").read_text() == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_pages_load_nothing_from_other_hosts(bilingual: Site) -> None:
    """Privacy: every resource a page loads (styles, scripts, fonts, images) is on the site."""
    for url in bilingual.pages():
        page = bilingual.page(url)
        loaded = [
            t.get("href")
            for t in page.select("link[rel=stylesheet], link[rel=icon], link[rel=preconnect]")
        ]
        loaded += [t.get("src") for t in page.select("script[src], img[src], iframe[src]")]
        assert all(src and "//" not in src for src in loaded), (url, loaded)
    for css in bilingual.root.glob("assets/stylesheets/*.css"):
        urls = re.findall(r"url\(([^)]*)\)", css.read_text())
        assert all("//" not in u or u.startswith(("'data:", '"data:', "data:")) for u in urls), css


def test_self_hosted_fonts_cover_the_chinese_pages(bilingual: Site) -> None:
    from fontTools.ttLib import TTFont

    css = (bilingual.root / "assets/stylesheets/igfpub-fonts.css").read_text()
    for name in re.findall(r"url\(\"?\.\./fonts/([\w-]+\.woff2)", css):
        assert (bilingual.root / "assets/fonts" / name).is_file(), name
    zh_font = TTFont(bilingual.root / "assets/fonts/noto-sans-sc-400.woff2")
    cmap = zh_font.getBestCmap()
    title = (
        bilingual.page("zh/sessions/2025/igf2025-ws-1/").select_one(".md-header__topic").get_text()
    )
    assert all(ord(c) in cmap for c in title if "\u4e00" <= c <= "\u9fff")


def test_search_index_covers_every_language(bilingual: Site) -> None:
    """Pagefind runs once per language; the merged manifest must list all six."""
    entry = json.loads((bilingual.root / "pagefind/pagefind-entry.json").read_text())
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert set(counts) == set(LANGUAGES)
    # Every generated page is searchable in every language, shown in English or not (for
    # what it says in that language); a free page shown in English is not: the home page
    # has a French translation, and none in the other languages.
    others = {counts[lang] for lang in LANGUAGES if lang not in ("en", "fr")}
    assert counts["en"] == counts["fr"] and others == {counts["fr"] - 1}
    for info in entry["languages"].values():
        assert (bilingual.root / f"pagefind/pagefind.{info['hash']}.pf_meta").is_file()
