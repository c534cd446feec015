"""A link's address is in the render-cache key of the pages that show its text, not of
every page: a new report that links to a session nobody had linked re-rendered every page
of the archive in every language (13,650 at 2,000 sessions), as an edit that adds such a
link did. The pages must still follow where the linked document goes."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_incremental import PROJECT, assert_same_site, replace_in, run
from tests.test_live import NEW_SESSION

LINKED = Path("sessions/2025/igf2025-lt-4.md")


def test_a_new_link_renders_the_pages_that_show_it_and_they_follow_its_target(
    tmp_path: Path,
) -> None:
    content, site, cache = tmp_path / "content", tmp_path / "site", tmp_path / "cache"
    shutil.copytree(PROJECT / "content", content)
    text = (content / LINKED).read_text(encoding="utf-8")
    assert not any(
        "igf2025-lt-4" in p.read_text(encoding="utf-8").lower()
        for p in content.rglob("*.md")
        if p != content / LINKED
    ), "no text links the session yet"
    cold = run(content, site, cache)
    # A rapporteur's new report links it, by its file: its own six pages, and those that
    # list or count the new session (the edition's, the bodies' its call is addressed to,
    # the archive's).
    new = content / "sessions" / "2025" / "igf2025-of-301.md"
    new.write_text(NEW_SESSION, encoding="utf-8")
    added = run(content, site, cache)
    assert 6 <= added.rendered < cold.rendered / 4, (added.rendered, cold.rendered)
    page = (site / "sessions/2025/igf2025-of-301/index.html").read_text("utf-8")
    assert '<a href="../igf2025-lt-4/"' in page
    # Another session of the same report links it too, in its French translation only.
    french = content / "sessions" / "2025" / "igf2025-dc-7.fr.md"
    replace_in(french, "\n---\n", "\n---\nVoir aussi [la présentation](igf2025-lt-4.md).\n")
    again = run(content, site, cache)
    assert 0 < again.rendered < cold.rendered / 4, (again.rendered, cold.rendered)
    # The linked session takes another id: the links, written to its file, lead there, on
    # the pages that show them (warm), as in a cold build.
    (content / LINKED).write_text(
        text.replace("id: IGF2025-LT-4", "id: IGF2025-LT-44", 1), encoding="utf-8"
    )
    moved = run(content, site, cache)
    assert moved.rendered < cold.rendered / 4, (moved.rendered, cold.rendered)
    page = (site / "sessions/2025/igf2025-of-301/index.html").read_text("utf-8")
    assert '<a href="../igf2025-lt-44/"' in page
    fr = (site / "fr/sessions/2025/igf2025-dc-7/index.html").read_text("utf-8")
    assert '<a href="../igf2025-lt-44/"' in fr
    # The new report names a heading of it too; then the heading is written in other
    # words (the fragment now names nothing: a warning, and the link keeps it).
    replace_in(new, "(igf2025-lt-4.md)", "(igf2025-lt-4.md#Questions-from-the-floor)")
    heading = run(content, site, cache)
    assert 0 < heading.rendered < cold.rendered / 4, (heading.rendered, cold.rendered)
    page = (site / "sessions/2025/igf2025-of-301/index.html").read_text("utf-8")
    assert '<a href="../igf2025-lt-44/#questions-from-the-floor"' in page
    replace_in(content / LINKED, "## Questions from the floor", "## Questions from the room")
    reworded = run(content, site, cache)
    assert 0 < reworded.rendered < cold.rendered / 4, (reworded.rendered, cold.rendered)
    assert [i.message for i in reworded.issues if "Questions-from-the-floor" in i.message]
    fresh = run(content, tmp_path / "cold", tmp_path / "cold-cache")
    assert fresh.rendered == reworded.rendered + reworded.reused
    assert_same_site(site, tmp_path / "cold")
