"""Cells of the open data's CSV files that a spreadsheet shows as text.

A message is content written by anyone: a takeaway that starts with ``=HYPERLINK(...)``
or ``+cmd|...`` became a live formula when the CSV was opened in Excel, LibreOffice or
Google Sheets (CSV injection). The JSON files keep every text exactly as written.
"""

from __future__ import annotations

from typing import Any

# What starts a formula in the common spreadsheets (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """``value``, with an apostrophe before it where it starts like a formula: the
    spreadsheets' own mark of a text cell, which they show without the apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def row(values: dict[str, Any]) -> dict[str, Any]:
    """Every text of a CSV row as a :func:`cell`."""
    return {k: cell(v) if isinstance(v, str) else v for k, v in values.items()}
