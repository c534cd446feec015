"""The follow-up report of an edition: made once per build and edition, however many
editions the archive has (each body page asks for every edition's, one after the other)."""

from __future__ import annotations

from typing import Any

import pytest

from igfpub.core import followuppage
from igfpub.core.followup import Counts, count
from igfpub.core.followuppage import Report, Row


class _Index:
    """Stands for a build's Index: the cache only needs it to be hashable and weakly
    referenced."""


def test_each_report_is_made_once_however_many_editions(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []

    def make(index: Any, year: int) -> Any:
        made.append(year)
        return f"report {year}"

    monkeypatch.setattr(followuppage, "_report", make)
    index: Any = _Index()
    years = list(range(2006, 2026))  # twenty editions; the cache used to hold sixteen
    for _body in range(3):
        for year in years:
            assert followuppage.report(index, year) == f"report {year}"
    assert made == years

    # The next build has a new index, and its own reports.
    assert followuppage.report(_Index(), 2006) == "report 2006"
    assert made == [*years, 2006]


def test_a_body_with_no_messages_in_the_edition_counts_zero() -> None:
    counts = Counts({"awaiting": 2, "acknowledged": 1, "supported": 0, "noted": 0,
                     "declined": 0}, {"not-started": 0, "ongoing": 0, "completed": 0}, 3)  # fmt: skip
    report = Report(2025, (), counts, (Row("itu", counts),), (), ())
    assert report.for_body("itu") is counts
    nothing = report.for_body("unesco")
    assert nothing == count(())
    assert nothing.total == 0
