"""The open data files of ``api/v1/``, cached by what they are made from: the documents as
the pages of others see them (their messages and translations' states, not their report
text), the registries and follow-up, the site's address and igfpub's code. A report's
text edited, the files are taken from the cache; seconds at 2,000 sessions otherwise.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from igfpub.core import followupdata, opendata
from igfpub.core.inputs import PageInputs
from igfpub.core.publications import Index
from igfpub.outputs.cache import atomic_write


def open_data_files(
    index: Index, inputs: PageInputs, site: str, cache: Path, code: str
) -> dict[str, bytes]:
    """File name -> bytes: the JSON and CSV files (not the schemas, which are code)."""
    parts = ("open data", code, site, inputs.shared, inputs.all)
    entry = cache / f"{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()}.pickle"
    try:
        found = pickle.loads(entry.read_bytes())
    except Exception:  # missing, torn or foreign: made again
        found = None
    if isinstance(found, dict):
        return found
    files = _made(index, site)
    cache.mkdir(parents=True, exist_ok=True)
    atomic_write(entry, pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL))
    for old in cache.glob("*.pickle"):
        if old != entry:
            old.unlink(missing_ok=True)  # the files of content that is no more
    return files


def _made(index: Index, site: str) -> dict[str, bytes]:
    messages = opendata.messages(index, site)
    follow_up = followupdata.follow_up(index, site)
    return {
        "messages.json": opendata.dump(messages),
        "sessions.json": opendata.dump(opendata.sessions(index, site)),
        "bodies.json": opendata.dump(opendata.bodies(index, site)),
        # utf-8-sig: spreadsheet programs detect the encoding only with the byte-order mark.
        "messages.csv": opendata.messages_csv(messages).encode("utf-8-sig"),
        "follow-up.json": opendata.dump(follow_up),
        "follow-up.csv": followupdata.follow_up_csv(follow_up).encode("utf-8-sig"),
    }
