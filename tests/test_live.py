"""The preview's first look at a save (igfpub/mkdocs/live.py): the saved documents' own
pages, rendered at once in every language by languages set up once, are the bytes a cold
build of the same content writes; and nothing they render leaks into the render cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from igfpub.build import Options, build
from igfpub.core.languages import use
from igfpub.core.loader import LoadResult, load_corpus, reload_documents
from igfpub.mkdocs.live import LiveSite
from igfpub.mkdocs.site import read_site
from tests.test_incremental import assert_same_site

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"
LANGS = ("", "fr/", "es/", "ru/", "zh/", "ar/")


def load(content: Path) -> LoadResult:
    site = read_site(CONFIG, content)
    use(site.languages)
    result = load_corpus(content, site.limits)
    assert result.ok, result.issues
    return result


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("live")
    content, site, cache = root / "content", root / "site", root / "cache"
    shutil.copytree(PROJECT / "content", content)
    build(content, site, Options(CONFIG, pdf=False, cache_dir=cache))
    return content, site, cache


def test_saved_documents_show_as_a_cold_build_writes_them(
    built: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    content, site, cache = built
    live = LiveSite(CONFIG, content, cache, load(content))
    before = load(content)
    # A rapporteur's English edit (with emoji), a translator's French edit of another
    # session, and an intersessional group's edit, saved together.
    session = content / "sessions" / "2025" / "igf2025-ws-87.md"
    french = next((content / "sessions").rglob("*.fr.md"))
    group = next(p for p in (content / "messages").rglob("*.md") if p.name.count(".") == 1)
    append(session, "Une phrase ajoutée, with 🌍, in the English report.")
    append(french, "Une phrase ajoutée par la traductrice.")
    append(group, "A late recommendation from the group.")
    rels = [p.relative_to(content).as_posix() for p in (session, french, group)]

    quick = reload_documents(content, before.corpus, rels, read_site(CONFIG, content).limits)
    assert quick is not None
    result, docs = quick
    by_path = {doc.source.path: doc.id for doc in before.corpus.documents()}
    french_source = french.with_name(french.name.replace(".fr.md", ".md"))
    assert docs == {by_path[p.relative_to(content).as_posix()]
                    for p in (session, french_source, group)}  # fmt: skip
    assert "IGF2025-WS-87" in docs
    shown = tmp_path / "shown"
    assert live.show(result, docs, shown) == 3 * len(LANGS)

    cold = tmp_path / "cold"
    build(content, cold, Options(CONFIG, pdf=False, cache_dir=tmp_path / "cold-cache"))
    written = sorted(p.relative_to(shown).as_posix() for p in shown.rglob("*.html"))
    assert len(written) == 3 * len(LANGS)
    assert {w.split("/", 1)[0] + "/" for w in written if not w.startswith(("sessions", "messages"))} \
        == {"fr/", "es/", "ru/", "zh/", "ar/"}  # fmt: skip
    for name in written:
        assert (shown / name).read_bytes() == (cold / name).read_bytes(), name
    # A preview makes no PDF, and links none: not the group's brief, in any language.
    briefs = [name for name in written if "/messages/" in f"/{name}"]
    assert len(briefs) == len(LANGS) and all("brief" in (shown / n).read_text() for n in briefs)
    assert [name for name in written if '.pdf"' in (shown / name).read_text("utf-8")] == []
    page = (shown / "sessions/2025/igf2025-ws-87/index.html").read_text("utf-8")
    assert "with 🌍, in the English report." in page
    # The pages shown went nowhere else: a warm build now equals the cold one.
    build(content, site, Options(CONFIG, pdf=False, cache_dir=cache))
    assert_same_site(site, cold)
    # The full load that follows a save keeps the live languages.
    assert live.update(load(content))


def test_moves_and_new_documents_wait_for_the_full_build(built: tuple[Path, Path, Path]) -> None:
    content = built[0]
    base = load(content).corpus
    session = content / "sessions" / "2025" / "igf2025-ws-87.md"
    text = session.read_text(encoding="utf-8")
    limits = read_site(CONFIG, content).limits
    try:
        # Another edition moves the page.
        session.write_text(text.replace("edition: 2025", "edition: 2024", 1), encoding="utf-8")
        assert "edition: 2024" in session.read_text(encoding="utf-8")
        assert reload_documents(content, base, ["sessions/2025/igf2025-ws-87.md"], limits) is None
        # An invalid document is the full load's to report.
        session.write_text(text.replace("type:", "tipe:", 1), encoding="utf-8")
        assert reload_documents(content, base, ["sessions/2025/igf2025-ws-87.md"], limits) is None
    finally:
        session.write_text(text, encoding="utf-8")
    # A file that belongs to no document yet.
    new = content / "sessions" / "2025" / "igf2025-ws-9999.md"
    new.write_text(text, encoding="utf-8")
    try:
        assert reload_documents(content, base, ["sessions/2025/igf2025-ws-9999.md"], limits) is None
    finally:
        new.unlink()
