from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub

SITES = Path(__file__).parent / "sites"


class Site:
    """A built site, read as a reader's browser would get it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def page(self, url: str) -> BeautifulSoup:
        path = self.root / url / "index.html" if not url.endswith(".html") else self.root / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).parent.as_posix() + "/"
                      for p in self.root.rglob("index.html"))  # fmt: skip


def build(name: str, out: Path) -> int:
    # A cache beside the site: each test session's fixture builds start cold.
    cache = out.parent / ".igfpub-cache"
    return igfpub(
        ["build", str(SITES / name), "-d", str(out), "--no-pdf", "--cache-dir", str(cache)]
    )


@pytest.fixture(scope="session")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("bilingual") / "site"
    assert build("bilingual", out) == 0
    yield Site(out)
    shutil.rmtree(out, ignore_errors=True)
