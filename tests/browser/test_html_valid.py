"""The Nu Html Checker (npm's vnu-jar, run with Java) finds no error in one page of each
kind in three scripts (Latin, Arabic right to left, Chinese), nor in the 404 page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.browser.conftest import VNU, _require
from tests.browser.samples import Sample

LANGS = ("en", "ar", "zh")


def test_sampled_pages_are_valid_html(sample_site: Path, samples: list[Sample]) -> None:
    _require(VNU, "vnu-jar")
    java = shutil.which("java")
    assert java, "Java is missing: run ./scripts/setup"
    files = sorted(
        {str(sample_site / s.at(lang) / "index.html") for s in samples for lang in LANGS}
    )
    files.append(str(sample_site / "404.html"))
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its report to stderr, and exits 1 when it found errors.
    report = json.loads(run.stderr)
    errors = [
        f"{m['url'].split(str(sample_site))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)
    assert run.returncode == 0
