"""What the format readers hand to the importer: one translated unit, format-neutral."""

from __future__ import annotations

from dataclasses import dataclass, field

from igfpub.core.mdblocks import Piece


@dataclass(frozen=True)
class Incoming:
    id: str
    source: str  # the source as the file gives it, in the format's own notation
    target: list[Piece]  # text and placeholders (Ph with id and role; md is filled later)
    machine: bool  # XLIFF needs-review-translation or an mt- state-qualifier
    line: int = 0
    target_lang: str | None = None  # a unit that says its own target language
    # A translator confirmed the target (XLIFF state final or signed-off, approved="yes"):
    # one the same as its source ("open source" kept in French) is then a translation.
    confirmed: bool = False


@dataclass
class FileRead:
    lang: str | None
    units: list[Incoming] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    source_lang: str | None = None
    lang_line: int = 0  # where the file names its languages
