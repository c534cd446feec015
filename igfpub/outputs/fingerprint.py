"""A digest of what, besides the content, decides every output: igfpub's own code and
theme, a site's template overrides, its ``mkdocs.yml``, and the versions of the libraries
that render (MkDocs, Material, Markdown, ...).

Material's own templates are covered by its pinned version rather than read file by file:
they only change when the package does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
RENDERERS = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "markdown", "pymdown-extensions",
             "jinja2", "nh3", "babel", "pagefind")  # fmt: skip


def fingerprint(config_file: Path | None, theme_dirs: Iterable[str | Path], *extra: object) -> str:
    h = hashlib.sha256(_code())
    if config_file is not None and config_file.is_file():
        h.update(b"config\0" + config_file.read_bytes())
    for folder in theme_dirs:
        path = Path(folder).resolve()
        if path.is_relative_to(PACKAGE) or _is_material(path):
            continue  # in _code() / the version of Material
        h.update(_tree(path))
    h.update(repr(extra).encode())
    return h.hexdigest()


@cache
def _code() -> bytes:
    """igfpub's code, theme and schemas, and the renderers' versions (once per process:
    a change of code needs a new process anyway)."""
    h = hashlib.sha256(_tree(PACKAGE, skip_suffixes=(".pyc", ".mo")))
    for dist in RENDERERS:
        try:
            h.update(f"{dist}={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=none\0".encode())
    return h.digest()


def _is_material(path: Path) -> bool:
    return "site-packages" in path.parts and "material" in path.parts


def _tree(folder: Path, skip_suffixes: tuple[str, ...] = (".mo",)) -> bytes:
    """Every file under ``folder``: its path and bytes. Compiled catalogs (.mo) are made
    from the .po files hashed beside them."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix in skip_suffixes or "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.digest()
