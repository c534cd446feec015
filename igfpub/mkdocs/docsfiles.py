"""The files MkDocs builds from the content folder, found without walking igfpub's data.

MkDocs makes a ``File`` of every file under ``docs_dir``, and igfpub's plugin then drops
those of the data folders (the reports, the messages, the registry) in ``on_files``: it
renders their pages itself. At 2,000 sessions that was some 5,000 files made and dropped
again by every language of every build, a third of a warm rebuild's language step. Where
igfpub runs MkDocs itself (a build's workers, the preview's languages), it walks only
the rest. Under plain ``mkdocs build`` the plugin's ``on_files`` still drops them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, _file_sort_key, set_exclusions

from igfpub.core.loader import DATA_SECTIONS

# The top folders of the content whose files igfpub reads as data, never as MkDocs pages.
DATA_FOLDERS = (*DATA_SECTIONS, "registry")

log = logging.getLogger("mkdocs.structure.files")  # MkDocs' own logger, for its warning


def site_files(config: MkDocsConfig) -> Files:
    """MkDocs 1.6's ``get_files``, the same files in the same order, less the data folders
    (which the plugin would drop)."""
    docs_dir = config["docs_dir"]
    files: list[File] = []
    conflicting: list[tuple[File, File]] = []
    for source_dir, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        relative_dir = os.path.relpath(source_dir, docs_dir)
        if relative_dir == ".":
            dirnames[:] = [name for name in dirnames if name not in DATA_FOLDERS]
        dirnames.sort()
        filenames.sort(key=_file_sort_key)
        by_dest: dict[str, File] = {}
        for filename in filenames:
            file = File(
                os.path.join(relative_dir, filename),  # noqa: PTH118 - as MkDocs makes it
                docs_dir,
                config["site_dir"],
                config["use_directory_urls"],
            )
            # README.md beside an index file: MkDocs keeps the index.
            first = by_dest.setdefault(file.dest_uri, file)
            if first is not file:
                conflicting.append((first, file))
            files.append(file)
    set_exclusions(files, config)
    for a, b in conflicting:
        if b.inclusion.is_included():
            if a.inclusion.is_included():
                log.warning(
                    f"Excluding '{a.src_uri}' from the site because it conflicts with "
                    f"'{b.src_uri}'."
                )
            if a in files:
                files.remove(a)
        elif b in files:
            files.remove(b)
    return Files(files)


@contextmanager
def walking_site_files() -> Iterator[None]:
    """MkDocs' build, while inside, finds its files with :func:`site_files`."""
    import mkdocs.commands.build as build

    walk = build.get_files  # type: ignore[attr-defined]
    build.get_files = site_files  # type: ignore[attr-defined]
    try:
        yield
    finally:
        build.get_files = walk  # type: ignore[attr-defined]
