"""The open data files of ``api/v1/``, cached by what they are made from: the documents as
the pages of others see them (their messages and translations' states, not their report
text), the registries and follow-up, the site's address and igfpub's code. A report's
text edited, the files are taken from the cache; seconds at 2,000 sessions otherwise.
Their JSON Schemas are made anew at every build, for the site's languages.
"""

from __future__ import annotations

from pathlib import Path

from igfpub.core import followupdata, opendata
from igfpub.core.inputs import PageInputs
from igfpub.core.languages import Languages
from igfpub.core.opendataschemas import site_schema
from igfpub.core.publications import Index
from igfpub.outputs.cache import keep, kept

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def open_data_files(
    index: Index, inputs: PageInputs, site: str, cache: Path, code: str
) -> dict[str, bytes]:
    """File name -> bytes: the JSON and CSV files (their schemas: :func:`schema_files`)."""
    key = "\0".join(("open data", code, site, inputs.shared, inputs.all))
    entry = cache / "open-data.pickle"
    found = kept(entry, key)
    if isinstance(found, dict):
        return found
    files = _made(index, site)
    keep(entry, key, files)  # the files of the content that is no more are replaced
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


def schema_files(languages: Languages, site: str = "") -> dict[str, bytes]:
    """File name -> bytes: the JSON Schemas of the open data, their maps from language to
    text or URL in the site's languages (a few kilobytes: not worth a cache entry), each
    identified by its address on the site (``site``: its URL, ending in "/")."""
    return {
        path.name: site_schema(
            path.read_text(encoding="utf-8"), languages, f"{site}api/v1/{path.name}" if site else ""
        )
        for path in sorted(SCHEMAS.glob("*.schema.json"))
    }
