"""A call to action addressed to everyone (an empty ``to``) is followed up by the bodies
that report on it: their state shows where the message's follow-up shows, in the
edition's follow-up counts and in the open data, and no body is said to be awaiting."""

from __future__ import annotations

import json
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
    # The edition's counts, by body: OECD's answer, and no body awaiting.
    rows = page("editions/2025/follow-up/").select("table.igf-counts")[0].select("tr")[1:]
    counts = {
        row.th.get_text(strip=True): {
            td["data-state"]: td.get_text(strip=True) for td in row.select("td[data-state]")
        }
        for row in rows
    }
    assert list(counts) == ["OECD"]
    assert (counts["OECD"]["supported"], counts["OECD"]["awaiting"]) == ("1", "0")
