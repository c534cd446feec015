"""Page weight over the wire and privacy: a session page's first visit costs at most
150 KB (HTML, CSS, JavaScript, fonts and icon, gzip-compressed as a host sends them), and
no page asks any other host for anything."""

from __future__ import annotations

import pytest

from igfpub.core.languages import LANGUAGES
from tests.browser.conftest import MOBILE, Browse, Wire
from tests.browser.samples import Sample

BUDGET = 150 * 1000  # bytes: "150 KB" read strictly


@pytest.mark.parametrize("lang", LANGUAGES)
def test_session_page_first_visit_is_at_most_150_kb(
    browse: Browse, samples: list[Sample], lang: str
) -> None:
    # The largest session page of the sample: the worst case of its kind.
    session = next(s for s in samples if s.kind == "session")
    page = browse.page()
    wire = Wire(page)
    page.goto(browse.url(session.at(lang)))
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert wire.bytes, "nothing measured"
    assert wire.total() <= BUDGET, f"{wire.total()} bytes: {wire.report()}"
    assert not any("/pagefind/" in url for url in wire.bytes)


def test_pages_request_nothing_from_other_hosts(browse: Browse, samples: list[Sample]) -> None:
    """The browse fixture fails any test whose pages ask a host other than the local
    server for anything (every test here visits pages through it). This one adds the
    phone layout and an open language menu, in the two non-Latin scripts."""
    page = browse.page(viewport=MOBILE)
    for lang in ("zh", "ar"):
        for sample in samples:
            page.goto(browse.url(sample.at(lang)))
            page.hover(".md-select")
    page.wait_for_load_state("networkidle")
    assert len(browse.requests) > len(samples)
