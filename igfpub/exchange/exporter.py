"""``igfpub translate export``: what is left to translate into one language, as XLIFF 1.2
or PO. Segments that the translation already has, from the same source text, are not
sent: they are carried over on import."""

from __future__ import annotations

from pathlib import Path

from igfpub.core.issues import Issue, Severity, for_exchange
from igfpub.core.loader import load_corpus
from igfpub.core.segments import Segment
from igfpub.exchange import po, xliff
from igfpub.exchange.progress import left_to_translate, previous


def run(
    content: Path, lang: str, edition: int | None, fmt: str
) -> tuple[list[Issue], bytes | None, list[Segment]]:
    result = load_corpus(content)
    issues = for_exchange(result.issues)
    if any(i.is_error for i in issues):
        return issues, None, []
    corpus = result.corpus
    if lang not in corpus.languages.translations:
        problem = Issue(str(content), 0, Severity.ERROR, f"{lang!r} is not a translation language "
                        f"of this site ({', '.join(corpus.languages.translations)})")  # fmt: skip
        return [problem], None, []
    if edition is not None and edition not in corpus.editions:
        problem = Issue(str(content), 0, Severity.ERROR, f"edition {edition} does not exist")
        return [problem], None, []
    segments = left_to_translate(content, corpus, lang, edition)
    before = previous(content, corpus, lang, edition)
    writer = po.write if fmt == "po" else xliff.write
    return issues, writer(segments, corpus.languages.source, lang, before), segments
