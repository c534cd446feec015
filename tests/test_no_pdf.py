"""A build without PDFs (`igfpub build --no-pdf`, `igfpub serve`, `pdf: false` under the
igfpub plugin) links no PDF: a preview shared for review has no dead link. The same cache
then serves a build with PDFs, whose pages link every PDF it made."""

from __future__ import annotations

import os
import re
from pathlib import Path

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use
from tests.conftest import Site
from tests.linkcheck import broken_links

PDF_LINK = re.compile(r"""href=["']?[^"'\s>]*\.pdf\b""")
# The pages that link a PDF when there are PDFs, with what they link instead or besides.
LINKING = {
    "editions/2025/": "briefs/2025/body-itu/",  # the outcome document's, the bodies' briefs
    "briefs/2025/body-itu/": "",  # the brief's own
    "bodies/itu/": "briefs/2025/body-itu/",  # its briefs, edition by edition
    "groups/bpf-cybersecurity/": "briefs/2025/group-bpf-cybersecurity/",
    "messages/2025/bpf-cyber-2025/": "briefs/2025/group-bpf-cybersecurity/",
}


def pdf_links(site: Path) -> dict[str, list[str]]:
    """The links to a PDF in each file of ``site`` that has any: pages, feeds, open data."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".csv"):
            links = PDF_LINK.findall(path.read_text(encoding="utf-8"))
            if links:
                found[path.relative_to(site).as_posix()] = links
    return found


def test_a_site_built_without_pdfs_links_none(bilingual: Site) -> None:
    root = bilingual.root
    assert not list(root.rglob("*.pdf"))
    assert pdf_links(root) == {}
    assert broken_links(root) == []
    prefixes = ["", "fr/", "es/", "ru/", "zh/", "ar/"]
    for url, instead in LINKING.items():
        for prefix in prefixes:
            page = bilingual.page(prefix + url)
            assert page.select_one("#igf-content") is not None, prefix + url
            assert not page.select('a[type="application/pdf"]'), prefix + url
            if instead:
                hrefs = [str(a["href"]) for a in page.select("#igf-content a[href]")]
                assert any(h.endswith(instead.split("/", 2)[-1]) for h in hrefs), prefix + url


def _build(folder: Path, *args: str) -> int:
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        return igfpub(["build", *args])
    finally:
        os.chdir(cwd)
        use(UN)


def test_a_build_with_pdfs_after_one_without_links_them(tmp_path: Path) -> None:
    """Pages rendered without PDF links are not taken from the render cache into a build
    that makes PDFs: whether PDFs are made is part of every page's cache key."""
    forum = tmp_path / "forum"
    assert igfpub(["init", str(forum), "--languages", "en,fr"]) == 0
    assert _build(forum, "--no-pdf") == 0
    site = forum / "site"
    assert pdf_links(site) == {} and not list(site.rglob("*.pdf"))
    assert _build(forum) == 0
    linked = pdf_links(site)
    for prefix in ("", "fr/"):
        page = f"{prefix}editions/{_year(forum)}/index.html"
        assert any("outcome" in link for link in linked[page]), linked.get(page)
        assert any("body-parliament.pdf" in link for link in linked[page])
    assert broken_links(site) == []
    made = {p.relative_to(site).as_posix() for p in site.rglob("*.pdf")}
    assert len(made) == 4, made  # the outcome document and one brief, in each language
    # And back: the next build without PDFs links none again.
    assert _build(forum, "--no-pdf") == 0
    assert pdf_links(site) == {} and not list(site.rglob("*.pdf"))


def _year(forum: Path) -> str:
    [edition] = (forum / "content" / "editions").glob("*.md")
    return edition.stem
