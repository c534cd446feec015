"""The parsed content files, kept in the cache between builds.

Reading the front matter of every file (YAML, with the line of every key) was most of the
load of a large archive: a second of every build at 2,000 sessions, though a build after
one report landed has one file to read. The cache holds what the last load read, by the
SHA-256 of each file's bytes, and is dropped whenever igfpub's code changes (what a file
reads as is decided by that code). It also holds the documents the load made of those
files (igfpub/core/loader.py's ``_made``).
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from igfpub.core.frontmatter import Parsed
from igfpub.lifetime import FORKING, leave_interrupts_to_parent
from igfpub.outputs.cache import keep, kept
from igfpub.outputs.fingerprint import fingerprint

NAME = "parsed.pickle"


def open_parsed(cache: Path) -> Parsed:
    """The files the last build read, or none if the cache is missing, torn or foreign."""
    known = kept(cache / NAME, _code())
    if not isinstance(known, tuple) or len(known) != 2:
        return Parsed()
    return Parsed(*known)


def keep_parsed(parsed: Parsed, cache: Path) -> None:
    """Keep what the load just made read, for the next build."""
    keep(cache / NAME, _code(), (parsed.known, parsed.documents.known))


def keep_parsed_soon(parsed: Parsed, cache: Path) -> None:
    """:func:`keep_parsed` in a process of its own, the build going on meanwhile (pickling
    thousands of files is a quarter of a second of one core, while the other is idle).
    igfpub waits for it before it exits (multiprocessing joins its children)."""
    process = multiprocessing.get_context("fork").Process(target=_keep_in_child,
                                                          args=(parsed, cache))  # fmt: skip
    with FORKING:
        process.start()


def _keep_in_child(parsed: Parsed, cache: Path) -> None:
    leave_interrupts_to_parent()  # a cache entry is written whole (igfpub/lifetime.py)
    keep_parsed(parsed, cache)


def _code() -> str:
    return fingerprint(None, (), "parsed")
