"""Footnotes in the texts of a page: each text is converted alone, and a page shows several
(a session's takeaways and its report; the outcome document, every session's). Before,
each had ``fn:1``: ids were duplicated, and every "1" led to the first note."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from tests.contentkit import session, write_tree

WS = (
    session(
        key_takeaways='key_takeaways:\n  - "Captions help[^1].\\n\\n[^1]: Survey of 2024."\n'
        '  - "Sign language too[^1].\\n\\n[^1]: WFD figures."'
    )
    + "The report[^1].\n\n[^1]: The rapporteur's notes.\n"
)


def test_each_footnote_leads_to_its_own_note(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"sessions/2025/ws-1.md": WS})
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    for url in ("sessions/2025/igf2025-ws-1/", "fr/sessions/2025/igf2025-ws-1/", "editions/2025/"):
        page = BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")
        ids = Counter(e["id"] for e in page.find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == []
        notes = []
        for ref in page.select("sup[id^=fnref] a[href^='#fn']"):
            note = page.find(id=ref["href"][1:])
            assert note is not None, ref
            back = note.select_one("a[href^='#fnref']")
            assert back is not None and back["href"] == "#" + ref.find_parent("sup")["id"]
            notes.append(" ".join(note.get_text(" ").replace("↩", "").split()))
        expected = ["Survey of 2024.", "WFD figures."]
        if url != "editions/2025/":  # the outcome document shows takeaways, not reports
            expected.append("The rapporteur's notes.")
        assert sorted(notes) == sorted(expected)
