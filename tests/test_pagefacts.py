"""The per-page facts memo of the after-build steps: a page is read again exactly when its
file is another one (rendered again, or rewritten by a step), never otherwise."""

from __future__ import annotations

from pathlib import Path

from igfpub.outputs.pagefacts import page_facts


def _site(tmp_path: Path) -> tuple[Path, list[Path]]:
    site = tmp_path / "site"
    pages = []
    for name, text in [("a", "première"), ("b", "第二页"), ("c", "third 🎉")]:
        page = site / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<p>{text}</p>", encoding="utf-8")
        pages.append(page)
    return site, pages


def test_only_new_files_are_read_again(tmp_path: Path) -> None:
    site, pages = _site(tmp_path)
    memo = tmp_path / "cache" / "facts" / "chars.pickle"
    read: list[str] = []

    def chars(page: Path) -> str:
        read.append(page.parent.name)
        return "".join(sorted(set(page.read_text(encoding="utf-8"))))

    first = page_facts(site, pages, chars, memo, "code-1")
    assert read == ["a", "b", "c"]
    assert "第" in first[1] and "🎉" in first[2]
    read.clear()
    assert page_facts(site, pages, chars, memo, "code-1") == first
    assert read == []
    # A page rendered again is a new file (a new inode), even with the same size.
    new = pages[1].with_name("index.html.new")
    new.write_text("<p>第三页</p>", encoding="utf-8")
    new.replace(pages[1])
    again = page_facts(site, pages, chars, memo, "code-1")
    assert read == ["b"]
    assert "三" in again[1] and "二" not in again[1]
    # Other code made the memo: everything is read again.
    read.clear()
    page_facts(site, pages, chars, memo, "code-2")
    assert read == ["a", "b", "c"]


def test_a_torn_memo_means_reading_every_page(tmp_path: Path) -> None:
    site, pages = _site(tmp_path)
    memo = tmp_path / "facts.pickle"
    memo.write_bytes(b"\x80\x05not a pickle")
    sizes = page_facts(site, pages, lambda p: p.stat().st_size, memo, "code")
    assert sizes == [p.stat().st_size for p in pages]
    # The memo now holds exactly these pages; a page that is gone is dropped from it.
    assert page_facts(site, pages[:1], lambda p: -1, memo, "code") == [sizes[0]]
    assert page_facts(site, pages[1:], lambda p: -1, memo, "code") == [-1, -1]
