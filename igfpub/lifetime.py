"""Processes that end with the one that started them.

A build's workers, and the Pagefind runs they start, must not outlive the build: a worker
would go on writing into a folder that the next build clears, holding the lock that tells
that folder is in use (igfpub/sitedir.py); a Pagefind run whose build was killed (the
preview server stopped in the middle of a search refresh, say) was once found 48 minutes
later, hung (in futex waits, with 114 threads) after the process reading its pipes was gone.
On Linux the kernel sends such a process SIGKILL when its parent ends
(``PR_SET_PDEATHSIG``), even by ``kill -9``; elsewhere nothing is done.

A server stopped by SIGTERM (a service manager, a CI job, ``kill``) ends as it does on
Ctrl-C: ``mkdocs serve`` otherwise leaves its temporary site (1.6 MB for a small site)
in the temporary folder each time.

A process that forks while another of its threads is at work gives the child that
thread's locks held, for good, and its objects as they were half-way: the preview
server's build once hung so, its workers waiting on a lock its live pages' thread held
when they were forked. A process's forks and the work of its other threads take turns
(:data:`FORKING`).

Ctrl-C reaches every process of the command in the terminal. Only the one the user
started acts on it: it stops the work, ends its workers and says so in one line. The
workers leave it to that process (each would otherwise print a KeyboardInterrupt's
traceback, and a helper that writes a cache entry would stop half-way).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

_PR_SET_PDEATHSIG = 1
# Held while igfpub forks (a build's workers, the process that empties the previous site),
# and by a thread that renders while another may fork (the preview's live pages).
FORKING = threading.Lock()
# Looked up once, here: the child of a fork must do as little as it can before it execs.
_prctl: Callable[..., int] | None = (
    ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None
)


def die_with_parent() -> None:
    """Have this process killed when its parent ends (a thread of it, strictly: the one
    that started this process, which for igfpub waits for it)."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def stop_on_sigterm() -> None:
    """Have SIGTERM raise KeyboardInterrupt in this process's main thread, where a server
    waits, so that its clean-up runs. A handler someone else set is kept. Processes forked
    from this one (a build's workers) get the default back: a pool ends its workers with
    SIGTERM, and each would otherwise print a KeyboardInterrupt's traceback."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _default_in_child() -> None:
    if signal.getsignal(signal.SIGTERM) is _interrupt:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


os.register_at_fork(after_in_child=_default_in_child)  # see stop_on_sigterm


def leave_interrupts_to_parent() -> None:
    """In a worker process: Ctrl-C is for the process the user started (see above)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
