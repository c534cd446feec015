"""Issue 12: the translation exchange, end to end on the sample content.

Export French as XLIFF 1.2 and PO, read both back with translate-toolkit and the XLIFF with
lxml against the OASIS schema, translate every segment with a stand-in translator that
wraps each target in «…» keeping its placeholders, import, build, and read the French
pages; then change the English and export again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from translate.storage import pypo, xliff
from translate.storage.placeables import StringElem

from igfpub.cli import main as igfpub
from igfpub.core import mdblocks
from igfpub.core.markup import block, inline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
SCHEMAS = Path(__file__).parent / "xliff"
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
WS87 = "sessions/2025/igf2025-ws-87"


# -- helpers -------------------------------------------------------------------------------
def schema() -> etree.XMLSchema:
    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
            if url.endswith("xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def stand_in(path: Path, *, machine: bool = False) -> None:
    """A translator: every target is its source wrapped in «…», placeholders kept."""
    data = path.read_bytes()
    if path.suffix == ".po":
        po = pypo.pofile(data)
        for unit in po.units:
            if not unit.isheader():
                unit.target = f"«{unit.source}»"
                unit.markfuzzy(machine)
        path.write_bytes(bytes(po))
        return
    store = xliff.xlifffile.parsestring(data)
    for unit in store.unit_iter():
        unit.rich_target = [StringElem(["«", *unit.rich_source[0].sub, "»"])]
        unit.set_state_n(unit.statemap["needs-review-translation" if machine else "translated"])
    path.write_bytes(bytes(store))


def export(content: Path, out: Path, *extra: str) -> int:
    return igfpub(["translate", "export", str(content), "--lang", "fr", "-o", str(out), *extra])


def units(path: Path) -> list[str]:
    root = etree.parse(str(path))
    return [u.get("id") for u in root.iterfind(".//x:trans-unit", NS)]


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- the round trip ----------------------------------------------------------------------------
class RoundTrip:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.xlf = root / "fr.xlf"
        self.site = root / "site"


@pytest.fixture(scope="module")
def trip(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RoundTrip]:
    t = RoundTrip(tmp_path_factory.mktemp("translate"))
    shutil.copytree(SAMPLE, t.content)
    assert export(t.content, t.xlf) == 0
    shutil.copy(t.xlf, t.root / "exported.xlf")
    stand_in(t.xlf)
    assert igfpub(["translate", "import", str(t.xlf), str(t.content)]) == 0
    assert igfpub(["build", str(t.content), "-d", str(t.site), "--no-pdf"]) == 0
    yield t
    shutil.rmtree(t.root, ignore_errors=True)


def test_exported_xliff_is_valid_xliff_1_2(trip: RoundTrip) -> None:
    exported = trip.root / "exported.xlf"
    doc = etree.parse(str(exported))
    xsd = schema()
    assert xsd.validate(doc), xsd.error_log
    # The translated file, targets and states included, is still valid.
    assert xsd.validate(etree.parse(str(trip.xlf))), xsd.error_log
    store = xliff.xlifffile.parsestring(exported.read_bytes())
    assert store.gettargetlanguage() == "fr"
    ids = units(exported)
    assert len(ids) == len(set(ids)) == len(store.units)
    # A session without translation: all its fields and blocks are there, with notes.
    mine = [i for i in ids if i.startswith("IGF2025-WS-87/")]
    assert {"IGF2025-WS-87/title", "IGF2025-WS-87/kt-1", "IGF2025-WS-87/cta-2"} <= set(mine)
    kinds = {
        re.sub(r"-[0-9a-f]{8}(-\d+)?$", "", i.split("/body/")[1]) for i in mine if "/body/" in i
    }
    assert kinds == {"h", "p", "li", "th", "td", "fn"}
    # Already translated and current (the French of IGF2025-WS-142): nothing to redo.
    assert not [i for i in ids if i.startswith("IGF2025-WS-142/")]
    # Registry names and edition tracks are segments too.
    assert "registry:bodies/w3c/acronym" in ids
    # Inline Markdown is protected: the link and the footnote mark are placeholders.
    unit = doc.find(
        ".//x:trans-unit[@id='IGF2025-WS-87/body/p-" + _p_key("Participants suggested") + "']", NS
    )
    source = unit.find("x:source", NS)
    assert [g.text for g in source.iterfind("x:g", NS)] == ["Universal Acceptance Steering Group"]
    assert "uasg.tech" not in etree.tostring(source, encoding="unicode")
    assert unit.find("x:note", NS).text.startswith("IGF2025-WS-87: A multilingual Internet")
    li = [
        u
        for u in doc.iterfind(".//x:trans-unit", NS)
        if "sign-up forms" in "".join(u.find("x:source", NS).itertext())
    ]
    assert li[0].find("x:source/x:x", NS) is not None  # the footnote mark [^uasg]


def _p_key(start: str) -> str:
    body = (SAMPLE / f"{WS87}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    return next(b.key for b in mdblocks.blocks(body) if b.text.startswith(start)).split("-", 1)[1]


def test_french_pages_show_the_translation_with_markup_intact(trip: RoundTrip) -> None:
    page = BeautifulSoup((trip.site / "fr" / WS87 / "index.html").read_text(), "html.parser")
    main = page.select_one("[data-translation]")
    assert main is not None and main["data-translation"] == "translated"
    assert page.select_one("h1").get_text(strip=True).startswith("«A multilingual Internet")
    text = main.get_text(" ", strip=True)
    assert "«Internationalised domain names and email addresses in local scripts" in text
    assert "«More than half of Internet users" in text
    # Every link, emphasis, code, table and footnote of the English is there.
    english = BeautifulSoup((trip.site / WS87 / "index.html").read_text(), "html.parser")
    en_main = english.select_one("[data-translation]")
    assert en_main is not None
    for selector in ("a[href='https://uasg.tech']", "em", "strong", "code", "table", "th", "td",
                     "sup[id^='fnref:'][id$='-uasg']", "li[id^='fn:'][id$='-uasg']"):  # fmt: skip
        assert len(main.select(selector)) == len(en_main.select(selector)) > 0, selector
    cells = [" ".join(td.get_text().split()) for td in main.select("table td")]
    assert cells[1:3] == ["«38 % of sites»", "«the form rejects non-ASCII domains»"]
    assert main.select_one("table td strong").get_text() == "non-ASCII"
    assert main.select_one("table code").get_text() == "user@example.рф"
    assert main.select_one("li[id^='fn:'][id$='-uasg'] em").get_text() == "UA Readiness Report"
    assert "«Figures from the" in main.select_one("li[id^='fn:'][id$='-uasg']").get_text()


def test_translate_page_shows_coverage_and_is_linked_from_every_footer(trip: RoundTrip) -> None:
    page = BeautifulSoup((trip.site / "fr/translate/index.html").read_text(), "html.parser")
    assert page.select_one("h1").get_text(strip=True) == "Aider à traduire"
    tables = page.select("table.igf-translate")
    assert [t["data-edition"] for t in tables] == ["2025", "2024"]
    for table in tables:
        rows = {tr["data-lang"]: tr for tr in table.select("tbody tr")}
        assert list(rows) == ["fr", "es", "ru", "zh", "ar"]
        assert rows["fr"].select_one("[data-percent]")["data-percent"] == "100"
        assert int(rows["es"].select_one("[data-percent]")["data-percent"]) < 50
    session = BeautifulSoup((trip.site / "fr" / WS87 / "index.html").read_text(), "html.parser")
    link = session.select_one("footer .igf-translate-link a")
    assert link is not None and link["href"] == "../../../translate/"
    assert link.get_text() == "Aider à traduire"
    english = BeautifulSoup((trip.site / "index.html").read_text(), "html.parser")
    assert english.select_one("footer .igf-translate-link a")["href"] == "translate/"


def test_translation_file_has_the_contract_shape(trip: RoundTrip) -> None:
    text = (trip.content / f"{WS87}.fr.md").read_text(encoding="utf-8")
    head = text.split("---\n")[1]
    assert re.search(r"^translation: \{status: human, source_hash: [0-9a-f]{12}\}$", head, re.M)
    for structural in ("id:", "edition:", "track:", "date:", "to:", "rapporteur:"):
        assert not re.search(rf"^\s*-?\s*{structural}", head, re.M), structural
    assert "calls_to_action:\n  - text: «Continue funding" in head
    # Registry names were written in place, other languages and comments kept.
    bodies = (trip.content / "registry/bodies.yml").read_text(encoding="utf-8")
    assert bodies.startswith((SAMPLE / "registry/bodies.yml").read_text().split("\n- id")[0])
    assert "fr: «W3C»" in bodies


def test_export_again_leaves_nothing_and_import_again_changes_nothing(
    trip: RoundTrip, capsys: pytest.CaptureFixture[str]
) -> None:
    again = trip.root / "again.xlf"
    assert export(trip.content, again) == 0
    assert units(again) == []
    capsys.readouterr()
    assert igfpub(["status", str(trip.content)]) == 0
    status = capsys.readouterr().out
    assert re.search(r"^  fr +0 segments +0 words$", status, re.M), status
    left = re.search(r"^  es +(\d+) segments +(\d+) words$", status, re.M)
    assert left is not None and 0 < int(left[1]) < int(left[2])
    before = snapshot(trip.content)
    assert igfpub(["translate", "import", str(trip.xlf), str(trip.content)]) == 0
    assert snapshot(trip.content) == before


def test_a_changed_paragraph_and_takeaway_are_all_that_is_sent(
    trip: RoundTrip, capsys: pytest.CaptureFixture[str]
) -> None:
    content = trip.root / "changed"
    shutil.copytree(trip.content, content)
    source = content / f"{WS87}.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("still fail in many applications", "still fail in most applications")
    text = text.replace("discussed why progress is slow.", "discussed why progress is so slow.")
    source.write_text(text, encoding="utf-8")
    out = trip.root / "changed.xlf"
    assert export(content, out) == 0
    ids = units(out)
    assert len(ids) == 2
    assert ids[0] == "IGF2025-WS-87/kt-1"
    assert ids[1].startswith("IGF2025-WS-87/body/p-")
    body = etree.parse(str(out)).findall(".//x:trans-unit/x:source", NS)[1]
    assert "".join(body.itertext()).endswith("discussed why progress is so slow.")
    capsys.readouterr()
    assert igfpub(["status", str(content), "--diff", "--lang", "fr"]) == 0
    shown = capsys.readouterr().out
    assert f"{WS87}.fr.md: 2 of " in shown
    assert (
        "- Internationalised domain names and email addresses in local scripts still fail in many"
        in shown
    )
    assert (
        "+ Internationalised domain names and email addresses in local scripts still fail in most"
        in shown
    )
    assert "- More than half" in shown and "discussed why progress is so slow." in shown
    # The stale page says how much changed.
    site = trip.root / "changed-site"
    assert igfpub(["build", str(content), "-d", str(site), "--no-pdf"]) == 0
    page = BeautifulSoup((site / "fr" / WS87 / "index.html").read_text(), "html.parser")
    assert page.select_one("[data-translation]")["data-translation"] == "stale"
    notice = page.select_one(".igf-notice--stale").get_text(" ", strip=True)
    assert re.search(r"Paragraphes modifiés : 2 sur \d+\.", notice), notice
    # Translating the two segments makes the page current again.
    stand_in(out)
    assert igfpub(["translate", "import", str(out), str(content)]) == 0
    again = trip.root / "changed-again.xlf"
    assert export(content, again) == 0
    assert units(again) == []
    fr = (content / f"{WS87}.fr.md").read_text(encoding="utf-8")
    assert (
        "«Internationalised domain names and email addresses in local scripts still fail in most"
        in fr
    )
    assert "«Measurements presented by the organisers" in fr  # carried over


def test_po_round_trip_gives_the_same_translation(trip: RoundTrip, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    po_file = tmp_path / "fr.po"
    assert export(content, po_file, "--format", "po") == 0
    store = pypo.pofile(po_file.read_bytes())
    entries = [u for u in store.units if not u.isheader()]
    assert len(entries) == len(units(trip.root / "exported.xlf"))
    assert store.parseheader()["Language"] == "fr"
    assert all("python-brace-format" in u.typecomments[0] for u in entries)
    link = next(u for u in entries if "Universal Acceptance Steering Group" in u.source)
    assert re.search(r"\{\d+\}Universal Acceptance Steering Group\{\d+\}", link.source)
    assert link.getlocations() == [f"{WS87}.md"]
    stand_in(po_file)
    assert igfpub(["translate", "import", str(po_file), str(content)]) == 0
    assert (content / f"{WS87}.fr.md").read_bytes() == (trip.content / f"{WS87}.fr.md").read_bytes()


def test_machine_translation_marks_the_document_machine(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    out = tmp_path / "fr.xlf"
    assert export(content, out, "--edition", "2024") == 0
    stand_in(out, machine=True)
    assert igfpub(["translate", "import", str(out), str(content)]) == 0
    fr = (content / "sessions/2024/igf2024-day0-40.fr.md").read_text(encoding="utf-8")
    assert "translation: {status: machine, " in fr
    assert not (content / f"{WS87}.fr.md").exists()  # --edition 2024 only


def test_po_fuzzy_entries_are_not_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As msgfmt does: fuzzy is "needs review" (msgmerge's guesses), not a translation."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    out = tmp_path / "fr.po"
    assert export(content, out, "--format", "po", "--edition", "2024") == 0
    stand_in(out, machine=True)
    before = snapshot(content)
    assert igfpub(["translate", "import", str(out), str(content)]) == 0
    assert snapshot(content) == before
    fuzzy = sum(1 for u in pypo.pofile(out.read_bytes()).units if u.isfuzzy())
    assert re.search(rf"^{re.escape(str(out))}: warning: {fuzzy} fuzzy entries not imported "
                     r"\(fuzzy means needs review, as for msgfmt\)", capsys.readouterr().err,
                     re.M)  # fmt: skip


# -- errors: named by file and segment, and nothing written ------------------------------------
@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    out = tmp_path / "fr.xlf"
    assert export(content, out, "--edition", "2025") == 0
    stand_in(out)
    return content, out


def _import_fails(content: Path, file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = snapshot(content)
    assert igfpub(["translate", "import", str(file), str(content)]) == 1
    assert snapshot(content) == before, "a failed import changed files"
    return capsys.readouterr().err


def test_missing_placeholder(
    exported: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, out = exported
    text = out.read_text(encoding="utf-8")
    key = _p_key("Participants suggested")
    unit = re.search(
        rf'<trans-unit[^>]*id="IGF2025-WS-87/body/p-{key}".*?</trans-unit>', text, re.S
    )
    assert unit is not None
    broken = unit[0].replace('<target state="translated">', "<target>", 1)
    broken = re.sub(r'(<target>.*?)<g id="1"[^>]*>(.*?)</g>', r"\1\2", broken, flags=re.S)
    out.write_text(text.replace(unit[0], broken), encoding="utf-8")
    err = _import_fails(content, out, capsys)
    assert re.search(rf'{re.escape(str(out))}:\d+: error: segment IGF2025-WS-87/body/p-{key}: '
                     r'placeholder <g id="1"> \(link\) is missing', err), err  # fmt: skip
    assert "no file was changed" in err


def test_unknown_segment_id(
    exported: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, out = exported
    text = out.read_text(encoding="utf-8").replace(
        'id="IGF2025-WS-87/kt-2"', 'id="IGF2025-WS-87/kt-9"'
    )
    out.write_text(text, encoding="utf-8")
    err = _import_fails(content, out, capsys)
    assert re.search(
        rf"{re.escape(str(out))}:\d+: error: segment IGF2025-WS-87/kt-9: no such segment", err
    )


def test_wrong_target_language(
    exported: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, out = exported
    text = out.read_text(encoding="utf-8")
    out.write_text(text.replace('target-language="fr"', 'target-language="de"'), encoding="utf-8")
    err = _import_fails(content, out, capsys)
    assert f"{out}:3: error: target language 'de' is not a translation language of this site" in err
    swapped = text.replace('source-language="en"', 'source-language="pt"')
    out.write_text(swapped, encoding="utf-8")
    err = _import_fails(content, out, capsys)
    assert "error: the file translates from 'pt', but this site's source language is 'en'" in err
    # One unit whose target says it is Spanish, in a French file.
    text = text.replace(
        '<target state="translated">«A multilingual',
        '<target xml:lang="es" state="translated">«A multilingual',
        1,
    )
    out.write_text(text, encoding="utf-8")
    err = _import_fails(content, out, capsys)
    assert re.search(
        r"error: segment IGF2025-WS-87/title: target is in 'es', but the file translates into 'fr'",
        err,
    )


def test_one_bad_unit_among_good_ones_writes_nothing(
    exported: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, out = exported
    text = out.read_text(encoding="utf-8")
    text = re.sub(r'(id="IGF2025-WS-87/kt-1".*?<target[^>]*>)(.*?)(</target>)',
                  r'\1\2<x id="7"/>\3', text, count=1, flags=re.S)  # fmt: skip
    out.write_text(text, encoding="utf-8")
    err = _import_fails(content, out, capsys)
    assert (
        "segment IGF2025-WS-87/kt-1: the target has a placeholder the source does not have: id 7"
        in err
    )
    assert not (content / f"{WS87}.fr.md").exists()


# -- the Markdown blocks -------------------------------------------------------------------------
def test_block_ids_survive_unrelated_edits() -> None:
    body = "## Scope\n\nFirst *point*.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| x | x |\n"
    keys = [b.key for b in mdblocks.blocks(body)]
    edited = body.replace("## Scope\n\n", "## Scope\n\nA new opening paragraph.\n\n")
    edited = edited.replace("- two", "- two, amended")
    new = [b.key for b in mdblocks.blocks(edited)]
    assert set(keys) - set(new) == {keys[3]}  # only "two" changed
    assert len(set(new) - set(keys)) == 2
    assert keys[-1] == keys[-2] + "-2"  # two identical cells


def test_translated_text_never_becomes_markup() -> None:
    parts = mdblocks.pieces("See [the *report*](https://x.org/a_b) and `code`.")
    texts = [p for p in parts if isinstance(p, str)]
    assert texts == ["See ", "the ", "report", " and ", "."]
    swapped = ["# 1. *Voir* [", *parts[1:]]
    md = mdblocks.to_markdown(swapped)
    assert md.startswith("\\# 1. \\*Voir\\* \\[[the *report*](https://x.org/a_b)")
    assert md.endswith(" and `code`.")


@pytest.mark.parametrize(
    ("text", "written", "shown"),
    [
        ("avec < 3 minutes", "avec < 3 minutes", "avec &lt; 3 minutes"),
        ("a<b et 2 <= 3", "a&lt;b et 2 <= 3", "a&lt;b et 2 &lt;= 3"),  # "<b" may open a tag
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;", "&lt;script&gt;x&lt;/script&gt;"),
        ("<!-- note -->", "&lt;!-- note --&gt;", "&lt;!-- note --&gt;"),
        ("<https://x.org>", "&lt;https://x.org&gt;", "&lt;https://x.org&gt;"),
    ],
)
def test_a_translators_less_than_sign_stays_one_where_it_opens_nothing(
    text: str, written: str, shown: str
) -> None:
    """ "< 3 minutes" was written "&lt; 3 minutes": the open data, which gives the Markdown
    as written, then differed from the source's "<"."""
    md = mdblocks.to_markdown([text])
    assert md.replace("&gt;", ">") == written.replace("&gt;", ">")
    assert inline(md) == shown


def test_a_translators_braces_stay_text_and_never_become_an_id() -> None:
    """'Prochaines étapes {#etapes}' gave the French heading the id "etapes", while the
    rest of a translator's Markdown is escaped as text."""
    md = mdblocks.to_markdown(["Prochaines étapes {#etapes}"])
    html = block(f"## {md}\n\nTexte.")
    assert html.startswith("<h3>Prochaines étapes {#etapes}</h3>")
    assert mdblocks.to_markdown(["un { seul"]) == "un { seul"


def test_old_source_found_in_git_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translation made by hand (no old-source store): the version it translated is
    found in the repository's history, so only what changed since is sent."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    git = ["git", "-c", "user.name=Rapporteur", "-c", "user.email=r@example.org"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run([*git, "-C", str(tmp_path), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(tmp_path), "commit", "-qm", "sample"], check=True)
    source = content / "sessions/2025/igf2025-ws-142.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("is therefore a development", "is thus a development"), encoding="utf-8"
    )
    subprocess.run([*git, "-C", str(tmp_path), "commit", "-qam", "edit a takeaway"], check=True)
    out = tmp_path / "fr.xlf"
    assert export(content, out, "--edition", "2025") == 0
    assert [i for i in units(out) if i.startswith("IGF2025-WS-142/")] == ["IGF2025-WS-142/kt-1"]
    # The earlier English and its French come along as context, as a CAT tool's fuzzy match.
    doc = etree.parse(str(out))
    assert schema().validate(doc)
    alt = doc.find(".//x:trans-unit[@id='IGF2025-WS-142/kt-1']/x:alt-trans", NS)
    assert "is therefore a development" in alt.find("x:source", NS).text
    assert alt.find("x:target", NS).text.startswith("La plupart des systèmes d'IA")
    po_out = tmp_path / "fr.po"
    assert export(content, po_out, "--edition", "2025", "--format", "po") == 0
    entry = next(
        u for u in pypo.pofile(po_out.read_bytes()).units if u.getcontext() == "IGF2025-WS-142/kt-1"
    )
    assert "is therefore a development" in entry.prev_source
    assert "previous translation: La plupart" in entry.getnotes()
    capsys.readouterr()
    assert igfpub(["status", str(content), "--diff", "--lang", "fr"]) == 0
    shown = capsys.readouterr().out
    assert "sessions/2025/igf2025-ws-142.fr.md: 1 of 19 segments changed" in shown
    assert "+ Most AI systems" in shown and "is thus a development question" in shown
    # Importing the one segment keeps the rest of the French and makes it current.
    stand_in(out)
    assert igfpub(["translate", "import", str(out), str(content)]) == 0
    fr = (content / "sessions/2025/igf2025-ws-142.fr.md").read_text(encoding="utf-8")
    assert "«Most AI systems used in the Global South" in fr
    assert "Des **fiducies de données** communautaires" in fr
    assert "## Questions soulevées" in fr


def test_track_text_is_written_into_the_edition_and_keeps_its_translations_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    edition = content / "editions/2025.md"
    text = edition.read_text(encoding="utf-8")
    text = re.sub(r'\n      fr: "La confiance se construit[^\n]*', "", text)
    edition.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    for t in content.glob("editions/2025.*.md"):  # translations made of this version
        t.write_text(re.sub(r"source_hash: \w+", f"source_hash: {digest}", t.read_text()))
    out = tmp_path / "fr.po"
    assert export(content, out, "--edition", "2025", "--format", "po") == 0
    ids = [u.getcontext() for u in pypo.pofile(out.read_bytes()).units if not u.isheader()]
    assert [i for i in ids if i.startswith("edition:")] == ["edition:2025/track-trust/narrative"]
    stand_in(out)
    es_before = (content / "editions/2025.es.md").read_text(encoding="utf-8")
    assert igfpub(["translate", "import", str(out), str(content)]) == 0
    after = edition.read_text(encoding="utf-8")
    assert '      fr: "Confiance et résilience numériques"' in after  # the rest as written
    assert "      fr: '«Trust is built in layers:" in after
    es_after = (content / "editions/2025.es.md").read_text(encoding="utf-8")
    new = hashlib.sha256(after.encode()).hexdigest()[:12]
    assert es_after == es_before.replace(digest, new)  # only the hash moved on
    capsys.readouterr()
    assert igfpub(["status", str(content)]) == 0
    assert (
        "editions/2025"
        not in capsys.readouterr().out.split("stale translations")[1].split("left")[0]
    )


def test_po_placeholders_out_of_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    out = tmp_path / "fr.po"
    assert export(content, out, "--format", "po", "--edition", "2025") == 0
    store = pypo.pofile(out.read_bytes())
    for unit in store.units:
        if not unit.isheader():
            unit.target = unit.source
    link = next(u for u in store.units if "{1}Universal Acceptance Steering Group{2}" in u.source)
    link.target = link.source.replace("{1}Universal", "{2}Universal").replace(
        "Group{2}", "Group{1}"
    )
    out.write_bytes(bytes(store))
    # The line msgfmt would name: the entry's msgstr.
    lines = out.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgctxt "{link.getcontext()}"')
    line = next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1
    err = _import_fails(content, out, capsys)
    assert (
        f"{out}:{line}: error: segment {link.getcontext()}: "
        "the placeholders of the link are out of order"
    ) in err


def test_importing_one_session_touches_only_that_session(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    out = tmp_path / "fr.xlf"
    assert export(content, out, "--edition", "2025") == 0
    text = out.read_text(encoding="utf-8")
    # Keep only the <file> of one session: what a translator returns for one document.
    files = re.findall(r"  <file .*?</file>\n", text, re.S)
    mine = next(f for f in files if 'original="sessions/2025/igf2025-ws-87.md"' in f)
    out.write_text(text.replace("".join(files), mine), encoding="utf-8")
    stand_in(out)
    before = snapshot(content)
    assert igfpub(["translate", "import", str(out), str(content)]) == 0
    after = snapshot(content)
    changed = sorted(k for k in after if before.get(k) != after[k])
    assert len(changed) == 2, changed
    assert changed[0].startswith(".igfpub/sources/")  # the English it translated
    assert changed[1] == f"{WS87}.fr.md"
