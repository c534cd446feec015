"""Links and images written as raw HTML (``<a href>``, ``<img src>``) in a Markdown text
follow the rule of Markdown's own: a path relative to the content file leads to the page
or file it names, from every page that shows the text, in every language; one to no file
is an error of the file, with its line. Before, raw HTML was published as written: a
takeaway's ``<a href="../../editions/2026.md">`` led nowhere on every page, and a missing
file was never reported. A ``javascript:`` URL that a browser would read through an
entity or a tab (``jav&#x09;ascript:``) is neutralised, not a link that leads nowhere."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from igfpub.cli import main as igfpub
from igfpub.core.fields import HOSTILE_MESSAGE
from igfpub.core.languages import UN, use
from igfpub.core.rawhtml import resolved
from tests.contentkit import session, write_tree

PNG = b"\x89PNG\r\n\x1a\n"
SESSION = "content/sessions/2026/igf2026-ws-1.md"
TAKEAWAY = '  - "Affordable connectivity is the first condition of meaningful access."\n'
RAW_TAKEAWAY = (
    '  - "See <a href=\\"../../editions/2026.md\\">the edition, raw</a> and '
    '<img src=\\"../../img/chart.png\\" alt=\\"raw chart\\">."\n'
)
CALL = '  - text: "Publish affordability targets for mobile broadband."\n'
RAW_CALL = '  - text: "Act on <a href=\\"../../editions/2026.md\\">the edition, raw</a>."\n'
HOSTILE_NARRATIVE = (
    "\n[tab](jav&#x09;ascript:alert(1)) and [entity](&#106;avascript:alert(2))\n\n"
    '<a href="jav&#x09;ascript:alert(3)">raw</a>\n'
)
PAGES = ("sessions/2026/igf2026-ws-1/", "editions/2026/", "bodies/parliament/")
_PROBLEM = re.compile(r"^\S.*?: (error|warning): .+$")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = igfpub(argv)
    return code, [line for line in capsys.readouterr().err.splitlines() if _PROBLEM.match(line)]


@pytest.fixture(scope="module")
def forum(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An `igfpub init` site in two languages whose session links the edition and an
    image in raw HTML, from a takeaway and a call to action, and whose home page does so
    too; its report holds entity-encoded javascript: links."""
    forum = tmp_path_factory.mktemp("raw") / "forum"
    assert igfpub(["init", str(forum), "--languages", "en,fr"]) == 0
    (forum / "content/img").mkdir()
    (forum / "content/img/chart.png").write_bytes(PNG)
    text = (forum / SESSION).read_text("utf-8")
    assert TAKEAWAY in text and CALL in text
    text = text.replace(TAKEAWAY, RAW_TAKEAWAY).replace(CALL, RAW_CALL)
    (forum / SESSION).write_text(text + HOSTILE_NARRATIVE, "utf-8")
    with (forum / "content/index.md").open("a", encoding="utf-8") as home:
        home.write(
            '\n<p><a href="editions/2026.md">the edition, raw</a> '
            '<img src="img/chart.png" alt="raw chart"></p>\n'
        )
    cwd = Path.cwd()
    try:
        os.chdir(forum)
        assert igfpub(["build", "--no-pdf", "--cache-dir", str(forum / ".cache")]) == 0
    finally:
        os.chdir(cwd)
        use(UN)
    yield forum / "site"


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def _leads_to(site: Path, url: str, link: str) -> str:
    """The file of the site that ``link``, on the page at ``url``, leads to."""
    parts = urlsplit(link)
    assert not parts.scheme and not parts.netloc, link
    path = (site / url / unquote(parts.path)).resolve()
    if path.is_dir():
        path = path / "index.html"
    assert path.is_file(), (url, link)
    return path.relative_to(site.resolve()).as_posix()


def _raw(page: BeautifulSoup) -> tuple[list[Tag], list[Tag]]:
    links = [a for a in page.select("a") if a.get_text() == "the edition, raw"]
    return links, page.select('img[alt="raw chart"]')


@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("url", PAGES)
def test_a_raw_link_leads_to_the_page_from_every_page_that_shows_it(
    forum: Path, url: str, lang: str
) -> None:
    links, _ = _raw(_page(forum, lang + url))
    assert links, url
    for a in links:
        assert _leads_to(forum, lang + url, str(a["href"])) == f"{lang}editions/2026/index.html"


@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("url", [*PAGES[:2], ""])
def test_a_raw_image_is_found_from_every_page_that_shows_it(
    forum: Path, url: str, lang: str
) -> None:
    _, images = _raw(_page(forum, lang + url))
    assert images, url
    for img in images:
        assert _leads_to(forum, lang + url, str(img["src"])) == "img/chart.png"


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_a_free_page_raw_link_leads_to_the_page(forum: Path, lang: str) -> None:
    links, _ = _raw(_page(forum, lang))
    assert [_leads_to(forum, lang, str(a["href"])) for a in links] == [
        f"{lang}editions/2026/index.html"
    ]


def test_entity_encoded_javascript_links_are_neutralised(
    forum: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning of `igfpub check` for each, no error, and no link in any page."""
    cwd = Path.cwd()
    try:
        os.chdir(forum.parent)
        code, problems = _run(["check"], capsys)
    finally:
        os.chdir(cwd)
        use(UN)
    assert code == 0
    lines = (forum.parent / SESSION).read_text("utf-8").splitlines()
    hostile = [n for n, line in enumerate(lines, 1) if "script:" in line]
    assert len(hostile) == 2
    assert problems == [f"{SESSION}:{n}: warning: {HOSTILE_MESSAGE}" for n in hostile]
    for lang in ("", "fr/"):
        page = _page(forum, f"{lang}sessions/2026/igf2026-ws-1/")
        texts = {a.get_text(): a.get("href") for a in page.select(".igf-report a")}
        assert texts == {"tab": None, "entity": None, "raw": None}
    for html in forum.rglob("*.html"):
        for value in re.findall(r'(?:href|src)="([^"]*)"', html.read_text("utf-8")):
            assert "script:" not in value.lower() and "&#" not in value, (html, value)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            '<a href="../../editions/2024.md">the 2024 edition</a>',
            "link to '../../editions/2024.md': there is no content file editions/2024.md",
        ),
        (
            '<img src="../../img/none.png" alt="">',
            "link to '../../img/none.png': there is no file img/none.png",
        ),
        # Its handler is taken out (the warning); the image is of a file that is not there.
        ("<img src=x onerror=alert(1)>", "link to 'x': there is no file sessions/2025/x"),
    ],
)
def test_a_raw_link_to_no_file_is_an_error_of_check_and_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, message: str
) -> None:
    content = write_tree(
        tmp_path / "content", {"sessions/2025/ws-1.md": f"{session()}\nWords.\n\n{written}\n"}
    )
    error = f"{content}/sessions/2025/ws-1.md:20: error: {message}"
    check = _run(["check", str(content)], capsys)
    build = _run(["build", str(content), "-d", str(tmp_path / "site"), "--no-pdf"], capsys)
    assert check == build
    assert check[0] == 1
    assert [p for p in check[1] if "error" in p] == [error]
    assert [p for p in check[1] if "error" not in p] == (
        [f"{content}/sessions/2025/ws-1.md:20: warning: {HOSTILE_MESSAGE}"]
        if "onerror" in written
        else []
    )


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_open_data_gives_raw_links_by_their_address(forum: Path) -> None:
    data = json.loads((forum / "api/v1/messages.json").read_text("utf-8"))
    texts = [text for text in _strings(data) if "the edition, raw" in text]
    assert len(texts) == 2  # the takeaway and the call to action
    for text in texts:
        assert '<a href="https://outcomes.example.org/editions/2026/">' in text
        assert "../" not in text
    assert 'src="https://outcomes.example.org/img/chart.png"' in texts[0]


def test_only_the_links_of_raw_html_are_written_anew() -> None:
    def resolve(attribute: str, value: str, tag: str) -> str | None:
        return None if value == "drop" else value.upper()

    kept = '<p class="x">Words &amp; <b>more</b></p><a name="n">'
    assert resolved(kept, resolve) is kept
    assert resolved("<IMG SRC='a' alt=\"A &amp; B\"/>", resolve) == '<img src="A" alt="A &amp; B"/>'
    # A browser reads the first href only; a value of none is no link.
    assert resolved('x <a href="a" href="b" title=t>', resolve) == 'x <a href="A" title="t">'
    assert resolved('<a href="drop">t</a> <!-- <a href="c"> -->', resolve) == (
        '<a>t</a> <!-- <a href="c"> -->'
    )


def test_a_free_page_link_taken_out_is_no_link_and_the_site_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MkDocs renders a free page, and its relpath treeprocessor wants every <a> to have an
    href: a link taken out there (igfpub's own scheme, an entity-encoded javascript:) had
    none, and the build ended with an AssertionError."""
    home = (
        "# Home\n\n[own](igfpub:editions/2025/) [tab](jav&#x09;ascript:alert(1))\n\n"
        '<p><a href="&#106;avascript:alert(2)">raw</a></p>\n'
    )
    content = write_tree(tmp_path / "content", {"index.md": home})
    site = tmp_path / "site"
    check = _run(["check", str(content)], capsys)
    assert check == _run(["build", str(content), "-d", str(site), "--no-pdf"], capsys)
    assert check == (0, [f"{content}/index.md:{n}: warning: {HOSTILE_MESSAGE}" for n in (3, 5)])
    for url in ("", "fr/"):
        links = {a.get_text(): a.get("href") for a in _page(site, url).select("article a")}
        assert {text: links[text] for text in ("own", "tab", "raw")} == dict.fromkeys(
            ("own", "tab", "raw")
        )
