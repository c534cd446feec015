"""Every character is drawn: emoji and scripts beyond the six UN languages in real PDFs.

tests/sites/emoji is a Dynamic Coalition's takeaways (🦻, skin tones, ZWJ sequences,
flags, variation selectors) with Devanagari, Ethiopic, Tamil, Gujarati and Gurmukhi
beside them, built once with PDFs on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import page
import pytest

from igfpub.cli import main as igfpub
from igfpub.core.briefs import briefs
from igfpub.core.loader import load_corpus
from igfpub.printfonts import needs_glyph, undrawable
from igfpub.printing import plan_jobs, render, undrawable_warnings
from igfpub.render import Renderer
from tests.conftest import SITES
from tests.pdfglyphs import font_texts, image_count, notdef_glyphs

PROJECT = Path(__file__).resolve().parent.parent
THEME = PROJECT / "igfpub" / "theme"
TOTO = "\U0001e290"  # TOTO LETTER PA (Unicode 14): no Debian font draws it


@pytest.fixture(scope="module")
def emoji_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("emoji")
    config = root / "mkdocs.yml"  # beside it, a PDF cache that starts empty
    config.write_text(
        (PROJECT / "igfpub" / "default" / "mkdocs.yml").read_text(encoding="utf-8"), "utf-8"
    )
    cache = ["--cache-dir", str(root / ".igfpub-cache")]
    assert (
        igfpub(["build", str(SITES / "emoji"), "-d", str(root / "site"), "-f", str(config), *cache])
        == 0
    )
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_no_pdf_has_a_notdef_glyph(emoji_site: Path) -> None:
    pdfs = sorted((emoji_site / "site").rglob("*.pdf"))
    # One outcome document and three briefs (W3C, ITU, the DC), in six languages.
    assert len(pdfs) == 24
    assert {p: notdef_glyphs(p) for p in pdfs if notdef_glyphs(p)} == {}
    report = json.loads((emoji_site / ".igfpub-cache/pdf-report.json").read_text("utf-8"))
    assert report["undrawable"] == []
    assert not [n for n in report["notes"] if "notdef" in n]


def test_emoji_are_drawn_and_scripts_extract(emoji_site: Path) -> None:
    pdf = emoji_site / "site/briefs/2024/group-dc-accessibility.pdf"
    # 🦻 ×1, 🧏🏾‍♀️, ✅, 👩🏽‍🦯, 👨🏿‍🦼, 📊, 🇳🇴, 🇮🇳, ✍🏿, ⚖️, ♿ in the title, ...: colour images.
    assert image_count(pdf) >= 10
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    # pdftotext breaks Tamil words where a vowel sign is drawn before its consonant, and the
    # second glyph of such a cluster extracts as an invisible WORD JOINER (igfpub.pdf.NO_TEXT).
    letters = "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")
    for written in ("🦻", "✅", "ተደራሽነት", "அனைவருக்கும்", "सभी"):
        assert written in letters, written
    # The emoji font draws emoji only: digits and letters come from Noto Sans (a family list
    # that names the emoji font makes Pango draw "2024" with its keycap digits).
    fonts = font_texts(pdf)
    emoji = "".join(text for name, text in fonts.items() if "Emoji" in name)
    assert "🦻" in emoji and not any(c.isascii() and c.isalnum() for c in emoji), emoji
    assert "2024" in fonts["Noto-Sans"] or set("2024") <= set(fonts["Noto-Sans"])
    outcome = emoji_site / "site/fr/editions/2024/igf-2024-outcome-fr.pdf"
    assert image_count(outcome) >= 10  # the French document shows the English takeaways


def test_emoji_pdfs_pass_pdf_ua_1(emoji_site: Path) -> None:
    failures = {}
    for pdf in sorted((emoji_site / "site").rglob("*.pdf")):
        report = page.validate_pdf(pdf, profile="ua1")
        if not report.is_compliant:
            failures[pdf.name] = sorted({f.rule_id for f in report.failures})
    assert failures == {}


def test_characters_that_need_no_glyph() -> None:
    for char in ("\u200d", "\ufe0f", "\u202e", "\u00a0", "\n", "\U000e0101"):
        assert not needs_glyph(char), hex(ord(char))
    assert undrawable("a🦻सभी ኢ\u200d\ufe0f\u202e") == []
    assert undrawable(f"x{TOTO}\ue000") == ["\ue000", TOTO]


def test_a_character_no_font_draws_is_a_located_warning(tmp_path: Path) -> None:
    content = shutil.copytree(SITES / "emoji", tmp_path / "content")
    takeaways = content / "messages/2024/dc-dcad-2024.md"
    lines = takeaways.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("minority_views:")) + 1
    lines[line - 1] = lines[line - 1].replace("binding rules", f"binding rules {TOTO}")
    takeaways.write_text("".join(lines), encoding="utf-8")
    corpus = load_corpus(content).corpus
    renderer = Renderer([THEME], corpus, "")
    jobs = list(plan_jobs(renderer, corpus, briefs(corpus)))
    warnings = undrawable_warnings(jobs, content)
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"messages/2024/dc-dcad-2024.md:{line}: warning: U+1E290 TOTO LETTER PA ('{TOTO}') "
        "is drawn by no installed font: it prints as an empty box in "
    )
    # The minority view is in the DC's brief and the outcome document, in every language.
    named = warnings[0].split(" in ", 1)[1]
    assert "editions/2024/igf-2024-outcome-en.pdf" in named
    assert "ar/editions/2024/igf-2024-outcome-ar.pdf" in named
    assert named.endswith(" and 6 more")  # and the DC's six briefs: 12 PDFs
    # And the PDF really shows a .notdef there: the detector above is not blind.
    brief = next(j for j in jobs if j.name == "briefs/2024/group-dc-accessibility.pdf")
    ((_, rendered),) = render([brief], renderer, [THEME], workers=1)
    (tmp_path / "brief.pdf").write_bytes(rendered.data)
    assert [text for _font, text in notdef_glyphs(tmp_path / "brief.pdf")] == [TOTO]


def test_the_build_report_prints_the_located_warning() -> None:
    import io

    from igfpub.printing import Report, tell

    warning = (f"messages/2024/dc-dcad-2024.md:17: warning: U+1E290 TOTO LETTER PA ('{TOTO}') "
               "is drawn by no installed font: it prints as an empty box in briefs/x.pdf")  # fmt: skip
    out = io.StringIO()
    tell(Report(documents=1, undrawable=[warning]), out)
    assert out.getvalue().splitlines()[0] == warning
