"""List structure that PDF/UA-1 accepts, repaired in WeasyPrint's structure tree.

WeasyPrint 70 tags ``ul``/``ol``/``dl`` as ``L`` and ``li``/``dt``/``dd`` as ``LI``, but
what HTML allows around them is not what PDF/UA allows: a ``<div>`` grouping a ``dt`` with
its ``dd`` becomes a ``Div`` inside an ``L``, a list item's content sits beside its ``Lbl``
instead of inside an ``LBody``, and an item may end up outside any ``L``. A checker then
fails every document (PDFUA1-L-KIDS-001, PDFUA1-LI-KIDS-001, PDFUA1-LI-PARENT-001).

Rewriting the templates would not be enough: lists also come from content Markdown. So the
tree is repaired after WeasyPrint built it and before it is written, on pydyf's objects:

- an ``L`` keeps ``L``, ``LI`` and ``Caption``; a grouping ``Div`` (or ``NonStruct``) that
  holds only those gives them to the ``L``; anything else is wrapped in ``LI``/``LBody``;
- an ``LI`` keeps ``Lbl`` and ``LBody``; each run of other children goes into one ``LBody``;
- a run of ``LI`` outside an ``L`` is wrapped in an ``L``.

Only structure elements move; marked content stays in the element that holds it, so the
page's parent tree (MCID to element) stays right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pydyf  # type: ignore[import-untyped]

LIST_KIDS = frozenset({"/L", "/LI", "/Caption"})
ITEM_KIDS = frozenset({"/Lbl", "/LBody"})
GROUPS = frozenset({"/Div", "/NonStruct"})


def fix_lists(pdf: Any) -> None:
    """Repair the list structure of every structure element of ``pdf`` (a pydyf.PDF whose
    tags WeasyPrint has added)."""
    root = _resolve(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    stack = [e for e in (_element(pdf, ref) for ref in root["K"]) if e is not None]
    while stack:
        element = stack.pop()
        _fix(pdf, element)
        stack.extend(e for e in (_element(pdf, ref) for ref in element["K"]) if e is not None)


def _fix(pdf: Any, element: Any) -> None:
    kind = element["S"]
    if kind == "/L":
        element["K"] = pydyf.Array(_list_kids(pdf, element))
    elif kind == "/LI":
        element["K"] = pydyf.Array(_item_kids(pdf, element))
    else:
        element["K"] = pydyf.Array(_wrap_loose_items(pdf, element))


def _list_kids(pdf: Any, lst: Any) -> list[Any]:
    kids: list[Any] = []
    for ref in lst["K"]:
        kid = _element(pdf, ref)
        if kid is None or kid["S"] in LIST_KIDS:
            kids.append(ref)
        elif kid["S"] in GROUPS and _all_of(pdf, kid["K"], LIST_KIDS):
            for grandchild in kid["K"]:
                _element(pdf, grandchild)["P"] = lst.reference
                kids.append(grandchild)
        else:
            item = _new(pdf, "/LI", lst, kid)
            body = _new(pdf, "/LBody", item, kid)
            item["K"].append(body.reference)
            body["K"].append(ref)
            kid["P"] = body.reference
            kids.append(item.reference)
    return kids


def _item_kids(pdf: Any, item: Any) -> list[Any]:
    return _group_runs(pdf, item, "/LBody", lambda kid: kid["S"] not in ITEM_KIDS)


def _wrap_loose_items(pdf: Any, parent: Any) -> list[Any]:
    return _group_runs(pdf, parent, "/L", lambda kid: kid["S"] == "/LI")


def _group_runs(pdf: Any, parent: Any, kind: str, joins: Callable[[Any], bool]) -> list[Any]:
    """``parent``'s kids, each run of consecutive elements that ``joins`` moved under a new
    ``kind`` element; other kids (and content that is not an element) stay as they are."""
    kids: list[Any] = []
    group: Any = None
    for ref in parent["K"]:
        kid = _element(pdf, ref)
        if kid is None or not joins(kid):
            kids.append(ref)
            group = None
            continue
        if group is None:
            group = _new(pdf, kind, parent, kid)
            kids.append(group.reference)
        group["K"].append(ref)
        kid["P"] = group.reference
    return kids


def _new(pdf: Any, kind: str, parent: Any, like: Any) -> Any:
    element = pydyf.Dictionary(
        {"Type": "/StructElem", "S": kind, "K": pydyf.Array([]), "P": parent.reference}
    )
    if "Pg" in like:
        element["Pg"] = like["Pg"]
    pdf.add_object(element)
    return element


def _all_of(pdf: Any, refs: Any, kinds: frozenset[str]) -> bool:
    elements = [_element(pdf, ref) for ref in refs]
    return bool(elements) and all(e is not None and e["S"] in kinds for e in elements)


def _element(pdf: Any, ref: Any) -> Any:
    """The structure element ``ref`` points at; None for marked content and annotations."""
    obj = _resolve(pdf, ref)
    if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem":
        return obj
    return None


def _resolve(pdf: Any, ref: Any) -> Any:
    if not (isinstance(ref, bytes) and ref.endswith(b" R")):
        return None
    return pdf.objects[int(ref.split()[0])]
