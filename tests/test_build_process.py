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
