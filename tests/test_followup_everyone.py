"""A call to action addressed to everyone (an empty ``to``) is followed up by the bodies
that report on it: their state shows where the message's follow-up shows, in the
edition's follow-up counts and in the open data, and no body is said to be awaiting."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from tests.contentkit import BASE, write_tree

OECD = """\
---
body: oecd
follow_up:
  - message: IGF2025-WS-1/cta-1
    date: 2025-08-01
    response: supported
    implementation: ongoing
    text: "Taken up in [our work](https://www.oecd.org/digital/)."
---
"""


def test_a_report_on_a_message_to_everyone_is_published(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "sessions/2025/ws-1.md": BASE["sessions/2025/ws-1.md"].replace("    to: [itu]\n", ""),
        "bodies/oecd.md": OECD,
    })  # fmt: skip
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0

    def page(url: str) -> BeautifulSoup:
        return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")

    for url in ("sessions/2025/igf2025-ws-1/", "fr/sessions/2025/igf2025-ws-1/"):
        message = page(url).find(id="IGF2025-WS-1/cta-1")
        states = message.select(".igf-follow-up__body")
        assert [(s["data-body"], s["data-response"]) for s in states] == [("oecd", "supported")]
    data = json.loads((site / "api/v1/follow-up.json").read_text("utf-8"))
    assert [(r["message"], r["body"], r["response"]) for r in data["follow_up"]] == [
        ("IGF2025-WS-1/cta-1", "oecd", "supported")
    ]
    # The state is shown with the message, on the page of messages to all bodies, and in
    # their feed; the edition's counts are of the responses expected (one per message and
    # body its `to` names): OECD's is none of them, and no body is awaiting on it.
    everyone = page("bodies/all/").find(id="IGF2025-WS-1/cta-1")
    assert [s["data-body"] for s in everyone.select(".igf-follow-up__body")] == ["oecd"]
    follow_up = page("editions/2025/follow-up/")
    assert follow_up.select("table.igf-counts") == []
    assert "No calls to action or recommendations of this meeting are addressed to a " \
        "decision-making body." in follow_up.get_text(" ", strip=True)  # fmt: skip
    ns = {"a": "http://www.w3.org/2005/Atom"}
    all_feed = ET.parse(site / "bodies/all/feed.xml").getroot()
    ids = [e.findtext("a:id", namespaces=ns) for e in all_feed.iterfind("a:entry", ns)]
    assert [i.split(":", 2)[2] for i in ids] == [
        "IGF2025-WS-1/cta-1/follow-up/oecd/2025-08-01", "IGF2025-WS-1/cta-1"]  # fmt: skip
    # OECD's own feed holds the messages that name it: none, and so none of its steps.
    oecd_feed = ET.parse(site / "bodies/oecd/feed.xml").getroot()
    assert oecd_feed.findall("a:entry", ns) == []


def test_a_bodys_counts_add_up_to_the_messages_its_page_lists(tmp_path: Path) -> None:
    """ITU's page listed one message and counted two states: its answer to a message
    addressed to all was counted, though the page (as the contract says) does not list
    that message."""
    to_all = BASE["sessions/2025/ws-1.md"].replace("id: IGF2025-WS-1", "id: IGF2025-WS-2")
    content = write_tree(tmp_path / "content", {
        "sessions/2025/ws-2.md": to_all.replace("    to: [itu]\n", ""),
        "bodies/itu.md": OECD.replace("body: oecd", "body: itu").replace("WS-1", "WS-2"),
    })  # fmt: skip
    site = tmp_path / "site"
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir",
                   str(tmp_path / "cache")]) == 0  # fmt: skip
    body = BeautifulSoup((site / "bodies/itu/index.html").read_text("utf-8"), "html.parser")
    listed = [li["id"] for li in body.select("li[id^='IGF2025-']")]
    assert listed == ["IGF2025-WS-1/cta-1"]
    tally = body.select_one(".igf-follow-up-tally")
    assert tally is not None
    assert tally.get_text(" ", strip=True).startswith("Awaiting response 1 · Follow-up")
    states = {
        td["data-state"]: td.get_text(strip=True)
        for td in BeautifulSoup(
            (site / "editions/2025/follow-up/index.html").read_text("utf-8"), "html.parser"
        ).select("table.igf-counts td[data-state]")
    }
    assert states.get("awaiting") == "1" and states.get("supported", "0") == "0"


def test_the_awaiting_sentence_counts_messages_not_pairs(tmp_path: Path) -> None:
    """A message addressed to two bodies that have not answered is listed under each, and
    was counted twice: "2 messages have had no response yet" over one message."""
    content = write_tree(tmp_path / "content", {
        "sessions/2025/ws-1.md": BASE["sessions/2025/ws-1.md"].replace("to: [itu]", "to: [itu, oecd]"),
    })  # fmt: skip
    site = tmp_path / "site"
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir",
                   str(tmp_path / "cache")]) == 0  # fmt: skip
    page = BeautifulSoup((site / "editions/2025/follow-up/index.html").read_text("utf-8"),
                         "html.parser")  # fmt: skip
    text = page.get_text(" ", strip=True)
    assert "One message has had no response yet from a body it is addressed to" in text
    assert "1 of the 2 expected responses" not in text and "0 of the 2 expected responses" in text
