"""What a build does to the process it runs in, and what it must not depend on: the order
of the files it stamps, the process (hash seed, parsed-files cache) that digests its
pages, the cycle collector it pauses."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from igfpub.build import BuildError, Options, _content_files, build

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "content"
CONFIG = PROJECT / "mkdocs.yml"
BROKEN = Path(__file__).resolve().parent / "sites" / "broken"


def test_the_stamp_lists_files_in_the_order_rglob_gives(tmp_path: Path) -> None:
    root = tmp_path / "content"
    for rel in ["index.md", "Index.md", "a.b/c.md", "a/b.fr.md", "a/B/z.md", "a-b/x.yml",
                "sessions/2025/igf2025-ws-1.md", "sessions/2025/igf2025-ws-1.ar.md",
                ".hidden/kept.md", "émoji 🌍/page.md"]:  # fmt: skip
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rel, encoding="utf-8")
    (root / "linked.md").symlink_to(root / "index.md")
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    (root / "folder-link").symlink_to(root / "a", target_is_directory=True)
    expected = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*")) if p.is_file()]
    assert _content_files(root) == expected
    assert "linked.md" in expected and "dangling.md" not in expected


_KEYS = """
import hashlib, json, sys
from pathlib import Path
from igfpub.core.languages import use
from igfpub.core.loader import load_corpus
from igfpub.mkdocs.plugin import prepare
from igfpub.mkdocs.site import read_site
from igfpub.outputs.parsecache import keep_parsed, open_parsed

content, config, cache = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
use(read_site(config, content).languages)
parsed = open_parsed(cache)
result = load_corpus(content, None, parsed)
keep_parsed(parsed, cache)
specs, _, inputs, _ = prepare(content, result)
print(json.dumps({spec.key: inputs.key(spec) for spec in specs}))
"""


def test_page_keys_are_the_same_in_every_process(tmp_path: Path) -> None:
    """The render cache is keyed by digests of the loaded content: another process (another
    hash seed), or content read from the parsed-files cache rather than from the files
    (objects shared differently), must give the same keys, or nothing is ever reused."""

    def keys(seed: str) -> dict[str, str]:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _KEYS, str(SAMPLE), str(CONFIG), str(tmp_path / "cache")],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        return dict(json.loads(done.stdout))

    first = keys("1")  # reads every file, and keeps them in the parsed-files cache
    assert (tmp_path / "cache" / "parsed.pickle").is_file()
    again = keys("2")  # another hash seed, files from the cache
    assert len(first) > 50 and "edition/2025" in first
    assert sum(key.startswith("session/") for key in first) > 20
    assert again == first


def test_a_build_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    assert gc.isenabled()
    report = build(SAMPLE, tmp_path / "site", Options(CONFIG, pdf=False, search=False,
                                                      cache_dir=tmp_path / "cache"))  # fmt: skip
    assert report.rendered > 50 and "fr" in report.languages
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(BuildError, match="content error"):
        build(BROKEN, tmp_path / "broken-site", Options(CONFIG, pdf=False,
                                                        cache_dir=tmp_path / "cache"))  # fmt: skip
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_an_empty_page_gets_what_mkdocs_conversion_would_give(tmp_path: Path) -> None:
    """The workers skip Python-Markdown for empty pages (igfpub's generated pages): every
    attribute MkDocs' own render sets must come out the same, with the site's extensions."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from igfpub.build import empty_pages_not_converted

    config = load_config(str(CONFIG), docs_dir=str(SAMPLE), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "igfpub"  # as while a plugin's on_files runs
    fast = empty_pages_not_converted(Page.render)
    stubs = ["---\ntemplate: igfpub/session.html\ntitle: \"L'accès & «toi»\"\n---\n",
             "---\ntitle: x\n---\n\n   \n", ""]  # fmt: skip
    for n, text in enumerate(stubs):
        pages = []
        for render in (Page.render, fast):
            file = File.generated(config, f"gen/page-{n}.md", content=text)
            page = Page(None, file, config)
            page.read_source(config)
            render(page, config, Files([file]))
            pages.append(page)
        slow, quick = pages
        assert quick.content == slow.content == ""
        assert quick.toc.items == slow.toc.items == []
        assert quick.title == slow.title
        assert quick.present_anchor_ids == slow.present_anchor_ids
        assert quick.links_to_anchors == slow.links_to_anchors
    # A page with text is converted as before.
    file = File.generated(config, "gen/text.md", content="# Title\n\nSome *text*.\n")
    page = Page(None, file, config)
    page.read_source(config)
    fast(page, config, Files([file]))
    assert page.content is not None and "<em>text</em>" in page.content
    assert page.title == "Title"


def test_the_theme_files_are_those_mkdocs_would_list(tmp_path: Path) -> None:
    """The workers list a theme's static files without walking its dot folders (Material's
    14,000 icons): the same files, from the same folders, as MkDocs' own listing, with a
    custom_dir that holds a dot folder, a nested one, a file that overrides Material's and
    files MkDocs leaves out."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from igfpub.build import _TemplatesOutsideDotFolders

    custom = tmp_path / "overrides"
    for rel in (
        "assets/extra.js",
        ".hidden/x.css",
        "assets/.cache/y.css",
        "assets/ok/.z.css",
        "partials/x.html",
        "notes.md",
        "README.txt",
        "assets/images/favicon.png",
    ):
        (custom / rel).parent.mkdir(parents=True, exist_ok=True)
        (custom / rel).write_text("x")
    config = load_config(str(CONFIG), docs_dir=str(SAMPLE), site_dir=str(tmp_path / "site"))
    config.theme.dirs.insert(0, str(custom))
    theirs, ours = Files([]), Files([])
    Files.add_files_from_theme(theirs, config.theme.get_env(), config)
    Files.add_files_from_theme(ours, _TemplatesOutsideDotFolders(config.theme.dirs), config)
    listed = [(file.src_uri, file.abs_src_path) for file in ours]
    assert listed == [(file.src_uri, file.abs_src_path) for file in theirs]
    uris = dict(listed)
    assert uris["assets/extra.js"] == str(custom / "assets/extra.js")
    assert uris["assets/images/favicon.png"] == str(custom / "assets/images/favicon.png")
    assert any(uri.startswith("assets/javascripts/bundle.") for uri in uris)
    assert not any("/." in f"/{uri}" or uri.endswith((".html", ".md")) for uri in uris)
    assert 20 < len(listed) < 1000


def test_a_rendered_page_is_kept_in_the_cache_as_a_link_to_itself(tmp_path: Path) -> None:
    """Each page rendered is written once: its cache entry is the site's file, linked."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    report = build(SAMPLE, site, Options(CONFIG, pdf=False, search=False, cache_dir=cache))
    entries = [p for p in (cache / "pages").rglob("*") if p.is_file()]
    assert len(entries) == report.rendered > 50
    assert not [p for p in entries if p.name.startswith(".")]  # no temporary file left
    page = sorted((site / "fr" / "sessions" / "2025").glob("*/index.html"))[0]
    assert 'lang="fr"' in page.read_text(encoding="utf-8")
    inode = page.stat().st_ino
    assert [p for p in entries if p.stat().st_ino == inode], "the page is not its cache entry"
    assert all(p.stat().st_nlink >= 2 for p in entries)


def test_a_language_indexed_apart_that_fails_its_search_fails_the_build_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Chinese pages' search index is made in a task of its own, beside the Chinese
    font subset: Pagefind failing there ends the build with one line naming the step and
    the folder, and leaves no site and nothing beside it."""
    from pagefind.service import get_executable

    real = get_executable()
    assert real is not None
    fake = tmp_path / "pagefind"
    fake.write_text(
        "#!/bin/sh\n"
        # The Chinese pages are named in the glob ("zh/{...}"), or linked into a folder
        # beside the site's where a glob cannot name them (".<site>-pages-zh-<part>-...").
        'case "$2 $4" in *-pages-zh-*|*" zh/"*) echo "disk on fire" >&2; exit 3;; esac\n'
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BuildError) as failed:
        build(SAMPLE, out / "site", Options(CONFIG, pdf=False, cache_dir=tmp_path / "cache"))
    said = str(failed.value)
    assert said.startswith("search index: ")
    assert "/search/zh/" in said and "Pagefind failed (exit 3)" in said and "disk on fire" in said
    assert list(out.iterdir()) == []
