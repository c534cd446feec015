"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site from the same files:
a site is not tied to an unmaintained MkDocs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _build(tool: str, config: Path, out: Path) -> set[str]:
    done = subprocess.run(
        [str(BIN / tool), "build", "-q", "-f", str(config), "-d", str(out)],
        capture_output=True, text=True, check=False, cwd=config.parent,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")}


def _main(site: Path, url: str) -> str:
    soup = BeautifulSoup((site / url).read_text(encoding="utf-8"), "html.parser")
    main = soup.find(attrs={"data-translation": True})
    assert main is not None, url
    return str(main)


@pytest.mark.skipif(
    shutil.which(str(BIN / "properdocs")) is None, reason="properdocs not installed"
)
def test_properdocs_builds_the_sample_site_like_mkdocs(tmp_path: Path) -> None:
    text = (PROJECT / "igfpub" / "default" / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - igfpub:\n", "  - igfpub:\n      pdf: false\n", 1)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"{text}\ndocs_dir: {PROJECT / 'content'}\n", encoding="utf-8")
    mkdocs_pages = _build("mkdocs", config, tmp_path / "mkdocs-site")
    properdocs_pages = _build("properdocs", config, tmp_path / "properdocs-site")
    assert len(mkdocs_pages) > 800  # 6 languages x ~140 pages
    assert properdocs_pages == mkdocs_pages
    for url in (
        "index.html",
        "editions/2025/index.html",
        "fr/sessions/2025/igf2025-ws-142/index.html",
        "ar/bodies/itu/index.html",
        "zh/messages/2025/irpc-2025/index.html",
    ):
        assert _main(tmp_path / "properdocs-site", url) == _main(tmp_path / "mkdocs-site", url)
    for data in ("api/v1/messages.json", "sitemap.xml", "bodies/itu/feed.xml"):
        assert (tmp_path / "properdocs-site" / data).read_bytes() == (
            tmp_path / "mkdocs-site" / data
        ).read_bytes()
