"""Processes that end with the one that started them.

A build's workers, and the Pagefind runs they start, must not outlive the build: a worker
would go on writing into a folder that the next build clears, holding the lock that tells
that folder is in use (igfpub/sitedir.py); a Pagefind run whose build was killed (the
preview server stopped in the middle of a search refresh, say) was once found 48 minutes
later, hung (in futex waits, with 114 threads) after the process reading its pipes was gone.
On Linux the kernel sends such a process SIGKILL when its parent ends
(``PR_SET_PDEATHSIG``), even by ``kill -9``; elsewhere nothing is done.
"""

from __future__ import annotations

import ctypes
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1
# Looked up once, here: the child of a fork must do as little as it can before it execs.
_prctl: Callable[..., int] | None = (
    ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None
)


def die_with_parent() -> None:
    """Have this process killed when its parent ends (a thread of it, strictly: the one
    that started this process, which for igfpub waits for it)."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
