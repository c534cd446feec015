"""Tiny content trees written by tests: a valid base, and files a case adds or replaces."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

BASE: dict[str, str] = {
    "index.md": "# Home\n",
    "registry/bodies.yml": (
        "- id: itu\n"
        "  acronym: ITU\n"
        "  name: {en: International Telecommunication Union, fr: Union internationale des télécommunications}\n"
        "  type: un-agency\n"
        "- id: oecd\n"
        "  acronym: OECD\n"
        "  name: Organisation for Economic Co-operation and Development\n"
        "  type: igo\n"
    ),
    "registry/groups.yml": (
        "- id: dc-access\n  kind: dc\n  acronym: DCAD\n  name: Dynamic Coalition on Accessibility\n"
    ),
    "editions/2025.md": (
        "---\n"
        "edition: 2025\n"
        "title: IGF 2025\n"
        "city: Lillestrøm\n"
        "country: Norway\n"
        "dates: {start: 2025-06-23, end: 2025-06-27}\n"
        "tracks:\n"
        "  - id: trust\n"
        "    title: Digital trust\n"
        "messages_status: draft\n"
        "---\n"
        "Intro.\n"
    ),
    "sessions/2025/ws-1.md": (
        "---\n"
        "id: IGF2025-WS-1\n"
        "edition: 2025\n"
        "type: workshop\n"
        "title: A session\n"
        "track: trust\n"
        "date: 2025-06-24\n"
        "rapporteur: A. Person\n"
        "key_takeaways:\n"
        "  - One.\n"
        "  - Two.\n"
        "calls_to_action:\n"
        "  - text: Do it.\n"
        "    to: [itu]\n"
        "---\n"
        "Report.\n"
    ),
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in {**BASE, **files}.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def session(**fields: str) -> str:
    """The base session with some lines replaced (value "" drops the field)."""
    lines = BASE["sessions/2025/ws-1.md"].splitlines()
    out = []
    skip_block = False
    for line in lines:
        key = line.split(":", 1)[0] if line and not line.startswith((" ", "-")) else None
        if key in fields:
            skip_block = True
            if fields[key]:
                out.append(fields[key])
            continue
        if skip_block and line.startswith(" "):
            continue
        skip_block = False
        out.append(line)
    # Fields the base does not have go at the end of the front matter.
    closing = len(out) - 1 - out[::-1].index("---")
    present = {line.split(":", 1)[0] for line in lines}
    out[closing:closing] = [v for k, v in fields.items() if k not in present and v]
    return "\n".join(out) + "\n"


def build_in(folder: Path) -> int:
    """``igfpub build --no-pdf`` run in ``folder``, as a user runs it there (the site's
    mkdocs.yml found in the current folder); its exit code. The sample site's languages
    are set again afterwards, for the rest of the suite."""
    from igfpub.cli import main as igfpub
    from igfpub.core.languages import UN, use

    cwd = Path.cwd()
    os.chdir(folder)
    try:
        return igfpub(["build", "--no-pdf"])
    finally:
        os.chdir(cwd)
        use(UN)
