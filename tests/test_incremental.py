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


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(content: Path, site: Path, cache: Path) -> Report:
    return build(content, site, Options(CONFIG, pdf=False, cache_dir=cache))


def assert_same_as_cold(content: Path, site: Path, tmp_path: Path, name: str = "cold") -> None:
    """``site``, built warm, is what a cold build of ``content`` writes."""
    cold = tmp_path / name
    run(content, cold, tmp_path / f"{name}-cache")
    assert_same_site(site, cold)


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
    append(path, "\nA late addition 🌍 to the report.\n")
    changed = run(content, site, cache)
    assert 0 < changed.rendered < total / 2, "one session edited: most pages come from the cache"
    assert changed.rendered + changed.reused == total
    page = (site / "sessions" / picked[0][3:7] / picked[0] / "index.html").read_text("utf-8")
    assert "A late addition 🌍 to the report." in page
    assert_same_as_cold(content, site, tmp_path, "cold-1")

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

    assert_same_as_cold(content, site, tmp_path, "cold-2")
    assert not (site / "sessions" / picked[2][3:7] / picked[2]).exists()
    assert (site / "sessions" / "2025" / "igf2025-of-999" / "index.html").is_file()

    # 6. The rapporteur edits the English report again: the French translation is stale now,
    # which the pages that list the session show; only the report's text is new.
    append(src, "\nOne more sentence.\n")
    before = search_parts(cache)
    stale = run(content, site, cache)
    # What the other languages' indexes hold is the same: the state is said beside what
    # Pagefind reads, the pages that quote the translation mark its text ignored, and the
    # translators' page its counts.
    after = search_parts(cache)
    assert [lang for lang in after if after[lang] != before[lang]] == ["en"]
    languages = len(load_corpus(content).corpus.languages.codes)
    # The session's own pages, and the pages that show the French translation's state.
    assert languages <= stale.rendered < total / 4
    fr = (site / "fr" / "sessions" / picked[0][3:7] / picked[0] / "index.html").read_text("utf-8")
    assert 'data-translation="stale"' in fr
    assert_same_as_cold(content, site, tmp_path, "cold-3")
    # A change to the text alone re-renders the session's own pages only.
    append(src, "\nAnd another.\n")
    assert run(content, site, cache).rendered == languages
    assert_same_as_cold(content, site, tmp_path, "cold-4")


def search_parts(cache: Path) -> dict[str, list[str]]:
    """Each language's search index parts in the cache, named by the pages' digests."""
    return {
        lang.name: sorted(p.name for p in lang.iterdir()) for lang in (cache / "search").iterdir()
    }


def test_an_edit_of_english_text_indexes_again_the_english_search_index_only(
    content: Path, tmp_path: Path
) -> None:
    """An untranslated session's pages show its English text in every language, and are
    found in each by what they say in it: an edit of its report changes them all, but not
    what the other languages' indexes hold, which are not made again."""
    stem = "igf2024-ns-17"
    assert not list(session(content, stem).parent.glob(f"{stem}.*.md")), "translated"
    site, cache = tmp_path / "site", tmp_path / "cache"
    run(content, site, cache)
    before = search_parts(cache)
    append(session(content, stem), "\nA late addition to the report, in English.\n")
    assert run(content, site, cache).rendered == len(before)  # its page in each language
    after = search_parts(cache)
    assert sorted(after) == sorted(before) and len(after) > 1
    assert [lang for lang in after if after[lang] != before[lang]] == ["en"]
    page = site / "fr" / "sessions" / "2024" / stem / "index.html"
    assert "A late addition" in page.read_text(encoding="utf-8")
    assert_same_as_cold(content, site, tmp_path)


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


def test_a_warm_build_links_every_cached_page_those_of_the_nav_too(
    content: Path, tmp_path: Path
) -> None:
    """A cached page in the site is a hard link to its cache entry, so that the steps that
    read the pages read only those rendered again (igfpub/outputs/pagefacts.py). The pages
    of the nav (the editions' pages, the largest of a site) were read from the cache,
    written by MkDocs, and read back by every warm build, in every language."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    run(content, site, cache)
    append(session(content, "igf2024-ns-17"), "\nA late addition to the report.\n")
    assert run(content, site, cache).rendered == 6
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                     if p.stat().st_nlink == 1)  # fmt: skip
    # The home page is a free page (index.md), rendered by MkDocs in every build.
    homes = [f"{lang}/index.html" for lang in ("ar", "es", "fr", "ru", "zh")]
    assert written == sorted(["404.html", *homes, "index.html"])
    for page in ("editions/2024/index.html", "fr/editions/2025/index.html", "bodies/index.html"):
        assert (site / page).stat().st_nlink >= 2, page  # the entry, the site (a spare)
        assert (site / page).stat().st_size > 1000, page  # not the stand-in MkDocs wrote
    assert_same_as_cold(content, site, tmp_path)


# A link's fragment is the id the target page gives the heading, which comes from the
# heading's words in each language (or an id written beside it): rewording a heading changes
# the pages that link it, not only the target's own pages. A body's report-back is in no
# other page's key, and the link must follow it all the same.
HEADING_EDITS = {
    "a translator rewords a heading": (
        "",
        "../2024/igf2024-ws-297.md#next-steps",
        "es",
        ("sessions/2024/igf2024-ws-297.es.md", "## Próximos pasos", "## Pasos siguientes"),
        ("igf2024-ws-297/#próximos-pasos", "igf2024-ws-297/#pasos-siguientes"),
    ),
    "a body's report-back gives its heading another id": (
        "\n## Next steps {#ns}\n\nPilots in 2026.\n",
        "../../bodies/undp.md#Next-Steps",
        "fr",
        ("bodies/undp.md", "{#ns}", "{#plans}"),
        ("bodies/undp/#ns", "bodies/undp/#plans"),
    ),
}


@pytest.mark.parametrize("case", HEADING_EDITS)
def test_a_link_to_a_heading_follows_the_heading(case: str, content: Path, tmp_path: Path) -> None:
    report_heading, href, lang, (target, old, new), (before, after) = HEADING_EDITS[case]
    append(content / "bodies" / "undp.md", report_heading)
    append(session(content, "igf2025-of-22"), f"\nSee [the next steps]({href}).\n")
    site, cache = tmp_path / "site", tmp_path / "cache"
    run(content, site, cache)
    page = site / lang / "sessions" / "2025" / "igf2025-of-22" / "index.html"
    assert before in page.read_text("utf-8")

    replace_in(content / target, old, new)
    run(content, site, cache)
    assert after in page.read_text("utf-8")
    assert_same_as_cold(content, site, tmp_path, "cold")


def test_follow_up_records_re_render_the_pages_that_show_them(
    content: Path, tmp_path: Path
) -> None:
    """The Secretariat records what bodies did all year, one report at a time: a step of
    follow-up, a response about a document, a body's first report each re-render the
    pages that show them (the documents', their editions', the bodies'), not the archive."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    total = run(content, site, cache).rendered

    # A step of UNDP's follow-up is reworded, ITU answers about one more document, and
    # reports on a recommendation of 2024 (which its 2025 brief counts).
    undp = content / "bodies" / "undp.md"
    replace_in(
        undp, "Two least developed countries are piloting", "Three least developed countries pilot"
    )
    itu = content / "bodies" / "itu.md"
    replace_in(
        itu, "about: [IGF2024-LA-8, DCAD-2024]", "about: [IGF2024-LA-8, DCAD-2024, IGF2024-HL-2]"
    )
    replace_in(
        itu,
        "follow_up:\n",
        "follow_up:\n  - message: DCAD-2024/rec-1\n    date: 2025-03-01\n    response: supported\n",
    )
    replace_in(itu.with_name("itu.fr.md"), "follow_up:\n", "follow_up:\n  - {}\n")
    edited = run(content, site, cache)
    assert 0 < edited.rendered < total / 3, (edited.rendered, total)
    page = (site / "fr" / "sessions" / "2024" / "igf2024-of-44" / "index.html").read_text("utf-8")
    assert "Three least developed countries pilot" in page
    hl = (site / "sessions" / "2024" / "igf2024-hl-2" / "index.html").read_text("utf-8")
    assert "DCAD Accessibility Guidelines 2024 were referenced" in hl
    brief = (site / "briefs" / "2025" / "body-itu" / "index.html").read_text("utf-8")
    assert '<tr data-message="DCAD-2024/rec-1" data-response="supported">' in brief
    assert_same_as_cold(content, site, tmp_path, "cold-1")

    # WIPO reports back for the first time, on a call to action of 2025.
    (content / "bodies" / "wipo.md").write_text(
        "---\nbody: wipo\nfollow_up:\n"
        "  - message: IGF2025-OF-22/cta-1\n    date: 2025-11-03\n    response: supported\n"
        "    implementation: not-started\n"
        '    text: "Un échange sur la transparence des données d\'entraînement est prévu."\n'
        "---\nL'OMPI suit les messages du FGI par son secrétariat.\n",
        encoding="utf-8",
    )
    assert load_corpus(content).ok, [str(i) for i in load_corpus(content).issues]
    first = run(content, site, cache)
    assert 0 < first.rendered < total / 4, (first.rendered, total)
    body = (site / "es" / "bodies" / "wipo" / "index.html").read_text("utf-8")
    assert "OMPI suit les messages du FGI" in body
    assert 'data-response="supported"' in body
    assert_same_as_cold(content, site, tmp_path, "cold-2")


def test_drafting_an_outcome_text_re_renders_its_edition_pages(
    content: Path, tmp_path: Path
) -> None:
    """The Secretariat drafts an edition's introduction and track narratives again and
    again before they are adopted: each draft re-renders the edition's own pages (and the
    pages that link a heading of it), not the archive."""
    linking = session(content, "igf2024-ns-17")
    append(linking, "\nSee [the consultation](../../editions/2025.md#Public-Consultation).\n")
    edition = content / "editions" / "2025.md"
    append(edition, "\n## Public consultation {#consult}\n\nOpen.\n")
    site, cache = tmp_path / "site", tmp_path / "cache"
    total = run(content, site, cache).rendered
    linked = site / "ar" / "sessions" / "2024" / "igf2024-ns-17" / "index.html"
    assert "editions/2025/#consult" in linked.read_text("utf-8")

    text = edition.read_text(encoding="utf-8")
    edition.write_text(
        text.replace(
            "Trust is built in layers", "Trust is built, draft after draft, in layers"
        ).replace("took place in Lillestrøm", "was held in Lillestrøm"),
        encoding="utf-8",
    )
    drafted = run(content, site, cache)
    assert 0 < drafted.rendered < total / 4, (drafted.rendered, total)
    page = (site / "editions" / "2025" / "index.html").read_text("utf-8")
    assert "Trust is built, draft after draft, in layers" in page
    assert "was held in Lillestrøm" in page
    assert_same_as_cold(content, site, tmp_path, "cold-1")

    # The heading that a session links gets another id: the session's link follows it.
    replace_in(edition, "{#consult}", "{#comments}")
    run(content, site, cache)
    assert "editions/2025/#comments" in linked.read_text("utf-8")
    assert_same_as_cold(content, site, tmp_path, "cold")


def test_a_new_session_renders_the_pages_that_show_it_not_the_archive(
    content: Path, tmp_path: Path
) -> None:
    """A new report (most of what lands during the meeting) re-rendered every page of the
    archive in every language: each page's key held every document's address, for the
    links between documents, though no text could link to a document not yet there."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    first = run(content, site, cache)
    new = session(content, "igf2024-ns-90")
    new.write_text(session(content, "igf2024-ns-17").read_text("utf-8")
                   .replace("IGF2024-NS-17", "IGF2024-NS-90"), "utf-8")  # fmt: skip
    added = run(content, site, cache)
    # Its own page, and those that list the edition's sessions or count the archive, in
    # each of the six languages: a small share of the site.
    assert 6 <= added.rendered < first.rendered // 4, added.rendered
    assert_same_as_cold(content, site, tmp_path)
    # A text that links a document follows it when it moves to another edition.
    linking = session(content, "igf2024-th-5")
    append(linking, "\nSee [the new session][IGF2024-NS-90].\n")
    run(content, site, cache)
    assert 'href="../igf2024-ns-90/"' in (site / "sessions/2024/igf2024-th-5/index.html").read_text(
        "utf-8"
    )
    moved = content / "sessions/2025/igf2024-ns-90.md"
    new.rename(moved)
    replace_in(moved, "edition: 2024", "edition: 2025")
    replace_in(moved, "date: 2024-12-16", "date: 2025-06-24")
    replace_in(moved, "track: rights", "track: trust")
    run(content, site, cache)  # (every page: a linked document's address is in each key)
    page = (site / "sessions/2024/igf2024-th-5/index.html").read_text("utf-8")
    assert 'href="../../2025/igf2024-ns-90/"' in page and 'href="../igf2024-ns-90/"' not in page
    assert_same_as_cold(content, site, tmp_path, "cold-after-move")
