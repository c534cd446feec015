"""Markdown that CommonMark alone does not know, cut into segments and rebuilt: definition
lists (one of the content's extensions), attribute lists, and the admonitions and content
tabs a Material site enables for its free pages. Before, a definition list's term and
definition were one segment and came back as one paragraph, an admonition's marker was
sent as words and its box was lost, and ``{#id}`` was text a translator could drop."""

from __future__ import annotations

from igfpub.core import mdblocks

NARRATIVE = """\
## Findings {#findings}

Latency
:   The time a *packet* takes,
    end to end.

=== "Fixed"

    Fibre reached 40 % of schools.

??? tip "Read more"
    The survey covered:

    - rural schools
    - urban schools

```text
!!! note "not a box"
    inside a fence
```

!!! warning
    No title here.
"""


def _rebuilt(markdown: str) -> str:
    found = mdblocks.blocks(markdown)
    # What a translation brings: inline Markdown on one line (mdblocks.to_markdown).
    return mdblocks.rebuild(
        markdown, found, {b.key: f"«{' '.join(b.text.split())}»" for b in found}
    )


def test_each_structure_is_cut_into_its_own_segments() -> None:
    found = [(b.kind, " ".join(b.text.split())) for b in mdblocks.blocks(NARRATIVE)]
    assert found == [
        ("h", "Findings"),
        ("dt", "Latency"),
        ("dd", "The time a *packet* takes, end to end."),
        ("t", "Fixed"),
        ("p", "Fibre reached 40 % of schools."),
        ("t", "Read more"),
        ("p", "The survey covered:"),
        ("li", "rural schools"),
        ("li", "urban schools"),
        ("p", "No title here."),
    ]


def test_a_translation_keeps_every_structure() -> None:
    assert (
        _rebuilt(NARRATIVE)
        == """\
## «Findings» {#findings}

«Latency»
:   «The time a *packet* takes, end to end.»

=== "«Fixed»"

    «Fibre reached 40 % of schools.»

??? tip "«Read more»"
    «The survey covered:»

    - «rural schools»
    - «urban schools»

```text
!!! note "not a box"
    inside a fence
```

!!! warning
    «No title here.»
"""
    )


def test_attribute_lists_are_placeholders() -> None:
    parts = mdblocks.pieces("See ![map](map.png){ width=300 } and [more](x.md){: .md-button }.")
    assert [(p.id, p.role, p.md) for p in parts if isinstance(p, mdblocks.Ph)] == [
        ("1", "solo", "![map](map.png)"),
        ("2", "solo", "{ width=300 }"),
        ("3", "open", "["),
        ("3", "close", "](x.md)"),
        ("4", "solo", "{: .md-button }"),
    ]
    assert mdblocks.plain(parts) == "See {1}{2} and {3}more{/3}{4}."
    # Braces that are not an attribute list stay words.
    assert mdblocks.pieces("a set {1, 2} and {x}") == ["a set {1, 2} and {x}"]
