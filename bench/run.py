"""Benchmark igfpub against plain MkDocs + Material + mkdocs-static-i18n on one archive.

Usage: python bench/run.py [--size 300|2000|6000|quick|full] [--only plain|tuned|igfpub ...]
                           [--keep DIR] [--repeat N] [--no-incremental]

The synthetic archive (bench/generate.py) is generated once, then each tool builds it as a
single child process (mkdocs-static-i18n builds all six languages inside one process, and
igfpub should too, so one child per tool is the fair unit). For each child we record wall
time, CPU time (user + sys from wait4, which includes any children it reaped), peak memory
and the size of the site it wrote. Exit status is 1 if a build failed or left out pages.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from generate import LANGS, generate

BENCH_DIR = Path(__file__).resolve().parent
BASELINES = {
    "plain": BENCH_DIR / "baseline" / "plain.yml",
    "tuned": BENCH_DIR / "baseline" / "tuned.yml",
}
# The venv that runs this script is the one with mkdocs and igfpub in it.
VENV_BIN = Path(sys.executable).parent
SIZES: dict[str, tuple[int, int]] = {
    "quick": (200, 7),
    "300": (300, 7),
    "full": (2000, 7),
    "2000": (2000, 7),
    "6000": (6000, 20),  # twenty years of about 300 sessions
}
TRANSLATED_SHARE = 0.3
TOOLS = ("plain", "tuned", "igfpub")
DEFAULT_TOOLS = ["tuned", "igfpub"]
TARGET_BASELINE = "tuned"
WALL_TARGET = 3.0  # igfpub must build at least this many times faster than the baseline
MEMORY_TARGET = 0.6  # and use at most this share of its peak memory
WARM_TARGET = 5.0  # seconds, one session's English text changed (at 2,000 sessions)
UNCHANGED_TARGET = 2.0  # seconds, nothing changed
PREVIEW_TARGET = 1.0  # seconds, p50 from save to the new text served
PREVIEW_EDITS = 10
SAMPLE_EVERY = 0.1  # seconds between process-tree RSS samples
STDERR_TAIL = 30
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# ---------------------------------------------------------------------- measurement


@dataclass
class Result:
    tool: str
    returncode: int = -1
    wall_s: float = 0.0
    cpu_s: float = 0.0
    maxrss_kib: int = 0  # ru_maxrss: largest single process (Linux reports KiB)
    tree_kib: int = 0  # sampled sum over the process tree, catches multi-process builds
    procs: int = 0  # most processes seen at once in the tree
    site_bytes: int = 0
    site_files: int = 0
    missing: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.error and not self.missing

    @property
    def peak_mib(self) -> float:
        # A tool that forks workers must not look lighter than it is, so take the larger.
        return max(self.maxrss_kib, self.tree_kib) / 1024


class TreeSampler(threading.Thread):
    """Polls the RSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.max_procs = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(SAMPLE_EVERY):
            pids = descendants(self.pid)
            self.peak_kib = max(self.peak_kib, sum(rss_kib(p) for p in pids))
            self.max_procs = max(self.max_procs, len(pids))

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def descendants(pid: int) -> list[int]:
    """pid and its live descendants, via /proc/<pid>/task/<tid>/children."""
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue  # it exited between two reads
        for task in tasks:
            try:
                todo.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def rss_kib(pid: int) -> int:
    """The process's proportional set size (PSS): its own pages plus its share of pages
    it shares with others. Forked workers share their parent's pages copy-on-write; an
    RSS sum would count those once per process, PSS sums to what the tree really holds.
    (For a single process, as the baselines are, PSS and RSS are the same but for shared
    libraries.)"""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE // 1024
    except (OSError, IndexError, ValueError):
        return 0


def measure(result: Result, cmd: Sequence[str], env: dict[str, str], cwd: Path, log: Path) -> str:
    """Run cmd as one child, fill in its timings and memory, return its stderr."""
    stderr_path = log.with_suffix(".stderr")
    with log.with_suffix(".stdout").open("wb") as out, stderr_path.open("wb") as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=cwd)
        except OSError as exc:
            result.error = f"cannot start {cmd[0]}: {exc}"
            return ""
        sampler = TreeSampler(proc.pid)
        sampler.start()
        # wait4 rather than proc.wait(): it hands back this child's own rusage.
        _, status, usage = os.wait4(proc.pid, 0)
        result.wall_s = time.perf_counter() - start
        sampler.stop()
    proc.returncode = result.returncode = os.waitstatus_to_exitcode(status)
    result.cpu_s = usage.ru_utime + usage.ru_stime
    result.maxrss_kib = usage.ru_maxrss
    result.tree_kib = sampler.peak_kib
    result.procs = sampler.max_procs
    return stderr_path.read_text(encoding="utf-8", errors="replace")


# --------------------------------------------------------------------------- outputs


def site_size(site: Path) -> tuple[int, int]:
    total = files = 0
    for path in site.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def expected_pages(content: Path, samples: int = 5) -> list[str]:
    """Contract URLs a complete build must have, in every language, for a sample of pages.

    A tool that skipped pages would look fast; checking a spread of sessions (including
    untranslated ones, which must exist as fallbacks) keeps the comparison honest.
    """
    sessions = sorted(p for p in (content / "sessions").rglob("*.md") if p.name.count(".") == 1)
    step = max(1, len(sessions) // samples)
    editions = sorted(p.stem for p in (content / "editions").glob("*.md") if p.name.count(".") == 1)
    paths = ["index.html"] + [f"editions/{year}/index.html" for year in editions[-1:]]
    paths += [f"sessions/{p.parent.name}/{p.stem}/index.html" for p in sessions[::step][:samples]]
    prefixes = [""] + [f"{code}/" for code in LANGS[1:]]
    return [prefix + path for prefix in prefixes for path in paths]


def check_site(result: Result, site: Path, expected: Sequence[str]) -> None:
    if not site.is_dir():
        result.error = result.error or "no site directory was written"
        return
    result.site_bytes, result.site_files = site_size(site)
    result.missing = [page for page in expected if not (site / page).is_file()]


# ----------------------------------------------------------------------------- tools


def tool_path(name: str) -> str:
    candidate = VENV_BIN / name
    return str(candidate) if candidate.exists() else (shutil.which(name) or str(candidate))


def build_command(tool: str, content: Path, site: Path) -> list[str]:
    if tool in BASELINES:
        return [tool_path("mkdocs"), "build", "-q", "-f", str(BASELINES[tool]), "-d", str(site)]
    # Its own cache folder, emptied before each cold run (run_tool).
    cache = site.parent / "igfpub-cache"
    return [tool_path("igfpub"), "build", str(content), "-d", str(site), "--no-pdf",
            "--cache-dir", str(cache)]  # fmt: skip


def build_env(content: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, on every build
    env["IGFPUB_BENCH_DOCS"] = str(content)  # read by the baseline configs as docs_dir
    return env


def run_tool(tool: str, content: Path, work: Path, expected: Sequence[str]) -> Result:
    site = work / f"site-{tool}"
    if site.exists():
        shutil.rmtree(site)
    shutil.rmtree(work / "igfpub-cache", ignore_errors=True)  # cold: no cache
    # Each tool starts with nothing left to write: without this, the tool that runs second
    # spent its build beside the system's writing of the first one's site (300 to 600 MB
    # at 2,000 sessions), and paid for it in system time.
    os.sync()
    result = Result(tool)
    print(f"building with {tool} ...", end=" ", flush=True)
    command = build_command(tool, content, site)
    stderr = measure(result, command, build_env(content), work, work / tool)
    print(f"{result.wall_s:.2f} s wall, {result.cpu_s:.2f} s cpu", flush=True)
    if result.returncode == 0 and not result.error:
        check_site(result, site, expected)
    if not result.ok:
        report_failure(result, stderr)
    return result


def report_failure(result: Result, stderr: str) -> None:
    print(f"--- {result.tool} FAILED (exit {result.returncode}) ---")
    if result.error:
        print(result.error)
    if result.missing:
        shown = ", ".join(result.missing[:10])
        print(f"{len(result.missing)} expected pages missing, e.g. {shown}")
    tail = stderr.rstrip().splitlines()[-STDERR_TAIL:]
    if tail:
        print(f"last {len(tail)} lines of stderr:")
        print("\n".join("    " + line for line in tail))


def combine(runs: Sequence[Result]) -> Result:
    """One result from repeated runs: the fastest run's times, the worst run's memory.

    Wall time on a shared or virtual machine only ever gets slower through noise, so the
    minimum is the best estimate; memory does not get lower through noise, so keep the max.
    """
    failed = [r for r in runs if not r.ok]
    if failed:
        return failed[0]
    best = min(runs, key=lambda r: r.wall_s)
    best.maxrss_kib = max(r.maxrss_kib for r in runs)
    best.tree_kib = max(r.tree_kib for r in runs)
    best.procs = max(r.procs for r in runs)
    return best


# ---------------------------------------------------------------------------- report


def print_table(results: Sequence[Result]) -> None:
    header = f"{'tool':<10}{'wall s':>9}{'cpu s':>9}{'peak MiB':>10}{'site MiB':>10}{'files':>8}{'procs':>7}"
    print(header)
    print("-" * len(header))
    for r in results:
        if r.ok:
            print(
                f"{r.tool:<10}{r.wall_s:>9.2f}{r.cpu_s:>9.2f}{r.peak_mib:>10.1f}"
                f"{r.site_bytes / 2**20:>10.1f}{r.site_files:>8}{r.procs:>7}"
            )
        else:
            print(f"{r.tool:<10}{'FAILED':>9}   (exit {r.returncode}, {r.wall_s:.2f} s)")


def print_verdict(base: Result, igf: Result, *, target: bool) -> None:
    if not (base.ok and igf.ok):
        print(f"{base.tool}: n/a (both builds must succeed)")
        return
    speedup = base.wall_s / igf.wall_s
    print(
        f"{base.tool}/igfpub wall: {speedup:.2f}x   cpu: {base.cpu_s / igf.cpu_s:.2f}x   "
        f"igfpub/{base.tool} peak memory: {igf.peak_mib / base.peak_mib:.2f}x"
    )
    if target:
        memory = igf.peak_mib / base.peak_mib
        print(
            f"  1. cold build vs {base.tool}: wall speed-up >= {WALL_TARGET:.1f}x: "
            f"{'PASS' if speedup >= WALL_TARGET else 'FAIL'}; "
            f"peak memory <= {MEMORY_TARGET:.1f}x {base.tool}: "
            f"{'PASS' if memory <= MEMORY_TARGET else 'FAIL'}"
        )


def describe_archive(content: Path) -> str:
    md = list(content.rglob("*.md"))
    sources = sum(1 for p in md if p.name.count(".") == 1)
    return f"{sources} source pages + {len(md) - sources} translations"


def describe_machine() -> str:
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "igfpub"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} (not installed)")
    return f"python {platform.python_version()}, {os.cpu_count()} CPUs; " + ", ".join(versions)


# ------------------------------------------------------------------------------ main


@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="igfpub-bench-") as tmp:
            yield Path(tmp)
        return
    keep.mkdir(parents=True, exist_ok=True)
    yield keep.resolve()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(SIZES), default="300")
    parser.add_argument(
        "--only", choices=[*TOOLS], action="append", help="build with this tool only (repeatable)"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep archive, sites and logs in DIR"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="build N times per tool, keep the best"
    )
    parser.add_argument(
        "--no-incremental",
        action="store_true",
        help="only the cold builds (no warm, unchanged or preview figures)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sessions, editions = SIZES[args.size]
    tools = args.only or list(DEFAULT_TOOLS)
    print(describe_machine())
    with workdir(args.keep) as work:
        archive = work / "archive"
        if archive.exists():
            shutil.rmtree(archive)  # generate() expects an empty destination
        start = time.perf_counter()
        generate(archive, sessions, editions, TRANSLATED_SHARE, args.seed)
        content = archive / "content"
        print(
            f"size {args.size}: {sessions} sessions, {editions} editions, "
            f"{TRANSLATED_SHARE:.0%} translated ({describe_archive(content)}); "
            f"generated in {time.perf_counter() - start:.1f} s"
        )
        expected = expected_pages(content)
        runs = [
            run_tool(tool, content, work, expected) for _ in range(args.repeat) for tool in tools
        ]
        results = [combine([r for r in runs if r.tool == tool]) for tool in tools]
        igf = next((r for r in results if r.tool == "igfpub" and r.ok), None)
        incremental = None
        if igf is not None and not args.no_incremental:
            from incremental import measure_incremental

            incremental = measure_incremental(
                content, work, build_env(content), tool_path("igfpub"), PREVIEW_EDITS
            )
    print()
    print_table(results)
    print("peak = max(ru_maxrss of the largest process, sampled PSS sum of the process tree)")
    by_tool = {r.tool: r for r in results}
    if "igfpub" in by_tool:
        for name in BASELINES:
            if name in by_tool:
                print_verdict(by_tool[name], by_tool["igfpub"], target=name == TARGET_BASELINE)
        igf = by_tool["igfpub"]
        if igf.ok:
            print(
                f"  5. per session: igfpub {igf.wall_s / sessions * 1000:.1f} ms wall, "
                f"{igf.peak_mib / sessions:.3f} MiB peak"
                + "".join(
                    f"; {r.tool} {r.wall_s / sessions * 1000:.1f} ms, "
                    f"{r.peak_mib / sessions:.3f} MiB"
                    for r in results
                    if r.tool in BASELINES and r.ok
                )
            )
        if incremental is not None:
            incremental.print(WARM_TARGET, UNCHANGED_TARGET, PREVIEW_TARGET)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
