"""Issue 3 end to end: outcome documents, body pages, feeds and open data on the fixture."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import jsonschema
import pytest

from igfpub.core.languages import LANGUAGES, UN
from igfpub.outputs.opendatafiles import schema_files
from tests.conftest import Site

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
ITU = ["IGF2025-WS-1/cta-1", "IGF2025-OF-2/cta-1", "BPF-CYBER-2025/rec-1"]
EXPECTED_BODIES = {"itu": ITU, "unesco": ["IGF2025-WS-1/cta-1"], "oecd": ["BPF-CYBER-2025/rec-1"]}
# A feed lists them newest first: the best practice forum's messages date from the
# edition's last day (27 June), the open forum's from 25 June, the workshop's from 24 June.
FEED_ORDER = {body: sorted(ids, key=ITU[::-1].index) for body, ids in EXPECTED_BODIES.items()}


def message_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [li["id"] for li in page.select("li.igf-message")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("body", sorted(EXPECTED_BODIES))
def test_body_page_holds_exactly_its_messages(bilingual: Site, lang: str, body: str) -> None:
    page = bilingual.page(f"{PREFIX[lang]}bodies/{body}/")
    assert message_ids(page) == EXPECTED_BODIES[body]
    feed_link = page.select_one('link[rel=alternate][type="application/atom+xml"]')
    assert feed_link is not None and feed_link["href"] == "feed.xml"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("body", sorted(EXPECTED_BODIES))
def test_feed_is_valid_atom_with_stable_entries(bilingual: Site, lang: str, body: str) -> None:
    raw = (bilingual.root / PREFIX[lang] / "bodies" / body / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.id for e in feed.entries] == [
        f"tag:outcomes.example.org,2025:{m}" for m in FEED_ORDER[body]
    ]
    first = feed.entries[0]
    assert first.link.startswith(f"https://outcomes.example.org/{PREFIX[lang]}")
    assert first.link.endswith("#" + FEED_ORDER[body][0])
    assert first.updated.startswith("2025-06-2")
    assert feed.feed.language == lang


def test_feed_entries_are_in_the_reader_language(bilingual: Site) -> None:
    feed = feedparser.parse((bilingual.root / "fr/bodies/itu/feed.xml").read_bytes())
    (ws1,) = [e for e in feed.entries if e.id.endswith(":IGF2025-WS-1/cta-1")]
    assert "Financer les infrastructures publiques de données." in ws1.content[0].value
    assert ws1.title.startswith("IGF2025-WS-1/cta-1: Gouvernance des données")


def test_messages_to_everyone_have_their_own_page(bilingual: Site) -> None:
    page = bilingual.page("bodies/all/")
    assert message_ids(page) == ["IGF2025-WS-1/cta-2"]
    for body in EXPECTED_BODIES:
        assert "IGF2025-WS-1/cta-2" not in message_ids(bilingual.page(f"bodies/{body}/"))


def test_bodies_index_lists_every_body_with_counts(bilingual: Site) -> None:
    page = bilingual.page("fr/bodies/")
    rows = {
        tr["data-body"]: [td.get_text() for td in tr.select("td")]
        for tr in page.select("tr[data-body]")
    }
    assert set(rows) == {"itu", "unesco", "oecd"}
    assert rows["itu"][-1] == "3"
    assert (
        page.select_one("tr[data-body=itu] a").get_text()
        == "Union internationale des télécommunications"
    )


def test_outcome_document_sections_in_order(bilingual: Site) -> None:
    page = bilingual.page("editions/2025/")
    tracks = page.select("section.igf-track")
    assert [t["data-track"] for t in tracks] == ["trust", "access"]
    trust = tracks[0]
    assert [s["data-list"] for s in trust.select("section.igf-outcome-list")] == [
        "key_takeaways", "calls_to_action", "consensus", "divergence",
    ]  # fmt: skip
    assert message_ids(trust) == [
        "IGF2025-WS-1/kt-1", "IGF2025-WS-1/kt-2", "IGF2025-LN-4/kt-1",
        "IGF2025-WS-1/cta-1", "IGF2025-WS-1/cta-2", "IGF2025-WS-1/con-1", "IGF2025-WS-1/div-1",
    ]  # fmt: skip
    h2 = [h.get("id") for h in page.select("h2")]
    assert h2.index("track-access") < h2.index("intersessional") < h2.index("bodies-addressed")
    inter = page.select_one("section.igf-intersessional")
    assert message_ids(inter) == [
        "BPF-CYBER-2025/kt-1",
        "BPF-CYBER-2025/rec-1",
        "BPF-CYBER-2025/min-1",
    ]
    # The body is each row's header (th), then its count and its brief's links.
    table = {tr["data-body"]: tr.select("td")[0].get_text() for tr in page.select("tr[data-body]")}
    assert all(tr.select_one("th[scope=row] a") for tr in page.select("tr[data-body]"))
    assert table == {"itu": "3", "oecd": "1", "unesco": "1"}
    assert "consultation" in page.select_one("#status")["class"][1]


def test_outcome_document_links_sources_and_feedback(bilingual: Site) -> None:
    page = bilingual.page("fr/editions/2025/")
    kt = page.find(id="IGF2025-WS-1/kt-1")
    links = {a.get_text(strip=True): a["href"] for a in kt.select("a")}
    source = links["Gouvernance des données pour l'IA dans les pays du Sud"]
    assert source == "../../sessions/2025/igf2025-ws-1/#IGF2025-WS-1/kt-1"
    feedback = next(h for h in links.values() if h.startswith("mailto:"))
    assert "IGF2025-WS-1%2Fkt-1" in feedback
    # Untranslated in French: the consensus item is English, marked as such.
    con = page.find(id="IGF2025-WS-1/con-1").select_one(".igf-message__text")
    assert con["lang"] == "en"


def test_body_report_back_in_both_directions(bilingual: Site) -> None:
    body = bilingual.page("bodies/itu/")
    back = body.select_one(".igf-report-back")
    assert "ITU-D will report on public data infrastructure at WTDC." in back.get_text()
    assert back.select_one("code").get_text() == "IGF2025-WS-1"
    session = bilingual.page("ar/sessions/2025/igf2025-ws-1/")
    responses = session.select_one(".igf-responses")
    assert responses.select_one("a").get_text() == "الاتحاد الدولي للاتصالات"


@pytest.mark.parametrize("name", ["messages", "sessions", "bodies"])
def test_open_data_matches_its_schema(bilingual: Site, name: str) -> None:
    data = json.loads((bilingual.root / f"api/v1/{name}.json").read_text(encoding="utf-8"))
    published = (bilingual.root / f"api/v1/{name}.schema.json").read_bytes()
    # Identified by its address on this site, not the templates' example address.
    schema_id = json.loads(published)["$id"]
    site = schema_id.removesuffix(f"api/v1/{name}.schema.json")
    assert site != schema_id
    assert published == schema_files(UN, site)[f"{name}.schema.json"]
    first = json.loads((bilingual.root / "api/v1/messages.json").read_text("utf-8"))["messages"][0]
    assert first["url"]["en"].startswith(site)
    schema = json.loads(published)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_open_data_messages_are_complete_and_honest(bilingual: Site) -> None:
    data = json.loads((bilingual.root / "api/v1/messages.json").read_text(encoding="utf-8"))
    by_id = {m["id"]: m for m in data["messages"]}
    assert len(by_id) == len(data["messages"]) == 13
    cta = by_id["IGF2025-WS-1/cta-1"]
    assert (cta["kind"], cta["edition"], cta["source"], cta["source_type"], cta["track"]) == (
        "call-to-action", 2025, "IGF2025-WS-1", "workshop", "trust",
    )  # fmt: skip
    assert cta["to"] == ["itu", "unesco"]
    assert set(cta["text"]) == {"en", "fr"}  # only the languages it is translated into
    assert cta["translation"] == {"fr": "human"}
    assert set(cta["url"]) == set(LANGUAGES)
    assert by_id["IGF2025-OF-2/kt-1"]["translation"] == {"fr": "stale"}
    assert by_id["BPF-CYBER-2025/rec-1"]["source_type"] == "bpf"
    assert by_id["IGF2025-WS-1/cta-2"]["to"] == []


def test_csv_round_trips(bilingual: Site) -> None:
    raw = (bilingual.root / "api/v1/messages.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((bilingual.root / "api/v1/messages.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data["messages"])
    for row, record in zip(rows, data["messages"], strict=True):
        assert row["id"] == record["id"]
        assert row["to"].split() == record["to"]
        assert int(row["edition"]) == record["edition"]
        for lang in LANGUAGES:
            assert row[f"text_{lang}"] == record["text"].get(lang, "")


def test_programme_explorer_without_javascript_is_the_full_list(bilingual: Site) -> None:
    page = bilingual.page("es/editions/2025/programme/")
    items = page.select("li.igf-programme-item")
    assert sorted(li["data-id"] for li in items) == [
        "IGF2025-LN-4", "IGF2025-OF-2", "IGF2025-TH-3", "IGF2025-WS-1",
    ]  # fmt: skip
    assert page.select_one("form#igf-filters").has_attr("hidden")  # shown by the script
    ws1 = page.select_one("li[data-id=IGF2025-WS-1]")
    assert (ws1["data-track"], ws1["data-type"], ws1["data-bodies"]) == (
        "trust",
        "workshop",
        "itu unesco",
    )
    assert ws1["data-stakeholders"] == "civil-society government"


def test_groups_and_observatories(bilingual: Site) -> None:
    group = bilingual.page("groups/bpf-cybersecurity/")
    assert message_ids(group) == [
        "BPF-CYBER-2025/kt-1",
        "BPF-CYBER-2025/rec-1",
        "BPF-CYBER-2025/min-1",
    ]
    # In a language the document is not translated into, the page says so and still
    # lists the document's messages.
    fr_group = bilingual.page("fr/groups/bpf-cybersecurity/")
    assert message_ids(fr_group) == message_ids(group)
    assert fr_group.select_one(".igf-notice--partial") is not None
    groups = bilingual.page("fr/groups/")
    assert [li["data-group"] for li in groups.select("li[data-group]")] == ["bpf-cybersecurity"]
    obs = bilingual.page("observatories/")
    row = obs.select_one("tr[data-observatory=gip-digital-watch]")
    assert row.select_one("a")["href"] == "https://dig.watch"
    assert [s["lang"] for s in row.select("span[lang]")] == ["en", "pt"]


def test_briefs_are_linked_from_body_group_and_outcome_pages(bilingual: Site) -> None:
    """The fixture is built without PDFs: pages link the briefs' HTML only (test_no_pdf.py
    checks a build with PDFs)."""
    body = bilingual.page("fr/bodies/itu/")
    links = [a["href"] for a in body.select(".igf-brief-links a")]
    assert links == ["../../briefs/2025/body-itu/"]
    for lang in ("", "fr/"):
        group = bilingual.page(f"{lang}groups/bpf-cybersecurity/")
        assert [a["href"] for a in group.select(".igf-brief-links a")] == [
            "../../briefs/2025/group-bpf-cybersecurity/",
        ], lang
    outcome = bilingual.page("ar/editions/2025/")
    row = outcome.select_one("tr[data-body=oecd]")
    assert [a["href"] for a in row.select("td")[1].select("a")] == [
        "../../briefs/2025/body-oecd/",
    ]
    assert outcome.select_one('a[type="application/pdf"]') is None
