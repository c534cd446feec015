"""Shell rendering (igfpub/mkdocs/shell.py) must give exactly the pages full rendering gives."""

from __future__ import annotations

from pathlib import Path

from igfpub.cli import main as igfpub
from tests.conftest import SITES, Site

PROJECT = Path(__file__).resolve().parent.parent


def test_shell_rendering_is_byte_identical_to_full_rendering(
    bilingual: Site, tmp_path: Path
) -> None:
    config = (PROJECT / "igfpub" / "default" / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - igfpub:\n", "  - igfpub:\n      shell_rendering: false\n", 1)
    assert "shell_rendering: false" in config
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    full = tmp_path / "site"
    args = ["build", str(SITES / "bilingual"), "-d", str(full), "--no-pdf"]
    assert igfpub([*args, "-f", str(tmp_path / "mkdocs.yml")]) == 0
    pages = sorted(p.relative_to(full) for p in full.rglob("*.html"))
    kinds = ("sessions", "messages", "briefs")
    shelled = [p for p in pages if set(p.parts[:2]) & set(kinds)]
    # The pages that take the shell path, in six languages: 5 documents and 4 briefs.
    assert len(shelled) == 6 * (5 + 4)
    assert len([p for p in shelled if "briefs" in p.parts]) == 6 * 4
    # And the pages of the 3 bodies and the group.
    named = [p.parent.name for p in pages if p.parent.parent.name in ("bodies", "groups")]
    assert sorted(set(named) - {"all"}) == ["bpf-cybersecurity", "itu", "oecd", "unesco"]
    assert len([n for n in named if n != "all"]) == 6 * 4
    for rel in pages:
        assert (bilingual.root / rel).read_bytes() == (full / rel).read_bytes(), rel
