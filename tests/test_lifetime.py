"""A Pagefind run ends with the process that started it, even killed by ``kill -9``
(igfpub/lifetime.py): an orphaned run was once found an hour after its build, hung."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

STARTER = """
import sys
from pathlib import Path
from igfpub.outputs.search import _run_pagefind
_run_pagefind(Path(sys.argv[1]), "**/*.html", Path(sys.argv[2]))
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_for(check: object, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_pagefind_dies_with_the_process_that_ran_it(tmp_path: Path) -> None:
    # A stand-in for Pagefind that says who it is and then takes its time.
    pid_file = tmp_path / "pagefind.pid"
    fake = tmp_path / "pagefind"
    fake.write_text(f'#!/bin/sh\necho $$ > "{pid_file}"\nexec sleep 60\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PAGEFIND_BINARY_PATH": str(fake)}
    starter = subprocess.Popen(
        [sys.executable, "-c", STARTER, str(tmp_path), str(tmp_path / "out")], env=env
    )
    try:
        assert _wait_for(lambda: pid_file.is_file() and pid_file.read_text().strip())
        pagefind = int(pid_file.read_text())
        assert _alive(pagefind)
        starter.send_signal(signal.SIGKILL)
        starter.wait(timeout=10)
        assert _wait_for(lambda: not _alive(pagefind)), "Pagefind outlived its build"
    finally:
        starter.kill()
        if pid_file.is_file() and _alive(int(pid_file.read_text() or 0)):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)
