"""Hostile markup in open data and feeds: the contract says script elements, event handlers
and javascript:/data: URLs never reach a reader's browser "in pages, feeds or open data".
Open data gives Markdown *source*, which a consumer may render with anything that lets raw
HTML through. Before, a text whose scheme was entity-encoded (``java&#x73;cript:``), a
``vbscript:`` link or an ``<iframe>``, ``<style>`` or ``<form>`` reached
``api/v1/messages.json`` verbatim, `igfpub check` did not warn about them, and a text with
a javascript: link lost its Markdown (the safe links, emphasis) to plain text."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from igfpub.cli import main as igfpub
from igfpub.core import hostile
from igfpub.core.hostile import hostile_offsets, neutralised
from tests.contentkit import BASE, session, write_tree

ATOM = "{http://www.w3.org/2005/Atom}"
# What the tests call dangerous, written apart from igfpub's own list.
ELEMENTS = {"script", "style", "iframe", "frame", "object", "embed", "applet", "form", "input",
            "button", "textarea", "select", "base", "meta", "link", "svg", "math"}  # fmt: skip
SCHEMES = re.compile(r"^(?:javascript|vbscript|livescript|data):")


def _runs(markup: str) -> list[str]:
    """What a browser would run or load in ``markup``, read by lxml (not igfpub's parser)."""
    if not markup.strip():
        return []
    found = []
    for el in lxml.html.document_fromstring(f"<body>{markup}</body>").iter():
        if not isinstance(el.tag, str):
            continue  # a comment
        if el.tag in ELEMENTS:
            found.append(f"<{el.tag}>")
        for name, value in el.attrib.items():
            squeezed = "".join(c for c in value if c > " ").lower()
            if (re.fullmatch("on[a-z]+", name.lower()) and value.strip()) or (
                name not in ("title", "alt") and SCHEMES.match(squeezed)
            ):
                found.append(f"<{el.tag} {name}={value!r}>")
    return found


def _commonmark(text: str) -> str:
    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md.render(text)


def rendered_runs(text: str) -> list[str]:
    """What renders as live markup when a consumer renders ``text`` as Markdown with raw HTML
    allowed: CommonMark (markdown-it) and Python-Markdown with its "extra" extensions."""
    return _runs(_commonmark(text)) + _runs(markdown.markdown(text, extensions=["extra"]))


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML string, escapes included


KT = [
    "Click [here](javascript:alert(1)) or [there](https://example.org/there) <svg onload=alert(3)>now",
    "<a href='java&#x73;cript:alert(4)'>entity</a> and <iframe src=//evil>framed words</iframe>",
    '<a href="&#106;avascript:alert(5)">a</a>, [b](JaVaScRiPt:alert(6)), '
    '<a href="java&#x09;script:alert(7)">c</a> and `<script>` as code',
]
CTA = (
    "<style>body{display:none}</style> <form action=//evil><input name=p></form>"
    "[x](vbscript:msgbox) <object data=//evil>the object</object><embed src=//evil>"
    "<base href=//evil><meta http-equiv=refresh content=0><link rel=stylesheet href=//evil> **kept**"
)
FOLLOW_UP = (
    "Done, see [the decision](data:text/html;base64,PHNjcmlwdD4=) <b onclick=alert(8)>now</b>."
)
WS = session(
    title=f"title: {_yaml('A session <a href=&#x6A;avascript:alert(9)>t</a> &lt;script&gt;alert(12)&lt;/script&gt;')}",
    rapporteur=f"rapporteur: {_yaml('A. Person <img src=x onerror=alert(10)>')}",
    organizers=f"organizers: [{_yaml('Org <iframe src=//evil></iframe>')}]",
    key_takeaways="key_takeaways:\n" + "".join(f"  - {_yaml(t)}\n" for t in KT).rstrip("\n"),
    calls_to_action=f"calls_to_action:\n  - text: {_yaml(CTA)}\n    to: [itu]",
)
ITU = (
    "---\nbody: itu\nfollow_up:\n"
    "  - message: IGF2025-WS-1/cta-1\n    date: 2025-07-01\n    response: supported\n"
    f"    text: {_yaml(FOLLOW_UP)}\n---\nFree text.\n"
)
BODIES = BASE["registry/bodies.yml"].replace(
    "  name: Organisation for Economic Co-operation and Development\n",
    f"  name: {_yaml('OECD <svg onload=alert(11)>')}\n",
)
EXPECTED = {
    "IGF2025-WS-1/kt-1": "Click here or [there](https://example.org/there) now",
    "IGF2025-WS-1/kt-2": "<a>entity</a> and framed words",
    "IGF2025-WS-1/kt-3": "<a>a</a>, b, <a>c</a> and `<script>` as code",
    "IGF2025-WS-1/cta-1": "x the object **kept**",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("hostile-data")
    content = write_tree(
        root / "content",
        {"sessions/2025/ws-1.md": WS, "bodies/itu.md": ITU, "registry/bodies.yml": BODIES},
    )
    out = io.StringIO()
    from contextlib import redirect_stderr, redirect_stdout

    with redirect_stdout(out), redirect_stderr(out):
        assert igfpub(["check", str(content)]) == 0
    site = root / "site"
    cache = str(root / "cache")
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf", "--cache-dir", cache]) == 0
    return site, out.getvalue()


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_message_texts_keep_their_markdown_and_lose_what_runs(built: tuple[Path, str]) -> None:
    site, _ = built
    data = json.loads((site / "api/v1/messages.json").read_text("utf-8"))
    texts = {m["id"]: m["text"]["en"] for m in data["messages"]}
    assert texts == EXPECTED
    rows = csv.DictReader(io.StringIO((site / "api/v1/messages.csv").read_text("utf-8-sig")))
    assert {r["id"]: r["text_en"] for r in rows} == EXPECTED


def test_every_text_field_of_open_data_is_neutralised(built: tuple[Path, str]) -> None:
    site, _ = built
    sessions = json.loads((site / "api/v1/sessions.json").read_text("utf-8"))["sessions"]
    # Written escaped, the script is text (as on the page): harmless where Markdown is rendered.
    assert sessions[0]["title"]["en"] == "A session <a>t</a> &lt;script&gt;alert(12)&lt;/script&gt;"
    assert sessions[0]["rapporteur"] == 'A. Person <img src="x">'
    assert sessions[0]["organizers"] == ["Org"]
    bodies = json.loads((site / "api/v1/bodies.json").read_text("utf-8"))["bodies"]
    assert {b["id"]: b["name"]["en"] for b in bodies}["oecd"] == "OECD"
    follow_up = json.loads((site / "api/v1/follow-up.json").read_text("utf-8"))["follow_up"]
    (step,) = follow_up[0]["timeline"]
    assert step["text"]["en"] == "Done, see the decision <b>now</b>."
    problems = []
    for path in sorted((site / "api/v1").iterdir()):
        if path.suffix == ".json" and "schema" not in path.name:
            values = list(_strings(json.loads(path.read_text("utf-8"))))
        elif path.suffix == ".csv":
            rows = csv.reader(io.StringIO(path.read_text("utf-8-sig")))
            values = [v for row in rows for v in row]
        else:
            continue
        for value in values:
            problems += [f"{path.name}: {p}" for p in rendered_runs(value)]
            if re.search(r"javascript|vbscript|onerror|onload|onclick", value, re.I):
                problems.append(f"{path.name}: {value}")
    assert problems == []


def test_feeds_hold_nothing_that_runs(built: tuple[Path, str]) -> None:
    site, _ = built
    for feed in sorted(site.rglob("feed.xml")):
        for el in ET.parse(feed).iter():
            if el.tag == f"{ATOM}content":
                assert _runs(el.text or "") == [], feed
            elif el.text and el.tag == f"{ATOM}title":
                # Text, which many feed readers show as HTML all the same.
                assert "<" not in el.text, (feed, el.text)
    feed = ET.parse(site / "bodies/itu/feed.xml").getroot()
    titles = [t.text for t in feed.iter(f"{ATOM}title")]
    assert "IGF2025-WS-1/cta-1: A session t" in titles


def test_check_warns_about_each_hostile_text_encoded_ones_too(built: tuple[Path, str]) -> None:
    _, said = built
    warned = {int(m[1]) for m in re.finditer(r"ws-1\.md:(\d+): warning: ", said)}
    lines = WS.splitlines()
    hostile_lines = {i + 1 for i, line in enumerate(lines) if "alert" in line or "evil" in line}
    assert warned == hostile_lines  # title, rapporteur, organizers, three takeaways, the call
    assert len(warned) == 7
    assert re.search(r"bodies/itu\.md:\d+: warning: ", said)
    assert re.search(r"registry/bodies\.yml:\d+: warning: ", said)


# -- the neutralisation itself ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[x](java&#x73;cript:alert(1))", "x"),
        ("[x](&#106;avascript:alert(1))", "x"),
        ("[x](&#106avascript:alert(1)) y", "x y"),  # a reference to a browser, if not to CommonMark
        ("[x](JaVaScRiPt:alert(1))", "x"),
        ("[x](<java\tscript:alert(1)>)", "x"),
        ("[x](javascript&colon;alert(1))", "x"),
        ("[x](vbscript:msgbox) [y](data:text/html,<b>)", "x y"),
        ("![the venue](javascript:alert(1))", "the venue"),
        ("<javascript:alert(1)> <https://example.org>", "<https://example.org>"),
        ("[ref][bad]\n\n[bad]: javascript:alert(1)", "ref"),
        (
            '<a href="&#x6A;ava&#x09;script:alert(1)" title="Data: 2025">t</a>',
            '<a title="Data: 2025">t</a>',
        ),
        ("<a href='\x01javascript:alert(1)'>t</a>", "<a>t</a>"),
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
        ("<svg/onload=alert(1)>words", "words"),
        ("a <script>alert(1)</script> b <style>p{}</style> c", "a  b  c"),
        ("a <script>never closed", "a"),
        ("<!--><script>alert(1)</script>--> words", "words"),
        ("<iframe src=//evil>fallback words</iframe>", "fallback words"),
        ("text{: onclick=alert(1) }", "text"),
        ("- one <b onmouseover=alert(1)>b</b>\n- [two](javascript:x)", "- one <b>b</b>\n- two"),
        ("Note[^1].\n\n[^1]: <a href=javascript:x>ITU</a>.", "Note[^1].\n\n[^1]: <a>ITU</a>."),
        ("Note^[see [x](javascript:alert(1))] end", "Note^[see x] end"),
        ("<style>p{}</style> [x](vbscript:y)", "x"),  # a paragraph once the HTML block is out
    ]
    + [(f"a <{e} x=1>b</{e}> c", "a b c") for e in sorted(ELEMENTS - {"script", "style"})],
)
def test_hostile_markup_goes_and_the_words_stay(text: str, expected: str) -> None:
    assert neutralised(text) == expected
    assert rendered_runs(neutralised(text)) == []
    assert (hostile_offsets(text) != []) == (expected != text)


HARMLESS = [
    'Plain text, with **emphasis**, a [link](https://example.org "title") and `code`.',
    "Use `<script>` and ``<b onclick=x>`` in code: they are only text there.",
    "```html\n<script>alert(1)</script>\n```\n\nAfter the code.",
    "    <iframe src=//x></iframe>\n\nAn indented code block.",
    "5 < 10 & R&D > 3, <https://example.org>, <jane@example.org>",
    'An <abbr title="Internet Governance Forum">IGF</abbr> <u>under</u> <font color=red>f</font>',
    "JavaScript: a language. Open data: [a portal](https://data.example.org).",
    "| a | b |\n|---|---|\n| [x](https://a.org) | `<script>` |",
    "<!-- a note for editors -->",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_markdown_stays_as_written(text: str) -> None:
    assert neutralised(text) == text
    assert hostile_offsets(text) == []


def test_what_the_scan_misses_is_caught_by_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last guard: were the scan to miss something, the text is reduced to its words."""
    monkeypatch.setattr(hostile, "_edits", lambda text: [])
    hostile._neutralise.cache_clear()
    try:
        out = hostile.neutralise("Say [hi](https://a.org) <img src=x onerror=alert(1)> *now*")
    finally:
        hostile._neutralise.cache_clear()
    assert out.text == "Say hi  now"
    assert out.offsets == (0,)


FRAGMENTS = st.sampled_from(
    ["<", ">", "[", "]", "(", ")", "`", "``", "\n", "\n\n", "> ", "- ", "| ", "{:", "}", "!",
     "&#", "&#x6A;", "&colon;", ":", "\t", " ", "=", "'", '"', "/", "<!--", "-->", "<![CDATA[",
     "javascript", "java", "script", "vbscript", "data", "on", "onerror", "onclick", "alert(1)",
     "a", "img", "svg", "iframe", "style", "href", "src", "x", "<a ", "](", "]:", "[^1]",
     "<style>", "</style>", "<script>", "```", "    ", "&#106;", "&#x09;", "<!", "*", "-", "#"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_no_text_renders_anything_that_runs(text: str) -> None:
    out = neutralised(text)
    assert rendered_runs(out) == []
    assert neutralised(out) == out  # nothing left to take out
