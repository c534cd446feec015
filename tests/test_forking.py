"""A process that forks while another of its threads works (the preview server: live
pages in one thread, builds in another) gives its children nothing half-held.

The preview's build once hung: its workers, forked while the live pages' thread computed a
``functools.cached_property`` (whose lock, in Python 3.11, is one for every instance),
waited on that lock for good."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from igfpub import build as build_module
from igfpub import lifetime
from igfpub.core.lazy import cached_property
from tests.conftest import build


class Slow:
    """A value that takes as long as the test wants, in the thread the test chooses."""

    computed = 0

    def __init__(self, hold: threading.Event | None = None, started: threading.Event | None = None):
        self.hold, self.started = hold, started

    @cached_property
    def value(self) -> int:
        Slow.computed += 1
        if self.started is not None and self.hold is not None:
            self.started.set()
            self.hold.wait(30)
        return 42


def _exited_within(pid: int, seconds: float) -> int | None:
    """The child's exit status, or None if it had not ended by then (it is then killed)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return None


def test_a_value_being_computed_in_another_thread_does_not_stop_a_forked_child() -> None:
    hold, started = threading.Event(), threading.Event()
    thread = threading.Thread(target=lambda: Slow(hold, started).value)
    thread.start()
    try:
        assert started.wait(10)
        pid = os.fork()
        if pid == 0:  # the child: its own instance's value, while the parent's is computing
            os._exit(0 if Slow().value == 42 else 1)
        assert _exited_within(pid, 10) == 0
    finally:
        hold.set()
        thread.join()


def test_a_value_is_computed_once_per_instance_and_kept_on_it() -> None:
    Slow.computed = 0
    one, other = Slow(), Slow()
    assert (one.value, one.value, other.value) == (42, 42, 42)
    assert Slow.computed == 2
    assert one.__dict__["value"] == 42
    assert isinstance(Slow.__dict__["value"], cached_property)


def test_a_build_forks_its_workers_only_while_no_other_thread_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """igfpub.lifetime.FORKING is held around every fork of a build (its workers, and the
    process that empties the previous site), and the preview's live pages hold it while
    they render (igfpub/serve.py)."""
    held_at_fork: list[tuple[str, bool]] = []

    class Context(build_module._WorkerContext):
        def Pool(self, *args: Any, **kwargs: Any) -> Any:
            held_at_fork.append(("workers", lifetime.FORKING.locked()))
            return super().Pool(*args, **kwargs)

    real_start = multiprocessing.context.ForkProcess.start

    def start(process: Any) -> None:
        held_at_fork.append(("process", lifetime.FORKING.locked()))
        real_start(process)

    monkeypatch.setattr(build_module, "_WorkerContext", Context)
    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", start)
    site = tmp_path / "site"
    # Twice: the second build empties the first one's site in a process of its own.
    assert build("bilingual", site) == 0
    (site.parent / ".igfpub-cache" / "last-build.json").unlink()
    assert build("bilingual", site) == 0
    assert ("workers", True) in held_at_fork
    assert ("process", True) in held_at_fork
    assert all(held for _, held in held_at_fork), held_at_fork
    assert not lifetime.FORKING.locked()
