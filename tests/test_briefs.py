"""Two-page briefs and printable outcome documents, on real PDFs.

tests/sites/briefs is built once per session with PDFs on: one body (ITU) receives 34 long
messages (far more than two pages hold), the takeaways and one session are translated into
Arabic and Chinese, one body has no translated name, and one message embeds a remote image.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from igfpub.core.briefs import Brief, briefs, doc_id, priority, select
from igfpub.core.languages import LANGUAGES
from igfpub.core.loader import load_corpus
from igfpub.core.model import Corpus
from igfpub.printing import plan_jobs, publish, render
from igfpub.render import Renderer, css_counter_content, relative_url
from tests.conftest import SITES, Site

PROJECT = Path(__file__).resolve().parent.parent
OVERRIDES = PROJECT / "igfpub" / "theme"
SITE_URL = "https://outcomes.example.org/"
PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
BRIEFS = ["2025/body-itu", "2025/body-unesco", "2025/body-oecd", "2025/group-bpf-cybersecurity"]
CORPUS = load_corpus(SITES / "briefs").corpus


def the_brief(key: str, corpus: Corpus = CORPUS) -> Brief:
    return next(b for b in briefs(corpus) if b.key == key)


# -- which briefs, and what a shortened one keeps (no rendering) ----------------------
def test_one_brief_per_body_addressed_and_per_group() -> None:
    assert [b.key for b in briefs(CORPUS)] == BRIEFS
    assert [b.doc_id for b in briefs(CORPUS)] == [
        "2025/BRIEF/ITU",
        "2025/BRIEF/UNESCO",
        "2025/BRIEF/OECD",
        "2025/BRIEF/BPF-CYBERSECURITY",
    ]
    itu = the_brief("2025/body-itu")
    # Exactly the calls to action and recommendations naming ITU; not the one to everyone.
    assert itu.total == 28 and itu.to_everyone == 1
    assert all("itu" in i.message.to for i in itu.items)


def test_group_symbol_never_takes_a_body_symbol() -> None:
    taken = ["2025/BRIEF/ITU"]
    assert doc_id(2025, "group", "itu", taken) == "2025/BRIEF/G-ITU"
    assert doc_id(2025, "group", "bpf-ai", taken) == "2025/BRIEF/BPF-AI"


def test_shortened_body_brief_hears_every_track_and_session_first() -> None:
    itu = the_brief("2025/body-itu")
    order = priority(itu)
    # Every session (and the BPF) is heard once before any is heard twice: 10 documents.
    assert len({i.doc.id for i in order[:10]}) == 10
    # Within that round the tracks take turns, intersessional work (None) counting as one.
    assert [i.track for i in order[:6]] == ["trust", "access", None, "trust", "access", "trust"]
    # Within a session, the message addressed to ITU alone comes before the one to three.
    ws12 = [i.message.id for i in priority(itu) if i.doc.id == "IGF2025-WS-12"]
    assert ws12[-1] == "IGF2025-WS-12/cta-3"


def test_shortened_group_brief_keeps_dissent() -> None:
    group = the_brief("2025/group-bpf-cybersecurity")
    kept = select(group, 2)
    assert kept.ids == ["BPF-CYBER-2025/rec-1", "BPF-CYBER-2025/min-1"]
    assert [(s.key, s.shown, s.omitted) for s in kept.sections] == [
        ("key_takeaways", 0, 2),
        ("recommendations", 1, 1),
        ("minority_views", 1, 0),
    ]


def test_selection_keeps_reading_order() -> None:
    itu = the_brief("2025/body-itu")
    kept = select(itu, 10)
    order = [i.message.id for i in itu.items]
    assert kept.ids == sorted(kept.ids, key=order.index)
    assert (kept.shown, kept.omitted, sum(s.omitted for s in kept.sections)) == (10, 18, 18)


@pytest.mark.parametrize("answer", [-1, 0, 1, 7, 19, 20])
@pytest.mark.parametrize("guess", [0, 3, 12, 20, 99])
def test_fit_search_finds_the_largest_fitting_count(answer: int, guess: int) -> None:
    from igfpub.pdf import largest

    probed: list[int] = []

    def fits(count: int) -> bool:
        assert 0 <= count <= 20
        probed.append(count)
        return count <= answer

    assert largest(fits, 20, guess) == (answer if answer >= 0 else None)
    assert len(probed) <= 10  # a guess near the answer costs few layouts


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("sessions/2025/x/", "briefs/2025/body-itu/", "../../../sessions/2025/x/"),
        ("fr/bodies/itu/", "fr/briefs/2025/body-itu/", "../../../bodies/itu/"),
        ("briefs/2025/body-itu.pdf", "briefs/2025/body-itu/", "../body-itu.pdf"),
        ("", "briefs/2025/body-itu/", "../../../"),
    ],
)
def test_links_on_a_brief_page_are_relative(url: str, page: str, expected: str) -> None:
    assert relative_url(url, page) == expected


def test_page_counter_keeps_words_around_counters() -> None:
    assert css_counter_content("الصفحة %(page)s من %(pages)s") == (
        '"الصفحة " counter(page) " من " counter(pages)'
    )
    assert css_counter_content('a"</style>%(page)s') == '"a\\"\\3C /style>" counter(page)'


def test_printing_fetches_only_local_files(tmp_path: Path) -> None:
    from igfpub.pdf import LocalFetcher

    fetcher = LocalFetcher([tmp_path])
    assert fetcher.allows((tmp_path / "a.css").as_uri())
    for url in [
        (tmp_path / ".." / "etc" / "passwd").as_uri(),
        "file:///etc/passwd",
        "file://evil.example.org/share/x.png",
        "https://tracker.example.org/pixel.png",
        "data:image/png;base64,AAAA",
    ]:
        assert not fetcher.allows(url), url


# -- the built site ------------------------------------------------------------------
@dataclass
class Printed:
    site: Site
    cache: Path
    config: Path
    report: dict[str, object]

    def pdf(self, lang: str, key: str) -> Path:
        return self.site.root / f"{PREFIX[lang]}briefs/{key}.pdf"


def build_with_pdf(content: Path, site: Path, config: Path) -> int:
    from igfpub.cli import main

    # The cache beside the configuration, so that each test's starts empty.
    cache = config.parent / ".igfpub-cache"
    return main(
        ["build", str(content), "-d", str(site), "-f", str(config), "--cache-dir", str(cache)]
    )


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    root = tmp_path_factory.mktemp("printed")
    # The project's configuration, with its template folder made absolute: the PDF cache
    # lives beside mkdocs.yml, and this one must start empty.
    text = (PROJECT / "igfpub" / "default" / "mkdocs.yml").read_text(encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(text, "utf-8")
    assert build_with_pdf(SITES / "briefs", root / "site", config) == 0
    cache = root / ".igfpub-cache"
    report = json.loads((cache / "pdf-report.json").read_text(encoding="utf-8"))
    yield Printed(Site(root / "site"), cache, config, report)
    shutil.rmtree(root, ignore_errors=True)


def text_of(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def all_briefs(printed: Printed) -> Iterator[tuple[str, str, Path]]:
    for key in BRIEFS:
        for lang in LANGUAGES:
            yield key, lang, printed.pdf(lang, key)


def test_every_pdf_is_written(printed: Printed) -> None:
    assert printed.report["documents"] == len(BRIEFS) * 6 + 6
    assert len(printed.report["rendered"]) == printed.report["documents"]  # type: ignore[arg-type]
    for _key, _lang, pdf in all_briefs(printed):
        assert pdf.is_file()
    for lang in LANGUAGES:
        assert (
            printed.site.root / f"{PREFIX[lang]}editions/2025/igf-2025-outcome-{lang}.pdf"
        ).is_file()


def test_no_brief_exceeds_two_a4_pages(printed: Printed) -> None:
    for key, lang, path in all_briefs(printed):
        with pikepdf.open(path) as pdf:
            assert 1 <= len(pdf.pages) <= 2, (key, lang)
            width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
            assert (round(width), round(height)) == (595, 842)  # A4 in points
    # The outcome document has no page limit: this one needs more than two.
    with pikepdf.open(printed.site.root / "editions/2025/igf-2025-outcome-en.pdf") as pdf:
        assert len(pdf.pages) > 2


def test_overflowing_brief_is_shortened_and_says_how_many_more(printed: Printed) -> None:
    shortened = printed.report["shortened"]
    assert list(shortened) == ["2025/body-itu"]  # type: ignore[call-overload]
    per_lang = shortened["2025/body-itu"]  # type: ignore[index]
    assert set(per_lang) == set(LANGUAGES)
    shown, total = per_lang["en"]
    assert 0 < shown < total == 28
    text = " ".join(text_of(printed.pdf("en", "2025/body-itu")).split())
    assert f"this brief shows {shown} of its 28 messages" in text
    assert f"The {28 - shown} not shown are online with all the others:" in text
    assert "https://outcomes.example.org/bodies/itu/" in text
    # The HTML page shows exactly what the PDF shows.
    pdf_ids = re.findall(r"IGF2025-WS-\d+/cta-\d+|BPF-CYBER-2025/rec-\d+", text)
    page = printed.site.page("briefs/2025/body-itu/")
    page_ids = [li["id"] for li in page.select("li.igf-brief__message")]
    assert page_ids == pdf_ids and len(page_ids) == shown
    assert page.select_one("[data-shown]")["data-shown"] == str(shown)


def test_unshortened_brief_page_shows_everything(printed: Printed) -> None:
    page = printed.site.page("fr/briefs/2025/group-bpf-cybersecurity/")
    assert len(page.select("li.igf-brief__message")) == 5
    assert page.select_one(".igf-brief__shortened") is None
    link = page.select_one(".igf-brief-download a")
    assert link["href"] == "../group-bpf-cybersecurity.pdf"


def test_pdfs_are_tagged_with_language_title_and_shared_symbol(printed: Printed) -> None:
    for key in BRIEFS:
        symbols = set()
        for lang in LANGUAGES:
            with pikepdf.open(printed.pdf(lang, key)) as pdf:
                assert str(pdf.Root.Lang) == lang
                assert "/StructTreeRoot" in pdf.Root
                assert bool(pdf.Root.MarkInfo.Marked)
                assert str(pdf.docinfo.Title).strip()
                assert str(pdf.docinfo.CreationDate).startswith("D:20250627")
                symbols.add(str(pdf.docinfo.Identifier))
                with pdf.open_metadata() as xmp:
                    assert xmp.get("pdfuaid:part") == "1"
        assert symbols == {f"IGF/{the_brief(key).doc_id}"}


def test_fonts_are_embedded_noto_with_unicode_maps(printed: Printed) -> None:
    expected = {"en": "+Noto-Sans", "ar": "+Noto-Naskh-Arabic", "zh": "+Noto-Sans-CJK-SC"}
    for lang, family in expected.items():
        lines = subprocess.run(
            ["pdffonts", str(printed.pdf(lang, "2025/group-bpf-cybersecurity"))],
            check=True, capture_output=True, text=True,
        ).stdout.splitlines()[2:]  # fmt: skip
        assert lines, lang
        for line in lines:
            # The emb, sub and uni columns: embedded, subset, with a ToUnicode map (the
            # text can be extracted).
            flags = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
            assert flags and flags.groups() == ("yes", "yes", "yes"), line
        assert any(family in line for line in lines), (lang, lines)


def _fonts(pdf: Path) -> list[str]:
    lines = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    return [line.split()[0].split("+", 1)[-1] for line in lines]


@pytest.mark.parametrize(
    ("lang", "family"), [("ar", "Noto-Naskh-Arabic"), ("zh", "Noto-Sans-CJK-SC")]
)
def test_scripts_without_italic_are_never_slanted(printed: Printed, lang: str, family: str) -> None:
    """Arabic and Chinese have no italic: WeasyPrint drew emphasis and the notes set in
    italic with a synthetic oblique (Noto-Naskh-Arabic-Oblique). They are upright, the
    emphasis bold."""
    page = printed.site.page(f"{lang}/briefs/2025/group-bpf-cybersecurity/")
    assert page.select_one(".igf-brief__text em") is not None  # the fixture emphasises a word
    assert printed.site.page(f"{lang}/briefs/2025/body-itu/").select_one(".igf-brief__more")
    outcome = printed.site.root / f"{lang}/editions/2025/igf-2025-outcome-{lang}.pdf"
    for pdf in [*(printed.pdf(lang, key) for key in BRIEFS), outcome]:
        fonts = [f for f in _fonts(pdf) if f.startswith(family)]
        assert fonts, (pdf, _fonts(pdf))
        assert [f for f in fonts if "Oblique" in f or "Italic" in f] == [], (pdf.name, fonts)
    assert f"{family}-Bold" in " ".join(_fonts(printed.pdf(lang, "2025/group-bpf-cybersecurity")))


def _letters(text: str) -> str:
    """What text extraction can be held to: the letters, in logical order. pdftotext adds
    bidi controls, extracts Arabic vowel marks as glyphs of their own (sometimes on the line
    before), wraps lines, and puts a sentence's final stop where it sits on the page (the
    left end of an Arabic line): so marks, punctuation and white space are left out."""
    return "".join(
        c for c in unicodedata.normalize("NFC", text)
        if unicodedata.category(c)[0] in "LN"  # letters and digits
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_arabic_and_chinese_text_extracts_as_written(printed: Printed, lang: str) -> None:
    doc = CORPUS.intersessional["BPF-CYBER-2025"]
    extracted = _letters(text_of(printed.pdf(lang, "2025/group-bpf-cybersecurity")))
    for message in doc.messages:
        written = message.text.values[lang]
        assert _letters(written) in extracted, written
    # A body brief mixes the translation with interface text in the same script.
    extracted = _letters(text_of(printed.pdf(lang, "2025/body-unesco")))
    cta = CORPUS.sessions["IGF2025-WS-1"].messages
    assert _letters(next(m for m in cta if m.id.endswith("cta-1")).text.values[lang]) in extracted


def test_arabic_page_numbers_read_right_to_left(printed: Printed) -> None:
    bbox = text_of(printed.pdf("ar", "2025/body-itu"), "-bbox", "-f", "1", "-l", "1")
    words = [
        (float(x), word)
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', bbox)
        if float(y) > 800 and float(x) < 300  # the footer's page box, on the left in Arabic
    ]  # fmt: skip
    # -bbox gives each Arabic word in visual (reversed) letter order.
    reading = [
        w[::-1] if re.search("[\u0600-\u06ff]", w) else w for _, w in sorted(words, reverse=True)
    ]
    assert reading == ["الصفحة", "1", "من", "2"]


def test_english_fallback_is_marked_in_page_and_pdf(printed: Printed) -> None:
    page = printed.site.page("ar/briefs/2025/body-oecd/")
    title = page.select_one(".igf-brief__title span")
    assert (title.get_text(), title["lang"], title["dir"]) == (
        "Organisation for Economic Co-operation and Development", "en", "ltr",
    )  # fmt: skip
    with pikepdf.open(printed.pdf("ar", "2025/body-oecd")) as pdf:
        langs = {str(o.get("/Lang")) for o in pdf.objects
                 if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructElem"
                 and "/Lang" in o}  # fmt: skip
    assert langs == {"en"}


def test_remote_images_are_refused_and_reported(printed: Printed) -> None:
    notes = printed.report["notes"]
    refused = notes["refused to fetch https://tracker.example.org/pixel.png"]  # type: ignore[index]
    assert "briefs/2025/body-itu.pdf" in refused
    # The Arabic and Chinese translations of that message have no image.
    assert "ar/briefs/2025/body-itu.pdf" not in refused


def test_unchanged_rebuild_renders_nothing_and_gives_the_same_bytes(
    printed: Printed, tmp_path: Path
) -> None:
    assert build_with_pdf(SITES / "briefs", tmp_path / "site", printed.config) == 0
    report = json.loads((printed.cache / "pdf-report.json").read_text(encoding="utf-8"))
    assert report["rendered"] == []
    assert report["shortened"] == printed.report["shortened"]
    for pdf in printed.site.root.rglob("*.pdf"):
        again = tmp_path / "site" / pdf.relative_to(printed.site.root)
        assert again.read_bytes() == pdf.read_bytes(), pdf
    # The rebuilt page of a shortened brief is shortened again (from the cache).
    assert (tmp_path / "site/briefs/2025/body-itu/index.html").read_bytes() == (
        printed.site.root / "briefs/2025/body-itu/index.html"
    ).read_bytes()


def test_fresh_render_gives_the_same_bytes(printed: Printed) -> None:
    renderer = Renderer([OVERRIDES], CORPUS, SITE_URL)
    wanted = {"ar/briefs/2025/body-itu.pdf", "zh/briefs/2025/group-bpf-cybersecurity.pdf",
              "editions/2025/igf-2025-outcome-en.pdf"}  # fmt: skip
    jobs = [j for j in plan_jobs(renderer, CORPUS, briefs(CORPUS)) if j.name in wanted]
    done = dict(render(jobs, renderer, [OVERRIDES], workers=1))
    assert len(done) == 3
    for job, rendered in done.items():
        assert rendered.data == (printed.site.root / job.name).read_bytes(), job.name


def test_editing_a_session_rerenders_only_what_shows_it(printed: Printed, tmp_path: Path) -> None:
    content = shutil.copytree(SITES / "briefs", tmp_path / "content")
    session = content / "sessions/2025/igf2025-ws-1.md"
    source = session.read_text(encoding="utf-8")
    session.write_text(source.replace("Fund open fonts", "Fund free fonts"), encoding="utf-8")
    corpus = load_corpus(content).corpus
    out = io.StringIO()
    report = publish(tmp_path / "site", corpus, printed.cache, site_url=SITE_URL,
                     theme_dirs=[OVERRIDES], stream=out)  # fmt: skip
    # The English text shows in en, fr, es and ru; zh and ar show their own translation,
    # which did not change. Of the briefs, only the two bodies it is addressed to.
    assert report.rendered == sorted(
        f"{PREFIX[lang]}{name}"
        for lang in ("en", "fr", "es", "ru")
        for name in (
            "briefs/2025/body-itu.pdf",
            "briefs/2025/body-unesco.pdf",
            f"editions/2025/igf-2025-outcome-{lang}.pdf",
        )
    )
    assert "12 rendered" in out.getvalue()


def test_no_pdf_build_still_builds_brief_pages(bilingual: Site) -> None:
    for lang in LANGUAGES:
        page = bilingual.page(f"{PREFIX[lang]}briefs/2025/body-itu/")
        assert page.html["lang"] == lang
        assert page.select("li.igf-brief__message")
        # A build without PDFs links none: they would be dead links (test_no_pdf.py).
        assert page.select_one('a[type="application/pdf"]') is None
    assert not list(bilingual.root.rglob("*.pdf"))


def test_every_pdf_passes_pdf_ua_1(printed: Printed) -> None:
    import page  # page-validation: an offline PDF/UA checker that passes the veraPDF corpus

    pdfs = sorted(printed.site.root.rglob("*.pdf"))
    assert len(pdfs) == len(BRIEFS) * 6 + 6
    assert {p.relative_to(printed.site.root).parts[0] for p in pdfs} >= {"fr", "ar", "zh"}
    failures = {}
    for pdf in pdfs:
        report = page.validate_pdf(pdf, profile="ua1")
        if not report.is_compliant:
            name = pdf.relative_to(printed.site.root).as_posix()
            failures[name] = sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    assert failures == {}
