"""Markdown cut into translatable blocks, inline markup kept as placeholders, and back.

A translator sees one segment per paragraph, heading, list item, table cell or footnote,
with links, emphasis, code and footnote marks replaced by numbered placeholders that CAT
tools keep in place (XLIFF ``<g>``/``<x/>``, PO ``{1}``). Rebuilding takes the source
Markdown as a template and swaps each block's inline text for its translation, so
everything that is not text (fences, HTML blocks, reference definitions, table alignment,
list markers, footnote labels) stays exactly as the rapporteur wrote it.

markdown-it-py finds the blocks (with line numbers) and the inline tokens; nothing here
parses Markdown with regular expressions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# A reference link whose label is an id (`[the call][IGF2025-WS-142/cta-2]`) is defined by
# the site, not by the text: markdown-it would read it as plain brackets. Each such label
# is defined for the parse with this scheme, and rebuilt as a reference link.
_REF = "igfpub-ref:"
_LABELS = re.compile(r"\]\[([^\]\n]+)\]|\[([^\]\n]+)\]\[\]")


@dataclass(frozen=True)
class Ph:
    """A placeholder: the Markdown it stands for, never shown to the translator as text.

    ``id`` pairs an ``open`` with its ``close`` (one XLIFF ``<g id>``); a ``solo`` stands
    alone (``<x id/>``: code, a footnote mark, an image, inline HTML)."""

    id: str
    role: Literal["open", "close", "solo"]
    md: str
    label: str  # what it is, for notes and error messages: "link", "emphasis", "code", ...


Piece = str | Ph


@dataclass(frozen=True)
class Block:
    """One translatable block of a narrative."""

    key: str  # stable within the narrative: kind and hash of the text ("p-3f2a9c0b")
    # h (heading), p, li, q (quote), th, td, fn (footnote), dt, dd (definition list),
    # t (the title of an admonition or a content tab)
    kind: str
    text: str  # the inline Markdown as written
    start: int  # first line (0-based) of the block in the narrative
    end: int  # line after the block
    prefix: str  # what precedes the text on its first line ("## ", "- ", "[^1]: ")
    row: bool  # a table cell: the whole row line is rewritten
    suffix: str = ""  # what follows the text on its line (an admonition title's quote)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin, always_match_refs=True)
    md.use(deflist_plugin)  # def_list is one of the content's extensions (markup.py)
    # Links keep their targets as written (no percent-encoding), so a rebuilt text links
    # exactly where the source did.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _env(text: str) -> dict[str, Any]:
    refs = {}
    for m in _LABELS.finditer(text):
        label = m[1] or m[2]
        refs[normalizeReference(label)] = {"href": _REF + label, "title": ""}
    return {"references": refs}


_KINDS = {
    "heading_open": "h",
    "th_open": "th",
    "td_open": "td",
    "footnote_open": "fn",
    "list_item_open": "li",
    "blockquote_open": "q",
    "dt_open": "dt",
    "dd_open": "dd",
}

# The first line of a Python-Markdown admonition (``!!! note "Title"``), of a collapsible
# one (``??? tip``, ``???+ tip``, pymdownx.details) or of a content tab (``=== "Tab"``,
# pymdownx.tabbed), which a site may enable for its free pages: their body is the block
# indented under it. CommonMark would read the marker and the body as one paragraph, and a
# rebuilt translation would lose the box.
_BOX = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*|===\+?)"
    r'(?:[ \t]+"(?P<title>.*)")?[ \t]*$'
)


def blocks(markdown: str) -> list[Block]:
    """The translatable blocks of a narrative, in reading order.

    Keys are the block's kind and a hash of its text, so they stay the same when other
    blocks are added, removed or edited (a position-based key would shift them all).
    Identical blocks of one kind are numbered in order (``td-5d41402a``, ``td-5d41402a-2``).
    """
    lines = markdown.split("\n")
    out: list[Block] = []
    stack: list[str] = []
    seen: dict[str, int] = {}

    def add(kind: str, text: str, start: int, end: int, prefix: str, suffix: str = "") -> None:
        base = f"{kind}-{_digest(text)}"
        seen[base] = seen.get(base, 0) + 1
        key = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(Block(key, kind, text, start, end, prefix, kind in ("th", "td"), suffix))

    masked, titles = _unbox(lines)
    for tok in _parser().parse("\n".join(masked), _env(markdown)):
        if tok.nesting == 1:
            stack.append(_KINDS.get(tok.type, ""))
        elif tok.nesting == -1:
            stack.pop()
        elif tok.type == "inline" and tok.map and tok.content.strip():
            kind = _innermost(stack)
            start, end = tok.map
            for line in sorted(t for t in titles if t < start):
                add("t", *titles.pop(line))  # a box's title comes before its body
            text, suffix = tok.content, ""
            attrs = _ATTRS_AT_END.search(text) if kind == "h" else None
            if attrs is not None and attrs.start():
                # A heading's own id or classes ("## Contact {#contact}") stay out of the
                # text: links name the id, and it is not words.
                text, suffix = text[: attrs.start()], text[attrs.start() :]
            first = text.split("\n", 1)[0]
            at = lines[start].find(first)
            prefix = "" if kind in ("th", "td") or at < 0 else lines[start][:at]
            if suffix and at >= 0:
                suffix = lines[start][at + len(first) :]
            add(kind, text, start, end, prefix, suffix)
    for line in sorted(titles):
        add("t", *titles[line])
    return out


def _unbox(lines: list[str]) -> tuple[list[str], dict[int, tuple[str, int, int, str, str]]]:
    """The lines with each box's marker line blanked and its body indented four spaces
    less, line for line (so that CommonMark reads the body as blocks, at the same line
    numbers); and each box title, by its line: (text, line, line after, prefix, suffix)."""
    masked = list(lines)
    titles: dict[int, tuple[str, int, int, str, str]] = {}
    fence = ""
    for i, line in enumerate(masked):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else fence or stripped[:3]
        if fence:
            continue
        m = _BOX.match(line)
        if m is None:
            continue
        title = m["title"]
        if title and title.strip():
            at = m.start("title")
            titles[i] = (title, i, i + 1, line[:at], line[m.end("title") :])
        indent = len(m["indent"].expandtabs(4))
        masked[i] = ""
        for j in range(i + 1, len(masked)):
            body = masked[j]
            if not body.strip():
                continue
            width = len(body) - len(body.lstrip())
            if len(body[:width].expandtabs(4)) < indent + 4:
                break
            lead = body[:width].expandtabs(4)
            masked[j] = lead[:indent] + lead[indent + 4 :] + body[width:]
    return masked, titles


def _innermost(stack: Sequence[str]) -> str:
    for kind in reversed(stack):
        if kind:
            return kind
    return "p"


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:8]


def rebuild(markdown: str, found: Sequence[Block], texts: Mapping[str, str]) -> str:
    """The narrative with each block's text replaced by ``texts[block.key]`` (Markdown);
    blocks without an entry keep their text."""
    lines = markdown.split("\n")
    rows: dict[int, list[Block]] = {}
    drop: set[int] = set()
    for b in found:
        if b.row:
            rows.setdefault(b.start, []).append(b)
            continue
        text = texts.get(b.key)
        if text is None:
            continue
        lines[b.start] = b.prefix + " ".join(text.split("\n")) + b.suffix
        drop.update(range(b.start + 1, b.end))
    for line, cells in rows.items():
        indent = lines[line][: len(lines[line]) - len(lines[line].lstrip())]
        values = [_cell(texts.get(c.key, c.text)) for c in cells]
        lines[line] = indent + "| " + " | ".join(values) + " |"
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _cell(text: str) -> str:
    return re.sub(r"(?<!\\)\|", r"\\|", " ".join(text.split("\n")))


# -- inline Markdown <-> pieces --------------------------------------------------------------
def pieces(text: str) -> list[Piece]:
    """One block's (or one takeaway's) inline Markdown as text and placeholders."""
    tokens = _parser().parseInline(text, _env(text))
    children = tokens[0].children or [] if tokens else []
    out: list[Piece] = []
    opened: list[tuple[Ph, str]] = []  # open placeholder, Markdown that closes it
    counter = 0

    def new_id() -> str:
        nonlocal counter
        counter += 1
        return str(counter)

    for tok in children:
        if tok.type == "text":
            _add_text(out, tok.content)
        elif tok.type == "softbreak":
            _add_text(out, " ")
        elif tok.type in ("link_open", "em_open", "strong_open"):
            name = tok.type[:-5]
            ph = Ph(new_id(), "open", "[" if name == "link" else tok.markup, _LABEL[name])
            opened.append((ph, _link_end(tok) if name == "link" else tok.markup))
            out.append(ph)
        elif tok.type in ("link_close", "em_close", "strong_close") and opened:
            start, end = opened.pop()
            out.append(Ph(start.id, "close", end, start.label))
        else:
            out.append(Ph(new_id(), "solo", _solo_md(tok), _solo_label(tok)))
    return _attribute_lists(out)


# An attribute list (attr_list, one of the content's extensions): ``{#next-steps}`` after a
# heading, ``{ width=300 }`` after an image, ``{: .md-button }`` after a link. It is
# markup, not words: shown as text, a translator would translate or drop the id that
# links name.
_ATTR = r"""(?:[#.][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+))"""
_ATTRS = re.compile(rf"\{{:?[ \t]*{_ATTR}(?:[ \t]+{_ATTR})*[ \t]*\}}")


_ATTRS_AT_END = re.compile(rf"[ \t]*{_ATTRS.pattern}[ \t]*$")


def _attribute_lists(parts: list[Piece]) -> list[Piece]:
    """``parts`` with each attribute list in their text made a placeholder, numbered in
    order with the others."""
    if not any(isinstance(p, str) and _ATTRS.search(p) for p in parts):
        return parts
    split: list[Piece] = []
    for p in parts:
        if isinstance(p, Ph):
            split.append(p)
            continue
        pos = 0
        for m in _ATTRS.finditer(p):
            if m.start() > pos:
                split.append(p[pos : m.start()])
            split.append(Ph("", "solo", m[0], "attributes"))
            pos = m.end()
        if pos < len(p):
            split.append(p[pos:])
    out: list[Piece] = []
    numbers: dict[str, str] = {}  # an open placeholder's id -> its new number
    for p in split:
        if not isinstance(p, Ph):
            out.append(p)
        elif p.role == "close":
            out.append(Ph(numbers[p.id], "close", p.md, p.label))
        else:
            number = str(sum(1 for q in out if isinstance(q, Ph) and q.role != "close") + 1)
            out.append(Ph(number, p.role, p.md, p.label))
            if p.role == "open":
                numbers[p.id] = number
    return out


_LABEL = {"link": "link", "em": "emphasis", "strong": "strong emphasis"}


def _add_text(out: list[Piece], text: str) -> None:
    if out and isinstance(out[-1], str):
        out[-1] += text
    else:
        out.append(text)


def _link_end(tok: Token) -> str:
    href = str(tok.attrs.get("href") or "")
    if href.startswith(_REF):
        return f"][{href[len(_REF) :]}]"
    return f"]({_target(tok)})"


def _solo_md(tok: Token) -> str:
    if tok.type == "code_inline":
        body = tok.content
        pad = " " if body.startswith("`") or body.endswith("`") else ""
        return f"{tok.markup}{pad}{body}{pad}{tok.markup}"
    if tok.type == "footnote_ref":
        return f"[^{tok.meta['label']}]"
    if tok.type == "image":
        return f"![{tok.content}]({_target(tok)})"
    if tok.type == "hardbreak":
        return "<br>"
    return tok.content  # html_inline, and anything else: as written


def _solo_label(tok: Token) -> str:
    return {
        "code_inline": "code",
        "footnote_ref": "footnote mark",
        "image": "image",
        "hardbreak": "line break",
        "html_inline": "inline HTML",
    }.get(tok.type, tok.type)


def _target(tok: Token) -> str:
    href = str(tok.attrs.get("href") or tok.attrs.get("src") or "")
    title = str(tok.attrs.get("title") or "")
    if not href or re.search(r"[\s()<>]", href):
        href = f"<{href}>"
    if title:
        return f'{href} "{title.replace(chr(34), chr(92) + chr(34))}"'
    return href


def to_markdown(parts: Iterable[Piece]) -> str:
    """Text and placeholders back to inline Markdown, text escaped so that a translation
    can never turn into markup it did not have."""
    parts = list(parts)
    starred = _intraword_emphasis(parts)
    out = []
    first = True
    for part in parts:
        if isinstance(part, Ph):
            out.append(part.md.replace("_", "*") if part.id in starred else part.md)
        else:
            out.append(_escape(part.replace("\n", " "), at_start=first))
        first = False
    return "".join(out)


def _intraword_emphasis(parts: Sequence[Piece]) -> set[str]:
    """Ids of the ``_``/``__`` emphasis that a translation puts inside a word: with a
    letter (Chinese, Japanese: no spaces) before its start or after its end. ``_`` needs
    a word boundary there and would show as it is; ``*`` works inside words."""
    out: set[str] = set()
    for i, p in enumerate(parts):
        if not isinstance(p, Ph) or p.md.strip("_") or p.role == "solo":
            continue
        near = parts[i - 1] if p.role == "open" and i else None
        if p.role == "close" and i + 1 < len(parts):
            near = parts[i + 1]
        text = near.md if isinstance(near, Ph) else near
        if text and _in_word(text[-1] if p.role == "open" else text[0]):
            out.add(p.id)
    return out


def _in_word(char: str) -> bool:
    return not char.isspace() and not unicodedata.category(char).startswith(("P", "S"))


_ESCAPE = re.compile(r"([\\`*_\[\]]|\{(?=[^}\n]*\}))")  # and "{...}", an attribute list
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+(?=[.)]))")


_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


def _escape(text: str, *, at_start: bool) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    # Only a "<" that could open a tag, a comment or an autolink is escaped: "< 3 minutes"
    # is text as it is, and an "&lt;" there was what open data gave for the translation,
    # where the source has "<".
    text = _TAG_OPEN.sub("&lt;", _ENTITY.sub("&amp;", text))
    if at_start:
        m = _LINE_START.match(text)
        if m and m[2].isdigit():
            end = m.end()
            text = text[:end] + "\\" + text[end:]
        elif m:
            text = text[: m.start(2)] + "\\" + text[m.start(2) :]
    return text


def aligned(target: Sequence[Piece], source: Sequence[Piece]) -> list[Piece] | None:
    """``target`` (pieces of a translation's Markdown) with each placeholder numbered as
    the ``source``'s that stands for the same Markdown: a translation moves links and
    emphasis, and each is numbered in its own text's order. None where one has no match:
    a previous translation is then only context, never markup a CAT tool would insert."""
    free: dict[tuple[str, ...], list[str]] = {}
    for key, pid in _signatures(source):
        free.setdefault(key, []).append(pid)
    ids: dict[str, str] = {}
    for key, pid in _signatures(target):
        left = free.get(key)
        if not left:
            return None
        ids[pid] = left.pop(0)
    return [p if isinstance(p, str) else Ph(ids[p.id], p.role, p.md, p.label) for p in target]


def _signatures(parts: Sequence[Piece]) -> list[tuple[tuple[str, ...], str]]:
    """Each placeholder id of ``parts`` with the Markdown it stands for: a pair's opening
    and closing (a link's ``[`` and ``](target)``), or a solo's."""
    closing = {p.id: p.md for p in parts if isinstance(p, Ph) and p.role == "close"}
    return [
        ((p.role, p.md, closing.get(p.id, "")), p.id)
        for p in parts
        if isinstance(p, Ph) and p.role != "close"
    ]


def placeholder_ids(parts: Iterable[Piece]) -> list[tuple[str, str]]:
    """(id, role) of every placeholder, in order: what a translation must keep."""
    return [(p.id, p.role) for p in parts if isinstance(p, Ph)]


def plain(parts: Iterable[Piece]) -> str:
    """A readable one-line form (placeholders as ``{1}``, ``{/1}``), for comparing a
    segment with the one that was exported and for messages."""
    out = []
    for p in parts:
        if isinstance(p, Ph):
            out.append("{/" + p.id + "}" if p.role == "close" else "{" + p.id + "}")
        else:
            out.append(p)
    return "".join(out)
