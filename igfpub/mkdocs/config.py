"""The ``igfpub`` plugin's options in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from igfpub.core.loader import Limits


class IgfpubConfig(Config):
    key_takeaways_max = c.Type(int, default=3)
    """Most key takeaways a session may have (the IGF template asks for three)."""

    calls_to_action_max = c.Type(int, default=3)
    """Most calls to action a session may have."""

    pdf = c.Type(bool, default=True)
    """Render PDFs (briefs, printable outcome documents); `igfpub build --no-pdf` turns it off."""

    feedback_url = c.Type(str, default="")
    """Where "Comment on this message" leads, e.g. a mailto: or issue-form URL with
    placeholders {id}, {url}, {lang} and {title}. Empty: no feedback links."""

    contact = c.Type(str, default="")
    """An e-mail address shown in the footer of every page. Empty: none."""

    document_symbol = c.Type(str, default="IGF")
    """The first part of the symbols of briefs and printed outcome documents
    (IGF/2025/BRIEF/ITU, IGF/2025/OUTCOME), shared by all languages, like a UN document's.
    An NRI names its own (`igfpub init --name` writes one from the forum's initials)."""

    cache_dir = c.Optional(c.Dir(exists=False))
    """Where igfpub keeps its caches (relative to mkdocs.yml's folder; default
    .igfpub-cache beside it). The environment variable IGFPUB_CACHE_DIR wins over it, and
    `igfpub build --cache-dir` over both."""

    shell_rendering = c.Type(bool, default=True)
    """Render Material's page chrome once per page shape for session and intersessional
    pages (see igfpub/mkdocs/shell.py). Off: every page through the full template, which
    is what the equivalence test compares against."""


def limits(config: IgfpubConfig) -> Limits:
    """The limits a site sets in its mkdocs.yml: `igfpub check`, `igfpub build` and the
    plugin all validate with these, so that they cannot disagree."""
    return Limits(config.key_takeaways_max, config.calls_to_action_max)
