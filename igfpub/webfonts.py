"""Self-hosted Noto web fonts, subset to WOFF2 for <site>/assets/fonts/.

No page may request anything from a third-party host, so Material's Google Fonts are off
and the site serves Noto itself, from the Debian font packages. Full Noto files weigh
hundreds of kilobytes (the CJK collection 19 MB), so each script gets a small subset and
igfpub/theme/assets/stylesheets/igfpub-fonts.css declares it with a matching unicode-range:
a browser then downloads only the files whose ranges a page actually uses.

The Latin, Cyrillic and Arabic subsets hold fixed ranges, whatever the site says, so they
ship with igfpub (igfpub/fonts/, made by ``python -m igfpub.webfonts``, ``make fonts``):
subsetting them took two seconds of every cold build, a fifth of one at 300 sessions. The
Chinese subset holds the ideographs the site's text uses, and the fonts of other scripts
are the site's choice: both are subset at build time, and cached by a key over everything
that decides the output bytes; a warm build only copies files.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

# Bump when the subsetting code changes in a way the cache key below does not see.
CACHE_VERSION = "1"

# Cache entries kept per output file. More than one, so that two sites built from the same
# cache (the real content and a test fixture) do not keep evicting each other's Chinese.
CACHE_KEEP = 4

NOTO_CORE = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
SHIPPED = Path(__file__).resolve().parent / "fonts"  # the subsets made once (write_shipped)

Ranges = tuple[tuple[int, int], ...]

# Lean on purpose: fr/es need Latin-1 and Œœ, speakers' names need Latin Extended-A and
# Romanian Șș Țț; the rest is punctuation, currencies and the symbols prose uses.
# U+2100-214F as a whole would add ~7 KB for ™ and №, so only those are taken.
LATIN: Ranges = (
    (0x0000, 0x017F),
    (0x0218, 0x021B),
    (0x02BB, 0x02BC),
    (0x02C6, 0x02C7),
    (0x02C9, 0x02C9),
    (0x02D8, 0x02DD),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2122, 0x2122),
    (0x2190, 0x2193),
    (0x2212, 0x2212),
    (0x2215, 0x2215),
    (0xFEFF, 0xFEFF),
    (0xFFFD, 0xFFFD),
)
# № sits here rather than with Latin: Russian uses it and a Russian page loads this file anyway.
CYRILLIC: Ranges = ((0x0400, 0x052F), (0x2116, 0x2116))
# ZWNJ/ZWJ/LRM/RLM must come from the Arabic font itself: a joiner taken from another font
# would split the shaping run and break the joining it exists to control.
ARABIC: Ranges = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x200C, 0x200F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
# Always in the Chinese file. Of U+FF00-FFEF only the fullwidth forms and signs: the
# halfwidth katakana and hangul between them are no use to Chinese and cost ~7 KB.
CJK_PUNCTUATION: Ranges = ((0x3000, 0x303F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6))
# Characters taken into the Chinese file only when the site's text uses them.
CJK_TEXT: Ranges = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3040, 0x33FF),  # kana, bopomofo, strokes, enclosed and squared forms (㎡, ㈠)
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms (﹏)
    (0x20000, 0x3FFFF),  # extensions B and later
)

# Only what changes rendering here: Material asks for "kern" and "liga" and nothing else
# (no tnum, no small caps), and ccmp/locl/mark/mkmk place accents. Dropped features are
# just unused lookups.
LATIN_FEATURES = ("ccmp", "locl", "kern", "liga", "mark", "mkmk")
# Every feature Arabic shaping applies by default. The font's other two, aalt and dlig,
# only ever apply on request and cost ~4 KB.
ARABIC_FEATURES = (
    "ccmp",
    "locl",
    "isol",
    "init",
    "medi",
    "fina",
    "rlig",
    "calt",
    "liga",
    "curs",
    "kern",
    "mark",
    "mkmk",
)
# halt/chws serve Chrome's text-spacing-trim, which tightens runs of fullwidth punctuation.
# The site is never set vertically, so vert/vrt2 and the vertical metrics tables go.
CJK_FEATURES = ("ccmp", "locl", "halt", "chws")
CJK_DROP_TABLES = ("vhea", "vmtx", "VORG")

# Copyright, names and trademark, plus the licence text and URL: the OFL requires the
# licence to travel with every copy, and the subset is a copy.
NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 7, 13, 14)


@dataclass(frozen=True)
class WebFont:
    filename: str
    family: str  # the CSS font-family declared in igfpub-fonts.css
    weight: int
    source: Path
    package: str  # the Debian package that installs `source`
    ranges: Ranges  # always in the subset
    features: tuple[str, ...]
    text_ranges: Ranges = ()  # in the subset only where the text uses them
    collection_family: str | None = None  # which font of a .ttc collection
    drop_tables: tuple[str, ...] = ()
    shipped: bool = False  # subset once, in igfpub/fonts/, not at build time

    def unicode_ranges(self) -> Ranges:
        """Everything the file may hold: the CSS unicode-range of its @font-face."""
        return merge_ranges((*self.ranges, *self.text_ranges))

    def codepoints(self, text: str) -> list[int]:
        chosen = set(_expand(self.ranges))
        chosen.update(c for c in map(ord, text) if _within(c, self.text_ranges))
        return sorted(chosen)


def _noto(name: str) -> Path:
    return NOTO_CORE / name


WEBFONTS: tuple[WebFont, ...] = (
    *(
        WebFont(f"noto-sans-latin-{w}.woff2", "IGF Noto Sans", w,
                _noto(f"NotoSans-{style}.ttf"), "fonts-noto-core", LATIN, LATIN_FEATURES,
                shipped=True)
        for w, style in ((400, "Regular"), (700, "Bold"))
    ),
    *(
        WebFont(f"noto-sans-cyrillic-{w}.woff2", "IGF Noto Sans", w,
                _noto(f"NotoSans-{style}.ttf"), "fonts-noto-core", CYRILLIC, LATIN_FEATURES,
                shipped=True)
        for w, style in ((400, "Regular"), (700, "Bold"))
    ),
    *(
        WebFont(f"noto-sans-arabic-{w}.woff2", "IGF Noto Sans Arabic", w,
                _noto(f"NotoSansArabic-{style}.ttf"), "fonts-noto-core", ARABIC, ARABIC_FEATURES,
                shipped=True)
        for w, style in ((400, "Regular"), (700, "Bold"))
    ),
    # One weight only: a second would double the heaviest download, and browsers
    # synthesise a bold that reads well enough for headings.
    WebFont(
        "noto-sans-sc-400.woff2", "IGF Noto Sans SC", 400,
        NOTO_CJK / "NotoSansCJK-Regular.ttc", "fonts-noto-cjk",
        CJK_PUNCTUATION, CJK_FEATURES, text_ranges=CJK_TEXT,
        collection_family="Noto Sans CJK SC", drop_tables=CJK_DROP_TABLES,
    ),
)  # fmt: skip


# Every OpenType feature: Indic and other complex scripts shape with many, by script.
ALL_FEATURES = ("*",)
SCRIPT_CSS = "igfpub-fonts-scripts.css"


def script_webfonts(scripts: Iterable[str]) -> tuple[WebFont, ...]:
    """Regular and bold subsets for the scripts a site's languages use beyond the six UN
    languages' (Hebrew for a `he` site, Devanagari for `hi`, ...)."""
    from igfpub.core.languages import WEB_RANGES
    from igfpub.scriptfonts import FONTS

    out = []
    for script in scripts:
        regular = FONTS[script].path
        for weight, style in ((400, "Regular"), (700, "Bold")):
            source = regular.with_name(regular.name.replace("-Regular", f"-{style}"))
            if weight == 700 and not source.is_file():
                continue  # the browser synthesises bold from the regular face
            out.append(WebFont(f"noto-sans-{script.lower()}-{weight}.woff2", "IGF Noto Sans",
                               weight, source, FONTS[script].package,
                               merge_ranges(WEB_RANGES[script]), ALL_FEATURES))  # fmt: skip
    return tuple(out)


def script_css(fonts: Iterable[WebFont]) -> str:
    """The @font-face rules of ``script_webfonts``, as igfpub-fonts.css writes its own."""
    rules = []
    for font in fonts:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{font.family}";\n  font-style: normal;\n'
            f"  font-weight: {font.weight};\n  font-display: swap;\n"
            f'  src: url("../fonts/{font.filename}") format("woff2");\n'
            f"  unicode-range: {css_unicode_range(font.unicode_ranges())};\n}}\n"
        )
    return "".join(rules)


def write_webfonts(
    out_dir: Path,
    cjk_text: str,
    cache_dir: Path,
    extra: tuple[WebFont, ...] = (),
    *,
    text_subsets: bool | None = None,
) -> list[Path]:
    """Write the WOFF2 subsets into `out_dir` (<site>/assets/fonts/); return their paths.

    `cjk_text` must hold every Chinese character the zh pages show, theme strings
    included: one missing from it falls back to a system font on the reader's side.
    `extra`: the fonts of the site's other scripts (``script_webfonts``).
    `text_subsets`: only the fonts whose subset depends on `cjk_text` (True), only the
    others (False), or all (None). The others need no page, so a build makes them while
    its pages are rendered rather than after.
    """
    fonts = tuple(
        font
        for font in (*WEBFONTS, *extra)
        if text_subsets is None or bool(font.text_ranges) == text_subsets
    )
    # Check everything before writing anything, so a missing package leaves no half-set.
    for font in fonts:
        if font.shipped:
            if not (SHIPPED / font.filename).is_file():
                raise FileNotFoundError(f"{SHIPPED / font.filename} not found: reinstall igfpub")
        elif not font.source.is_file():
            raise FileNotFoundError(
                f"{font.source} not found (needed for {font.filename}): "
                f"install the Debian package {font.package} (apt-get install {font.package})"
            )
    if importlib.util.find_spec("brotli") is None:
        raise ModuleNotFoundError(
            "WOFF2 needs the brotli module: pip install brotli", name="brotli"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for font in fonts:
        if font.shipped:
            source = SHIPPED / font.filename
        else:
            source = _cached(font, font.codepoints(cjk_text), cache_dir)
        target = out_dir / font.filename
        shutil.copyfile(source, target)
        written.append(target)
    return written


def _cached(font: WebFont, codepoints: list[int], cache_dir: Path) -> Path:
    stem = font.filename.removesuffix(".woff2")
    entry = cache_dir / f"{stem}.{_cache_key(font, codepoints)}.woff2"
    if entry.is_file():
        entry.touch()  # the mtime ranks entries for _prune
        return entry
    data = _subset(font, codepoints)
    # Write-then-rename: an interrupted or concurrent build never leaves a truncated entry
    # that a later build would trust.
    with tempfile.NamedTemporaryFile(dir=cache_dir, suffix=".tmp", delete=False) as tmp:
        tmp.write(data)
    Path(tmp.name).replace(entry)
    _prune(cache_dir, stem, entry)
    return entry


def _cache_key(font: WebFont, codepoints: list[int]) -> str:
    stat = font.source.stat()
    material = {
        "version": CACHE_VERSION,
        # Both shape the output bytes: a new fontTools subsets differently, a new brotli
        # compresses differently.
        "fonttools": version("fonttools"),
        "brotli": version("brotli"),
        "source": str(font.source),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "collection_family": font.collection_family,
        "codepoints": codepoints,
        "features": font.features,
        "drop_tables": font.drop_tables,
        "name_ids": NAME_IDS,
    }
    blob = json.dumps(material, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()


def _prune(cache_dir: Path, stem: str, current: Path) -> None:
    # The Chinese key changes with every edit of zh text; without pruning the cache would
    # grow by a subset (hundreds of KB for a real site) per edit.
    others = sorted(
        (p for p in cache_dir.glob(f"{stem}.*.woff2") if p != current),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    # `current` is spared by name, not by mtime: entries written within one clock tick
    # tie, and the one about to be copied must not be the one deleted.
    for stale in others[CACHE_KEEP - 1 :]:
        stale.unlink(missing_ok=True)


def _subset(font: WebFont, codepoints: list[int]) -> bytes:
    # Imported here: fontTools is a tenth of a second of every igfpub command's start,
    # and most builds take their fonts from the cache.
    from fontTools import subset  # type: ignore[import-untyped]

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = list(font.features)
    options.name_IDs = list(NAME_IDS)
    options.drop_tables = [*options.drop_tables, *font.drop_tables]
    # TrueType hints are a third of the Latin file, and current browsers on current systems
    # (DirectWrite, Core Text, FreeType's light hinting) ignore most of them.
    options.hinting = False
    # Flattened CFF charstrings compress better under brotli than subroutines do (~7% on CJK).
    options.desubroutinize = True
    # Keep the source's head.modified: a fresh timestamp would make every build's files
    # differ, defeating byte-identical output and HTTP caching.
    options.recalc_timestamp = False
    if font.collection_family is not None:
        options.font_number = _font_number(font.source, font.collection_family)
    ttfont = subset.load_font(str(font.source), options, dontLoadGlyphNames=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(ttfont)
        buffer = io.BytesIO()
        subset.save_font(ttfont, buffer, options)
    finally:
        ttfont.close()
    return buffer.getvalue()


def _font_number(path: Path, family: str) -> int:
    # Found by name, not by a fixed index: where SC sits among the regional fonts of the
    # .ttc is a packaging detail, while the name table is the font's own word for what it is.
    from fontTools.ttLib import TTCollection  # type: ignore[import-untyped]

    with TTCollection(str(path), lazy=True) as collection:
        for number, member in enumerate(collection.fonts):
            names = member["name"]
            if family in (names.getDebugName(16), names.getDebugName(1)):
                return number
    raise LookupError(f"{path} holds no font of the family {family!r}")


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def css_unicode_range(ranges: Ranges) -> str:
    """``((0x400, 0x52F), (0x2116, 0x2116))`` -> ``"U+0400-052F, U+2116"``."""
    return ", ".join(
        f"U+{start:04X}" if start == end else f"U+{start:04X}-{end:04X}"
        for start, end in merge_ranges(ranges)
    )


def _expand(ranges: Ranges) -> Iterable[int]:
    for start, end in ranges:
        yield from range(start, end + 1)


def _within(codepoint: int, ranges: Ranges) -> bool:
    return any(start <= codepoint <= end for start, end in ranges)


def write_shipped(folder: Path = SHIPPED) -> list[Path]:
    """Subset the fixed-range fonts into ``folder`` from the installed Debian fonts: run
    after changing their ranges or features, or a fontTools or brotli version (a test
    compares the shipped files with what this makes)."""
    written = []
    for font in WEBFONTS:
        if font.shipped:
            target = folder / font.filename
            target.write_bytes(_subset(font, font.codepoints("")))
            written.append(target)
    return written


if __name__ == "__main__":
    for path in write_shipped():
        print(f"{path}: {path.stat().st_size} bytes")
