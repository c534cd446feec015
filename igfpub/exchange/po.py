"""gettext PO through translate-toolkit.

PO has no inline markup, so placeholders are numbered in the order they appear:
``{1}``, ``{2}``, ... (a link is two of them, its start and its end); a literal brace is
doubled (``{{``). Each entry carries the ``python-brace-format`` flag, which makes Poedit
and Weblate check that a translation keeps every placeholder. ``msgctxt`` is the segment
id, ``#:`` the source file and ``#.`` the context note.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping, Sequence

from translate.storage import pypo

from igfpub.core import mdblocks
from igfpub.core.mdblocks import Ph, Piece
from igfpub.core.segments import Segment
from igfpub.exchange.progress import Previous
from igfpub.exchange.units import FileRead, Incoming

FLAG = "python-brace-format"
_TOKEN = re.compile(r"\{\{|\}\}|\{(\d+)\}")


def encode(parts: Sequence[Piece]) -> str:
    out = []
    n = 0
    for p in parts:
        if isinstance(p, Ph):
            n += 1
            out.append("{" + str(n) + "}")
        else:
            out.append(p.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def _numbered(parts: Sequence[Piece], source: Sequence[Piece]) -> str:
    """``parts`` in PO form, each placeholder under the number :func:`encode` gives the
    source's that it is (``source``'s placeholders are numbered in order)."""
    numbers = {
        (p.id, p.role): n for n, p in enumerate((p for p in source if isinstance(p, Ph)), start=1)
    }
    return "".join(
        "{" + str(numbers[(p.id, p.role)]) + "}"
        if isinstance(p, Ph)
        else p.replace("{", "{{").replace("}", "}}")
        for p in parts
    )


def written(parts: Sequence[Piece]) -> str:
    """A decoded target as its PO text, each placeholder under the number it was read
    with (:func:`encode` numbers a source's placeholders in order)."""
    return "".join(
        "{" + p.id + "}" if isinstance(p, Ph) else p.replace("{", "{{").replace("}", "}}")
        for p in parts
    )


def write(
    segments: Sequence[Segment],
    source_lang: str,
    target_lang: str,
    previous: Mapping[str, Previous] | None = None,
) -> bytes:
    store = pypo.pofile()
    store.updateheader(  # type: ignore[no-untyped-call]
        add=True,
        Project_Id_Version="igfpub",
        Language=target_lang,
        X_Source_Language=source_lang,
        Content_Type="text/plain; charset=UTF-8",
    )
    for seg in segments:
        unit = store.addsourceunit(encode(seg.parts()))
        unit.setcontext(seg.id)
        unit.addlocation(seg.path)
        unit.addnote(seg.note, origin="developer")
        unit.settypecomment(FLAG)
        before = (previous or {}).get(seg.id)
        if before is not None:
            # Poedit and Weblate show the previous source beside the new one.
            old = mdblocks.pieces(before.source) if seg.markdown else [before.source]
            unit.prev_source = encode(old)
            if before.translation:
                # In the entry's own form (its placeholders numbered as the msgid's), as
                # the previous msgid is: it was the Markdown as written.
                found = (
                    mdblocks.pieces(before.translation) if seg.markdown else [before.translation]
                )
                new = seg.parts()
                parts = mdblocks.aligned(found, new)
                said = (_numbered(parts, new) if parts is not None
                        else "".join(p for p in found if isinstance(p, str)))  # fmt: skip
                unit.addnote(f"previous translation: {said}", origin="developer")
    return bytes(store)


def read(data: bytes) -> FileRead:
    data, problem = _as_utf8(data)
    if problem is not None:
        return FileRead(None, errors=[problem])
    try:
        store = pypo.pofile(data)
    except Exception as exc:  # the PO parser raises many kinds
        # "end-of-line within string on line 45: '...'": the line goes in front.
        found = re.match(r"(.*?) on line (\d+)\b", str(exc))
        if found:
            return FileRead(None, errors=[(int(found[2]), f"not a PO file: {found[1]}")])
        return FileRead(None, errors=[(0, f"not a PO file: {exc}")])
    header = store.parseheader()  # type: ignore[no-untyped-call]
    lines = _msgstr_lines(data)
    result = FileRead(header.get("Language") or None)
    result.lang_line = _line_of(data, b'"Language:')
    result.source_lang = header.get("X-Source-Language") or None
    fuzzy = 0
    entries = [u for u in store.units if not u.isobsolete()]
    for n, unit in enumerate(entries):
        line = lines[n] if n < len(lines) else 0
        if unit.isheader() or not unit.target:
            continue
        if unit.isfuzzy():
            # gettext's meaning, as msgfmt applies it: "needs review" (msgmerge marks its
            # guesses so), never published.
            fuzzy += 1
            continue
        if not unit.getcontext():
            # The segment id is the msgctxt (a tool that drops it, as xliff2po does, leaves
            # nothing to match the text to).
            result.errors.append((line, "the entry has no msgctxt (its segment id), so it "
                                  "cannot be matched to a segment: export again"))  # fmt: skip
            continue
        result.units.append(
            Incoming(
                unit.getcontext(),
                unit.source,
                decode(unit.target),
                machine=False,
                line=line,
            )
        )
    if fuzzy:
        result.warnings.append((0, f"{fuzzy} fuzzy entr{'ies' if fuzzy != 1 else 'y'} not "
                                "imported (fuzzy means needs review, as for msgfmt)"))  # fmt: skip
    return result


# The header's charset, as translate-toolkit reads it (the first "charset=" of the file).
_CHARSET = re.compile(r'^\s*"Content-Type:[^"\n]*?charset=\s*([^\s"\\]+)', re.M)


def _as_utf8(data: bytes) -> tuple[bytes, tuple[int, str] | None]:
    """The file in UTF-8, read in the charset its header declares; or where it is not in
    that charset. translate-toolkit (3.20) reads a file that declares another charset as
    UTF-8 all the same, and says where a byte is wrong only by its place in its line.
    Without a charset, or with one Python does not know, the file is left to it: it tries
    UTF-8 then Latin-1, and names an unknown charset with its line."""
    found = _CHARSET.search(data.decode("latin-1"))
    if found is None:
        return data, None
    declared = found[1]
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return data, None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return data, (line, f"not valid {declared}, the charset its header declares "
                      f"(byte 0x{data[exc.start]:02X}): save the file as UTF-8, or declare "
                      "the charset it is in")  # fmt: skip
    if codec == "utf-8":
        return data, None
    header = _CHARSET.search(text)
    if header is None:  # not ASCII where the header is: leave the file to the parser
        return data, None
    return (text[: header.start(1)] + "UTF-8" + text[header.end(1) :]).encode(), None


def _msgstr_lines(data: bytes) -> list[int]:
    """The line of each entry's ``msgstr``, in the order of the file's entries (obsolete
    ``#~`` ones left out, as the parser keeps no positions): where a problem with a
    translation is, as msgfmt names it. By entry, not by context: two entries may share
    one, or have none."""
    out: list[int] = []
    pending = False
    for n, raw in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("msgid "):
            pending = True
        elif pending and line.startswith("msgstr"):
            out.append(n)
            pending = False
    return out


def _line_of(data: bytes, start: bytes) -> int:
    for n, line in enumerate(data.splitlines(), start=1):
        if line.lstrip().startswith(start):
            return n
    return 0


def decode(text: str) -> list[Piece]:
    """A PO text back to pieces; placeholder ``{n}`` becomes Ph(id=n) to be resolved
    against the source's n-th placeholder."""
    out: list[Piece] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            _text(out, text[pos : m.start()])
        if m[1]:
            out.append(Ph(m[1], "solo", "", "{}"))
        else:
            _text(out, m[0][0])
        pos = m.end()
    if pos < len(text):
        _text(out, text[pos:])
    return out


def _text(out: list[Piece], text: str) -> None:
    if out and isinstance(out[-1], str):
        out[-1] += text
    else:
        out.append(text)
