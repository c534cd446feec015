"""The parsed content files kept between builds (igfpub/outputs/parsecache.py): a load
that takes them from the cache gives the corpus a fresh load gives, an edited file is
read again, and a torn or foreign cache only means reading every file."""

from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path

from igfpub.core.frontmatter import Document, Parsed
from igfpub.core.languages import use
from igfpub.core.loader import load_corpus
from igfpub.mkdocs.site import read_site
from igfpub.outputs import parsecache
from igfpub.outputs.parsecache import keep_parsed, open_parsed

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"


class Counting(Parsed):
    """Counts the files actually parsed (not found in what it was given)."""

    def __init__(self, known: dict[bytes, Document]) -> None:
        super().__init__(known)
        self.parsed = 0
        self._given = set(known)

    def read(self, data: bytes) -> Document:
        self.parsed += hashlib.sha256(data).digest() not in self._given
        return super().read(data)


def test_cached_parse_gives_the_same_corpus_and_rereads_edits(tmp_path: Path) -> None:
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(PROJECT / "content", content)
    site = read_site(CONFIG, content)
    use(site.languages)
    fresh = load_corpus(content, site.limits)
    first = open_parsed(cache)
    assert first.known == {}
    assert load_corpus(content, site.limits, first).corpus == fresh.corpus
    keep_parsed(first, cache)

    # A translator's edit (French, with an emoji) to one session.
    session = next(p for p in sorted((content / "sessions").rglob("*.fr.md")))
    text = session.read_text(encoding="utf-8")
    session.write_text(text.replace("\n---\n", "\n---\n\nUne phrase ajoutée 🎉.\n", 1),
                       encoding="utf-8")  # fmt: skip
    counting = Counting(open_parsed(cache).known)
    assert len(counting.known) > 50
    again = load_corpus(content, site.limits, counting)
    assert counting.parsed == 1
    assert again.corpus == load_corpus(content, site.limits).corpus
    source = session.relative_to(content).as_posix().replace(".fr.md", ".md")
    doc = next(d for d in again.corpus.documents() if d.source.path == source)
    assert "Une phrase ajoutée 🎉." in doc.text.body.values["fr"]


def test_torn_or_foreign_cache_reads_every_file(tmp_path: Path) -> None:
    (tmp_path / parsecache.NAME).write_bytes(b"\x80\x05torn")
    assert open_parsed(tmp_path).known == {}
    (tmp_path / parsecache.NAME).write_bytes(pickle.dumps(("other code", {b"x": 1})))
    assert open_parsed(tmp_path).known == {}
