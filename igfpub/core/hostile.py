"""What a reader's browser could run in a text, found and taken out of its Markdown source.

A page is safe by construction: its HTML goes through the sanitiser (:mod:`igfpub.core.markup`).
Open data gives the Markdown source itself, which others render with whatever they use, often
letting raw HTML through: there the text itself must hold nothing a browser would run. So a
text is changed as little as that takes: a dangerous element loses its tags (a script or a
style its content too, as on the page), a tag its event handlers and ``javascript:``,
``vbscript:`` and ``data:`` URLs, a Markdown link to such a URL becomes its text, and an
attribute list (``{: onclick=...}``) with one is dropped. Everything else, its Markdown
included, stays as written. ``igfpub check`` warns where this changes a text
(:func:`hostile_offsets`): one detection for the warning and the neutralisation.

markdown-it-py finds what is Markdown (code, where markup is only text; links and their
decoded targets); the standard library's HTML tokenizer what a browser would read as a tag,
its attributes decoded as a browser decodes them (``java&#x73;cript:``). As a last guard,
the result is rendered by two Markdown renderers that let raw HTML through: if either output
still held something hostile, the text would be reduced to its words.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, autolink, backtick, image, link
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# Elements that run, load, restyle or collect (a frame, a plugin, a form, a <base> that
# moves every link, a <meta> refresh, SVG and MathML with their own scripting): dropped
# whatever their attributes. Other unknown tags are harmless and kept as written.
DANGEROUS_ELEMENTS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
    "form", "input", "button", "select", "textarea", "base", "meta", "link", "svg", "math",
})  # fmt: skip
# Their content is code, not words: it goes with them (the page's sanitiser does the same).
_CODE_ELEMENTS = frozenset({"script", "style"})
_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
# Attributes whose value is words for a reader, never a URL ("Data: 2025").
_TEXT_ATTRIBUTES = frozenset({"title", "alt"})

# A browser drops spaces and control characters around a URL and tabs and newlines inside
# it: "java\tscript:" runs. Removing every one of them can only find more.
_SQUEEZE = re.compile(r"[\x00-\x20]+")
_SUSPECT = re.compile(
    rf"<\s*/?\s*(?:{'|'.join(sorted(DANGEROUS_ELEMENTS))})(?![^\s/>])"
    r"|[\s/\"'`{:]on[a-z]+\s*="
)
# A scheme where a URL starts, once spaces are gone: after "(" or "<" (a Markdown link),
# "=" or a quote (an attribute), ":" (a reference definition, "[x]: javascript:...").
# Not any "data:": "Open data: ..." is how many reports begin a paragraph.
_SUSPECT_URL = re.compile(r"[(<=\"'`:](?:javascript|vbscript|livescript|data):")


def dangerous_url(url: str) -> bool:
    """Whether a URL would run or smuggle a document. Its entities are decoded (again):
    "&#106avascript:" is not a character reference to CommonMark, but it is to a browser
    reading the attribute that another Markdown renderer wrote."""
    return _SQUEEZE.sub("", html.unescape(url) if "&" in url else url).lower().startswith(_SCHEMES)


def _hostile_attribute(name: str, value: str | None) -> bool:
    if name.lower().startswith("on"):
        return True
    return value is not None and name not in _TEXT_ATTRIBUTES and dangerous_url(value)


@dataclass(frozen=True)
class Neutralised:
    text: str
    offsets: tuple[int, ...]  # where the source held something hostile (empty: nothing)


def hostile_offsets(text: str) -> list[int]:
    """Where ``text`` holds hostile markup, in order; empty when it holds none."""
    return list(neutralise(text).offsets)


def neutralised(text: str) -> str:
    """``text`` with nothing a browser could run, its harmless Markdown as written."""
    return neutralise(text).text


def neutralise(text: str) -> Neutralised:
    if not _suspect(text):
        return Neutralised(text, ())
    return _neutralise(text)


def _suspect(text: str) -> bool:
    """Cheap, and never wrong by saying no: markup needs a tag, a link or an attribute
    list, and most texts have no ``<``, ``]`` or ``{`` at all."""
    if "<" not in text and "]" not in text and "{" not in text:
        return False
    lower = (html.unescape(text) if "&" in text else text).casefold()
    if _SUSPECT.search(lower):
        return True
    return _SUSPECT_URL.search(_SQUEEZE.sub("", lower)) is not None


_PASSES = 4  # each takes something out: a text needs two at most unless it is built to need more


@lru_cache(maxsize=4096)  # `check` and the build ask about the same texts
def _neutralise(text: str) -> Neutralised:
    source = text.replace("\r\n", "\n").replace("\r", "\n")  # the lines markdown-it counts
    try:
        return _scanned(text, source)
    except AssertionError:  # how Python's HTML tokenizer gives up: nothing it read holds
        return Neutralised(_words(source), (0,))


def _scanned(text: str, source: str) -> Neutralised:
    first = edits = _merged(_edits(source))
    out, hostile = (source if edits else text), False
    # Taking markup out may change what the rest is: a line that was an HTML block (a
    # <style> at its start) becomes a paragraph, whose links are read then.
    for _ in range(_PASSES):
        if not edits:
            break
        hostile = hostile or any(e.hostile for e in edits)
        out = _applied(out, edits).strip()
        edits = _merged(_edits(out))
    # In the source's terms: where the first pass took something hostile out or, if that
    # only showed in a later pass, where the first changed the text.
    where = tuple(e.start for e in first if e.hostile) or tuple(e.start for e in first)
    offsets = where if hostile else ()
    if not edits and _renders_safely(out):
        return Neutralised(out, offsets)
    # Something the scanning above does not know: the words only, as the page shows them.
    return Neutralised(_words(source), offsets or (0,))


@dataclass(frozen=True, order=True)
class _Edit:
    start: int
    end: int
    new: str = ""
    hostile: bool = True  # False: a comment or the like, which shows nothing anyway


def _merged(edits: list[_Edit]) -> list[_Edit]:
    """In order, without overlaps: overlapping edits become one removal of both (a link
    to a javascript: URL inside a removed element, say)."""
    out: list[_Edit] = []
    for e in sorted(set(edits)):
        if out and e.start < out[-1].end:
            last = out[-1]
            out[-1] = _Edit(last.start, max(last.end, e.end), hostile=last.hostile or e.hostile)
        else:
            out.append(e)
    return out


def _applied(text: str, edits: list[_Edit]) -> str:
    parts, at = [], 0
    for e in edits:
        parts += [text[at : e.start], e.new]
        at = e.end
    return "".join([*parts, text[at:]])


# -- Markdown: code, links, attribute lists ------------------------------------------------

_SPANS, _SOURCE = "igfpub.hostile.spans", "igfpub.hostile.source"


@dataclass(frozen=True)
class _Span:
    """Something markdown-it read in a block's source, by offsets in that source."""

    kind: str  # code, link, image, autolink
    start: int
    end: int
    text: tuple[int, int] = (0, 0)  # where a link's text is
    url: str = ""


def _recording(kind: str, rule: Callable[[StateInline, bool], bool]) -> Callable[..., bool]:
    """``rule`` that also notes where it found what (markdown-it's inline tokens have no
    positions of their own)."""

    def recorded(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        spans = state.env.get(_SPANS)
        # Not in a text that a rule parses apart (its offsets would be that text's own).
        if not silent and spans is not None and state.src is state.env.get(_SOURCE):
            made = state.tokens[count:]
            span = _span(kind, state, start, made)
            if span is not None:
                spans.append(span)
        return True

    return recorded


def _span(kind: str, state: StateInline, start: int, made: list[Token]) -> _Span | None:
    end = state.pos
    if kind == "code":
        return _Span(kind, start, end) if any(t.type == "code_inline" for t in made) else None
    opener = next((t for t in made if t.type in ("link_open", "image")), None)
    if opener is None:
        return None
    url = str(opener.attrGet("href" if opener.type == "link_open" else "src") or "")
    if kind == "autolink":
        return _Span(kind, start, end, url=url)
    at = start + 1 if kind == "image" else start  # the "[" after an image's "!"
    text_end = state.md.helpers.parseLinkLabel(state, at, kind == "link")
    if text_end < 0:
        return _Span("autolink", start, end, url=url)  # no text found: taken out whole
    return _Span(kind, start, end, (at + 1, text_end), url)


def _permissive(md: MarkdownIt) -> MarkdownIt:
    """Footnotes, definition lists and tables as the site has them, and every link seen
    with its target as written (decoded), to be judged here rather than left out."""
    md.enable(["table", "strikethrough"]).use(footnote_plugin).use(deflist_plugin)
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@cache
def _scanner() -> MarkdownIt:
    md = _permissive(MarkdownIt("commonmark", {"inline_definitions": True}))
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    rules = {"backticks": ("code", backtick), "link": ("link", link),
             "image": ("image", image), "autolink": ("autolink", autolink)}  # fmt: skip
    for name, (kind, rule) in rules.items():
        md.inline.ruler.at(name, _recording(kind, rule))
    # Each block's text is read apart, from the source, so that positions are the source's;
    # an inline footnote (^[...]) as text, so that its links are read in the same source.
    md.disable(["inline", "footnote_inline"])
    return md


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _edits(text: str) -> list[_Edit]:
    starts = [*_line_starts(text), len(text) + 1]

    def lines(a: int, b: int) -> tuple[int, int]:
        return starts[a], min(starts[b], len(text) + 1)  # with the last line's newline

    md = _scanner()
    env: dict[str, object] = {}
    code: list[tuple[int, int]] = []
    edits: list[_Edit] = []
    texts: set[tuple[int, str]] = set()
    after: dict[int, int] = {}  # by block: where its next text (a table cell) is looked for
    for tok in md.parse(text, env):
        if tok.map is None:
            continue
        if tok.type in ("fence", "code_block"):
            code.append(lines(*tok.map))
        elif tok.type == "definition" and dangerous_url(tok.meta["url"]):
            edits.append(_Edit(*lines(*tok.map)))
        elif tok.type == "inline":
            # The block's own text where it is the source as written (a paragraph, a table
            # cell), else its lines whole, with their list or quote markers as text.
            start, end = lines(*tok.map)
            at = text.find(tok.content, after.get(start, start), end)
            if at < 0 or not tok.content:
                texts.add((start, text[start:end].rstrip("\n")))
            else:
                after[start] = at + len(tok.content)
                texts.add((at, tok.content))
    for base, source in sorted(texts):
        spans: list[_Span] = []
        env[_SPANS], env[_SOURCE] = spans, source
        md.inline.parse(source, md, env, [])
        for s in spans:
            if s.kind == "code":
                code.append((base + s.start, base + s.end))
            elif not dangerous_url(s.url):
                continue
            elif s.kind == "autolink":
                edits.append(_Edit(base + s.start, base + s.end))
            else:  # the link's text stays, as the page shows it
                edits.append(_Edit(base + s.start, base + s.text[0]))
                edits.append(_Edit(base + s.text[1], base + s.end))
    masked = _masked(text, code)
    return [*edits, *_tag_edits(text, masked), *_attribute_list_edits(masked)]


def _masked(text: str, code: list[tuple[int, int]]) -> str:
    """Code made letters (same length, same lines): markup there is only text."""
    chars = list(text)
    for start, end in code:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = "x"
    return "".join(chars)


def _attribute_list_edits(masked: str) -> Iterator[_Edit]:
    """Python-Markdown's ``attr_list`` (``{: onclick=...}``), which a site may enable, read
    by the extension's own pattern and parser."""
    for m in re.finditer(AttrListTreeprocessor.BASE_RE, masked):
        attrs, _ = get_attrs_and_remainder(m[1])
        if any(_hostile_attribute(k, v) for k, v in attrs):
            yield _Edit(m.start(), m.end())


# -- HTML: the tags a browser would read -----------------------------------------------------


@dataclass(frozen=True)
class _Token:
    start: int
    kind: str  # start, end, text, or other: a comment, a declaration, CDATA
    name: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    raw: str = ""


class Tokens(HTMLParser):
    """What a browser would read in a text: its tags with their attributes decoded, and
    where each thing starts (it ends where the next one starts)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = _line_starts(text)
        self.found: list[_Token] = []
        self.feed(text)
        self.close()

    def _add(self, kind: str, name: str = "", attrs: tuple[tuple[str, str | None], ...] = (),
             raw: str = "") -> None:  # fmt: skip
        line, column = self.getpos()
        self.found.append(_Token(self.starts[line - 1] + column, kind, name, attrs, raw))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # "<![x" that is no CDATA nor an SGML keyword: a browser's bogus comment, where this
        # tokenizer (Python 3.11's) would stop with an AssertionError.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, tuple(attrs), self.get_starttag_text() or "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("text")

    def handle_entityref(self, name: str) -> None:
        self._add("text")

    def handle_charref(self, name: str) -> None:
        self._add("text")

    def handle_comment(self, data: str) -> None:
        self._add("other", raw=data)

    def handle_decl(self, decl: str) -> None:
        self._add("other", raw=decl)

    def handle_pi(self, data: str) -> None:
        self._add("other", raw=data)

    def unknown_decl(self, data: str) -> None:
        self._add("other", raw=data)


def _tag_end(text: str, start: int) -> int:
    end = text.find(">", start)
    return len(text) if end < 0 else end + 1


def _tag_edits(text: str, masked: str) -> list[_Edit]:
    # A tag left open at the end would take in whatever follows the text where it is
    # shown: it is read as if closed there.
    tokens = [t for t in Tokens(masked + ">").found if t.start < len(text)]
    out: list[_Edit] = []
    for i, t in enumerate(tokens):
        end = min(t.start + len(t.raw), len(text))
        if t.kind == "other":
            # Comments and the like show nothing, and browsers do not end them all where
            # the tokenizer does ("<!-->" is a whole comment): out, with what they hold.
            after = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
            out.append(_Edit(t.start, after, hostile=_suspect(t.raw)))
        elif t.kind == "end" and t.name in DANGEROUS_ELEMENTS:
            out.append(_Edit(t.start, _tag_end(masked, t.start)))
        elif t.kind != "start":
            continue
        elif t.name in _CODE_ELEMENTS:
            close = next((u for u in tokens[i + 1 :] if u.kind == "end" and u.name == t.name), None)
            # Unclosed, it runs to the end of the text, in a browser as on the page.
            out.append(
                _Edit(t.start, len(text) if close is None else _tag_end(masked, close.start))
            )
        elif t.name in DANGEROUS_ELEMENTS:
            out.append(_Edit(t.start, end))
        elif any(_hostile_attribute(k, v) for k, v in t.attrs):
            kept = [(k, v) for k, v in t.attrs if not _hostile_attribute(k, v)]
            # Rebuilt from the source, unless it runs into code (as markdown-it reads it)
            # or past the end: then the whole tag goes.
            whole = text[t.start : t.start + len(t.raw)] == t.raw
            out.append(_Edit(t.start, end, rebuilt_tag(t.name, kept, t.raw) if whole else ""))
    return out


def rebuilt_tag(name: str, attrs: list[tuple[str, str | None]], raw: str) -> str:
    """The start tag ``raw`` written anew with ``attrs`` (their values escaped)."""
    parts = [name, *(k if v is None else f'{k}="{html.escape(v)}"' for k, v in attrs)]
    return "<" + " ".join(parts) + ("/>" if raw.endswith("/>") else ">")


# -- the last guard ------------------------------------------------------------------------


def _hostile_html(markup: str) -> bool:
    return any(
        (t.kind in ("start", "end") and t.name in DANGEROUS_ELEMENTS)
        or any(_hostile_attribute(k, v) for k, v in t.attrs)
        or (t.kind == "other" and _suspect(t.raw))
        for t in Tokens(markup).found
    )


@cache
def _renderer() -> MarkdownIt:
    return _permissive(MarkdownIt("commonmark"))


class _PythonMarkdown(threading.local):
    def __init__(self) -> None:
        # Python-Markdown as generous as a site may make it: raw HTML, Markdown inside HTML
        # blocks, attribute lists.
        self.md = markdown.Markdown(extensions=["extra", "sane_lists"])

    def render(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(text)


_python_markdown = _PythonMarkdown()


def _renders_safely(text: str) -> bool:
    return not (
        _hostile_html(_renderer().render(text)) or _hostile_html(_python_markdown.render(text))
    )


def _words(text: str) -> str:
    """The text as the page shows it, without any markup (kept as escaped text: unescaped,
    markup that Markdown showed as text would become live again)."""
    return nh3.clean(_python_markdown.render(text), tags=set()).strip()
