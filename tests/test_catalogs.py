"""No English interface words on a French or Arabic page: every UI string in the
templates is translated, not fuzzy, in all five catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from igfpub.catalogs import ui_messages
from igfpub.core.languages import LANGUAGES
from tests.conftest import Site

OVERRIDES = Path(__file__).resolve().parent.parent / "igfpub" / "theme"


def template_strings() -> set[str]:
    """Every msgid of the templates (pages and e-mails), and of Python code that calls
    gettext (feeds), as `igfpub status` and `igfpub catalogs --init` see them."""
    return set(ui_messages())


def test_templates_use_gettext() -> None:
    assert len(template_strings()) > 50


# The six UN languages and Portuguese ship complete catalogs.
@pytest.mark.parametrize("lang", [*LANGUAGES[1:], "pt"])
def test_catalog_translates_every_template_string(lang: str) -> None:
    with (OVERRIDES / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    # A plural entry's id is (singular, plural) and its string one text per plural form.
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}

    def done(s: str) -> bool:
        text = translated[s].string
        return all(text) if isinstance(text, tuple) else bool(text)

    missing = sorted(s for s in template_strings() if s not in translated or not done(s))
    assert missing == []
    fuzzy = sorted(m.id for m in translated.values() if m.fuzzy)
    assert fuzzy == []


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("fr", "Appels à l'action"), ("es", "Llamamientos a la acción"), ("ar", "دعوات إلى العمل")],
)
def test_pages_show_interface_in_reader_language(bilingual: Site, lang: str, heading: str) -> None:
    page = bilingual.page(f"{lang}/sessions/2025/igf2025-ws-1/")
    assert page.find(id="calls-to-action").get_text(strip=True) == heading
    notice_or_labels = " ".join(dt.get_text() for dt in page.select(".igf-facts dt"))
    for english in ("Session type", "Track", "Stakeholder groups", "Rapporteur:", "Organisers"):
        assert english not in notice_or_labels
