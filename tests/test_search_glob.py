"""Pagefind run on pages named in its glob (igfpub/outputs/search.py) makes the index that
a folder of linked pages (a view) makes, and a glob names exactly the pages it is given."""

from __future__ import annotations

import fnmatch
import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from igfpub.core.languages import Languages, use
from igfpub.core.present import TITLE_LANGUAGE
from igfpub.outputs import search
from igfpub.outputs.cache import FOLDER_SEAL
from igfpub.outputs.search import index_language, pages_glob
from tests.conftest import Site

LANGUAGES = Languages(codes=("en", "fr", "es", "ru", "zh", "ar"), names={})


def test_a_glob_is_rooted_at_the_pages_common_folder() -> None:
    rels = ["fr/sessions/2025/ws-2/index.html", "fr/sessions/2025/ws-10/index.html"]
    assert pages_glob(rels) == "fr/sessions/2025/{ws-10/index.html,ws-2/index.html}"
    mixed = ["fr/index.html", "fr/bodies/itu/index.html", "fr/briefs/2025/body-itu/index.html"]
    assert pages_glob(mixed) == (
        "fr/{bodies/itu/index.html,briefs/2025/body-itu/index.html,index.html}"
    )
    assert pages_glob(["sessions/2025/ws-1/index.html"]) == "sessions/2025/ws-1/index.html"


@pytest.mark.parametrize(
    "rels",
    [
        [],
        # No common folder: Pagefind would walk the whole site, every language's pages.
        ["index.html", "bodies/itu/index.html"],
        # Characters that mean something in a glob, or that a glob would have to escape.
        ["fr/sessions/{a,b}/index.html"],
        ["fr/about*/index.html"],
        ["fr/notes [draft]/index.html"],
        ["fr/café/index.html"],
        ["fr/a b/index.html"],
        ["fr/x?/index.html"],
        ["fr/<x:1>/index.html"],
    ],
)
def test_pages_a_glob_cannot_name_plainly_go_through_a_view(rels: list[str]) -> None:
    assert pages_glob(rels) is None


def test_a_glob_longer_than_one_argument_may_be_is_not_made() -> None:
    rels = [f"fr/sessions/2025/igf2025-ws-{n:05d}/index.html" for n in range(4000)]
    assert pages_glob(rels) is None
    assert pages_glob(rels[:100]) is not None


def test_a_glob_matches_exactly_its_pages() -> None:
    rels = [f"fr/sessions/2025/ws-{n}/index.html" for n in (1, 2, 10, 11)]
    glob = pages_glob(rels)
    assert glob is not None
    # In fnmatch's terms, the alternatives one by one.
    prefix, _, alternatives = glob.partition("{")
    named = {prefix + alt for alt in alternatives.rstrip("}").split(",")}
    assert named == set(rels)
    assert not fnmatch.filter(["fr/sessions/2025/ws-3/index.html"], glob)


def _files(folder: Path) -> dict[str, bytes]:
    """The index's files; not the cache's seal, which records when they were written."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != FOLDER_SEAL
    }


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    """Pagefind's runs, as (glob, root selector), in order; they still run."""
    found: list[tuple[str, str | None]] = []
    real_run = search._run_pagefind

    def run(folder: Path, glob: str, out: Path, root: str | None = None) -> dict[str, Any]:
        found.append((glob, root))
        return real_run(folder, glob, out, root)

    monkeypatch.setattr(search, "_run_pagefind", run)
    return found


def _write(site: Path, pages: dict[str, str]) -> None:
    """Each page as ``<folder>/index.html`` under ``site``."""
    for rel, html in pages.items():
        (site / rel).mkdir(parents=True)
        (site / rel / "index.html").write_text(html, encoding="utf-8")


def test_the_index_made_from_a_glob_is_the_one_a_view_makes(
    bilingual: Site,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    runs: list[tuple[str, str | None]],
) -> None:
    """And a view of what Pagefind reads of the pages (the parts whose pages quote the
    messages) makes the index that a view of the whole pages makes."""
    use(LANGUAGES)
    site = bilingual.root
    named: dict[str, dict[str, Path]] = {}
    for lang in LANGUAGES:
        named[lang] = index_language(site, lang, LANGUAGES, tmp_path / "glob", part_pages=1)
    globs = [glob for glob, _ in runs]
    rooted = [glob for glob, root in runs if root]  # read for the pages' content only
    # Every part is named but those of pages that quote messages: each language's main
    # part and its briefs' parts, placed in a view as what Pagefind reads of them.
    quoting = [part for parts in named.values() for part in parts
               if search._quoting(part, len(parts) > 1)]  # fmt: skip
    assert len(quoting) > len(LANGUAGES)  # the briefs are parts of their own here
    assert len([g for g in globs if g == "**/*.html"]) == len(quoting)
    assert any(g.startswith("fr/") for g in globs)
    # The sessions' parts are read for their content only; some parts are read whole:
    # their body pages' English names make Pagefind take the title from <title>.
    assert any(g.startswith("fr/sessions/") for g in rooted)
    assert len(rooted) < len(globs)
    placed: list[bytes] = []  # what the first index was made from, of the quoting pages
    real_read_of = search.read_of

    def whole(data: bytes) -> bytes:
        placed.append(real_read_of(data))
        return data

    monkeypatch.setattr(search, "pages_glob", lambda rels: None)
    monkeypatch.setattr(search, "read_of", whole)
    for lang in LANGUAGES:
        viewed = index_language(site, lang, LANGUAGES, tmp_path / "view", part_pages=1)
        assert list(viewed) == list(named[lang])
        assert len(viewed) > 1, lang  # the sessions' years are parts of their own
        for part, folder in viewed.items():
            assert _files(named[lang][part]) == _files(folder), (lang, part)
    # The messages the pages quote were left out of the views that made the first index:
    # their elements are there, empty.
    assert sum(b"data-pagefind-ignore></li>" in data for data in placed) > 10
    # And every part is the one that reading whole pages makes.
    runs.clear()
    monkeypatch.setattr(search, "rooted", lambda data: False)
    for lang in LANGUAGES:
        whole_pages = index_language(site, lang, LANGUAGES, tmp_path / "whole", part_pages=1)
        for part, folder in whole_pages.items():
            assert _files(named[lang][part]) == _files(folder), (lang, part)
    assert [glob for glob, root in runs if root] == []


def _fragments(folder: Path) -> list[dict[str, Any]]:
    """The pages of a Pagefind index, as it stores them (gzip, after a signature)."""
    found = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[data.index(b"{") :]))
    return found


# Pages as igfpub's theme writes them, and as a site's own templates or text might change
# them (igfpub/theme/igfpub/base.html): {head}, {header}, {h1}, {body} and {footer} filled in.
_PAGE = (
    '<!doctype html><html lang="fr"><head><title>Réseaux - Résultats du FGI</title>{head}'
    "</head><body><header>{header}<nav>Navigation du site</nav></header>"
    '<div class="igf-main" id="igf-content" tabindex="-1" data-translation="source"'
    " data-pagefind-body>{h1}<p>Les réseaux communautaires {body}</p></div>"
    "<footer>{footer}Pied de page</footer></body></html>"
)
_PLAIN = {"head": "", "header": "", "h1": "<h1>Réseaux communautaires</h1>", "body": "",
          "footer": ""}  # fmt: skip
_VARIANTS: dict[str, tuple[dict[str, str], bool]] = {
    "as igfpub writes it": ({}, True),
    "an image in its text": ({"body": '<img src="carte.png" alt="Carte">'}, False),
    "a logo in the header": ({"header": '<img src="logo.png" alt="FGI">'}, True),
    "a logo in the footer": ({"footer": '<img src="logo.png" alt="FGI">'}, False),
    "metadata in the head": (
        {"head": '<meta data-pagefind-meta="auteur[content]" content="Ana">'}, False
    ),
    "a filter in the footer": ({"footer": '<span data-pagefind-filter="année">2025</span>'},
                               False),
    "an h1 in the header": ({"header": "<h1>FGI France</h1>"}, False),
    "a second body in the footer": (
        {"footer": "<p data-pagefind-body>Mentions légales</p>"}, False
    ),
    "a title in English": (
        {"h1": '<h1><span lang="en" data-pagefind-ignore>Community networks</span></h1>'},
        False,
    ),
    "a title in English that says so (Shown.heading_attrs)": (
        {"h1": f'<h1 lang="en" dir="ltr" data-pagefind-ignore {TITLE_LANGUAGE}>Community'
               " networks</h1>"},
        True,
    ),
    "a title's language told outside its h1": (
        {"h1": "<h1>Réseaux</h1>", "body": f'<span lang="en" {TITLE_LANGUAGE}>CN</span>'},
        False,
    ),
    "a title in two languages": (
        {"h1": '<h1>Réseaux <span lang="en" data-pagefind-ignore>(networks)</span></h1>'},
        True,
    ),
    "a title whose English part holds markup": (
        {"h1": '<h1>Réseaux <span lang="en" data-pagefind-ignore><em>networks</em></span></h1>'},
        False,
    ),
    "a title in English in two parts": (
        {
            "h1": '<h1><span lang="en" data-pagefind-ignore>Community networks</span> '
            '<span lang="en" data-pagefind-ignore>(CN)</span></h1>'
        },
        False,
    ),
    "an empty title": ({"h1": "<h1> <em></em> </h1>"}, False),
    "no title": ({"h1": ""}, False),
}  # fmt: skip


@pytest.mark.parametrize("variant", list(_VARIANTS))
def test_reading_pages_content_only_gives_the_index_reading_whole_pages_gives(
    variant: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    runs: list[tuple[str, str | None]],
) -> None:
    """Pagefind reads only :data:`search.ROOT` of pages that are :func:`search.rooted`; of
    the others, whole pages, which may give it a title, an image, metadata or filters
    from outside that element."""
    changes, rooted = _VARIANTS[variant]
    languages = Languages(codes=("fr",), names={})
    use(languages)
    site = tmp_path / "site"
    other = _PAGE.format(**_PLAIN | {"body": "et le spectre"})
    _write(site, {"sessions/2025/ws-1": _PAGE.format(**_PLAIN | changes),
                  "sessions/2025/ws-2": other})  # fmt: skip
    assert search.rooted(_PAGE.format(**_PLAIN | changes).encode()) is rooted
    [built] = index_language(site, "fr", languages, tmp_path / "built").values()
    roots = [root for _, root in runs]
    assert roots == [search.ROOT if rooted else None]
    monkeypatch.setattr(search, "rooted", lambda data: False)
    [whole] = index_language(site, "fr", languages, tmp_path / "whole").values()
    roots = [root for _, root in runs]
    assert roots[1:] == [None]
    assert _files(built) == _files(whole)
    records = _fragments(built)
    assert len(records) == 2
    assert not any("Navigation" in r["content"] for r in records)


@pytest.mark.parametrize("quoting", [False, True])
def test_pages_left_out_of_a_run_that_reads_their_content_are_read_whole(
    quoting: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    runs: list[tuple[str, str | None]],
) -> None:
    """Should Pagefind find no ROOT in a page it was told to read only that of, it would
    leave the page out: the count of pages indexed sends them to a run on whole pages.
    Pages named in a glob, or (a part of quoting pages: this site's only part, the main
    one) placed in a view."""
    monkeypatch.setattr(search, "_quoting", lambda part, split: quoting)
    languages = Languages(codes=("fr",), names={})
    use(languages)
    site = tmp_path / "site"
    _write(site, {f"sessions/2025/ws-{n}": _PAGE.format(**_PLAIN | {"body": words})
                  for n, words in enumerate(("le spectre", "les satellites"))})  # fmt: skip
    monkeypatch.setattr(search, "ROOT", "#nowhere")  # matches no element of the pages
    [folder] = index_language(site, "fr", languages, tmp_path / "cache").values()
    glob = "sessions/2025/{ws-0/index.html,ws-1/index.html}"
    first = [] if quoting else [(glob, "#nowhere")]
    assert runs == [*first, ("**/*.html", "#nowhere"), ("**/*.html", None)]
    texts = sorted(record["content"] for record in _fragments(folder))
    assert len(texts) == 2
    assert "le spectre" in texts[0] and "les satellites" in texts[1]


def test_a_page_whose_content_is_marked_elsewhere_is_indexed_whole(tmp_path: Path) -> None:
    """A site's own main.html may mark its pages' content without igfpub's element
    (search.ROOT): such a page is read whole, and indexed."""
    languages = Languages(codes=("en",), names={})
    use(languages)
    site = tmp_path / "site"
    page = (
        '<!doctype html><html lang="en"><head><title>{0}</title></head><body>'
        "<nav>Navigation words</nav>{1}</body></html>"
    )
    ours = _PAGE.replace('lang="fr"', 'lang="en"').format(
        **_PLAIN | {"h1": "<h1>Ours</h1>", "body": "Broadband pledges"}
    )
    pages = {
        "sessions/2025/ws-1": ours,
        "sessions/2025/ws-2": page.format(
            "Two", "<main data-pagefind-body><h1>Theirs</h1><p>Spectrum auctions</p></main>"
        ),
    }
    _write(site, pages)
    assert [search.rooted(html.encode()) for html in pages.values()] == [True, False]
    [folder] = index_language(site, "en", languages, tmp_path / "cache").values()
    entry = json.loads((folder / search.ENTRY).read_text(encoding="utf-8"))
    assert search.page_count(entry["languages"]) == 2
    texts = sorted(fragment["content"] for fragment in _fragments(folder))
    assert "Broadband pledges" in texts[0] and "Spectrum auctions" in texts[1]
    assert not any("Navigation" in text for text in texts)


# A page shown in English in another language's place (igfpub/theme/main.html): its
# English text is ignored by Pagefind; {english} and the rest filled in.
_FALLBACK = (
    '<!doctype html><html lang="fr"><head><title>Soil - Résultats du FGI</title></head><body>'
    '<div class="igf-main" id="igf-content" tabindex="-1" data-translation="fallback"'
    f' data-pagefind-body><h1 lang="en" dir="ltr" data-pagefind-ignore {TITLE_LANGUAGE}>'
    "{title}</h1><dl><dt>Identifiant</dt><dd><code>IGF2025-WS-1</code></dd></dl>"
    '<div lang="en" dir="ltr" data-pagefind-ignore>{english}</div>'
    '<h2 id="reponses">Réponses</h2><p>{french} <span lang="en" dir="ltr"'
    " data-pagefind-ignore>ITU</span></p></div><footer>Pied de page</footer></body></html>"
)
_PARTS = {"title": "Soil data", "english": "<p>Farmers share data.</p>", "french": "Aucune"}
# English text however it changes: the index is the same.
_SAME_INDEX = {
    "more text": "<p>Farmers share data.</p><p>A late addition.</p>",
    "headings, lists and a note": '<h3 id="next">Next</h3><ul><li>One <em>two</em></li></ul>'
    '<p>See<sup id="fnref:1"><a href="#fn:1">1</a></sup>.</p><ol><li id="fn:1">A note.</li></ol>',
    "elements of the same name inside": "<div><div>Nested</div> text</div><div></div>",
    "a table": "<table><tr><th>Crop</th><td>Maize</td></tr></table>",
    "no text": "",
}
# What Pagefind reads: the index may change.
_OTHER_INDEX = {
    "its title": {"title": "Soil data and crops"},
    "text in the page's language": {"french": "Aucune réponse"},
    "an image in the English text": {"english": '<p><img src="map.png" alt="Map"></p>'},
    "metadata in the English text": {"english": '<p data-pagefind-meta="author">Ana</p>'},
}


def test_the_digest_of_a_fallback_page_leaves_out_only_what_pagefind_ignores(
    tmp_path: Path,
) -> None:
    """A page shown in English in another language's place changes with its source's text,
    which Pagefind ignores there: the digest that names its index part is the same, and
    so is the index Pagefind makes of the page. So it is for what is outside the content
    of a page Pagefind reads only the content of (search.rooted)."""
    use(Languages(codes=("en", "fr"), names={}))
    page = _FALLBACK.format(**_PARTS).encode()
    found = search.page_sum(page)
    assert found.body and found.rooted

    def index(html: bytes, name: str) -> dict[str, bytes]:
        site = tmp_path / name
        _write(site, {"fr/sessions/2025/ws-1": html.decode(), "fr/sessions/2025/ws-2": _PAGE})
        out = tmp_path / f"{name}-index"
        out.mkdir()
        search._run_pagefind(site, "fr/**/*.html", out, search.ROOT)
        return _files(out)

    made = index(page, "first")
    same = [_FALLBACK.format(**_PARTS | {"english": english}) for english in _SAME_INDEX.values()]
    # Outside its content, which Pagefind reads alone of such a page: the notice of a
    # translation's state (a session's source edited: every translation goes stale) and
    # the state on the content's element.
    notice = '<p class="igf-notice igf-notice--stale" role="note">Peut-être périmée.</p>'
    same += [
        _FALLBACK.format(**_PARTS).replace('="fallback"', f'="{state}"')
        for state in ("stale", "translated", "machine")
    ]
    same.append(_FALLBACK.format(**_PARTS).replace("<body>", f"<body>{notice}"))
    for n, html in enumerate(same):
        other = html.encode()
        assert other != page
        assert search.page_sum(other).sha == found.sha, html
        assert index(other, f"same-{n}") == made, html
    for case, changes in _OTHER_INDEX.items():
        other = _FALLBACK.format(**_PARTS | changes).encode()
        assert search.page_sum(other).sha != found.sha, case


def test_an_index_no_longer_wanted_leaves_the_sites_index_as_it_was(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with pytest.raises(search.SearchCancelled):
        search.write_search_index(site, LANGUAGES, tmp_path / "cache", cancelled=cancelled)
    assert asked == [1]
    assert (site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8") == "{}"


# Every page above, as written and as what Pagefind reads of it.
_ALL_PAGES = {
    **{f"page: {case}": _PAGE.format(**_PLAIN | changes) for case, (changes, _) in
       _VARIANTS.items()},
    **{f"fallback: {case}": _FALLBACK.format(**_PARTS | {"english": english}) for
       case, english in _SAME_INDEX.items()},
    **{f"fallback: {case}": _FALLBACK.format(**_PARTS | changes) for
       case, changes in _OTHER_INDEX.items()},
}  # fmt: skip


@pytest.mark.parametrize("case", list(_ALL_PAGES))
def test_what_pagefind_reads_of_a_page_gives_the_index_the_page_gives(
    case: str, tmp_path: Path
) -> None:
    """A part whose pages quote messages is indexed from what Pagefind reads of them
    (search.read_of), read whole or for their content only."""
    page = _ALL_PAGES[case].encode()
    read = search.read_of(page)
    for root in (None, search.ROOT):
        made = []
        for name, data in (("page", page), ("read", read)):
            site = tmp_path / f"{name}-{root is None}"
            _write(site, {"fr/sessions/2025/ws-1": data.decode(), "fr/sessions/2025/ws-2": _PAGE})
            out = tmp_path / f"{site.name}-index"
            out.mkdir()
            search._run_pagefind(site, "fr/**/*.html", out, root)
            made.append(_files(out))
        assert made[0] == made[1], (case, root)
    if "Farmers" in _ALL_PAGES[case] and "<img" not in _ALL_PAGES[case]:
        assert b"Farmers" not in read  # the English text Pagefind ignores is left out


def test_a_part_whose_pages_changed_only_in_what_pagefind_ignores_is_not_made_again(
    bilingual: Site, tmp_path: Path, runs: list[tuple[str, str | None]]
) -> None:
    """Pages quote messages, and the translators' page counts translations: text marked
    ignored, which edits and translations change in every language while the index stays
    the same. The main part of each language holds such pages."""
    use(LANGUAGES)
    site = tmp_path / "site"
    shutil.copytree(bilingual.root, site)
    cache = tmp_path / "cache"
    first = index_language(site, "fr", LANGUAGES, cache)
    assert runs
    outcome = site / "fr" / "editions" / "2025" / "index.html"
    translators = site / "fr" / "translate" / "index.html"
    html = outcome.read_text(encoding="utf-8")
    # A quoted message's text, as an edit of its session changes it.
    quoted = re.search(r'<div class="igf-message__text"[^>]*>([^<]+)</div>', html)
    assert quoted is not None
    item = html[html.rfind("<li", 0, quoted.start()) : quoted.start()]
    assert 'class="igf-message"' in item and "data-pagefind-ignore" in item
    outcome.write_text(html.replace(quoted[1], "Un texte modifié", 1), encoding="utf-8")
    counts = translators.read_text(encoding="utf-8")
    assert "<td>1</td>" in counts
    translators.write_text(counts.replace("<td>1</td>", "<td>7</td>"), encoding="utf-8")
    runs.clear()
    assert index_language(site, "fr", LANGUAGES, cache) == first
    assert runs == []
    # What it reads: the part is made again.
    outcome.write_text(html.replace("</h1>", " (révisé)</h1>", 1), encoding="utf-8")
    again = index_language(site, "fr", LANGUAGES, cache)
    assert again[search.MAIN] != first[search.MAIN]
    assert len(runs) == 1


def test_a_main_part_that_holds_the_sessions_is_named_in_a_glob(
    bilingual: Site, tmp_path: Path, runs: list[tuple[str, str | None]]
) -> None:
    """A smaller archive's language is one part, its sessions in it: mostly what Pagefind
    reads, so not copied into a view of what it reads (which a larger archive's main part
    of quoting pages is, test_the_index_made_from_a_glob_is_the_one_a_view_makes)."""
    use(LANGUAGES)
    parts = index_language(bilingual.root, "fr", LANGUAGES, tmp_path / "cache")
    assert list(parts) == [search.MAIN]
    [(glob, _root)] = runs
    assert glob.startswith("fr/{") and "sessions/2025/igf2025-ws-1/index.html" in glob


def test_a_folder_is_split_into_parts_when_its_sub_folders_are_large_enough() -> None:
    """Twenty years of sessions (300 a year) are parts of their own; twenty years of
    briefs (28 a year), more than a part's pages in all, stay in the main part: a
    Pagefind run of 28 pages costs most of what one of 300 does."""
    root = Path("/site/fr")
    found = search.PageSum(False, b"", True)
    pages = [
        (root / top / str(year) / f"page-{n}" / "index.html", found)
        for top, per_year in (("sessions", 300), ("briefs", 28))
        for year in range(2006, 2026)
        for n in range(per_year)
    ]
    pages.append((root / "index.html", found))
    parts = search.split_parts(root, pages)
    assert list(parts) == ["main", *(f"sessions-{year}" for year in range(2006, 2026))]
    assert len(parts["main"]) == 20 * 28 + 1
    assert all(len(parts[f"sessions-{year}"]) == 300 for year in range(2006, 2026))
    # Seven years of 300 sessions: split, as before; 7 years of 28 briefs: not.
    seven = [(p, f) for p, f in pages if len(p.parts) < 6 or int(p.parts[4]) >= 2019]
    assert len(search.split_parts(root, seven)) == 1 + 7
