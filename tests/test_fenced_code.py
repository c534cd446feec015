"""Fenced code in content texts and free pages. Before, a report with
```` ```python\\nprint("# not a heading")\\n``` ```` became one inline code span,
``<p><code>python print(...)</code></p>``, the language shown as the code's first word;
now it is ``<pre><code class="language-python">``, kept through the sanitiser (that class
only), and the translation exchange leaves its code alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from translate.storage import pypo

from igfpub.cli import main as igfpub
from tests.contentkit import BASE, build_in, session, write_tree

CODE = 'print("# not a heading")\n<script>alert(1)</script>\n'
FENCE = f"```python\n{CODE}```"
REPORT = f"The rapporteur quoted the script.\n\n{FENCE}\n\nAnd went on.\n"
TAKEAWAY = "Write the rule so:\n\n```yaml\nretention: 30d\n```"
WS = session(key_takeaways="key_takeaways:\n  - " + json.dumps(TAKEAWAY) + "\n  - Two.").replace(
    "Report.\n", REPORT
)
EDITION = BASE["editions/2025.md"].replace("Intro.\n", "Intro.\n\n~~~\nmake outcomes\n~~~\n")
ITU = "---\nbody: itu\n---\nWhat ITU ran:\n\n```sh\nigfpub check\n```\n"
HOME = f"# Home\n\n{FENCE}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fenced")
    content = write_tree(root / "content", {
        "sessions/2025/ws-1.md": WS, "editions/2025.md": EDITION, "bodies/itu.md": ITU,
        "index.md": HOME,
    })  # fmt: skip
    out = root / "site"
    cache = str(root / "cache")
    assert igfpub(["build", str(content), "-d", str(out), "--no-pdf", "--cache-dir", cache]) == 0
    return out


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def _blocks(scope: Tag) -> list[tuple[str | None, str]]:
    """Each code block of ``scope``: its language class and its code."""
    out = []
    for code in scope.select("pre > code"):
        classes = code.get("class") or []
        assert len(classes) <= 1, classes
        out.append((classes[0] if classes else None, code.get_text()))
    return out


@pytest.mark.parametrize("url", ["sessions/2025/igf2025-ws-1/", "fr/sessions/2025/igf2025-ws-1/"])
def test_a_report_shows_its_fence_as_a_code_block(site: Path, url: str) -> None:
    page = _page(site, url)
    main = page.find(id="igf-content")
    assert isinstance(main, Tag)
    assert ("language-python", CODE) in _blocks(main)
    assert not main.find("script")  # shown as code, never run
    assert not [h for h in main.find_all(["h1", "h2", "h3", "h4"]) if "not a heading" in h.text]
    assert not [c for c in main.select("p > code") if "python" in c.text]
    takeaway = page.find(id="IGF2025-WS-1/kt-1")
    assert isinstance(takeaway, Tag)
    assert _blocks(takeaway) == [("language-yaml", "retention: 30d\n")]


def test_edition_introduction_report_back_and_free_page_have_code_blocks(site: Path) -> None:
    edition = _page(site, "editions/2025/").find(id="igf-content")
    assert isinstance(edition, Tag) and (None, "make outcomes\n") in _blocks(edition)
    body = _page(site, "bodies/itu/").find(id="igf-content")
    assert isinstance(body, Tag) and ("language-sh", "igfpub check\n") in _blocks(body)
    home = _page(site, "").find("article") or _page(site, "")
    assert ("language-python", CODE) in _blocks(home)


def test_the_scaffold_reads_fences_on_its_free_pages(tmp_path: Path) -> None:
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "en,fr"]) == 0
    root = tmp_path / "s"
    assert "  - fenced_code\n" in (root / "mkdocs.yml").read_text("utf-8")
    (root / "content" / "index.md").write_text(HOME, encoding="utf-8")
    assert build_in(root) == 0
    home = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert ("language-python", CODE) in _blocks(home)


def test_translators_get_the_words_around_a_fence_not_its_code(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"sessions/2025/ws-1.md": WS})
    po_file = tmp_path / "fr.po"
    args = [
        "translate",
        "export",
        str(content),
        "--lang",
        "fr",
        "--format",
        "po",
        "-o",
        str(po_file),
    ]
    assert igfpub(args) == 0
    store = pypo.pofile(po_file.read_bytes())
    sources = [u.source for u in store.units if not u.isheader()]
    assert "The rapporteur quoted the script." in sources
    assert not [s for s in sources if "print(" in s or "retention" in s or "python" in s]
    for unit in store.units:
        if not unit.isheader():
            unit.target = f"«{unit.source}»"
    po_file.write_bytes(bytes(store))
    assert igfpub(["translate", "import", str(po_file), str(content)]) == 0
    fr = (content / "sessions/2025/ws-1.fr.md").read_text("utf-8")
    assert f"\n{FENCE}\n" in fr and "«The rapporteur quoted the script.»" in fr
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    page = _page(site, "fr/sessions/2025/igf2025-ws-1/")
    assert page.find(attrs={"data-translation": "translated"}) is not None
    assert ("language-python", CODE) in _blocks(page)
