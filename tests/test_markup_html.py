"""HTML a rapporteur writes inside Markdown: what it means is kept, how it looks is not,
and nothing of it runs. Before, a tag left out of the allowed set was stripped with its
words glued together: "<details><summary>Mais</summary>oculto</details>" read "Maisoculto"."""

from __future__ import annotations

from igfpub.core import markup


def test_meaningful_inline_html_is_kept_without_style_or_script() -> None:
    text = (
        "Nota e <details><summary>Mais</summary>oculto</details> "
        '<span style="color:red" onclick="steal()">vermelho</span> <kbd>Ctrl</kbd> '
        "<mark>novo</mark>"
    )
    assert markup.inline(text) == (
        "Nota e <details><summary>Mais</summary>oculto</details> <span>vermelho</span> "
        "<kbd>Ctrl</kbd> <mark>novo</mark>"
    )


def test_a_details_block_in_a_report_keeps_its_summary_apart() -> None:
    html = markup.block("Texto.\n\n<details open><summary>Mais</summary>\n\noculto\n\n</details>\n")
    assert html == '<p>Texto.</p>\n<details open=""><summary>Mais</summary>\n\noculto\n\n</details>'


def test_what_runs_is_still_removed_from_the_new_tags() -> None:
    html = markup.inline(
        '<details ontoggle="alert(1)" open><summary onclick="x()">a</summary>'
        '<span><a href="javascript:alert(2)">b</a></span></details>'
    )
    assert "alert" not in html and "onclick" not in html and "javascript" not in html
    assert html.startswith('<details open=""><summary>a</summary><span><a')
