"""End to end: the follow-up fixture site (tests/sites/followup) built in all six
languages, read as a reader, a feed reader and an open-data user would."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from igfpub.core.languages import LANGUAGES
from tests.conftest import Site, build

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# What a reader sees, word for word, in each language.
WORDS = {
    "awaiting": {"en": "Awaiting response", "fr": "En attente de réponse", "es": "En espera de respuesta",
                 "ru": "Ожидается ответ", "zh": "等待答复", "ar": "في انتظار الرد"},
    "acknowledged": {"en": "Acknowledged", "fr": "Réception confirmée", "es": "Acuse de recibo",
                     "ru": "Получение подтверждено", "zh": "已确认收到", "ar": "تم الإقرار بالاستلام"},
    "supported": {"en": "Supported", "fr": "Appuyé", "es": "Apoyado", "ru": "Поддержано",
                  "zh": "支持", "ar": "حظي بالتأييد"},
    "noted": {"en": "Noted", "fr": "Pris note", "es": "Se tomó nota", "ru": "Принято к сведению",
              "zh": "已注意到", "ar": "أُحيط علماً"},
    "declined": {"en": "Declined", "fr": "Refusé", "es": "Rechazado", "ru": "Отклонено", "zh": "拒绝",
                 "ar": "مرفوض"},
    "ongoing": {"en": "Ongoing", "fr": "En cours", "es": "En curso", "ru": "Выполняется", "zh": "进行中",
                "ar": "جارٍ"},
    "completed": {"en": "Completed", "fr": "Achevée", "es": "Completada", "ru": "Завершено",
                  "zh": "已完成", "ar": "مكتمل"},
}  # fmt: skip

# (page, message, body) -> (response, implementation): the contract's current state.
PAIRS = [
    ("sessions/2024/igf2024-ws-7/", "IGF2024-WS-7/cta-1", "itu", "supported", "ongoing"),
    ("sessions/2024/igf2024-ws-7/", "IGF2024-WS-7/cta-1", "unesco", "noted", None),
    ("sessions/2024/igf2024-ws-7/", "IGF2024-WS-7/cta-2", "oecd", "awaiting", None),
    ("messages/2024/bpf-x-2024/", "BPF-X-2024/rec-1", "itu", "declined", None),
    ("sessions/2025/igf2025-ws-9/", "IGF2025-WS-9/cta-1", "itu", "supported", "completed"),
    ("sessions/2025/igf2025-ws-9/", "IGF2025-WS-9/cta-2", "unesco", "awaiting", None),
    ("sessions/2025/igf2025-ws-9/", "IGF2025-WS-9/cta-2", "oecd", "acknowledged", None),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("followup") / "site"
    assert build("followup", out) == 0
    yield Site(out)
    shutil.rmtree(out, ignore_errors=True)


def _state(page: object, message: str, body: str) -> tuple[str, str | None, str]:
    item = page.find(id=message)  # type: ignore[attr-defined]
    assert item is not None, message
    found = item.select(f'.igf-follow-up__body[data-body="{body}"]')
    assert len(found) == 1, (message, body)
    words = [s.get_text(strip=True) for s in found[0].select(".igf-follow-up__now .igf-state")]
    return found[0]["data-response"], found[0]["data-implementation"] or None, " / ".join(words)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("url", "message", "body", "response", "work"), PAIRS)
def test_each_pair_shows_its_state_in_words_in_every_language(
    site: Site, lang: str, url: str, message: str, body: str, response: str, work: str | None
) -> None:
    expected = " / ".join(WORDS[k][lang] for k in (response, work) if k)
    for page_url in (url, f"editions/{message[3:7] if message.startswith('IGF') else '2024'}/"):
        page = site.page(PREFIX[lang] + page_url)
        assert _state(page, message, body) == (response, work, expected), page_url


def test_the_body_page_shows_only_that_bodys_state(site: Site) -> None:
    page = site.page("fr/bodies/unesco/")
    item = page.find(id="IGF2024-WS-7/cta-1")
    assert [li["data-body"] for li in item.select(".igf-follow-up__body")] == ["unesco"]
    assert item.select_one(".igf-state").get_text(strip=True) == "Pris note"


def test_the_body_page_sums_up_each_edition(site: Site) -> None:
    page = site.page("es/bodies/itu/")
    tally = {
        p["data-edition"]: " ".join(p.get_text().split())
        for p in page.select(".igf-follow-up-tally")
    }
    assert tally["2024"].startswith("Apoyado 1 · Rechazado 1 · Seguimiento")
    assert tally["2025"].startswith("Apoyado 1 · Seguimiento")


def test_the_timeline_is_dated_oldest_first_with_evidence_and_translated_text(site: Site) -> None:
    page = site.page("fr/sessions/2024/igf2024-ws-7/")
    itu = page.find(id="IGF2024-WS-7/cta-1").select_one('[data-body="itu"]')
    steps = itu.select(".igf-timeline > li")
    assert [s.time["datetime"] for s in steps] == ["2024-12-20", "2025-03-01"]
    assert " ".join(steps[0].get_text().split()) == "20 décembre 2024 · Réception confirmée"
    assert "Orientations rédigées" in steps[1].get_text()
    assert (
        steps[1].select_one('a[href="https://www.itu.int/en/guidance"]').get_text()
        == "Justificatif"
    )
    # A text without a translation is shown in English, marked as such.
    ar = site.page("ar/sessions/2024/igf2024-ws-7/").find(id="IGF2024-WS-7/cta-1")
    english = ar.select_one('[data-body="itu"] .igf-timeline > li:nth-of-type(2) span[lang="en"]')
    assert english is not None and "Guidance drafted" in english.get_text()


def _cells(row: object) -> dict[str, str]:
    return {td["data-state"]: td.get_text(strip=True) for td in row.select("td")}  # type: ignore[attr-defined]


def test_follow_up_page_counts_by_body_and_by_track(site: Site) -> None:
    page = site.page("editions/2024/follow-up/")
    summary = page.select_one(".igf-follow-up-summary")
    assert (summary["data-total"], summary["data-answered"]) == ("4", "3")
    rows = {tr["data-key"]: _cells(tr) for tr in page.select("#table-by-body tbody tr")}
    assert list(rows) == ["itu", "unesco", "oecd"]
    assert rows["itu"] == {"awaiting": "0", "acknowledged": "0", "supported": "1", "noted": "0",
                           "declined": "1", "not-started": "0", "ongoing": "1", "completed": "0",
                           "total": "2"}  # fmt: skip
    assert (rows["unesco"]["noted"], rows["unesco"]["total"]) == ("1", "1")
    assert (rows["oecd"]["awaiting"], rows["oecd"]["total"]) == ("1", "1")
    tracks = {tr["data-key"]: _cells(tr) for tr in page.select("#table-by-track tbody tr")}
    assert list(tracks) == ["inclusion", "intersessional"]
    assert [tracks["inclusion"][k] for k in ("awaiting", "supported", "noted", "total")] == [
        "1",
        "1",
        "1",
        "3",
    ]
    assert tracks["intersessional"]["declined"] == "1"


def test_follow_up_page_chart_has_a_text_alternative_and_the_same_figures(site: Site) -> None:
    page = site.page("ar/editions/2024/follow-up/")
    svg = page.select_one("figure.igf-chart svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "chart-title chart-desc"
    desc = svg.find("desc").get_text()
    assert "حظي بالتأييد 1" in desc and "مرفوض 1" in desc
    itu = svg.select_one('g[data-key="itu"]')
    assert [(r["class"][1], r.title.get_text()) for r in itu.select("rect")] == [
        ("igf-chart__seg--supported", "حظي بالتأييد: 1"),
        ("igf-chart__seg--declined", "مرفوض: 1"),
    ]
    # Mirrored right to left: the label on the right, the bar growing leftwards from it.
    label = itu.select_one("text.igf-chart__label")
    first, second = (float(r["x"]) for r in itu.select("rect"))
    assert label["text-anchor"] == "end" and second < first < float(label["x"])
    assert not page.select("figure.igf-chart script")


def test_awaiting_list_is_oldest_first(site: Site) -> None:
    page = site.page("es/editions/2025/follow-up/")
    assert [(li["data-message"], li["data-body"]) for li in page.select(".igf-awaiting > li")] == [
        ("IGF2025-OF-2/cta-1", "w3c"),  # 23 June, second track
        ("IGF2025-WS-9/cta-2", "unesco"),  # 26 June, first track
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outcome_document_links_to_its_follow_up_page(site: Site, lang: str) -> None:
    page = site.page(f"{PREFIX[lang]}editions/2024/")
    assert page.select_one('a[href="follow-up/"]') is not None


def _schema_check(site: Site, name: str, data: object) -> None:
    # The schema the site publishes: igfpub's own are templates of the site's languages.
    schema = json.loads((site.root / f"api/v1/{name}.schema.json").read_text("utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)


def test_follow_up_json_is_valid_and_exact(site: Site) -> None:
    data = json.loads((site.root / "api/v1/follow-up.json").read_text("utf-8"))
    _schema_check(site, "follow-up", data)
    pairs = {(r["message"], r["body"]): r for r in data["follow_up"]}
    assert {(m, b): (r["response"], r["implementation"]) for (m, b), r in pairs.items()} == {
        (m, b): (resp, work) for _, m, b, resp, work in PAIRS
    } | {("IGF2025-OF-2/cta-1", "w3c"): ("awaiting", None)}
    itu = pairs[("IGF2024-WS-7/cta-1", "itu")]
    assert [s["date"] for s in itu["timeline"]] == ["2024-12-20", "2025-03-01"]
    assert itu["date"] == "2025-03-01"
    assert set(itu["timeline"][1]["text"]) == {"en", "fr"}
    assert itu["timeline"][1]["evidence"] == "https://www.itu.int/en/guidance"
    assert pairs[("IGF2024-WS-7/cta-2", "oecd")]["timeline"] == []
    messages = json.loads((site.root / "api/v1/messages.json").read_text("utf-8"))
    _schema_check(site, "messages", messages)
    by_id = {m["id"]: m for m in messages["messages"]}
    assert by_id["IGF2024-WS-7/cta-1"]["follow_up"] == {
        "itu": {"response": "supported", "implementation": "ongoing", "date": "2025-03-01"},
        "unesco": {"response": "noted", "implementation": None, "date": "2025-02-02"},
    }
    assert by_id["IGF2024-WS-7/cta-3"]["follow_up"] == {}  # addressed to everyone


def test_follow_up_csv_round_trips_with_the_json(site: Site) -> None:
    data = json.loads((site.root / "api/v1/follow-up.json").read_text("utf-8"))["follow_up"]
    raw = (site.root / "api/v1/follow-up.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(data) == 8
    for row, rec in zip(rows, data, strict=True):
        assert (row["message"], row["body"], int(row["edition"])) == (
            rec["message"],
            rec["body"],
            rec["edition"],
        )
        assert (row["response"], row["implementation"] or None, row["date"] or None) == (
            rec["response"], rec["implementation"], rec["date"])  # fmt: skip
        assert json.loads(row["timeline"]) == rec["timeline"]
        assert row["url"] == rec["url"]["en"]


def _feed(site: Site, path: str) -> ET.Element:
    return ET.fromstring((site.root / path).read_bytes())


def test_body_feed_carries_its_follow_up_entries(site: Site) -> None:
    feed = _feed(site, "fr/bodies/itu/feed.xml")
    steps = [e for e in feed.iter(f"{ATOM}entry")
             if any(c.get("term") == "follow-up" for c in e.iter(f"{ATOM}category"))]  # fmt: skip
    assert [e.find(f"{ATOM}title").text for e in steps] == [
        "UIT sur IGF2025-WS-9/cta-1 : Appuyé, Achevée",
        "UIT sur IGF2024-WS-7/cta-1 : Appuyé, En cours",
        "UIT sur BPF-X-2024/rec-1 : Refusé",
        "UIT sur IGF2024-WS-7/cta-1 : Réception confirmée",
    ]
    assert (
        len({e.find(f"{ATOM}id").text for e in feed.iter(f"{ATOM}entry")}) == 7
    )  # 3 messages + 4 steps
    assert feed.find(f"{ATOM}updated").text == "2025-09-30T00:00:00Z"


@pytest.mark.parametrize("body", ["itu", "unesco", "oecd"])
def test_a_body_feed_is_newest_first(site: Site, body: str) -> None:
    """Messages and follow-up entries by date, newest first; before, a body's messages came
    first (in the order of its page) and its responses after them."""
    feed = _feed(site, f"bodies/{body}/feed.xml")
    dates = [e.find(f"{ATOM}updated").text for e in feed.iter(f"{ATOM}entry")]
    assert len(dates) > 2 and len(set(dates)) > 1
    assert dates == sorted(dates, reverse=True)
    assert feed.find(f"{ATOM}updated").text == dates[0]


def test_site_wide_feed_carries_every_new_response_newest_first(site: Site) -> None:
    feed = _feed(site, "bodies/feed.xml")
    entries = list(feed.iter(f"{ATOM}entry"))
    assert [e.find(f"{ATOM}updated").text[:10] for e in entries] == [
        "2025-09-30", "2025-07-01", "2025-03-01", "2025-02-02", "2025-01-15", "2024-12-20"]  # fmt: skip
    assert entries[1].find(f"{ATOM}title").text == "OECD on IGF2025-WS-9/cta-2: Acknowledged"
    assert (
        _feed(site, "ar/bodies/feed.xml").get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    )


@pytest.mark.parametrize(("lang", "sep"), [("ar", "، "), ("zh", "、"), ("fr", ", ")])
@pytest.mark.parametrize("feed", ["bodies/itu/feed.xml", "bodies/feed.xml"])
def test_feed_titles_list_the_states_with_the_languages_separator(
    site: Site, lang: str, sep: str, feed: str
) -> None:
    """Before, feeds joined a response and its implementation with ", " in every language:
    "حظي بالتأييد, جارٍ" in Arabic."""
    titles = [e.find(f"{ATOM}title").text for e in _feed(site, PREFIX[lang] + feed).iter(f"{ATOM}entry")
              if any(c.get("term") == "follow-up" for c in e.iter(f"{ATOM}category"))]  # fmt: skip
    both = WORDS["supported"][lang] + sep + WORDS["ongoing"][lang]
    assert [t for t in titles if t.endswith(both)] != [], titles
    if sep != ", ":
        assert [t for t in titles if ", " in t] == []


# A label and its value: French sets a (non-breaking) space before the colon, other
# languages none. Before, the colon was written by the templates, after the translated
# label: "En attente de réponse: 1", "Note de recommandations: UIT".
COLON = {"fr": "\u00a0: ", "en": ": ", "es": ": ", "ar": ": "}


@pytest.mark.parametrize("lang", sorted(COLON))
def test_a_label_and_its_value_are_joined_by_the_languages_colon(site: Site, lang: str) -> None:
    colon = COLON[lang]
    chart = site.page(f"{PREFIX[lang]}editions/2024/follow-up/")
    titles = [t.get_text() for t in chart.select("rect.igf-chart__seg title")]
    awaiting = WORDS["awaiting"][lang]
    assert f"{awaiting}{colon}1" in titles
    assert all(colon in t and t.count(":") == 1 for t in titles), titles
    desc = chart.find("desc", id="chart-desc").get_text()
    assert desc.count(colon) == desc.count(":") == 3, desc  # ITU, UNESCO, OECD
    brief = site.page(f"{PREFIX[lang]}briefs/2025/body-itu/")
    tally = brief.select_one(".igf-brief__tally").get_text()
    assert tally.count(colon) == tally.count(":") > 0, tally
    edition = site.page(f"{PREFIX[lang]}editions/2024/")
    (heading,) = edition.select("#doc-bpf-x-2024")
    assert colon in heading.get_text() and heading.get_text().count(":") == 1
    assert heading.find("a", href=True) is not None


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", ["bodies/itu/", "messages/2024/bpf-x-2024/"])
def test_links_in_a_follow_up_text_lead_to_pages_in_the_reader_language(
    site: Site, lang: str, page: str
) -> None:
    url = PREFIX[lang] + page
    found = site.page(url).find(id="BPF-X-2024/rec-1")
    step = found.select_one('[data-body="itu"] .igf-timeline > li')
    assert "[" not in step.get_text()  # no reference link left as text
    targets = []
    for a in step.find_all("a", href=True):
        parts = urlsplit(urljoin(f"https://x.invalid/{url}", a["href"]))
        targets.append(parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))
    p = PREFIX[lang]
    assert targets == [
        f"{p}sessions/2024/igf2024-ws-7/#IGF2024-WS-7/cta-1",
        f"{p}bodies/unesco/",
        f"{p}sessions/2024/igf2024-ws-7/#IGF2024-WS-7/cta-1",
    ]
    for target in targets:
        assert (site.root / target.partition("#")[0] / "index.html").is_file()


@pytest.mark.parametrize("feed", ["fr/bodies/itu/feed.xml", "fr/bodies/feed.xml"])
def test_links_in_a_follow_up_text_are_absolute_in_feeds(site: Site, feed: str) -> None:
    (entry,) = [e for e in _feed(site, feed).iter(f"{ATOM}entry")
                if e.find(f"{ATOM}title").text.endswith("BPF-X-2024/rec-1 : Refusé")]  # fmt: skip
    content = BeautifulSoup(entry.find(f"{ATOM}content").text, "html.parser")
    assert "[" not in content.get_text()
    base = _feed(site, feed).find(f"{ATOM}link").get("href").split("fr/")[0]
    assert [a["href"] for a in content.find_all("a")] == [
        f"{base}fr/sessions/2024/igf2024-ws-7/#IGF2024-WS-7/cta-1",
        f"{base}fr/bodies/unesco/",
        f"{base}fr/sessions/2024/igf2024-ws-7/#IGF2024-WS-7/cta-1",
    ]


def test_a_follow_up_entry_says_which_of_its_words_are_the_feeds_language(site: Site) -> None:
    """An entry whose text is not translated is in the source language (xml:lang="en"), but
    its state is in the feed's: before, "Apoyado" was declared English."""
    feed = _feed(site, "es/bodies/itu/feed.xml")  # ITU's report-back is not in Spanish
    checked = 0
    for entry in feed.iter(f"{ATOM}entry"):
        if not any(c.get("term") == "follow-up" for c in entry.iter(f"{ATOM}category")):
            continue
        content = lxml.html.fragment_fromstring(entry.find(f"{ATOM}content").text, "div")
        state = content.find("p")
        if entry.get(XML_LANG) == "en":
            assert state.get("lang") == "es"
            spanish = {v["es"] for v in WORDS.values()}
            assert all(w in spanish for w in state.text_content().split(", "))
            checked += 1
        else:
            assert entry.get(XML_LANG) == "es" and state.get("lang") is None
    assert checked > 0


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_messages_to_everyone_have_a_feed_of_their_own(site: Site, lang: str) -> None:
    """A body's feed holds the messages that name it (the contract); those addressed to
    everyone were in no feed, so a body that follows its own never saw them."""
    feed = _feed(site, f"{PREFIX[lang]}bodies/all/feed.xml")
    assert feed.get(XML_LANG) == lang
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"].endswith(f"/{PREFIX[lang]}bodies/all/feed.xml")
    assert links["alternate"].endswith(f"/{PREFIX[lang]}bodies/all/")
    entries = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert entries and all(e.endswith("#IGF2024-WS-7/cta-3") for e in entries), entries
    everyone = {m.split("#")[1] for m in entries}
    for body in ("itu", "unesco", "oecd"):
        body_feed = (site.root / f"{PREFIX[lang]}bodies/{body}/feed.xml").read_text("utf-8")
        assert not any(m in body_feed for m in everyone)
    page = site.page(f"{PREFIX[lang]}bodies/all/")
    (link,) = page.select('a[type="application/atom+xml"]')
    assert link["href"] == "feed.xml"
    assert (
        page.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == "feed.xml"
    )
