"""A message that starts like a spreadsheet formula is text in the open data's CSV files:
before, ``=HYPERLINK(...)`` in a takeaway became a live formula in Excel. The JSON files
keep every text as written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from igfpub.cli import main as igfpub
from igfpub.core.cells import cell
from tests.contentkit import session, write_tree

TAKEAWAYS = [
    '=HYPERLINK("https://evil.example","Read more")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1,2)",
    "-2 points of access, a fall.",
    "Plain text stays as it is.",
]


def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe() -> None:
    assert cell("=1+1") == "'=1+1"
    assert cell("\tx") == "'\tx"
    assert cell("Half = half") == "Half = half"
    assert cell("") == ""


def test_the_csv_files_show_formulas_as_text(tmp_path: Path) -> None:
    takeaways = "\n".join(f"  - {json.dumps(t)}" for t in TAKEAWAYS[:3])
    calls = "\n".join(f"  - text: {json.dumps(t)}\n    to: [itu]" for t in TAKEAWAYS[3:])
    front = {"key_takeaways": f"key_takeaways:\n{takeaways}",
             "calls_to_action": f"calls_to_action:\n{calls}"}  # fmt: skip
    content = write_tree(tmp_path / "content", {"sessions/2025/ws-1.md": session(**front)})
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    rows = list(csv.DictReader(io.StringIO((site / "api/v1/messages.csv").read_text("utf-8-sig"))))
    texts = {r["id"]: r["text_en"] for r in rows}
    ids = [f"IGF2025-WS-1/kt-{n}" for n in (1, 2, 3)] + ["IGF2025-WS-1/cta-1", "IGF2025-WS-1/cta-2"]
    assert [texts[i] for i in ids] == [
        "'" + TAKEAWAYS[0],
        "'" + TAKEAWAYS[1],
        "'" + TAKEAWAYS[2],
        "'" + TAKEAWAYS[3],
        TAKEAWAYS[4],
    ]
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values()), row
    data = json.loads((site / "api/v1/messages.json").read_text("utf-8"))
    kept = {m["id"]: m["text"]["en"] for m in data["messages"]}
    assert kept["IGF2025-WS-1/kt-1"] == TAKEAWAYS[0]
