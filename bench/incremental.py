"""The incremental figures of the benchmark, after igfpub's cold build (run.py):

2. warm rebuild after one session's English text changed (the first after the cold
   build), and after a rebuild with nothing changed, the next one, another session's text
   changed; then, for the Secretariat's other edits (no target of their own), after a
   body's first report-back (one step of follow-up) and after a draft of the latest
   edition's outcome text;
3. a rebuild with nothing changed;
4. ``igfpub serve``: from saving a session file to the server answering with the new text,
   over ten edits (HTTP polling every 20 ms: what a browser's reload would fetch).
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from run import Result, measure

POLL = 0.02
PREVIEW_TIMEOUT = 600.0


@dataclass
class Incremental:
    warm: Result
    warm_rendered: str
    unchanged: Result
    unchanged_said: str
    # The next warm rebuild, another session edited: made in the previous site's folders,
    # which a build keeps for the next one (the first warm rebuild after a cold build has
    # none: it creates every folder).
    again: Result | None = None
    # The Secretariat's edits: (what was edited, its rebuild, what the build said).
    others: list[tuple[str, Result, str]] = field(default_factory=list)
    preview_s: list[float] = field(default_factory=list)
    new_report_s: float = 0.0  # a new session file saved, until its page is served
    preview_error: str = ""

    def print(self, warm_target: float, unchanged_target: float, preview_target: float) -> None:
        def verdict(ok: bool) -> str:
            return "PASS" if ok else "FAIL"

        w, u = self.warm, self.unchanged
        print(
            f"  2. warm rebuild (one session's English text changed): {w.wall_s:.2f} s, "
            f"{w.peak_mib:.0f} MiB, {self.warm_rendered}: "
            f"<= {warm_target:.0f} s: {verdict(w.ok and w.wall_s <= warm_target)}"
        )
        if self.again is not None:
            a = self.again
            print(
                f"     the next warm rebuild (another session's text changed): {a.wall_s:.2f} s, "
                f"{a.peak_mib:.0f} MiB: <= {warm_target:.0f} s: "
                f"{verdict(a.ok and a.wall_s <= warm_target)}"
            )
        for what, other, said in self.others:
            print(f"     after {what}: {other.wall_s:.2f} s, {other.peak_mib:.0f} MiB, {said}")
        print(
            f"  3. unchanged rebuild: {u.wall_s:.2f} s, {self.unchanged_said}: "
            f"<= {unchanged_target:.0f} s: {verdict(u.ok and u.wall_s <= unchanged_target)}"
        )
        if self.preview_error:
            print(f"  4. preview: FAILED: {self.preview_error}")
            return
        p50 = statistics.median(self.preview_s)
        print(
            f"  4. preview, save to new text served, {len(self.preview_s)} edits: "
            f"p50 {p50:.2f} s, min {min(self.preview_s):.2f} s, max {max(self.preview_s):.2f} s: "
            f"p50 <= {preview_target:.0f} s: {verdict(p50 <= preview_target)}"
        )
        print(f"     a new report, save to its page served: {self.new_report_s:.2f} s")


def sessions_to_edit(content: Path, n: int) -> list[Path]:
    sources = sorted(p for p in (content / "sessions").rglob("*.md") if p.name.count(".") == 1)
    step = max(1, len(sources) // n)
    return sources[step // 2 :: step][:n]


def untranslated(content: Path, not_this: Path) -> Path:
    """Another session without translations: the same kind of edit as the first one (an
    edit to a translated session makes its translations stale, which the pages that list
    it show, and their search index parts are made again)."""
    for path in sessions_to_edit(content, 50):
        if path != not_this and not list(path.parent.glob(f"{path.stem}.*.md")):
            return path
    raise AssertionError("every session has a translation")


def edit_translated(content: Path) -> str:
    """A sentence more in the English report of a session that has translations; what it
    was. Every translation goes stale: the pages that show its texts (its edition's, its
    bodies' and their briefs, in each language) show the English texts instead."""
    for path in sessions_to_edit(content, 50):
        if list(path.parent.glob(f"{path.stem}.*.md")):
            edit(path, "Benchmark edit: a sentence in a translated report.")
            return f"an edit of a translated session ({path.stem})"
    raise AssertionError("no session has a translation")


def record_follow_up(content: Path) -> str:
    """A body's first report-back: one step of follow-up on the first call to action of
    the latest edition addressed to a body with no report yet; what it was."""
    for path in reversed(sessions_to_edit(content, 200)):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        for n, call in enumerate(meta.get("calls_to_action") or [], start=1):
            for body in call.get("to") or []:
                report = content / "bodies" / f"{body}.md"
                if report.exists():
                    continue
                report.parent.mkdir(exist_ok=True)
                step = {"message": f"{meta['id']}/cta-{n}", "date": meta["date"],
                        "response": "supported", "implementation": "ongoing",
                        "text": "Taken up by the standing committee."}  # fmt: skip
                report.write_text(
                    "---\n" + yaml.safe_dump({"body": body, "follow_up": [step]}) + "---\n"
                    "The secretariat follows up the Forum's messages.\n",
                    encoding="utf-8",
                )
                return f"{body}'s first report-back ({step['message']})"
    raise AssertionError("no call to action is addressed to a body without a report")


def draft_outcome(content: Path) -> str:
    """A sentence more in the latest edition's outcome text; what it was."""
    latest = max((content / "editions").glob("[0-9][0-9][0-9][0-9].md"))
    edit(latest, "A sentence of the next draft.")
    return f"a draft of the {latest.stem} outcome text"


def new_linked_report(content: Path) -> str:
    """A new report, in a late edition, that links to a session of the first edition
    that no text links yet (by its file, as rapporteurs write links); what it was."""
    sessions = sessions_to_edit(content, 200)
    template, target = sessions[-1], sessions[0]
    others = [p for p in content.rglob("*.md") if not p.name.startswith(f"{target.stem}.")]
    linked = [p for p in others if target.stem in p.read_text(encoding="utf-8").lower()]
    assert not linked, f"{target.stem} is linked from {linked[0]}"
    text = re.sub(r"(?m)^id: .*$", "id: BENCH-LINKED-REPORT",
                  template.read_text(encoding="utf-8"), count=1)  # fmt: skip
    link = f"../{target.parent.name}/{target.name}"
    template.with_name("bench-linked-report.md").write_text(
        f"{text}\nIt built on [an earlier session]({link}).\n", encoding="utf-8"
    )
    return f"a new report that links to {target.stem}"


def said_rendered(stdout: Path) -> str:
    found = re.search(r"\(([^)]*rendered[^)]*)\)", stdout.read_text(encoding="utf-8"))
    return found[1] if found else stdout.read_text(encoding="utf-8").strip()


def page_url(path: Path) -> str:
    return f"sessions/{path.parent.name}/{path.stem}/"


def edit(path: Path, marker: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")


def measure_incremental(
    content: Path, work: Path, env: dict[str, str], igfpub: str, edits: int
) -> Incremental:
    site, cache = work / "site-igfpub", work / "igfpub-cache"
    command = [igfpub, "build", str(content), "-d", str(site), "--no-pdf", "--cache-dir",
               str(cache)]  # fmt: skip
    target = sessions_to_edit(content, 1)[0]
    edit(target, "Benchmark edit: one more sentence in the English report.")
    # The cold build just wrote a gigabyte (site and cache) that the system is still
    # writing to disk: a report lands minutes or hours after the last build, not while
    # its files are being flushed (bench/README.md).
    os.sync()
    print("warm rebuild ...", end=" ", flush=True)
    warm = Result("igfpub-warm")
    measure(warm, command, env, work, work / "igfpub-warm")
    print(f"{warm.wall_s:.2f} s", flush=True)
    print("unchanged rebuild ...", end=" ", flush=True)
    unchanged = Result("igfpub-unchanged")
    measure(unchanged, command, env, work, work / "igfpub-unchanged")
    print(f"{unchanged.wall_s:.2f} s", flush=True)
    said_again = (work / "igfpub-unchanged.stdout").read_text(encoding="utf-8").strip()
    edit(untranslated(content, target), "Benchmark edit: a sentence in another report.")
    print("next warm rebuild ...", end=" ", flush=True)
    again = Result("igfpub-warm-again")
    measure(again, command, env, work, work / "igfpub-warm-again")
    print(f"{again.wall_s:.2f} s", flush=True)
    others = []
    for change in (edit_translated, record_follow_up, draft_outcome, new_linked_report):
        what = change(content)
        print(f"rebuild after {what} ...", end=" ", flush=True)
        other = Result(f"igfpub-{change.__name__}")
        measure(other, command, env, work, work / other.tool)
        print(f"{other.wall_s:.2f} s", flush=True)
        others.append((what, other, said_rendered(work / f"{other.tool}.stdout")))
    result = Incremental(
        warm,
        said_rendered(work / "igfpub-warm.stdout"),
        unchanged,
        "nothing rendered" if "up to date" in said_again else said_again,
        again,
        others,
    )
    try:
        result.preview_s, result.new_report_s = preview(content, work, env, igfpub, edits)
    except (AssertionError, OSError, subprocess.SubprocessError) as exc:
        result.preview_error = str(exc)[-2000:]
    return result


def preview(
    content: Path, work: Path, env: dict[str, str], igfpub: str, edits: int
) -> tuple[list[float], float]:
    """The seconds from each of ``edits`` saves to its text served; and from a new report's
    save to its page served."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lines: list[str] = []
    proc = subprocess.Popen(
        [igfpub, "serve", str(content), "-a", f"127.0.0.1:{port}",
         "--cache-dir", str(work / "igfpub-cache")],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**env, "PYTHONUNBUFFERED": "1"}, cwd=work,
    )  # fmt: skip
    assert proc.stderr is not None
    stderr = proc.stderr

    def read() -> None:
        for line in stderr:
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def wait_for(count: int, text: str) -> None:
        end = time.monotonic() + PREVIEW_TIMEOUT
        while sum(text in line for line in lines) < count:
            assert proc.poll() is None, "igfpub serve died:\n" + "\n".join(lines[-20:])
            assert time.monotonic() < end, f"no {text!r} from igfpub serve"
            time.sleep(POLL)

    times: list[float] = []
    try:
        print("preview: starting igfpub serve ...", end=" ", flush=True)
        wait_for(1, "igfpub serve: http://")
        wait_for(1, "search index refreshed")
        print("ready; edits:", end=" ", flush=True)
        base = f"http://127.0.0.1:{port}/"
        for n, path in enumerate(sessions_to_edit(content, edits), start=1):
            marker = f"Preview edit {n} {os.getpid()} saved now."
            start = time.perf_counter()
            edit(path, marker)
            end = time.monotonic() + PREVIEW_TIMEOUT
            while True:
                try:
                    with urllib.request.urlopen(base + page_url(path), timeout=30) as response:
                        if marker in response.read().decode("utf-8"):
                            break
                except OSError:
                    pass
                assert proc.poll() is None, "igfpub serve died:\n" + "\n".join(lines[-20:])
                assert time.monotonic() < end, f"edit {n} never showed up"
                time.sleep(POLL)
            times.append(time.perf_counter() - start)
            print(f"{times[-1]:.2f}", end=" ", flush=True)
            # A person reads the page before the next save; search catches up meanwhile.
            wait_for(n + 1, "search index refreshed")
        print(flush=True)
        # A rapporteur's new report: a copy of a session under a new id, in its edition.
        source = sessions_to_edit(content, 1)[0]
        new = source.with_name("bench-new-report.md")
        text = re.sub(r"(?m)^id: .*$", "id: BENCH-NEW-REPORT", source.read_text("utf-8"), count=1)
        marker = f"A new report {os.getpid()}."
        builds = sum("rebuilt in" in line for line in lines)
        start = time.perf_counter()
        new.write_text(f"{text}\n{marker}\n", encoding="utf-8")
        url = base + f"sessions/{source.parent.name}/bench-new-report/"
        end = time.monotonic() + PREVIEW_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    if marker in response.read().decode("utf-8"):
                        break
            except OSError:
                pass
            assert proc.poll() is None, "igfpub serve died:\n" + "\n".join(lines[-20:])
            assert time.monotonic() < end, "the new report never showed up"
            time.sleep(POLL)
        new_report = time.perf_counter() - start
        wait_for(builds + 1, "rebuilt in")
        full = time.perf_counter() - start
        print(
            f"preview: a new report served in {new_report:.2f} s, "
            f"the full build after it done at {full:.2f} s",
            flush=True,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        reader.join(timeout=10)
        stderr.close()
    return times, new_report
