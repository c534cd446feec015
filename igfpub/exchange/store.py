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


# A translation updated in parts stays stale, and keeps its source_hash, until every
# segment translated from an older source is translated again (the importer); meanwhile,
# what each segment imported since was translated from is kept for that language, beside
# the old source's: else a segment delivered in an earlier part counted as made from the
# older source, and was sent again at each export, and the translation never became current.
def overlay_path(content: Path, source_hash: str, lang: str) -> Path:
    return content / FOLDER / f"{source_hash.removeprefix('sha256:')[:12]}.{lang}.json"


def load_overlay(content: Path, source_hash: str | None, lang: str) -> dict[str, str]:
    """Segment id -> the source text the ``lang`` translation's segment was made from,
    for the segments imported since that translation's ``source_hash``."""
    if not source_hash:
        return {}
    try:
        data = json.loads(overlay_path(content, source_hash, lang).read_bytes())
        return {k: v for k, v in data["translated_from"].items() if isinstance(v, str)}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def dump_overlay(texts: dict[str, str]) -> bytes:
    data = {"translated_from": dict(sorted(texts.items()))}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


# The registries' names and acronyms are translated in place (``name: {en: ..., fr: ...}``):
# no translation file records a source_hash for them. What each was translated from is
# kept here, by language and segment id, so that a name changed in the source language
# is sent for translation again (before, "National Parliament" renamed in English kept
# its French name, and nothing said so).
REGISTRY = FOLDER / "registry.json"


def registry_sources(content: Path) -> dict[str, dict[str, str]]:
    """language -> registry segment id -> the source text its translation was made from."""
    try:
        data = json.loads((content / REGISTRY).read_bytes())
        return {
            lang: {sid: text for sid, text in texts.items() if isinstance(text, str)}
            for lang, texts in data["translated_from"].items()
            if isinstance(texts, dict)
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def dump_registry_sources(sources: dict[str, dict[str, str]]) -> bytes:
    data = {
        "translated_from": {lang: dict(sorted(t.items())) for lang, t in sorted(sources.items())}
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()
