"""Reading a content file: bytes -> (front matter, Markdown body, line of every key).

Content is data written by many hands, so reading it must never execute anything, never
blow up on hostile input, and always say *where* a problem is.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024  # a session summary is a few KiB; a MiB is a mistake or an attack

# A path into the front matter: ("calls_to_action", 1, "to").
KeyPath = tuple[str | int, ...]


class ReadError(Exception):
    """A file that cannot be read, and why; ``problems`` are all that were found (the
    first is ``line`` and ``message``)."""

    def __init__(self, line: int, message: str, more: Iterable[tuple[int, str]] = ()) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.problems = ((line, message), *more)


# libyaml's composer is an order of magnitude faster than PyYAML's pure-Python one; loading
# thousands of session files is the first cost of every build.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """A date that is no day of the calendar (2026-06-31) is kept as its text, for the
    field's check to refuse by name: the constructor's error failed the whole document,
    and hid the file's other problems until the next run."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


@dataclass
class Marks:
    """Where each value of a YAML text is, and what YAML made of how it was written."""

    lines: dict[KeyPath, int] = field(default_factory=dict)
    # The text of each scalar YAML read as other than a string (a number, a date,
    # true/false, null), as written: YAML 1.1 reads 12:30 as the number 750 and 0x1F as 31,
    # and a source_hash copied bare (070516722735) as an octal number; only the text gives
    # back what was meant, and names the word to quote (yes, Null).
    written: dict[KeyPath, str] = field(default_factory=dict)
    # The plain (unquoted) scalars that a comment follows on their line: (the line, the
    # comment). YAML ends a plain text at " #", so "title: Session #5" is "Session".
    comments: dict[KeyPath, tuple[int, str]] = field(default_factory=dict)
    # Each key written again in its mapping: (its line, the problem). YAML keeps the last
    # value; the reader reports these and goes on, so that the file's other problems are
    # said in the same run.
    twice: list[tuple[int, str]] = field(default_factory=list)

    def line(self, *path: str | int) -> int:
        """Line of the deepest known key on ``path`` (1 = first line of the file)."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return 1
            path = path[:-1]

    def part(self, where: KeyPath) -> Marks:
        """The marks of the value at ``where``, keyed from there."""
        k = len(where)
        lines = {key[k:]: n for key, n in self.lines.items() if key[:k] == where}
        lines[()] = self.line(*where)
        written = {key[k:]: text for key, text in self.written.items() if key[:k] == where}
        comments = {key[k:]: at for key, at in self.comments.items() if key[:k] == where}
        return Marks(lines, written, comments)


@dataclass
class Document:
    """One file's front matter and body, with line numbers relative to the file."""

    meta: dict[str, Any]
    body: str
    body_line: int
    marks: Marks = field(default_factory=Marks)
    has_front_matter: bool = True

    @property
    def lines(self) -> dict[KeyPath, int]:
        return self.marks.lines

    def line(self, *path: str | int) -> int:
        """Line of the deepest known key on ``path`` (1 = first line of the file)."""
        return self.marks.line(*path)

    def part(self, where: KeyPath, meta: dict[str, Any]) -> Document:
        """The nested mapping ``meta`` at ``where`` (a call to action, a liaison, a
        registry entry) as a document of its own, keeping the file's lines."""
        return Document(meta, "", 0, self.marks.part(where))


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ReadError(1, f"file is {len(data)} bytes; the limit is {MAX_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(line, f"not valid UTF-8 (at byte offset {exc.start})") from None
    # Line breaks as Markdown and YAML read them: a lone "\r" ends a line too (an old Mac
    # editor's), and a link definition after one is a definition (what MkDocs then checks).
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, first_line: int = 1) -> tuple[Any, Marks]:
    """Parse YAML safely; return the data and its marks: the line of every mapping key and
    list item, and the text of every value YAML read as other than a string.

    Anchors and aliases are refused: no content needs them, and they are what "billion
    laughs" bombs are made of. The composer builds an alias as a second reference to the
    same node, so one linear walk that meets a node twice finds them all, before anything
    is expanded.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Marks()
        marks = _marks(node, text, first_line - 1)
        data = loader.construct_document(node)
    except ReadError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _invalid(exc, text, first_line) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow raw (NUL, most controls): say which, and where.
        line = text[: exc.position].count("\n") + first_line
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise ReadError(
            line,
            f'invalid YAML: character U+{ord(char):04X} is not allowed; write it escaped in double quotes ("\\u{ord(char):04x}")',
        ) from None
    except yaml.YAMLError as exc:
        raise ReadError(first_line, f"invalid YAML: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # The constructor itself can fail on values like a date 2025-02-30.
        at = None if node is None else _bad_value_line(node)
        raise ReadError(
            first_line if at is None else at + first_line, f"invalid YAML value: {exc}"
        ) from None
    finally:
        loader.dispose()
    return data, marks


# What YAML was reading when it met a problem, for the things a writer opens and may
# leave open: a flow list or mapping ([itu, oecd) or a quoted text ("Data governance).
_OPENED = (
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a quoted scalar",
)


def _invalid(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> ReadError:
    """The problem of YAML that does not parse, on the line to fix."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    opened = exc.context_mark if exc.context in _OPENED else None
    if mark is not None and opened is not None and opened.line < mark.line:
        # YAML notices a '[' left open where it gives up looking for its end, often on
        # the next field's line: the line to fix is the one where it opened.
        line = opened.line + first_line
        what = f"the {text[opened.index]!r} opened on line {line} is not closed"
        if exc.context != _OPENED[2]:
            end = mark.line + first_line
            return ReadError(line, f"invalid YAML: {what}: {problem} before line {end}")
        if problem.startswith(("found unexpected end", "found unexpected document")):
            return ReadError(line, f"invalid YAML: {what}")  # a quote runs to the end
    line = (mark.line + first_line) if mark else first_line
    at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
    return ReadError(line, f"invalid YAML: {problem}{_hint(problem, at_tab)}")


def _hint(problem: str, at_tab: bool) -> str:
    """What a rapporteur most likely did, for the PyYAML messages that do not say it."""
    if at_tab and "tab" not in problem:  # "found character that cannot start any token"
        return " (YAML does not allow tabs for indentation)"
    if problem.startswith("mapping values are not allowed"):  # title: Oficina: dados
        return " (a value with ': ' in it must be quoted)"
    return ""


def _bad_value_line(node: Node) -> int | None:
    """The line (from 0) of the first value of ``node`` that YAML cannot make (a date
    2025-02-30): the constructor's error does not say where. Looked for only once the
    document has failed, so that the constructor's every call stays as it is."""
    loader = _Loader("")
    try:
        for scalar in _scalars(node):
            try:
                loader.construct_object(scalar, deep=True)
            except (ValueError, TypeError, OverflowError):
                return int(scalar.start_mark.line)
    finally:
        loader.dispose()
    return None


def _scalars(node: Node) -> Iterator[ScalarNode]:
    """The scalars of ``node`` in the order they are written (keys too); without recursion,
    as a document may nest thousands deep."""
    stack = [node]
    while stack:
        found = stack.pop()
        if isinstance(found, ScalarNode):
            yield found
        elif isinstance(found, MappingNode):
            stack.extend(part for pair in reversed(found.value) for part in reversed(pair))
        elif isinstance(found, SequenceNode):
            stack.extend(reversed(found.value))


_STR_TAG = "tag:yaml.org,2002:str"
# A comment right after a value on its line: spaces, then "#" to the end of the line.
_COMMENT = re.compile(r"[ \t]+(#[^\n]*)")


def _marks(root: Node, text: str, offset: int) -> Marks:
    """The marks of the document ``root``, read from ``text`` whose first line is line
    ``offset`` + 1 of its file; without recursion, as a document may nest a thousand deep."""
    marks = Marks()
    seen: set[int] = set()
    twice: list[tuple[int, str]] = []
    stack: list[tuple[Node, KeyPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            raise ReadError(
                node.start_mark.line + 1 + offset,
                "YAML anchors and aliases (&name, *name) are not allowed in content",
            )
        if isinstance(node, ScalarNode):
            seen.add(id(node))  # an alias of one value is the same node again, too
            if node.tag != _STR_TAG:
                marks.written[path] = node.value
            comment = None if node.style else _COMMENT.match(text, node.end_mark.index)
            if comment:
                marks.comments[path] = (node.end_mark.line + 1 + offset, comment[1].rstrip())
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            parts = [
                ((*path, str(k.value)), k, v) for k, v in node.value if isinstance(k, ScalarNode)
            ]
            twice.extend(_twice(node, offset))
        else:
            parts = [((*path, i), item, item) for i, item in enumerate(node.value)]
        for sub, at, _ in parts:  # a key written twice: YAML keeps the last, so do the marks
            marks.lines[sub] = at.start_mark.line + 1 + offset
        for sub, _, value in reversed(parts):  # popped in the order they are written
            stack.append((value, sub))
    marks.twice = sorted(twice)
    return marks


def _twice(node: MappingNode, offset: int) -> Iterator[tuple[int, str]]:
    """A problem for each key of ``node`` written again: YAML would keep the last value
    without a word, and the first (a whole list of takeaways) would be lost."""
    first: dict[tuple[str, str], int] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode):
            continue
        line = key.start_mark.line + 1 + offset
        at = first.get((key.tag, key.value))
        if at is None:
            first[key.tag, key.value] = line
            continue
        yield line, (f"duplicate key {key.value[:60]!r} (first at line {at}): YAML would "
                     "keep only this one and drop the first; write each key once")  # fmt: skip


def read_document(data: bytes) -> Document:
    """Split ``---`` front matter from the body. A file without front matter has ``{}``."""
    text = decode(data)
    if not text.startswith("---"):
        return Document({}, text, 1, has_front_matter=False)
    first_newline = text.find("\n")
    if first_newline == -1 or text[:first_newline].strip() != "---":
        return Document({}, text, 1, has_front_matter=False)
    # Find the closing fence: a line that is exactly "---" (or "...").
    pos = first_newline + 1
    end = -1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos:] if nl == -1 else text[pos:nl]
        if line.rstrip() in ("---", "..."):
            end = pos
            break
        if nl == -1:
            break
        pos = nl + 1
    if end == -1:
        raise ReadError(1, "front matter opened with '---' is never closed")
    yaml_text = text[first_newline + 1 : end]
    after = text.find("\n", end)
    body = "" if after == -1 else text[after + 1 :]
    body_line = text[: after + 1].count("\n") + 1 if after != -1 else text.count("\n") + 1
    data_obj, marks = parse_yaml(yaml_text, first_line=2)
    if data_obj is None:
        data_obj = {}
    if not isinstance(data_obj, dict):
        raise ReadError(2, f"front matter must be a mapping of fields, not a {_kind(data_obj)}")
    return Document(data_obj, body, body_line, marks)


def _kind(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number"}.get(
        type(value), type(value).__name__
    )


K = TypeVar("K")
V = TypeVar("V")


class Remembered(Generic[K, V]):
    """Values by key between loads of one folder: what the last load used, no more."""

    def __init__(self, known: dict[K, V] | None = None) -> None:
        self._last: dict[K, V] = known or {}
        self._now: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        value = self._last.get(key) or self._now.get(key)
        if value is not None:
            self._now[key] = value
        return value

    def put(self, key: K, value: V) -> None:
        self._now[key] = value

    @property
    def known(self) -> dict[K, V]:
        """What the last load used."""
        return self._last

    def done(self) -> None:
        self._last, self._now = self._now, {}


class Parsed:
    """``read_document`` remembered by the file's bytes, between loads of one folder: the
    preview server loads the whole content after every save, and all but the saved file
    are as they were; a build keeps them in its cache (igfpub/outputs/parsecache.py).
    Holds what the last load read, no more. ``documents``: the loader's own memo of the
    documents it made of those files (igfpub/core/loader.py)."""

    def __init__(
        self,
        known: dict[bytes, Document] | None = None,
        documents: dict[str, object] | None = None,
    ) -> None:
        self._read: Remembered[bytes, Document] = Remembered(known)  # by the bytes' SHA-256
        self.documents: Remembered[str, object] = Remembered(documents)

    def read(self, data: bytes) -> Document:
        key = hashlib.sha256(data).digest()
        doc = self._read.get(key)
        if doc is None:
            doc = read_document(data)
            self._read.put(key, doc)
        return doc

    @property
    def known(self) -> dict[bytes, Document]:
        """What the last load read."""
        return self._read.known

    def done(self) -> None:
        """A load ended: what it did not read is forgotten."""
        self._read.done()
        self.documents.done()
