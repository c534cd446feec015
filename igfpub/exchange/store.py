"""The source texts a translation was made from, kept beside the content.

A translation records the ``source_hash`` of the source it translated. To tell a
translator (and a reader) *what* changed since, igfpub needs that version's text: each
import writes the segments of the source it translated to
``CONTENT/.igfpub/sources/<source_hash>.json``. The folder is hidden, so neither igfpub's
loader nor MkDocs publish it; commit it with the translations. A translation made before
this store existed has no entry: its source version is then looked up in the git history
(:mod:`igfpub.exchange.history`), and failing that every segment is sent again.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from igfpub.core.segments import Segment

FOLDER = Path(".igfpub") / "sources"


def path(content: Path, source_hash: str) -> Path:
    return content / FOLDER / f"{source_hash[:12]}.json"


def dump(segments: list[Segment]) -> bytes:
    data = {"segments": [asdict(s) for s in segments]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def load(content: Path, source_hash: str | None) -> list[Segment] | None:
    if not source_hash:
        return None
    file = path(content, source_hash.removeprefix("sha256:"))
    try:
        data = json.loads(file.read_bytes())
        return [Segment(**s) for s in data["segments"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None
