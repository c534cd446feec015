"""The browser suite: the sample site (content/) built once, served on 127.0.0.1 with gzip
like a real host, and one headless Debian Chromium driven by Playwright for all tests.

Every page a test opens is watched: a request to any host but the local server fails
the test (no third-party requests, ever), and so does a search index download on a page
where nobody searched.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    sync_playwright,
)

from igfpub.cli import main as igfpub
from tests.browser.samples import Sample, sample_pages
from tests.browser.server import serve

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
CHROMIUM = Path(os.environ.get("IGFPUB_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any other host fails at once instead of waiting on a network this machine lacks;
    # the request is still seen, and fails the test.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}

# The reader the page-weight budget is measured for: a system with none of the Noto fonts
# igfpub serves for Latin, Cyrillic and Arabic (Windows, macOS), so those subsets are
# downloaded, and with a Chinese system font, as every system that shows Chinese has (here
# Debian's Noto Sans CJK stands in for Microsoft YaHei or PingFang).
FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <dir>/usr/share/fonts/opentype/noto</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def _require(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} is missing ({path}): run ./scripts/setup", pytrace=False)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample content built once per test session (IGFPUB_BROWSER_SITE reuses a site
    built beforehand, for quick iterations on the tests themselves)."""
    prebuilt = os.environ.get("IGFPUB_BROWSER_SITE")
    if prebuilt:
        yield Path(prebuilt)
        return
    out = tmp_path_factory.mktemp("sample") / "site"
    assert igfpub(["build", str(CONTENT), "-d", str(out), "--no-pdf"]) == 0
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def samples(sample_site: Path) -> list[Sample]:
    return sample_pages(sample_site, CONTENT)


@pytest.fixture(scope="session")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    _require(CHROMIUM, "Chromium")
    fonts = tmp_path_factory.mktemp("fontconfig")
    (fonts / "fonts.conf").write_text(FONTCONFIG.format(cache=fonts / "cache"))
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts / "fonts.conf")}
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=env)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    _require(AXE, "axe-core")
    return AXE.read_text(encoding="utf-8")


@dataclass
class Browse:
    """Opens pages in fresh browser contexts (empty cache, as on a first visit) and
    records every request they make."""

    browser: Browser
    base: str
    requests: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)

    def page(self, *, js: bool = True, viewport: dict[str, int] | None = None) -> Page:
        context = self.browser.new_context(
            java_script_enabled=js,
            viewport=viewport or DESKTOP,  # type: ignore[arg-type]
        )
        context.on("request", lambda request: self.requests.append(request.url))
        self.contexts.append(context)
        return context.new_page()

    def url(self, path: str) -> str:
        return self.base + path

    def foreign(self) -> list[str]:
        local = urlsplit(self.base).netloc
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).netloc != local
        ]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browse(browser: Browser, base_url: str) -> Iterator[Browse]:
    b = Browse(browser, base_url)
    yield b
    b.close()
    foreign = b.foreign()
    assert foreign == [], f"requests to other hosts: {foreign}"


class Wire:
    """Bytes over the wire for one page's requests, its workers' included (Pagefind
    searches in a Web Worker), per URL: compressed body plus headers, as a reader's
    connection carries them. ``reset`` starts counting afresh, e.g. after the page loaded."""

    def __init__(self, page: Page) -> None:
        self._finished: list[Request] = []
        page.context.on("requestfinished", lambda request: self._finished.append(request))

    @property
    def bytes(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for request in self._finished:
            sizes = request.sizes()
            body = sizes["responseBodySize"]
            response = request.response()
            if not body and response is not None:
                # Chromium reports no body size for a worker's own script: the server's
                # Content-Length is the same number.
                body = int(response.headers.get("content-length", "0"))
            out[request.url] = out.get(request.url, 0) + body + sizes["responseHeadersSize"]
        return out

    def total(self) -> int:
        return sum(self.bytes.values())

    def reset(self) -> None:
        self._finished.clear()

    def report(self) -> str:
        return ", ".join(f"{u.rsplit('/', 1)[-1] or u}: {n}" for u, n in sorted(self.bytes.items()))
