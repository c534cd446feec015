"""Where a build's wall time goes: one line per phase on standard error when the
environment sets ``IGFPUB_TIMINGS`` (bench/README.md's profiles use it)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

# When the command started (workers fork with it): each phase says when it began, so the
# lines of all processes make one timeline.
_T0 = time.perf_counter()


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
        print(f"igfpub: timing: {name}: {took:.2f} s (pid {os.getpid()}, from {start - _T0:.2f} s)",
              file=sys.stderr, flush=True)  # fmt: skip
