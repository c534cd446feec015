"""The preview's first look at a save (igfpub/mkdocs/live.py): the saved documents' own
pages, rendered at once in every language by languages set up once, are the bytes a cold
build of the same content writes; and nothing they render leaks into the render cache."""

from __future__ import annotations

import hashlib
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
    assert live.show(result, docs, shown) == (3 * len(LANGS), [])

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


def test_moves_and_taken_ids_wait_for_the_full_build(built: tuple[Path, Path, Path]) -> None:
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
    # A new file that copies a document, id and all (written in other letters' case): the
    # full load says which id is taken.
    new = content / "sessions" / "2025" / "igf2025-ws-9999.md"
    new.write_text(text.replace("id: IGF2025-WS-87", "id: igf2025-ws-87", 1), encoding="utf-8")
    assert "id: igf2025-ws-87" in new.read_text(encoding="utf-8")
    try:
        assert reload_documents(content, base, ["sessions/2025/igf2025-ws-9999.md"], limits) is None
    finally:
        new.unlink()
    # A translation whose source is not there yet; a new file outside the documents.
    orphan = content / "sessions" / "2025" / "igf2025-ws-9998.fr.md"
    page = content / "about-the-forum.md"
    orphan.write_text(text, encoding="utf-8")
    page.write_text("# About\n", encoding="utf-8")
    try:
        for rel in ("sessions/2025/igf2025-ws-9998.fr.md", "about-the-forum.md"):
            assert reload_documents(content, base, [rel], limits) is None, rel
    finally:
        orphan.unlink()
        page.unlink()


# A rapporteur's new report, written from scratch the way a stranger writes one: quoted and
# unquoted values, a list in block style, an emoji and Cyrillic in the title, a link to
# another session written as a .md file; and, saved with it, a machine translation into
# Spanish written by hand (its hash in capitals), and a new group document.
NEW_SESSION = """---
id: igf2025-of-301
edition: 2025
type: open-forum
title: Community networks 📡 in the Arctic — «Сеть»
track: access
date: 2025-06-25
rapporteur: Aputsiaq Olsen
organizers:
  - Arctic Community Networks
stakeholders: [civil-society]
key_takeaways:
  - Satellite backhaul made the networks possible; local ownership kept them running.
calls_to_action:
  - text: 'Publish the spectrum licensing terms for community networks in plain language.'
    to: [itu]
---
Villages in Greenland shared how they run their own networks. See also
[the post-quantum talk](igf2025-lt-4.md).
"""

NEW_TRANSLATION = """---
title: Redes comunitarias 📡 en el Ártico
translation: {status: machine, source_hash: SOURCE}
key_takeaways:
  - La conexión satelital hizo posibles las redes; la propiedad local las mantuvo.
calls_to_action:
  - text: Publicar en lenguaje claro las condiciones de licencia del espectro.
---
Aldeas de Groenlandia contaron cómo gestionan sus propias redes.
"""

NEW_GROUP_DOC = """---
id: PNIF-2025
edition: 2025
group: pn-internet-fragmentation
title: "Policy Network on Internet Fragmentation: 2025 output"
status: final
key_takeaways:
  - "Fragmentation at the technical layer is rarer than at the policy layer."
recommendations:
  - text: "Assess the cross-border effects of national internet measures before adopting them."
    to: [itu]
---
A draft for comment.
"""


def test_a_new_report_shows_in_every_language_as_a_cold_build_writes_it(
    built: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    content = built[0]
    base = load(content)
    live = LiveSite(CONFIG, content, built[2], base)
    folder = content / "sessions" / "2025"
    session, translation = folder / "igf2025-of-301.md", folder / "igf2025-of-301.es.md"
    group = content / "messages" / "2025" / "pnif-2025.md"
    groups = (content / "registry" / "groups.yml").read_text(encoding="utf-8")
    assert "pn-internet-fragmentation" in groups and not group.exists()
    try:
        session.write_text(NEW_SESSION, encoding="utf-8")
        digits = hashlib.sha256(NEW_SESSION.encode()).hexdigest()[:12].upper()
        translation.write_text(NEW_TRANSLATION.replace("SOURCE", digits), encoding="utf-8")
        group.write_text(NEW_GROUP_DOC, encoding="utf-8")
        rels = [p.relative_to(content).as_posix() for p in (translation, session, group)]
        limits = read_site(CONFIG, content).limits
        quick = reload_documents(content, base.corpus, rels, limits)
        assert quick is not None
        result, docs = quick
        assert docs == {"igf2025-of-301", "PNIF-2025"}
        shown = tmp_path / "shown"
        assert live.show(result, docs, shown) == (
            2 * len(LANGS),
            ["sessions/2025/igf2025-of-301/", "messages/2025/pnif-2025/"],
        )
        cold = tmp_path / "cold"
        build(content, cold, Options(CONFIG, pdf=False, cache_dir=tmp_path / "cold-cache"))
        written = sorted(p.relative_to(shown).as_posix() for p in shown.rglob("*.html"))
        assert written == sorted(
            f"{lang}{section}/2025/{slug}/index.html"
            for lang in LANGS
            for section, slug in (("sessions", "igf2025-of-301"), ("messages", "pnif-2025"))
        )
        for name in written:
            assert (shown / name).read_bytes() == (cold / name).read_bytes(), name
        spanish = (shown / "es/sessions/2025/igf2025-of-301/index.html").read_text("utf-8")
        assert "Redes comunitarias 📡 en el Ártico" in spanish
        assert 'data-translation="machine"' in spanish
        french = (shown / "fr/sessions/2025/igf2025-of-301/index.html").read_text("utf-8")
        assert "Community networks 📡 in the Arctic — «Сеть»" in french
        assert '<a href="../igf2025-lt-4/"' in french
        # The same save again (the full build not done yet): the pages it added are reused.
        assert live.show(result, docs, shown).pages == 2 * len(LANGS)
        # The full load takes the new documents, without making the languages again; the
        # next save of the report is shown by them, no longer as new.
        assert live.update(load(content))
        append(session, "The second save of the new report.")
        again = reload_documents(content, load(content).corpus, rels[1:2], limits)
        assert again is not None and again[1] == {"igf2025-of-301"}
        assert live.show(*again, shown) == (len(LANGS), [])
        page = (shown / "ar/sessions/2025/igf2025-of-301/index.html").read_text("utf-8")
        assert "The second save of the new report." in page
    finally:
        for path in (session, translation, group):
            path.unlink(missing_ok=True)
    # Deleted again: the languages take that too.
    assert live.update(load(content))
