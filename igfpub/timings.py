"""Where a build's wall time goes: one line per phase on standard error when the
environment sets ``IGFPUB_TIMINGS`` (bench/README.md's profiles use it)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def phase(name: str) -> Iterator[None]:
    if not os.environ.get("IGFPUB_TIMINGS"):
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        took = time.perf_counter() - start
        print(f"igfpub: timing: {name}: {took:.2f} s (pid {os.getpid()})", file=sys.stderr,
              flush=True)  # fmt: skip
