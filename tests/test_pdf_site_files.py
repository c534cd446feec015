"""A PDF shows the site's own files (an image of a takeaway) by their address, since it
travels without its site: they are read from the site's folder, and only from there."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf

from igfpub.printing import named_files

THEME = Path(__file__).resolve().parent.parent / "igfpub" / "theme"
STYLESHEET = THEME / "assets" / "stylesheets" / "igfpub-print.css"
SITE_URL = "https://forum.example.org/"


def _png(width: int, height: int) -> bytes:
    rows = b"".join(b"\x00" + b"\x20\x80\x20" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


def _html(src: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'
        f'<body><h1>Takeaway</h1><p>See <img alt="a chart" src="{src}"></p></body></html>'
    )


def _images(data: bytes) -> list[tuple[int, int]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            (int(image.Width), int(image.Height))
            for page in pdf.pages
            for image in page.images.values()
        ]


def test_an_image_of_the_site_is_read_from_its_folder(tmp_path: Path) -> None:
    from igfpub.pdf import Printer

    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    (site / "img" / "chart.png").write_bytes(_png(5, 3))
    (tmp_path / "secret.png").write_bytes(_png(7, 7))
    printer = Printer(STYLESHEET, [site, THEME], (SITE_URL, site))

    shown = printer.render(_html(f"{SITE_URL}img/chart.png"))
    assert _images(shown.data) == [(5, 3)]
    assert shown.notes == []

    # Out of the site's folder by its address, or another site: refused, and said.
    outside = printer.render(_html(f"{SITE_URL}img/../../secret.png"))
    assert _images(outside.data) == []
    elsewhere = printer.render(_html("https://tracker.example.net/pixel.png"))
    assert _images(elsewhere.data) == []
    assert elsewhere.notes == ["refused to fetch https://tracker.example.net/pixel.png"]


def test_the_files_a_pdf_shows_are_in_its_cache_key(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    image = tmp_path / "img" / "chart.png"
    image.write_bytes(_png(5, 3))
    html = _html(f"{SITE_URL}img/chart.png") + _html("https://tracker.example.net/p.png")
    before = named_files(html, SITE_URL, tmp_path)
    assert [line.split()[0] for line in before] == ["img/chart.png"]
    image.write_bytes(_png(6, 3))
    assert named_files(html, SITE_URL, tmp_path) != before
