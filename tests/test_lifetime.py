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


SERVER = """
import multiprocessing, os, signal
from igfpub.lifetime import die_with_parent, stop_on_sigterm
stop_on_sigterm()
# A build's worker, forked from the server and waiting for work, is ended with SIGTERM.
ready, tell = os.pipe()
child = os.fork()
if child == 0:
    die_with_parent()  # were the test to time out, it would not wait here forever
    os.write(tell, b"!")
    signal.pause()
    os._exit(3)
os.read(ready, 1)
os.kill(child, signal.SIGTERM)
_, status = os.waitpid(child, 0)
print("worker", os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status))
# A build's pool, which ends its workers so.
with multiprocessing.get_context("fork").Pool(2) as pool:
    print(sum(pool.map(abs, [-1, -2, -3])), flush=True)
try:
    os.kill(os.getpid(), signal.SIGTERM)  # as a service manager stops the server
    signal.pause()
except KeyboardInterrupt:
    print("cleaned up", flush=True)
"""


def test_sigterm_stops_a_server_as_ctrl_c_does_and_its_workers_quietly() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVER], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    # The worker died of the signal, as by default, where the server's handler would have
    # raised KeyboardInterrupt in it and printed its traceback.
    assert done.stdout.split() == ["worker", str(int(signal.SIGTERM)), "6", "cleaned", "up"]
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
