"""A site written by a stranger, and a hostile one: free pages with script in their titles,
links of every form between documents, built end to end in six languages."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import SITES, Site, build

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("hostile") / "site"
    assert build("hostile", out) == 0
    yield Site(out)
    shutil.rmtree(out, ignore_errors=True)


def links(site: Site, url: str) -> dict[str, str]:
    """Link text -> the site path it leads to (resolved like a browser, from the page)."""
    page = site.page(url)
    main = page.find(id="igf-content") or page.find("article") or page
    out = {}
    for a in main.find_all("a", href=True):
        target = urljoin(f"https://x.invalid/{url}", a["href"])
        if target.startswith("https://x.invalid/"):
            parts = urlsplit(target)
            target = parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")
        out[a.get_text(" ", strip=True)] = target
    return out


def test_home_page_links_reach_generated_pages_in_english(hostile: Site) -> None:
    found = links(hostile, "")
    assert found["IGF 2025"] == "editions/2025/"
    assert found["edition by its address"] == "editions/2025/"
    assert found["captions"] == "sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1"
    assert found["the call"] == "sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1"
    assert found["IGF2025-WS-7"] == "sessions/2025/igf2025-ws-7/"
    assert found["ITU"] == "bodies/itu/"
    assert found["UNESCO"] == "https://www.unesco.org/"  # defined by the page itself
    assert found["About us"] == "about/"
    assert found["the IGF"] == "https://www.intgovforum.org/"


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_home_page_links_stay_in_the_reader_language(hostile: Site, lang: str) -> None:
    found = links(hostile, f"{lang}/")
    ed = next(v for k, v in found.items() if v.startswith(f"{lang}/editions/"))
    assert ed == f"{lang}/editions/2025/"
    assert f"{lang}/sessions/2025/igf2025-ws-7/" in found.values()
    assert f"{lang}/bodies/itu/" in found.values()
    assert not any(v.endswith(".md") or ".md#" in v for v in found.values())


@pytest.mark.parametrize("lang", ["", "ar/", "zh/"])
def test_narratives_takeaways_and_report_backs_link_documents(hostile: Site, lang: str) -> None:
    session = links(hostile, f"{lang}sessions/2025/igf2025-ws-7/")
    assert session["the DC's takeaways"] == f"{lang}messages/2025/dcad-2025/"
    assert f"{lang}bodies/itu/" in session.values()
    hrefs = set(session.values())
    assert f"{lang}messages/2025/dcad-2025/" in hrefs
    assert "" + lang in hrefs or lang == ""  # the home page in the reader's language
    messages = links(hostile, f"{lang}messages/2025/dcad-2025/")
    assert messages["IGF2025-WS-7"] == f"{lang}sessions/2025/igf2025-ws-7/"
    assert messages["call"] == f"{lang}sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1"
    assert messages["UNESCO"] == "https://www.unesco.org/en/disabilities"
    edition = links(hostile, f"{lang}editions/2025/")
    assert f"{lang}sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1" in edition.values()
    body = links(hostile, f"{lang}bodies/itu/")
    assert f"{lang}editions/2025/" in body.values()
    assert f"{lang}sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1" in body.values()


def _files_used(site: Site, url: str) -> dict[str, str]:
    """``src`` of each image and ``href`` of each link to a file (not a page) in the page's
    content, resolved from the page: what a browser fetches."""
    main = site.page(url).find(id="igf-content")
    assert main is not None
    found = {}
    for tag, attribute in (("img", "src"), ("a", "href")):
        for element in main.find_all(tag, **{attribute: True}):
            target = urlsplit(urljoin(f"https://x.invalid/{url}", element[attribute]))
            if target.netloc == "x.invalid" and "." in target.path.rsplit("/", 1)[-1]:
                found[element.get("alt") or element.get_text(" ", strip=True)] = target.path[1:]
    return found


@pytest.mark.parametrize("lang", ["", "ar/", "fr/"])
def test_images_and_downloads_are_found_from_every_page_that_shows_the_text(
    hostile: Site, lang: str
) -> None:
    """A rapporteur links an image and a file of the content folder relative to their own
    file, as on any MkDocs page. Every page that shows the text is elsewhere (the session's
    page, the outcome document, the body's page): each must still lead to the file. Before,
    they kept the path as written and led above the site's root, from every generated page."""
    icon, report = "img/captions.png", "files/captions%20report.txt"
    session = _files_used(hostile, f"{lang}sessions/2025/igf2025-ws-7/")
    # The Arabic session's report is a translation of its own, without them.
    in_report = {} if lang == "ar/" else {"captions": icon, "the figures": report}
    assert session == {"a caption icon": icon, **in_report}
    assert _files_used(hostile, f"{lang}bodies/itu/")["a caption icon"] == icon
    edition = _files_used(hostile, f"{lang}editions/2025/")
    assert edition["a caption icon"] == icon
    if lang != "ar/":  # and so has the Arabic outcome document
        assert edition["The venue"] == icon
    for path in {icon, report}:
        assert (hostile.root / path.replace("%20", " ")).is_file()


def test_feeds_and_open_data_name_images_by_their_address(hostile: Site) -> None:
    feed = ET.parse(hostile.root / "bodies/itu/feed.xml").getroot()
    contents = " ".join(c.text or "" for c in feed.iter(f"{ATOM}content"))
    assert 'src="https://outcomes.example.org/img/captions.png"' in contents
    messages = json.loads((hostile.root / "api/v1/messages.json").read_text(encoding="utf-8"))
    cta = next(m for m in messages["messages"] if m["id"] == "IGF2025-WS-7/cta-1")
    assert "(https://outcomes.example.org/img/captions.png)" in cta["text"]["en"]


def test_english_session_links_back_to_free_pages(hostile: Site) -> None:
    found = links(hostile, "sessions/2025/igf2025-ws-7/")
    assert found["the home page"] == ""
    assert found["About"] == "about/#who-we-are"
    assert found["messages"] == "messages/2025/dcad-2025/#DCAD-2025/rec-1"


def _is_hostile_url(value: str) -> bool:
    return value.strip().lower().replace("\t", "").startswith(("javascript:", "data:text/html"))


def _hostile_in_html(markup: str, where: str) -> list[str]:
    if "<" not in markup:
        return []  # plain text or a URL: nothing a browser could run
    soup = BeautifulSoup(markup, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"{where}: <{tag.name} {name}>")
            if name in ("href", "src", "action", "formaction") and any(
                _is_hostile_url(v) for v in values
            ):
                found.append(f"{where}: <{tag.name} {name}={value}>")
        if tag.name == "script" and ("alert" in tag.get_text() or "alert" in str(tag.get("src"))):
            found.append(f"{where}: <script>{tag.get_text()}")
    return found


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_no_script_reaches_any_output(hostile: Site) -> None:
    problems: list[str] = []
    files = sorted(p for p in hostile.root.rglob("*") if p.is_file())
    kinds = {p.suffix for p in files}
    assert {".html", ".xml", ".json", ".csv"} <= kinds
    for path in files:
        rel = path.relative_to(hostile.root).as_posix()
        if rel.startswith(("assets/", "pagefind/")):
            continue  # the site's own code, not content
        if path.suffix == ".html":
            problems += _hostile_in_html(path.read_text(encoding="utf-8"), rel)
        elif path.suffix == ".xml":
            tree = ET.parse(path)
            for el in tree.iter():
                if el.tag == f"{ATOM}content" and el.get("type") == "html":
                    problems += _hostile_in_html(el.text or "", rel)
                if el.text and "<script" in el.text.lower():
                    problems.append(f"{rel}: {el.tag}: {el.text}")
        elif path.suffix == ".json":
            for value in _strings(json.loads(path.read_text(encoding="utf-8"))):
                problems += _hostile_in_html(value, rel)
                if "<script" in value.lower() or "javascript:" in value.lower():
                    problems.append(f"{rel}: {value}")
        elif path.suffix == ".csv":
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                for value in row:
                    problems += _hostile_in_html(value, rel)
                    if "<script" in value.lower() or "javascript:" in value.lower():
                        problems.append(f"{rel}: {value}")
    assert problems == []


@pytest.mark.parametrize("url", ["", "ar/", "about/", "fr/about/"])
def test_free_page_titles_are_their_text_only(hostile: Site, url: str) -> None:
    page = hostile.page(url)
    title = page.title.get_text()
    assert "alert" not in title and "<" not in title and "onerror" not in title
    nav = [a.get_text(" ", strip=True) for a in page.select("nav a")]
    assert "About" in nav and ("Home 🏠" in nav or "الصفحة الرئيسية" in nav)
    assert not any("alert" in t or "<" in t for t in nav if "IGF 2025" not in t)


def test_generated_page_titles_are_escaped_text(hostile: Site) -> None:
    raw = (hostile.root / "sessions/2025/igf2025-ws-7/index.html").read_text(encoding="utf-8")
    head_title = raw.split("<title>", 1)[1].split("</title>", 1)[0]
    assert head_title.startswith("Captions for all &lt;script&gt;")
    nav = BeautifulSoup(raw, "html.parser").select("nav a")
    assert any("IGF 2025 <script>" in a.get_text() for a in nav)  # shown as text
    assert not any(a.find("script") for a in nav)


def test_every_arabic_page_is_right_to_left_from_its_root(hostile: Site) -> None:
    pages = sorted((hostile.root / "ar").rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").html
        assert (html["lang"], html.get("dir")) == ("ar", "rtl"), path
    english = hostile.page("").html
    assert (english["lang"], english["dir"]) == ("en", "ltr")
    assert (hostile.root / "ar/search/index.html") in pages


def test_open_data_links_are_absolute_and_texts_safe(hostile: Site) -> None:
    data = json.loads((hostile.root / "api/v1/messages.json").read_text(encoding="utf-8"))
    texts = {m["id"]: m["text"] for m in data["messages"]}
    kt = texts["DCAD-2025/kt-1"]["en"]
    assert (
        "[IGF2025-WS-7/CTA-1]: https://outcomes.example.org/sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1"
        in kt
    )
    assert texts["IGF2025-WS-7/kt-2"]["en"].startswith("Plain text")
    sessions = json.loads((hostile.root / "api/v1/sessions.json").read_text(encoding="utf-8"))
    assert sessions["sessions"][0]["title"]["en"] == "Captions for all"
    # As in every text of open data: what a browser could run taken out, the rest as written.
    assert sessions["sessions"][0]["rapporteur"] == 'R. Écrivain <img src="x">'
    follow_up = json.loads((hostile.root / "api/v1/follow-up.json").read_text(encoding="utf-8"))
    (pair,) = [p for p in follow_up["follow_up"] if p["timeline"]]
    assert [step["text"]["en"] for step in pair["timeline"]] == [
        'See here  <img src="x">.',
        "As [the call](https://outcomes.example.org/sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1)"
        " asks, with [DCAD][DCAD-2025].\n\n"
        "[DCAD-2025]: https://outcomes.example.org/messages/2025/dcad-2025/",
    ]
    rows = list(csv.DictReader(io.StringIO(
        (hostile.root / "api/v1/follow-up.csv").read_text(encoding="utf-8-sig"))))  # fmt: skip
    assert [json.loads(r["timeline"]) for r in rows if r["message"] == pair["message"]] == [
        pair["timeline"]
    ]


def test_feed_content_links_are_absolute(hostile: Site) -> None:
    tree = ET.parse(hostile.root / "ar/bodies/itu/feed.xml")
    contents = [el.text or "" for el in tree.iter(f"{ATOM}content")]
    anchors = [a for c in contents for a in BeautifulSoup(c, "html.parser").find_all("a")]
    hrefs = [a["href"] for a in anchors if a.has_attr("href")]  # a javascript: one has none
    assert "https://outcomes.example.org/ar/bodies/itu/" in hrefs


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_printed_outcome_document_links_are_absolute(lang: str) -> None:
    from igfpub.core.loader import load_corpus
    from igfpub.render import Renderer

    theme = Path(__file__).resolve().parent.parent / "igfpub" / "theme"
    corpus = load_corpus(SITES / "hostile").corpus
    html = Renderer([theme], corpus, "https://outcomes.example.org/").outcome_document(2025, lang)
    hrefs = {a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)}
    prefix = "" if lang == "en" else f"{lang}/"
    site = "https://outcomes.example.org/"
    # The introduction's id reference and the track narrative's relative link.
    assert f"{site}{prefix}sessions/2025/igf2025-ws-7/#IGF2025-WS-7/cta-1" in hrefs
    assert f"{site}{prefix}sessions/2025/igf2025-ws-7/" in hrefs
    assert not [h for h in hrefs if not h.startswith(("https://", "mailto:", "#"))]
    assert not _hostile_in_html(html, "outcome")
