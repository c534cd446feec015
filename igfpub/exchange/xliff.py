"""XLIFF 1.2 through translate-toolkit: one ``<file>`` per source document, one
``<trans-unit>`` per segment, inline Markdown as ``<g>`` (paired) and ``<x/>`` (alone)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from xml.parsers import expat

from lxml import etree  # type: ignore[import-untyped]
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.lisa import strelem_to_xml
from translate.storage.placeables.xliff import Bx, Ex, G, X

from igfpub.core import mdblocks
from igfpub.core.mdblocks import Ph, Piece, plain
from igfpub.core.segments import Segment
from igfpub.exchange.progress import Previous
from igfpub.exchange.units import FileRead, Incoming

NS = "urn:oasis:names:tc:xliff:document:1.2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Target states that XLIFF 1.2 defines as "not translated yet" (the target, if any, is a
# copy of the source or a placeholder for one).
UNTRANSLATED = ("new", "needs-translation")
# Target states in which a translator has confirmed the target.
CONFIRMED = ("final", "signed-off")


def write(
    segments: Sequence[Segment],
    source_lang: str,
    target_lang: str,
    previous: Mapping[str, Previous] | None = None,
) -> bytes:
    skeleton = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS}">'
        f'<file original="NoName" source-language="{source_lang}" '
        f'target-language="{target_lang}" datatype="plaintext"><body/></file></xliff>'
    ).encode()
    store = xliff.xlifffile.parsestring(skeleton)  # type: ignore[no-untyped-call]
    for seg in segments:
        unit = store.addsourceunit("", filename=seg.path, createifmissing=True)
        unit.setid(seg.id)
        unit.rich_source = [StringElem(_elems(seg.parts()))]
        unit.addnote(seg.note, origin="developer")
        before = (previous or {}).get(seg.id)
        if before is not None and before.translation:
            _alt_trans(unit, seg, before)
    if not segments:
        # An XLIFF file must name its one document; an empty export keeps the skeleton's.
        store.switchfile("NoName")
    # translate-toolkit's units start life in the XLIFF 1.1 namespace; drop the unused
    # declaration it leaves on each <trans-unit>.
    etree.cleanup_namespaces(store.document)
    return bytes(store)


def _alt_trans(unit: Any, seg: Segment, before: Previous) -> None:
    """The earlier source and its translation, as a CAT tool shows a fuzzy match: in the
    unit's own form, each placeholder numbered as the new source's that stands for the
    same Markdown, so that a translator who takes the match inserts the unit's own
    markup. Before, they were Markdown as written, which a CAT tool inserted as text
    (and an import then refused, or published "&lt;"). A text whose markup the new source
    no longer has is given as its words alone."""
    unit.addalttrans("-", origin="igfpub", sourcetxt="-")  # filled in below
    alt = unit.xmlelement.findall(f"{{{NS}}}alt-trans")[-1]
    new = seg.parts()
    for tag, text in (("source", before.source), ("target", before.translation)):
        node = alt.find(f"{{{NS}}}{tag}")
        if node is None or text is None:
            continue
        found = mdblocks.pieces(text) if seg.markdown else [text]
        parts = mdblocks.aligned(found, new)
        if parts is None:
            parts = ["".join(p for p in found if isinstance(p, str))]
        node.text = None
        strelem_to_xml(node, StringElem(_elems(parts)))  # type: ignore[no-untyped-call]


# What a placeholder stands for, as XLIFF 1.2 names it (ctype): a CAT tool shows a <g> as
# bold or a link, and a translator can tell "the link" from "the emphasis" around words.
_PAIRED = {"emphasis": "italic", "strong emphasis": "bold", "link": "link"}
_ALONE = {"image": "image", "line break": "lb", "code": "x-code",
          "footnote mark": "x-footnote", "inline HTML": "x-html"}  # fmt: skip


def _kind(p: Ph, known: Mapping[str, str]) -> dict[str, str]:
    if not p.label or p.label in ("g", "x", "bx", "ex"):  # read back from a file: unknown
        return {}
    return {"ctype": known.get(p.label) or "x-" + "-".join(p.label.split())}


def _equiv(p: Ph) -> dict[str, str]:
    """The text a placeholder that stands alone stands for (the code in `DNS abuse`, a
    footnote's mark), which a translator needs to write around it: it was hidden."""
    text = p.md.strip("`").strip() if p.label == "code" else p.md.strip()
    return {"equiv-text": text[:80]} if text else {}


def _elems(parts: Sequence[Piece]) -> list[Any]:
    """Pieces to translate-toolkit placeables: an open..close pair becomes one G."""
    out: list[Any] = []
    stack: list[tuple[Ph, list[Any]]] = []
    current = out
    for p in parts:
        if isinstance(p, str):
            current.append(p)
        elif p.role == "solo":
            current.append(X(id=p.id, xml_attrib={**_kind(p, _ALONE), **_equiv(p)}))
        elif p.role == "open":
            stack.append((p, current))
            current = []
        else:
            opened, parent = stack.pop()
            parent.append(G(id=opened.id, sub=current, xml_attrib=_kind(opened, _PAIRED)))
            current = parent
    return out


def encode(parts: Sequence[Piece]) -> str:
    return plain(parts)


def read(data: bytes) -> FileRead:
    refused = _refused(data)
    if refused is not None:
        return FileRead(None, errors=[refused])
    try:
        store = xliff.xlifffile.parsestring(data)  # type: ignore[no-untyped-call]
    except etree.XMLSyntaxError as exc:
        return FileRead(None, errors=[_syntax_error(exc)])
    except Exception as exc:  # translate-toolkit raises many kinds
        return FileRead(None, errors=[(0, f"not an XLIFF file: {exc}")])
    # What expat could not read (an encoding it lacks), lxml did, entities unexpanded (a
    # reference would reach the units as no text): the same refusals, from its tree.
    dtd = store.document.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        return FileRead(None, errors=[(0, DOCTYPE_MESSAGE)])
    entity = next(store.document.iter(etree.Entity), None)
    if entity is not None:
        return FileRead(None, errors=[(entity.sourceline or 0, _entity_message(entity.name))])
    if store.namespace != NS:
        return FileRead(None, errors=[(0, f"expected XLIFF 1.2 ({NS}), found {store.namespace}")])
    files = list(store.document.getroot().iter(f"{{{NS}}}file"))
    langs = {f.get("target-language") for f in files}
    result = FileRead(next(iter(langs)) if len(langs) == 1 else None)
    sources = {f.get("source-language") for f in files}
    result.source_lang = next(iter(sources)) if len(sources) == 1 else None
    result.lang_line = files[0].sourceline or 0 if files else 0
    if len(langs) > 1:
        result.errors.append(
            (result.lang_line, "its <file> elements name different target languages")
        )
    untranslated = 0
    for unit in store.unit_iter():
        node = unit.getlanguageNode(lang=None, index=1)
        if node is None:
            continue
        # unit.target is only the text: a target that is one placeholder (a table cell of
        # code, kept as code) is "" there, and still a translation.
        target = _pieces(unit.rich_target[0]) if unit.rich_target else []
        if not any(isinstance(p, Ph) or p.strip() for p in target):
            continue
        state = node.get("state", "")
        if state in UNTRANSLATED:
            # OmegaT, Okapi and Trados fill an untranslated target with the source and say
            # so in its state: English, not a translation.
            untranslated += 1
            continue
        result.units.append(
            Incoming(
                unit.xmlelement.get("id", ""),
                plain(_pieces(unit.rich_source[0])),
                target,
                machine=state == "needs-review-translation"
                or node.get("state-qualifier", "").startswith("mt-"),
                line=unit.xmlelement.sourceline or 0,
                target_lang=node.get(_XML_LANG),
                confirmed=state in CONFIRMED or unit.xmlelement.get("approved") == "yes",
            )
        )
    if untranslated:
        result.warnings.append((0, f"{untranslated} unit{'s' * (untranslated != 1)} not "
                                "imported: state new or needs-translation means the target is "
                                "not translated"))  # fmt: skip
    return result


DOCTYPE_MESSAGE = (
    "a DOCTYPE that declares entities or other markup is not allowed in a translation file "
    "(XLIFF needs none): remove it"
)


class _Stop(Exception):
    """Ends the expat pass: with what is refused, or with nothing (nothing more to see)."""

    def __init__(self, refused: tuple[int, str] | None = None) -> None:
        self.refused = refused


def _refused(data: bytes) -> tuple[int, str] | None:
    """What no XML parser may act on, found before lxml reads the file: a DOCTYPE that
    declares anything (an entity may name a file or a URL to read, or nest others into
    gigabytes of text) and an entity reference other than XML's own (``&amp;`` ...),
    which XLIFF 1.2 needs none of; and an XLIFF 2 file, named as such. expat stops at the
    first, reading no DTD and no external entity. A syntax error is left to lxml, which
    words it as the rest of the reader does; so is a file in an encoding expat lacks."""
    parser = expat.ParserCreate(namespace_separator=" ")
    doctype = False

    def start_doctype(_name: str, _system: str | None, _public: str | None, subset: int) -> None:
        nonlocal doctype
        doctype = True
        if subset:
            raise _Stop((parser.CurrentLineNumber, DOCTYPE_MESSAGE))

    def skipped(name: str, _parameter: int) -> None:
        # Declared nowhere expat read: in an external DTD, which no parser here loads.
        raise _Stop((parser.CurrentLineNumber, _entity_message(name)))

    def root(name: str, attrs: dict[str, str]) -> None:
        namespace = name.rpartition(" ")[0]
        version = attrs.get("version", "")
        if namespace.startswith(_XLIFF2) or (namespace != NS and version.startswith("2")):
            raise _Stop((parser.CurrentLineNumber, f"this is XLIFF {version or '2'}; igfpub "
                         "reads XLIFF 1.2, as translate export writes it: save the file as "
                         "XLIFF 1.2, or exchange PO files (--format po)"))  # fmt: skip
        if not doctype:
            raise _Stop()  # without a DOCTYPE an entity reference is a syntax error
        parser.StartElementHandler = None

    parser.StartDoctypeDeclHandler = start_doctype
    parser.SkippedEntityHandler = skipped
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _Stop as stop:
        return stop.refused
    except (expat.ExpatError, ValueError, LookupError):
        # ValueError: a multi-byte encoding (Shift_JIS); LookupError: an unknown one.
        return None
    return None


_XLIFF2 = "urn:oasis:names:tc:xliff:document:2"


def _entity_message(name: str) -> str:
    return (f"the entity reference &{name}; is not allowed in a translation file (only "
            "&amp; &lt; &gt; &quot; &apos; and character references such as &#233;)")  # fmt: skip


def _syntax_error(exc: etree.XMLSyntaxError) -> tuple[int, str]:
    """lxml's message ends with where it is ("..., line 15, column 263"): that goes in
    front, as the line of ``path:line: error:``."""
    line = exc.position[0] if exc.position else 0
    what = re.sub(r", line \d+, column \d+$", "", str(exc.msg or exc))
    what = re.sub(r"in tag (\S+) line (\d+)$", r"in <\1>, opened at line \2", what)
    return line, f"not an XLIFF file: {what}"


def _pieces(elem: Any) -> list[Piece]:
    out: list[Piece] = []
    if isinstance(elem, str):
        return [elem]
    if isinstance(elem, G):
        out.append(Ph(str(elem.id), "open", "", "g"))
        for sub in elem.sub:
            out.extend(_pieces(sub))
        out.append(Ph(str(elem.id), "close", "", "g"))
        return out
    if isinstance(elem, X):
        return [Ph(str(elem.id), "solo", "", "x")]
    # A tool may split a <g> into <bx/> and <ex/>, paired by rid (the <g>'s id).
    if isinstance(elem, Bx):
        return [Ph(str(elem.rid or elem.id), "open", "", "bx")]
    if isinstance(elem, Ex):
        return [Ph(str(elem.rid or elem.id), "close", "", "ex")]
    for sub in elem.sub:
        out.extend(_pieces(sub))
    return out
