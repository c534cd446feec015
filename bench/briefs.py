"""Benchmark the PDF step: every brief and outcome document of a content folder, cold
(empty cache) and warm (nothing changed), in six languages.

Usage: python bench/briefs.py [CONTENT] [--workers N] [--keep DIR]

This is the after-build step alone (igfpub/printing.py), without the MkDocs build before it:
the same jobs, cache and worker pool as `igfpub build`. Prints the wall time of each run,
the CPU time of the whole process tree, the number and size of the PDFs (by kind and
language) and the briefs that had to be shortened.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from igfpub.catalogs import compile_all
from igfpub.core.loader import load_corpus
from igfpub.printing import WORKERS, Report, publish

PROJECT = Path(__file__).resolve().parent.parent
SITE_URL = "https://outcomes.example.org/"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, reaped
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(label: str, content: Path, site: Path, cache: Path, workers: int) -> Report:
    corpus = load_corpus(content).corpus
    started, cpu = time.perf_counter(), cpu_seconds()
    report = publish(site, corpus, cache, site_url=SITE_URL, theme_dirs=[PROJECT / "igfpub" / "theme"],
                     workers=workers, stream=io.StringIO())  # fmt: skip
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    print(f"{label:<5} {report.documents:>4} PDFs  {len(report.rendered):>4} rendered  "
          f"wall {wall:6.1f} s  cpu {cpu:6.1f} s")  # fmt: skip
    return report


def sizes(site: Path) -> None:
    by_kind: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pdf in site.rglob("*.pdf"):
        parts = pdf.relative_to(site).parts
        lang = parts[0] if len(parts[0]) == 2 else "en"
        kind = "outcome" if "editions" in parts else "brief"
        by_kind[(kind, lang)].append(pdf.stat().st_size)
    print("\nPDF sizes (KB): kind lang count median max")
    for (kind, lang), values in sorted(by_kind.items()):
        values.sort()
        print(f"  {kind:<8} {lang}  {len(values):>4}  {values[len(values) // 2] / 1024:7.0f}"
              f"  {values[-1] / 1024:7.0f}")  # fmt: skip
    total = sum(sum(v) for v in by_kind.values())
    print(f"  total {total / 1024 / 1024:.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path, default=PROJECT / "content")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--keep", type=Path, help="keep the site and cache in this folder")
    args = parser.parse_args()
    compile_all()
    work = args.keep or Path(tempfile.mkdtemp(prefix="igfpub-bench-briefs-"))
    shutil.rmtree(work / "cache", ignore_errors=True)
    print(f"{args.content}: {os.cpu_count()} CPUs, {args.workers} workers, load "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    try:
        run("cold", args.content, work / "site", work / "cache", args.workers)
        report = run("warm", args.content, work / "site", work / "cache", args.workers)
        sizes(work / "site")
        print(f"\nshortened briefs: {len(report.shortened)}")
        for brief, per_lang in sorted(report.shortened.items()):
            counts = ", ".join(f"{lang} {s}/{t}" for lang, (s, t) in per_lang.items())
            print(f"  {brief}: {counts}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
