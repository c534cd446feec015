"""The self-hosted web font subsets (igfpub/webfonts.py) and the CSS that declares them.

Subsetting takes a few seconds, so one module-scoped build serves most tests; only the
determinism test pays for a second cold build.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from igfpub import webfonts
from igfpub.webfonts import CJK_PUNCTUATION, CJK_TEXT, WEBFONTS, css_unicode_range

CSS = Path(__file__).resolve().parent.parent / "igfpub/theme/assets/stylesheets/igfpub-fonts.css"
TEXT = "互联网治理论坛：第二十届会议。Forum 2025"
IDEOGRAPHS = set("互联网治理论坛第二十届会议")
NAMES = [
    "noto-sans-latin-400.woff2",
    "noto-sans-latin-700.woff2",
    "noto-sans-cyrillic-400.woff2",
    "noto-sans-cyrillic-700.woff2",
    "noto-sans-arabic-400.woff2",
    "noto-sans-arabic-700.woff2",
    "noto-sans-sc-400.woff2",
]
KB = 1024


@dataclasses.dataclass
class Build:
    out: Path
    cache: Path
    written: list[Path]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("webfonts")
    out, cache = root / "site/assets/fonts", root / "cache"
    return Build(out, cache, webfonts.write_webfonts(out, TEXT, cache))


def font(build: Build, name: str) -> TTFont:
    return TTFont(build.out / name)


def features(ttfont: TTFont, table: str) -> set[str]:
    return {r.FeatureTag for r in ttfont[table].table.FeatureList.FeatureRecord}


def within(codepoint: int, ranges: webfonts.Ranges) -> bool:
    return any(start <= codepoint <= end for start, end in ranges)


def test_writes_the_seven_files_as_woff2(built: Build) -> None:
    assert built.written == [built.out / name for name in NAMES]
    assert sorted(p.name for p in built.out.iterdir()) == sorted(NAMES)
    for name in NAMES:
        assert font(built, name).flavor == "woff2", name


def test_latin_and_cyrillic_cover_their_scripts_and_no_more(built: Build) -> None:
    latin = font(built, "noto-sans-latin-400.woff2").getBestCmap()
    assert {ord(c) for c in "Aéçñœ€Șș—“”"} <= set(latin)
    assert not any(0x0400 <= c <= 0x04FF for c in latin)
    cyrillic = font(built, "noto-sans-cyrillic-700.woff2").getBestCmap()
    assert {ord(c) for c in "ЖжЁёЇїҢң№"} <= set(cyrillic)
    assert ord("A") not in cyrillic
    latin_font = font(built, "noto-sans-latin-400.woff2")
    assert "kern" in features(latin_font, "GPOS")
    assert "liga" in features(latin_font, "GSUB")


def test_hinting_is_stripped(built: Build) -> None:
    latin = font(built, "noto-sans-latin-400.woff2")
    assert not {"fpgm", "prep", "cvt "} & set(latin.keys())


def test_licence_travels_with_the_subset(built: Build) -> None:
    names = font(built, "noto-sans-arabic-400.woff2")["name"]
    assert "Open Font License" in names.getDebugName(13)


@pytest.mark.parametrize("name", ["noto-sans-arabic-400.woff2", "noto-sans-arabic-700.woff2"])
def test_arabic_keeps_what_shaping_needs(built: Build, name: str) -> None:
    arabic = font(built, name)
    cmap = arabic.getBestCmap()
    assert {0x0627, 0x0644, 0x0645, 0x060C, 0x061F, 0x200C, 0x200D} <= set(cmap)
    assert {"init", "medi", "fina", "isol", "rlig"} <= features(arabic, "GSUB")
    assert {"mark", "mkmk"} <= features(arabic, "GPOS")


def test_chinese_holds_exactly_the_texts_ideographs(built: Build) -> None:
    cmap = set(font(built, "noto-sans-sc-400.woff2").getBestCmap())
    assert {c for c in cmap if within(c, CJK_TEXT)} == {ord(c) for c in IDEOGRAPHS}
    assert ord("龍") not in cmap
    # Beyond the ideographs only CJK punctuation, which every zh page needs whatever it says.
    assert all(within(c, CJK_PUNCTUATION) for c in cmap - {ord(c) for c in IDEOGRAPHS})
    assert {ord(c) for c in "　、。「」《》：，（）！？"} <= cmap
    # The Latin of the text stays with the Latin file.
    assert ord("F") not in cmap


def test_chinese_drops_vertical_layout(built: Build) -> None:
    sc = font(built, "noto-sans-sc-400.woff2")
    assert not {"vhea", "vmtx", "VORG"} & set(sc.keys())
    assert "vert" not in features(sc, "GSUB")


def test_files_are_small(built: Build) -> None:
    size = {name: (built.out / name).stat().st_size for name in NAMES}
    assert size["noto-sans-latin-400.woff2"] < 60 * KB
    assert size["noto-sans-cyrillic-400.woff2"] < 30 * KB
    assert size["noto-sans-arabic-400.woff2"] < 80 * KB
    assert size["noto-sans-sc-400.woff2"] < 30 * KB


def test_second_build_is_served_from_the_cache(
    built: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_subsetting(*args: object) -> bytes:
        raise AssertionError("cache miss")

    monkeypatch.setattr(webfonts, "_subset", no_subsetting)
    entries = sorted(built.cache.iterdir())
    written = webfonts.write_webfonts(tmp_path / "fonts", TEXT, built.cache)
    assert sorted(built.cache.iterdir()) == entries
    for path in written:
        assert path.read_bytes() == (built.out / path.name).read_bytes()


def test_new_text_resubsets_only_the_chinese_file(
    built: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subset = webfonts._subset
    made: list[str] = []

    def counting(font: webfonts.WebFont, codepoints: list[int]) -> bytes:
        made.append(font.filename)
        return subset(font, codepoints)

    monkeypatch.setattr(webfonts, "_subset", counting)
    webfonts.write_webfonts(tmp_path / "fonts", TEXT + "龍", built.cache)
    assert made == ["noto-sans-sc-400.woff2"]
    assert ord("龍") in TTFont(tmp_path / "fonts" / NAMES[-1]).getBestCmap()
    # Text outside the CJK ranges does not change the key, so it costs no new subset.
    made.clear()
    webfonts.write_webfonts(tmp_path / "again", TEXT + " more Latin", built.cache)
    assert made == []


def test_output_is_byte_identical_from_a_fresh_cache(built: Build, tmp_path: Path) -> None:
    again = webfonts.write_webfonts(tmp_path / "fonts", TEXT, tmp_path / "cache")
    for path in again:
        assert path.read_bytes() == (built.out / path.name).read_bytes(), path.name


def test_stale_cache_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webfonts, "_subset", lambda font, codepoints: str(codepoints).encode())
    monkeypatch.setattr(webfonts, "WEBFONTS", WEBFONTS[-1:])
    for char in "一二三四五六":
        webfonts.write_webfonts(tmp_path / "fonts", char, tmp_path / "cache")
    assert len(list((tmp_path / "cache").iterdir())) == webfonts.CACHE_KEEP


def test_missing_font_names_the_debian_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = list(WEBFONTS)
    fonts[6] = dataclasses.replace(fonts[6], source=tmp_path / "absent.ttc")
    monkeypatch.setattr(webfonts, "WEBFONTS", tuple(fonts))
    with pytest.raises(FileNotFoundError, match="apt-get install fonts-noto-cjk"):
        webfonts.write_webfonts(tmp_path / "fonts", TEXT, tmp_path / "cache")
    assert not (tmp_path / "fonts").exists()


def test_shipped_subsets_need_no_font_package(
    built: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tuple(
        dataclasses.replace(font, source=tmp_path / "absent.ttf") if font.shipped else font
        for font in WEBFONTS
    )
    monkeypatch.setattr(webfonts, "WEBFONTS", gone)
    written = webfonts.write_webfonts(tmp_path / "fonts", TEXT, built.cache)
    assert [path.name for path in written] == NAMES
    assert not list(tmp_path.glob("cache*"))
    for path in written:
        assert path.read_bytes() == (built.out / path.name).read_bytes(), path.name


def test_shipped_subsets_are_what_the_installed_fonts_give(tmp_path: Path) -> None:
    """igfpub/fonts/ is made by `make fonts`; after a change of ranges, features or
    fontTools, this fails until it is run again."""
    made = webfonts.write_shipped(tmp_path)
    assert [path.name for path in made] == NAMES[:6]
    assert sorted(p.name for p in webfonts.SHIPPED.glob("*.woff2")) == sorted(NAMES[:6])
    for path in made:
        shipped = webfonts.SHIPPED / path.name
        assert path.read_bytes() == shipped.read_bytes(), f"{shipped}: run `make fonts`"


def font_faces() -> dict[str, dict[str, str]]:
    """igfpub-fonts.css's @font-face rules, by the file each one loads."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    faces = {}
    for body in re.findall(r"@font-face\s*{(.*?)}", css, flags=re.DOTALL):
        pairs = (d.split(":", 1) for d in body.split(";") if d.strip())
        decls = {name.strip(): " ".join(value.split()) for name, value in pairs}
        faces[re.findall(r'url\("\.\./fonts/([^"]+)"\)', decls["src"])[0]] = decls
    return faces


def test_css_declares_every_file_with_its_subsets_range() -> None:
    faces = font_faces()
    assert sorted(faces) == sorted(NAMES)
    for webfont in WEBFONTS:
        face = faces[webfont.filename]
        assert face["font-family"] == f'"{webfont.family}"'
        assert face["font-weight"] == str(webfont.weight)
        assert face["font-display"] == "swap"
        assert face["unicode-range"] == css_unicode_range(webfont.unicode_ranges())
        assert face["src"].startswith("local(")
        assert face["src"].endswith('format("woff2")')


def test_css_requests_nothing_from_another_host() -> None:
    css = CSS.read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", css)
    assert "@import" not in css


def test_css_sets_materials_font_per_language() -> None:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    rules = {
        sel.strip(): " ".join(body.split()) for sel, body in re.findall(r"([^{}]+){([^}]*)}", css)
    }
    assert rules[":root"] == '--md-text-font: "IGF Noto Sans";'
    assert rules['[lang="ar"]'].startswith(
        '--md-text-font: "IGF Noto Sans Arabic", "IGF Noto Sans"'
    )
    zh = rules['[lang="zh"]']
    assert zh.startswith('--md-text-font: "IGF Noto Sans SC", "IGF Noto Sans", ')
    assert '"PingFang SC"' in zh and '"Microsoft YaHei"' in zh
