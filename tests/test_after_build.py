"""After-build steps cannot fail at random, and a failure names the step and the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.mkdocs import finish
from igfpub.outputs.search import ENTRY, SearchIndexError, check_entry
from igfpub.printing import PrintError
from tests.conftest import SITES

MANIFEST = {
    "version": "1.5.2",
    "languages": {"fr": {"hash": "fr_0123456789", "wasm": "fr", "page_count": 3}},
}


@pytest.mark.parametrize(
    ("files", "at_fault", "problem"),
    [
        ({ENTRY: ""}, ENTRY, "empty file written by Pagefind"),
        ({}, ENTRY, "not written by Pagefind"),
        ({ENTRY: '{"version": "1.5.2", "langua'}, ENTRY, "incomplete or invalid manifest"),
        (
            {ENTRY: json.dumps(MANIFEST)},
            "pagefind.fr_0123456789.pf_meta",
            "index metadata not written",
        ),
    ],
)
def test_search_index_that_stays_broken_names_its_file(
    tmp_path: Path, files: dict[str, str], at_fault: str, problem: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = check_entry(tmp_path)
    assert isinstance(found, tuple)
    failure = SearchIndexError(*found)
    assert failure.path == tmp_path / at_fault
    assert failure.message.startswith(problem)
    site = tmp_path.parent
    line = finish.describe_failure("search index", site, failure)
    assert line.startswith(f"search index: {site.name}/{tmp_path.name}/{at_fault}: {problem}")


def test_failures_are_described_by_step_and_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    describe = finish.describe_failure
    assert describe(
        "PDFs", site, PrintError(Path("fr/briefs/2025/body-itu.pdf"), "OSError: disk full")
    ) == ("PDFs: site/fr/briefs/2025/body-itu.pdf: OSError: disk full")
    missing = FileNotFoundError(2, "No such file or directory", str(site / "sitemap.xml"))
    assert (
        describe("sitemap", site, missing) == "sitemap: site/sitemap.xml: No such file or directory"
    )
    # An error that names no file is located at the site folder, with its kind.
    bare = json.JSONDecodeError("Expecting value", "", 0)
    assert describe("search index", site, bare) == (
        "search index: site: unexpected JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
    )


def test_a_failing_step_fails_the_build_naming_step_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def check_open_data(build: finish.FinishedBuild) -> None:
        # A real read of a file that the steps before did not write.
        (build.site / "api" / "v1" / "never-written.json").read_bytes()

    steps = [*finish.AFTER_BUILD]
    steps.insert(steps.index(finish.search_index), check_open_data)
    monkeypatch.setattr(finish, "AFTER_BUILD", steps)
    site = tmp_path / "site"
    assert igfpub(["build", str(SITES / "emoji"), "-d", str(site), "--no-pdf"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[-1] == (
        "igfpub: build failed: check open data: site/api/v1/never-written.json: No such file or directory"
    )
    assert not any("Aborted with a BuildError" in line for line in errors)
    # A failed build writes nothing and leaves nothing behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_feeds_are_the_same_bytes_after_a_pdf_was_rendered_in_the_process(tmp_path: Path) -> None:
    from igfpub.core.inputs import PageInputs
    from igfpub.core.loader import load_corpus
    from igfpub.core.publications import Index
    from igfpub.outputs.feeds import cached_feeds

    def all_feeds(index: Index, site_url: str, cache: str) -> dict[str, bytes]:
        # A cache of its own for each call: both calls really render.
        inputs = PageInputs(index.corpus, index)
        feeds = cached_feeds(index, inputs, site_url, lambda lang: str, tmp_path / cache, "code")
        return {k: v.read_bytes() if isinstance(v, Path) else v for k, v in feeds.items()}

    index = Index(load_corpus(SITES / "emoji").corpus)
    before = all_feeds(index, "https://outcomes.example.org/", "before")
    import weasyprint.pdf.metadata  # registers its XML prefixes (and "" for none) globally

    assert weasyprint.pdf.metadata.NS
    after = all_feeds(index, "https://outcomes.example.org/", "after")
    assert after == before
    feed = after["fr/bodies/itu/feed.xml"].decode()
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">' in feed
    assert "ns0:" not in feed
