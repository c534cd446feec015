"""Incremental builds: a warm build after edits writes exactly what a cold build writes.

The sample content is copied, built cold, then edited the way a Secretariat edits it over
a week (a rapporteur fixes a sentence, a session is added, one withdrawn, one renamed, a
translation arrives), with a warm build after each edit into the same site and cache.
The warm site is then compared, file by file and byte by byte, with a cold build of the
same content into an empty cache.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from igfpub.build import Options, Report, build
from igfpub.core.loader import load_corpus

PROJECT = Path(__file__).resolve().parent.parent

SAMPLE = PROJECT / "content"
CONFIG = PROJECT / "mkdocs.yml"
# Sessions that no other file refers to (registries, report-backs): free to edit away.
FREE = ["igf2024-ns-17", "igf2024-th-5", "igf2024-ys-2", "igf2025-lt-4", "igf2025-ns-93",
        "igf2025-of-22", "igf2025-of-61"]  # fmt: skip


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_same_site(warm: Path, cold: Path) -> None:
    a, b = files(warm), files(cold)
    assert sorted(a) == sorted(b), (
        f"only in the warm build: {sorted(set(a) - set(b))[:5]}; "
        f"only in the cold build: {sorted(set(b) - set(a))[:5]}"
    )
    differ = [name for name in a if a[name] != b[name]]
    assert differ == [], f"{len(differ)} files differ, e.g. {differ[:5]}"


def session(content: Path, stem: str) -> Path:
    return content / "sessions" / stem[3:7] / f"{stem}.md"


def run(content: Path, site: Path, cache: Path) -> Report:
    return build(content, site, Options(CONFIG, pdf=False, cache_dir=cache))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_warm_builds_after_edits_equal_a_cold_build(content: Path, tmp_path: Path) -> None:
    rng = random.Random(10)
    picked = rng.sample(FREE, 4)
    site, cache = tmp_path / "site", tmp_path / "cache"
    first = run(content, site, cache)
    assert first.rendered > 0 and first.reused == 0
    total = first.rendered

    # 1. A rapporteur rewords a sentence of a session's English report, in emoji too.
    path = session(content, picked[0])
    path.write_text(path.read_text(encoding="utf-8") + "\nA late addition 🌍 to the report.\n",
                    encoding="utf-8")  # fmt: skip
    changed = run(content, site, cache)
    assert 0 < changed.rendered < total / 2, "one session edited: most pages come from the cache"
    assert changed.rendered + changed.reused == total
    page = (site / "sessions" / picked[0][3:7] / picked[0] / "index.html").read_text("utf-8")
    assert "A late addition 🌍 to the report." in page
    cold = tmp_path / "cold-1"
    run(content, cold, tmp_path / "cold-cache-1")
    assert_same_site(site, cold)

    # 2. A new session, written with other spellings (single quotes, no quotes at all).
    base = session(content, "igf2025-of-61").read_text(encoding="utf-8")
    new = content / "sessions" / "2025" / "igf2025-of-999.md"
    new.write_text(
        base.replace("id: IGF2025-OF-61", "id: IGF2025-OF-999")
        .replace('title: "', "title: 'Added: ", 1)
        .replace('"\ntrack', "'\ntrack", 1),
        encoding="utf-8",
    )
    # 3. A session is withdrawn.
    session(content, picked[2]).unlink()
    # 4. A session is renamed: new file name and new id.
    renamed = session(content, picked[3])
    target = renamed.with_name(renamed.stem + "0.md")
    target.write_text(
        renamed.read_text(encoding="utf-8").replace(
            f"id: {picked[3].upper()}", f"id: {picked[3].upper()}0"
        ),
        encoding="utf-8",
    )
    renamed.unlink()
    result = load_corpus(content)
    assert result.ok, [str(i) for i in result.issues]
    run(content, site, cache)

    # 5. A French translation arrives for the edited session.
    doc = load_corpus(content).corpus.sessions[picked[0].upper()]
    src = session(content, picked[0])
    n_kt = sum(1 for m in doc.messages if m.list_key == "key_takeaways")
    takeaways = "".join(f'  - "Point à retenir {i} ✓"\n' for i in range(1, n_kt + 1))
    src.with_name(f"{picked[0]}.fr.md").write_text(
        "---\n"
        'title: "Une séance traduite"\n'
        f"translation: {{status: human, source_hash: {doc.text.source_hash}}}\n"
        f"key_takeaways:\n{takeaways}"
        "---\n"
        "## Résumé\n\nLe rapport en français, avec un [lien](../2025/igf2025-ws-142.md).\n",
        encoding="utf-8",
    )
    assert load_corpus(content).ok
    last = run(content, site, cache)
    assert 0 < last.rendered < total
    fr = (site / "fr" / "sessions" / picked[0][3:7] / picked[0] / "index.html").read_text("utf-8")
    assert "Une séance traduite" in fr

    cold = tmp_path / "cold-2"
    run(content, cold, tmp_path / "cold-cache-2")
    assert_same_site(site, cold)
    assert not (site / "sessions" / picked[2][3:7] / picked[2]).exists()
    assert (site / "sessions" / "2025" / "igf2025-of-999" / "index.html").is_file()

    # 6. The rapporteur edits the English report again: the French translation is stale now,
    # which the pages that list the session show; only the report's text is new.
    src.write_text(src.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    stale = run(content, site, cache)
    languages = len(load_corpus(content).corpus.languages.codes)
    # The session's own pages, and the pages that show the French translation's state.
    assert languages <= stale.rendered < total / 4
    fr = (site / "fr" / "sessions" / picked[0][3:7] / picked[0] / "index.html").read_text("utf-8")
    assert 'data-translation="stale"' in fr
    cold = tmp_path / "cold-3"
    run(content, cold, tmp_path / "cold-cache-3")
    assert_same_site(site, cold)
    # A change to the text alone re-renders the session's own pages only.
    src.write_text(src.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
    assert run(content, site, cache).rendered == languages
    cold = tmp_path / "cold-4"
    run(content, cold, tmp_path / "cold-cache-4")
    assert_same_site(site, cold)


def test_an_unchanged_rebuild_renders_nothing(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(content, tmp_path / "site", cache)
    assert first.rendered > 100 and not first.unchanged
    again = run(content, tmp_path / "site", cache)
    assert again.unchanged and again.rendered == 0
    # Into another folder nothing can be skipped, but every page comes from the cache.
    other = run(content, tmp_path / "other", cache)
    assert not other.unchanged
    assert (other.rendered, other.reused) == (0, first.rendered)
    assert_same_site(tmp_path / "other", tmp_path / "site")


def test_a_link_to_a_heading_follows_the_heading_when_it_is_reworded(
    content: Path, tmp_path: Path
) -> None:
    """A link's fragment is the id the target page gives the heading, which comes from the
    heading's words in each language: a translator rewording a heading changes the pages
    that link it, not only the target's own pages."""
    linking = session(content, "igf2025-of-22")
    linking.write_text(
        linking.read_text(encoding="utf-8")
        + "\nSee [the next steps](../2024/igf2024-ws-297.md#next-steps).\n",
        encoding="utf-8",
    )
    site, cache = tmp_path / "site", tmp_path / "cache"
    run(content, site, cache)
    page = site / "es" / "sessions" / "2025" / "igf2025-of-22" / "index.html"
    assert "igf2024-ws-297/#próximos-pasos" in page.read_text("utf-8")

    spanish = content / "sessions" / "2024" / "igf2024-ws-297.es.md"
    spanish.write_text(
        spanish.read_text(encoding="utf-8").replace("## Próximos pasos", "## Pasos siguientes"),
        encoding="utf-8",
    )
    run(content, site, cache)
    assert "igf2024-ws-297/#pasos-siguientes" in page.read_text("utf-8")
    cold = tmp_path / "cold"
    run(content, cold, tmp_path / "cold-cache")
    assert_same_site(site, cold)
