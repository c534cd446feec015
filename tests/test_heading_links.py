"""A link's ``#fragment`` lands on the narrative heading it names, in every language, however
the writer spelled it; and a narrative heading never takes an id the page already has.

The site is a stranger's: Arabic is its source language, the narrative it links to is
translated into English and French with headings in their own words, and the links are
written the ways people write them (another language's slug, capitals, MkDocs' ASCII
slug, the page's own section under another case)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from igfpub.cli import main as igfpub
from igfpub.core import markup
from igfpub.core.headings import RESERVED, Heading, anchor, find, page_id
from igfpub.core.languages import UN, use
from igfpub.core.loader import Limits, load_corpus, reload_documents
from igfpub.core.model import Localized
from igfpub.core.present import Presenter
from igfpub.core.publications import Index
from tests.contentkit import BASE, digest, write_tree
from tests.linkcheck import broken_links

THEME = Path(__file__).parents[1] / "igfpub" / "theme"

TARGET_AR = """\
---
id: IGF2026-OF-2
edition: 2026
type: open-forum
title: "منتدى مفتوح"
track: access
date: 2026-06-03
rapporteur: "ليلى"
key_takeaways:
  - "الوصول أولاً."
---
## السياق العام

نص أول.

## ما قيل

نص ثانٍ.
"""
TARGET_EN = """\
---
title: "An open forum"
translation: {{status: human, source_hash: {hash}}}
---
## General context

First text.

## What was said

Second text.
"""
TARGET_FR = """\
---
title: "Un forum ouvert"
translation: {{status: human, source_hash: {hash}}}
---
Contexte général
----------------

Premier texte.

## Ce qui a été dit

Deuxième texte.
"""
LINKING = """\
---
id: IGF2026-WS-1
edition: 2026
type: workshop
title: "A workshop"
track: access
date: 2026-06-02
rapporteur: "A. Stranger"
key_takeaways:
  - "Access first."
---
## Key takeaways

We read [the context](igf2026-of-2.md#Contexte-général), [the same, in English](igf2026-of-2.md#general-context),
[what was said](igf2026-of-2.md#ما-قيل), [MkDocs' spelling](igf2026-of-2.md#contexte-general),
[their takeaways](igf2026-of-2.md#Key-Takeaways) and [ours](#key-takeaways_1).
"""

INTERSESSIONAL = """\
---
id: DC-EXAMPLE-2026
edition: 2026
group: dc-example
title: "Takeaways"
status: final
key_takeaways:
  - "Access matters."
recommendations:
  - text: "Fund access."
    to: [itu]
---
## Our method

We met monthly.
"""

# The heading each language's page gives the two headings of the target.
CONTEXT = {"": "السياق-العام", "en/": "general-context", "fr/": "contexte-général"}
SAID = {"": "ما-قيل", "en/": "what-was-said", "fr/": "ce-qui-a-été-dit"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("headings") / "s"
    assert igfpub(["init", str(root), "--languages", "ar,en,fr", "--name", "Test"]) == 0
    sessions = root / "content" / "sessions" / "2026"
    (sessions / "igf2026-ws-1.md").write_text(LINKING, encoding="utf-8")
    target = sessions / "igf2026-of-2.md"
    target.write_text(TARGET_AR, encoding="utf-8")
    (sessions / "igf2026-of-2.en.md").write_text(
        TARGET_EN.format(hash=digest(target)), encoding="utf-8"
    )
    (sessions / "igf2026-of-2.fr.md").write_text(
        TARGET_FR.format(hash=digest(target)), encoding="utf-8"
    )
    # The other texts that are their page's own: an intersessional document's context, an
    # edition's introduction and a body's report-back.
    (root / "content" / "messages" / "2026").mkdir(parents=True)
    (root / "content" / "messages" / "2026" / "dc-example-2026.md").write_text(
        INTERSESSIONAL, encoding="utf-8"
    )
    edition = root / "content" / "editions" / "2026.md"
    edition.write_text(
        edition.read_text(encoding="utf-8") + "\n## Programme overview\n\nText.\n",
        encoding="utf-8",
    )
    (root / "content" / "bodies").mkdir()
    (root / "content" / "bodies" / "parliament.md").write_text(
        "---\nbody: parliament\n---\n## What we did\n\nWe held a hearing.\n", encoding="utf-8"
    )
    (root / "content" / "index.md").write_text(
        "# الرئيسية\n\n[What was said](sessions/2026/igf2026-of-2.md#What-was-said)\n"
        "[Method](messages/2026/dc-example-2026.md#our-method) "
        "[Overview](editions/2026.md#Programme-Overview) "
        "[Hearing](bodies/parliament.md#what-we-did)\n",
        encoding="utf-8",
    )
    cwd = Path.cwd()
    os.chdir(root)
    try:
        assert igfpub(["check"]) == 0
        assert igfpub(["build", "--no-pdf", "--cache-dir", str(root / "cache")]) == 0
    finally:
        os.chdir(cwd)
        use(UN)
    yield root / "site"


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("prefix", ["", "en/", "fr/"])
def test_each_language_page_gives_its_headings_ids_in_its_own_words(
    site: Path, prefix: str
) -> None:
    report = _page(site, f"{prefix}sessions/2026/igf2026-of-2/").select(".igf-report h3")
    assert [h.get("id") for h in report] == [CONTEXT[prefix], SAID[prefix]]


@pytest.mark.parametrize("prefix", ["", "en/", "fr/"])
def test_a_fragment_however_written_leads_to_the_heading_on_that_language_page(
    site: Path, prefix: str
) -> None:
    page = _page(site, f"{prefix}sessions/2026/igf2026-ws-1/")
    hrefs = {a.get_text(): a["href"] for a in page.select(".igf-report a")}
    assert hrefs == {
        "the context": f"../igf2026-of-2/#{CONTEXT[prefix]}",
        "the same, in English": f"../igf2026-of-2/#{CONTEXT[prefix]}",
        "what was said": f"../igf2026-of-2/#{SAID[prefix]}",
        "MkDocs' spelling": f"../igf2026-of-2/#{CONTEXT[prefix]}",
        "their takeaways": "../igf2026-of-2/#key-takeaways",
        "ours": "#key-takeaways_1",
    }
    # The narrative's "Key takeaways" is not the page's list of key takeaways.
    assert [h.get("id") for h in page.select(".igf-report h3")] == ["key-takeaways_1"]
    assert page.select_one("h2#key-takeaways") is not None


def test_a_free_page_links_a_heading_too(site: Path) -> None:
    for prefix in CONTEXT:
        link = _page(site, prefix).find("a", string="What was said")
        assert link is not None and link["href"].endswith(f"igf2026-of-2/#{SAID[prefix]}")


@pytest.mark.parametrize(
    ("link", "url", "id_"),
    [
        ("Method", "messages/2026/dc-example-2026/", "our-method"),
        ("Overview", "editions/2026/", "programme-overview"),
        ("Hearing", "bodies/parliament/", "what-we-did"),
    ],
)
def test_the_other_texts_of_their_own_page_have_heading_ids_too(
    site: Path, link: str, url: str, id_: str
) -> None:
    for prefix in CONTEXT:
        a = _page(site, prefix).find("a", string=link)
        assert a is not None and a["href"] == f"{url}#{id_}"
        assert _page(site, prefix + url).find(id=id_).name in ("h3", "h4")


def test_every_fragment_of_the_site_lands_on_an_element(site: Path) -> None:
    assert broken_links(site) == []


def test_ids_are_slugged_in_any_script_and_kept_apart() -> None:
    text = (
        "## Background\n\n## Background\n\n## 背景\n\n## 🎉\n\n## Recommendations\n\n"
        "## Track record\n\n## Energy {#power}\n\n## power\n"
    )
    assert markup.outline(text) == (
        Heading("background", "Background"),
        Heading("background_1", "Background"),
        Heading("背景", "背景"),
        Heading("_1", "🎉"),
        Heading("recommendations_1", "Recommendations"),
        # An edition page makes `track-<id>` ids from its data.
        Heading("track-record_1", "Track record"),
        Heading("power", "Energy", written=True),
        Heading("power_1", "power"),
    )
    html = markup.block(text, anchors=True)
    assert html.count(' id="') == 8 and '<h3 id="background_1">' in html
    # A text shown on a page that is not its own (a body's response) gets none, not even
    # the one its writer gave: two texts on one page could give the same.
    assert markup.block(text).count(" id=") == 0
    assert markup.outline("No heading; a #hashtag.") == ()


def test_find_knows_the_forms_people_write() -> None:
    headings = anchor("<h2>Contexte général</h2><h2>L’IA &amp; nous</h2>")[1]
    for written, expected in [
        ("contexte-général", 0), ("Contexte-Général", 0), ("contexte-general", 0),
        ("Contexte général", 0), ("lia-nous", 1), ("l-ia-nous", None), ("nous", None),
    ]:  # fmt: skip
        assert find(written, headings) == expected, written
    assert page_id("Key-Takeaways") == "key-takeaways"
    assert page_id("edition-2025") == "edition-2025"
    assert page_id("background") is None


def test_every_fixed_id_of_the_theme_is_reserved() -> None:
    """A heading must not take an id the page around it holds: the theme's literal ids
    are all in RESERVED (ids made from data are a reserved family, or hold a slash)."""
    literal = set()
    for template in THEME.rglob("*.html"):
        if "print" in template.parts or "mail" in template.parts:
            continue  # PDFs and e-mails show no narrative with anchors
        literal |= set(re.findall(r'\bid="([^"{]*)"', template.read_text(encoding="utf-8")))
    section_ids = set()
    for template in THEME.rglob("*.html"):
        section_ids |= set(
            re.findall(r'message_list\([^)]*"([a-z-]+)"', template.read_text(encoding="utf-8"))
        )
    allowed_elsewhere = {"igf-search-status", "igf-search-results", "igf-search-q",
                         "igf-filters", "filters-heading", "chart-title", "chart-desc",
                         "by-track", "by-body", "awaiting"}  # fmt: skip
    assert (literal | section_ids) - RESERVED - allowed_elsewhere == set()


WS = "sessions/2025/ws-1.md"


def _report(report: str) -> dict[str, str]:
    """The base tree's session, with ``report`` as its narrative."""
    return {WS: BASE[WS].replace("Report.", report)}


def test_a_translation_with_other_headings_gets_the_id_the_fragment_named(tmp_path: Path) -> None:
    root = write_tree(tmp_path, _report("## Background\n\n## Outcome\n"))
    translation = (
        "---\ntitle: Une session\ntranslation: {status: human, source_hash: "
        f"{digest(root / 'sessions/2025/ws-1.md')}}}\n---\n## Résultat\n"
    )
    (root / "sessions/2025/ws-1.fr.md").write_text(translation, encoding="utf-8")
    result = load_corpus(root)
    assert [str(i) for i in result.issues] == []
    text = Localized.plain("[o](sessions/2025/ws-1.md#Outcome)", "index.md")
    hrefs = {}
    for lang in ("en", "fr", "es"):
        shown = Presenter(result.corpus, lang, lambda url: url).block(text)
        hrefs[lang] = BeautifulSoup(shown.html, "html.parser").a["href"]
    assert hrefs == {
        "en": "sessions/2025/igf2025-ws-1/#outcome",
        # One heading where the source has two: which is "Outcome" is not known.
        "fr": "fr/sessions/2025/igf2025-ws-1/#outcome",
        "es": "es/sessions/2025/igf2025-ws-1/#outcome",  # English shown, English ids
    }


def test_a_fragment_that_names_nothing_is_a_warning_on_its_line(tmp_path: Path) -> None:
    home = (
        "# Home\n\n[ok](sessions/2025/ws-1.md#next-steps)\n"
        "[typo](sessions/2025/ws-1.md#nxt-steps) [section](sessions/2025/ws-1.md#calls-to-action)\n"
    )
    root = write_tree(tmp_path, {**_report("## Background\n\n## Next steps\n"), "index.md": home})
    result = load_corpus(root)
    assert [str(i) for i in result.issues] == [
        "index.md:4: warning: link to 'sessions/2025/ws-1.md#nxt-steps': that page has no "
        "heading or section 'nxt-steps' (its headings: background, next-steps)"
    ]
    assert result.ok


def test_a_save_that_may_link_a_heading_takes_a_whole_load(tmp_path: Path) -> None:
    """The preview reloads only the saved files, but which documents' headings are linked
    (what the pages holding those links are made from) takes every file: a saved text
    with such a link makes the preview load everything."""
    root = write_tree(tmp_path, {})
    base = load_corpus(root).corpus
    ws = root / "sessions/2025/ws-1.md"
    for added, whole in [
        ("A [message](ws-1.md#IGF2025-WS-1/cta-1), [a site](https://e.org/#x), #tag.", False),
        ("See [the background](<../2025/ws-1.md#Background>).", True),
        ("[bg]: ws-1.md#background\n\nSee [it][bg].", True),
    ]:
        ws.write_text(BASE["sessions/2025/ws-1.md"] + f"\n{added}\n", encoding="utf-8")
        reloaded = reload_documents(root, base, ["sessions/2025/ws-1.md"], Limits())
        assert (reloaded is None) == whole, added
    assert load_corpus(root).corpus.heading_targets == {"IGF2025-WS-1"}


def test_open_data_links_a_heading_by_its_id_and_keeps_an_unknown_fragment(
    tmp_path: Path,
) -> None:
    """Open data's Markdown makes links absolute: a heading's fragment becomes its id in
    the text's language, and one that names nothing stays as written, still absolute."""
    result = load_corpus(write_tree(tmp_path, _report("## Next steps\n\nText.\n")))
    links = markup.Links(Index(result.corpus).linker, "index.md")
    text = "[a](sessions/2025/ws-1.md#Next-Steps) and [b](sessions/2025/ws-1.md#nope)"
    assert markup.portable(text, links, "fr", "https://igf.example/") == (
        "[a](https://igf.example/fr/sessions/2025/igf2025-ws-1/#next-steps) and "
        "[b](https://igf.example/fr/sessions/2025/igf2025-ws-1/#nope)"
    )
