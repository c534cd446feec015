"""Links between documents: every form the contract allows leads to the right page in the
reader's language, and every link that leads nowhere is an error on its own line."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape
from mkdocs.utils import get_relative_url

from igfpub.core.loader import load_corpus
from igfpub.core.model import Localized
from igfpub.core.present import Presenter
from tests.contentkit import BASE, session, write_tree

WS = "sessions/2025/ws-1.md"
MSG = "messages/2025/dcad.md"
DCAD = (
    "---\nid: DCAD-2025\nedition: 2025\ngroup: dc-access\ntitle: DC takeaways\nstatus: final\n"
    'key_takeaways:\n  - "{kt}"\nrecommendations:\n  - text: Caption everything.\n    to: [itu]\n'
    "---\n{body}\n"
)


def dcad(kt: str = "Captions help.", body: str = "Context.") -> str:
    return DCAD.format(kt=kt, body=body)


BAD: list[tuple[str, dict[str, str | bytes], list[str]]] = [
    (
        "missing file, relative path",
        {MSG: dcad(body="We met at [the workshop](../../sessions/2025/ws-9.md).")},
        [
            f"{MSG}:13: error: link to '../../sessions/2025/ws-9.md': "
            "there is no content file sessions/2025/ws-9.md"
        ],
    ),
    (
        # Ids are read in any case; a file's name is not, and the link looked right.
        "a file named in another case",
        {MSG: dcad(body="We met at [the workshop](../../sessions/2025/WS-1.md).")},
        [
            f"{MSG}:13: error: link to '../../sessions/2025/WS-1.md': "
            "there is no content file sessions/2025/WS-1.md; did you mean sessions/2025/ws-1.md?"
        ],
    ),
    (
        "missing file from the home page, on its own line",
        {"index.md": "# Home\n\nIntro.\n\nSee [IGF 2026](editions/2026.md#intro).\n"},
        [
            "index.md:5: error: link to 'editions/2026.md#intro': "
            "there is no content file editions/2026.md"
        ],
    ),
    (
        "a link to a file whose own front matter is broken: its error, said once",
        {
            "index.md": "# Home\n\nSee [the workshop](sessions/2025/ws-2.md).\n",
            "sessions/2025/ws-2.md": '---\nid: IGF2025-WS-2\ntitle: "Unclosed\n---\nText.\n',
        },
        ["sessions/2025/ws-2.md:3: error: invalid YAML: the '\"' opened on line 3 is not closed"],
    ),
    (
        "a page address that is not published",
        {"index.md": "# Home\n\n[IGF 2024](editions/2024/)\n"},
        ["index.md:3: error: link to 'editions/2024/': no page is published at editions/2024/"],
    ),
    (
        "a page address without its slash",
        {"index.md": "# Home\n\n[help](help)\n"},
        ["index.md:3: error: link to 'help': no page is published at help/"],
    ),
    (
        "an image that is not in the content folder",
        {
            "index.md": "# Home\n\n![logo](img/logo.png) ![ok](img/ok.png)\n",
            "img/ok.png": b"\x89PNG",
        },
        ["index.md:3: error: link to 'img/logo.png': there is no file img/logo.png"],
    ),
    (
        "an image beside a session, which is not published",
        {WS: session() + "\n![chart](chart.svg)\n", "sessions/2025/chart.svg": "<svg/>"},
        [
            f"{WS}:18: error: link to 'chart.svg': files in sessions/ are not published "
            "(igfpub reads that folder as data); put it in another folder"
        ],
    ),
    (
        "missing id as a reference label",
        {MSG: dcad(kt="See [the call][IGF2025-WS-9/cta-1].")},
        [f"{MSG}:8: error: link to [IGF2025-WS-9/cta-1]: no document, message or body has that id"],
    ),
    (
        "missing document id, collapsed reference",
        {WS: session() + "\nAs [IGF2024-WS-1][] said.\n"},
        [f"{WS}:18: error: link to [IGF2024-WS-1]: no document, message or body has that id"],
    ),
    (
        "missing body id",
        {WS: session(key_takeaways="key_takeaways:\n  - One.\n  - Ask [the ITU][ituu].")},
        [f"{WS}:11: error: link to [ituu]: no document, message or body has that id"],
    ),
    (
        "missing message anchor",
        {
            MSG: dcad(
                body="Line one.\n\nThe [call](../../sessions/2025/ws-1.md#IGF2025-WS-1/cta-4)."
            )
        },
        [
            f"{MSG}:15: error: link to '../../sessions/2025/ws-1.md#IGF2025-WS-1/cta-4': "
            "that page has no message IGF2025-WS-1/cta-4"
        ],
    ),
    (
        "message anchor of another document",
        {MSG: dcad(body="[x](../../sessions/2025/ws-1.md#DCAD-2025/kt-1)")},
        [
            f"{MSG}:13: error: link to '../../sessions/2025/ws-1.md#DCAD-2025/kt-1': "
            "that page has no message DCAD-2025/kt-1"
        ],
    ),
    (
        # A path without an extension names a page, but an image's a file.
        "an image of a file without an extension",
        {WS: session() + "\n![chart](chart)\n"},
        [f"{WS}:18: error: link to 'chart': there is no file sessions/2025/chart"],
    ),
    (
        "in a translation, a call to action and an edition introduction, all in one run",
        {
            "sessions/2025/ws-1.fr.md": "---\ntitle: Une séance\n---\nVoir [ceci](../../nowhere.md).\n",
            WS: session(
                calls_to_action="calls_to_action:\n  - text: Ask [x][OECD-1].\n    to: [itu]"
            ),
            "editions/2025.md": (
                "---\nedition: 2025\ntitle: IGF 2025\ncity: Lillestrøm\ncountry: Norway\n"
                "dates: {start: 2025-06-23, end: 2025-06-27}\ntracks:\n  - id: trust\n"
                "    title: Digital trust\n    narrative: {en: 'Read [this](../sessions/2025/none.md).'}\n"
                "messages_status: draft\n---\nIntro [here](../index.md) and [there](../none.md).\n"
            ),
        },
        [
            "editions/2025.md:10: error: link to '../sessions/2025/none.md': "
            "there is no content file sessions/2025/none.md",
            "editions/2025.md:13: error: link to '../none.md': there is no content file none.md",
            "sessions/2025/ws-1.fr.md:4: error: link to '../../nowhere.md': "
            "there is no content file nowhere.md",
            f"{WS}:13: error: link to [OECD-1]: no document, message or body has that id",
        ],
    ),
]


@pytest.mark.parametrize(("name", "files", "expected"), BAD, ids=[c[0] for c in BAD])
def test_a_link_that_leads_nowhere_is_an_error_on_its_line(
    tmp_path: Path, name: str, files: dict[str, str | bytes], expected: list[str]
) -> None:
    result = load_corpus(write_tree(tmp_path, files))
    assert [str(i) for i in result.issues if i.is_error] == expected
    assert not result.ok


GOOD_HOME = """\
# Home

[IGF 2025](editions/2025.md) · [by address](editions/2025/) · [ws](sessions/2025/ws-1.md#igf2025-ws-1/CTA-1)
[the call][igf2025-ws-1/cta-1] · [IGF2025-WS-1][] · [ITU][itu] · [OECD][oecd] · [DC][DCAD-2025]
[IGF](https://www.intgovforum.org/) · [top](#home) · [heading](editions/2025.md#intro) · [sic] prose
[OECD's page](bodies/oecd.md), which has no report-back file yet; [bodies](bodies)

[oecd]: https://www.oecd.org/
"""


def _hrefs(html: str) -> dict[str, str]:
    return {
        a.get_text(): a.get("href", "") for a in BeautifulSoup(html, "html.parser").find_all("a")
    }


@pytest.fixture
def linked(tmp_path: Path) -> Presenter:
    edition = BASE["editions/2025.md"].replace("Intro.\n", "## Intro\n\nIntro.\n")
    files = {"index.md": GOOD_HOME, MSG: dcad(), "editions/2025.md": edition}
    result = load_corpus(write_tree(tmp_path, files))
    assert [str(i) for i in result.issues] == []
    return Presenter(result.corpus, "fr", lambda url: f"/site/{url}")


def test_every_form_of_link_leads_to_the_page_in_the_reader_language(linked: Presenter) -> None:
    shown = linked.block(Localized.plain(GOOD_HOME, "index.md"))
    assert _hrefs(shown.html) == {
        "IGF 2025": "/site/fr/editions/2025/",
        "by address": "/site/fr/editions/2025/",
        # The id in the fragment is written back in its exact case: HTML ids are.
        "ws": "/site/fr/sessions/2025/igf2025-ws-1/#IGF2025-WS-1/cta-1",
        "the call": "/site/fr/sessions/2025/igf2025-ws-1/#IGF2025-WS-1/cta-1",
        "IGF2025-WS-1": "/site/fr/sessions/2025/igf2025-ws-1/",
        "ITU": "/site/fr/bodies/itu/",
        "OECD": "https://www.oecd.org/",  # the text's own reference keeps its target
        "DC": "/site/fr/messages/2025/dcad-2025/",
        "IGF": "https://www.intgovforum.org/",
        "top": "#home",
        "heading": "/site/fr/editions/2025/#intro",
        "OECD's page": "/site/fr/bodies/oecd/",
        "bodies": "/site/fr/bodies/",
    }
    assert "[sic] prose" in shown.html


def test_the_same_text_links_each_language_to_its_own_pages(linked: Presenter) -> None:
    text = Localized.plain("See [the call][IGF2025-WS-1/cta-1].", "messages/2025/dcad.md")
    english = Presenter(linked.corpus, "en", lambda url: url, index=linked.index)
    assert _hrefs(english.inline(text).html) == {
        "the call": "sessions/2025/igf2025-ws-1/#IGF2025-WS-1/cta-1"
    }
    assert _hrefs(linked.inline(text).html) == {
        "the call": "/site/fr/sessions/2025/igf2025-ws-1/#IGF2025-WS-1/cta-1"
    }


def test_html_that_pages_share_is_rendered_once_and_linked_from_each_page(
    linked: Presenter,
) -> None:
    """Presenter.shared: a message's addressees, say, rendered once per language with its
    links left open, gives each page what rendering it there gives."""
    text = Localized.plain("See [the call][IGF2025-WS-1/cta-1].", MSG)

    def addressees(body_id: str) -> str:
        link = escape(linked.href(linked.body_url(body_id)))
        return f'<p><a href="{link}">{body_id}</a> {linked.inline(text).html}</p>'

    rendered: list[str] = []

    def counted(body_id: str) -> str:
        rendered.append(body_id)
        return addressees(body_id)

    shown = {}
    for here in ("fr/bodies/oecd/", "fr/sessions/2025/igf2025-ws-1/", "fr/", ""):
        linked.href = lambda url, here=here: get_relative_url(url, here)  # as the plugin does
        shown[here] = str(linked.shared(("to", "itu"), counted, "itu"))
        assert shown[here] == addressees("itu"), here
    assert rendered == ["itu"]
    assert _hrefs(shown["fr/bodies/oecd/"]) == {
        "itu": "../itu/",
        "the call": "../../sessions/2025/igf2025-ws-1/#IGF2025-WS-1/cta-1",
    }
    # On its own page, a place on it is just that: no "./" before it.
    assert _hrefs(shown["fr/sessions/2025/igf2025-ws-1/"])["the call"] == "#IGF2025-WS-1/cta-1"
    assert not any("igfpub:" in html for html in shown.values())
    # Another key is another rendering; the page's own href is back after each.
    linked.shared(("to", "oecd"), counted, "oecd")
    assert rendered == ["itu", "oecd"]
    assert linked.href("fr/bodies/itu/") == "fr/bodies/itu/"


def test_a_link_scheme_of_igfpub_own_is_never_taken_from_the_text(linked: Presenter) -> None:
    text = Localized.plain("[x](igfpub:javascript:alert(1)) [y](javascript:alert(2))", "index.md")
    html = linked.inline(text).html
    assert "javascript" not in html and "igfpub:" not in html
