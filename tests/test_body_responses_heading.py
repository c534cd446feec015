"""A body's dated responses have a heading of their own on its page: after a report-back
whose text ends with a section ("Next steps"), they read as part of that section, in the
page's outline and to a screen reader's heading navigation."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from igfpub.cli import main as igfpub
from tests.contentkit import write_tree

ITU = """---
body: itu
responses:
  - date: 2025-09-01
    edition: 2025
    about: [IGF2025-WS-1]
    text: "We received the messages."
---
## Observations

What we saw.

## Next steps

What we will do.
"""


def _heading_before(tag: Tag) -> str:
    found = tag.find_previous(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert isinstance(found, Tag)
    return found.get_text(strip=True)


def test_responses_follow_a_heading_of_their_own(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"bodies/itu.md": ITU})
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    for page, heading in [("bodies/itu/index.html", "Responses"),
                          ("fr/bodies/itu/index.html", "Réponses")]:  # fmt: skip
        html = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
        response = html.select_one("li.igf-response")
        assert response is not None and "We received the messages." in response.get_text()
        assert _heading_before(response) == heading
        section = html.select_one("section.igf-report-back")
        assert section is not None
        outline = [(h.name, h.get_text(strip=True)) for h in section.select("h2, h3")]
        assert [level for level, _ in outline] == ["h2", "h3", "h3", "h3"]
        assert outline[1:] == [("h3", "Observations"), ("h3", "Next steps"), ("h3", heading)]
        ids = [t["id"] for t in html.select("[id]")]
        assert len(ids) == len(set(ids))


def test_no_heading_without_responses(tmp_path: Path) -> None:
    text = "---\nbody: itu\n---\nOnly text.\n"
    content = write_tree(tmp_path / "content", {"bodies/itu.md": text})
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    html = BeautifulSoup((site / "bodies/itu/index.html").read_text("utf-8"), "html.parser")
    assert html.select_one("#report-back-responses") is None
    assert "Only text." in html.get_text()
