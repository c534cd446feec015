"""``igfpub serve``: a live preview that follows every save.

A watcher polls the content folder, ``mkdocs.yml`` and the site's template overrides.
On a change it loads the content (files it read before are not parsed again); if there
are problems it prints them as ``path:line: error: message`` and shows them on every page
(the last good site stays served underneath). Otherwise:

1. when only the text of existing documents changed, their own pages are rendered at once
   in every language by the live languages (igfpub/mkdocs/live.py) and shown;
2. the full build (``igfpub.build``: only what changed is rendered), in a thread of its
   own that takes every save made meanwhile at once, brings every other page, feed and
   open data file up to date and replaces the site;
3. the search index follows.

Each step that changes what is served bumps a version. Each preview page carries a small
script that long-polls ``/__igfpub/wait`` and reloads itself when the version changes.
Nothing that goes wrong in a build stops the server.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, FileSystemLoader, Template

from igfpub.build import BuildError, Options, build, index_search, stamp_of
from igfpub.catalogs import THEME
from igfpub.core.frontmatter import Parsed
from igfpub.core.loader import Limits, LoadResult, load_corpus, reload_documents
from igfpub.lifetime import FORKING
from igfpub.mkdocs.live import LiveSite
from igfpub.mkdocs.site import read_site
from igfpub.outputs.search import SearchCancelled
from igfpub.problems import shown

POLL_SECONDS = 0.1
# A save seen while it is being written (an editor that empties the file, then writes it)
# is looked at again until its files stay as they are for this long, or are not empty:
# built half-written, it printed a content error that the next poll took back.
SETTLE_SECONDS = 0.03
SETTLE_LONGEST = 1.0  # a file emptied on purpose is built as it is after this long
WAIT_SECONDS = 25.0  # a long poll answers at least this often, changed or not
ENDPOINT = "/__igfpub/wait"
# Injected before </body> of every HTML page the preview serves, and only there.
# A page reloads only when what the server would now send for it differs from what it
# shows (the digest): a save shows its own pages at once, then the full build replaces
# the site, most often with those very pages; each made the page reload, twice a save.
SCRIPT = """<script>
(function () {
  var version = %(version)d, digest = "%(digest)s";
  var page = encodeURIComponent(location.pathname);
  function poll() {
    fetch("%(endpoint)s?v=" + version + "&p=" + page, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.version !== version && state.digest !== digest) { location.reload(); }
        else { version = state.version; poll(); }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>"""
ERROR_BOX = "igfpub/preview-problems.html"  # in the theme
BUILDING = "igfpub/preview-building.html"  # in the theme


@dataclass(frozen=True)
class Problem:
    """What stops the preview from rebuilding, as the terminal says it (``path:line:
    error: message``); a warning goes with the errors, for they are shown together."""

    text: str
    is_error: bool = True


def error_box(problems: Sequence[Problem]) -> str:
    """The content's problems, shown at the foot of every page the preview serves: the
    errors first, counted and marked, then the warnings (the theme's ERROR_BOX)."""
    return _box_template().render(
        errors=[p.text for p in problems if p.is_error],
        warnings=[p.text for p in problems if not p.is_error],
    )


@cache
def _box_template() -> Template:
    return _template(ERROR_BOX)


@cache
def building_page() -> str:
    """What is served in place of a page while the first build runs."""
    return _template(BUILDING).render()


def _template(name: str) -> Template:
    return Environment(loader=FileSystemLoader(str(THEME)), auto_reload=False).get_template(name)


def served_digest(text: str, problems: Sequence[Problem]) -> str:
    """What a preview page shows: its page, and the problems shown at its foot."""
    digest = hashlib.sha256(text.encode("utf-8"))
    for problem in problems:
        digest.update(f"\0{problem.is_error}\0{problem.text}".encode())
    return digest.hexdigest()[:32]


def before_body_end(page: str, tail: str) -> str:
    head, body_end, rest = page.rpartition("</body>")
    return head + tail + body_end + rest if body_end else page + tail


@dataclass
class State:
    """What the server shows: shared by the watcher and the request threads."""

    site: Path
    version: int = 0
    # Whether a build has been served (until then, the site may be missing or an earlier
    # preview's).
    ready: bool = False
    # The problems of the current content: its errors when it does not build, its
    # warnings when it does (shown at the foot of every page either way).
    problems: tuple[Problem, ...] = ()
    changed: threading.Condition = field(default_factory=threading.Condition)
    # Called after each change of what is served (`mkdocs serve` reloads its browsers).
    listeners: list[Callable[[], None]] = field(default_factory=list)

    @property
    def error(self) -> str:
        """The problems as the terminal said them, one a line, when one is an error; ""
        when it builds (with warnings or without)."""
        if not any(p.is_error for p in self.problems):
            return ""
        return "\n".join(p.text for p in self.problems)

    def publish(self, problems: Sequence[Problem] = ()) -> None:
        with self.changed:
            self.problems = tuple(problems)
            self.version += 1
            self.ready = True
            self.changed.notify_all()
        for listener in self.listeners:
            listener()

    def wait(self, seen: int, timeout: float) -> tuple[int, str]:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version, self.error


class Preview:
    def __init__(self, content: Path, options: Options, site: Path) -> None:
        self.content = content
        self.options = options
        self.state = State(site)
        self.address = "/"  # where the site is served: http://host:port/mount/ (serve())
        self._announced: set[str] = set()  # the new pages whose address the terminal gave
        self._parsed = Parsed()
        self._limits: Limits | None = None
        self._file_urls = False  # use_directory_urls: false, read with the limits
        self.live: LiveSite | None = None
        self._built: LoadResult | None = None  # the content of the live languages
        # The live languages: one user at a time, and no build forks its workers
        # meanwhile (igfpub.lifetime.FORKING).
        self._live_lock = FORKING
        # Files saved since the full build last took them, for the builder thread; and
        # those whose own pages are being shown, before the builder is told of them.
        self._changes: set[str] = set()
        self._warned: set[str] = set()  # the warnings the terminal was told
        self._showing: set[str] = set()
        self._wake = threading.Condition()
        self._watched = [content, options.config_file]
        overrides = options.config_file.parent / "overrides"
        if overrides.is_dir():
            self._watched.append(overrides)

    def snapshot(self) -> dict[str, tuple[int, int]]:
        seen: dict[str, tuple[int, int]] = {}
        for root in self._watched:
            paths = [root] if root.is_file() else root.rglob("*")
            for path in paths:
                if path != root and _not_content(path.relative_to(root)):
                    continue
                try:
                    stat = path.stat()
                except OSError:
                    continue  # deleted while we looked
                if path.is_file():
                    seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return seen

    def _load(self) -> LoadResult:
        if self._limits is None:  # again after mkdocs.yml changed
            try:
                site = read_site(self.options.config_file, self.content)
                self._limits = site.limits
                self._file_urls = not site.config.use_directory_urls
            except Exception as exc:
                raise BuildError(str(exc)) from None
        return load_corpus(self.content, self._limits, self._parsed)

    def start_live(self, result: LoadResult | None = None) -> None:
        """The live languages, from the content as built (never raises: without them,
        every save runs the full build only)."""
        start = time.perf_counter()
        with self._live_lock:
            self.live = None
            try:
                result = result or self._load()
                if result.ok:
                    self.live = LiveSite(self.options.config_file, self.content,
                                         self.options.cache_dir.resolve(), result,
                                         self._file_urls)  # fmt: skip
                    self._built = result
            except BuildError:
                return  # the configuration's problem: the build says it
            except Exception:
                traceback.print_exc()
                return
        if self.live is not None:
            print(f"igfpub serve: live pages ready ({time.perf_counter() - start:.1f} s)",
                  file=sys.stderr, flush=True)  # fmt: skip

    def _show_own_pages(self, changed: set[str], start: float, into: Path | None = None) -> None:
        """Step 1: when only session or intersessional files changed, their documents' own
        pages in every language, at once, into the served site (or ``into``, a build about
        to replace it). Never raises: the full build follows anyway."""
        if self.live is None or self._built is None or self.state.error:
            return  # content with problems: the full load says whether they are gone
        rels = [Path(p).relative_to(self.content).as_posix() for p in changed
                if Path(p).is_relative_to(self.content)]  # fmt: skip
        if (
            not rels
            or len(rels) != len(changed)
            or not all(
                r.endswith(".md") and r.split("/", 1)[0] in ("sessions", "messages") for r in rels
            )
        ):
            return
        try:
            with self._live_lock:
                quick = reload_documents(self.content, self._built.corpus, rels, self._limits)
                if quick is None:
                    return  # a new, removed or invalid document: the full build says
                shown = self.live.show(quick[0], quick[1], into or self.state.site)
        except Exception:
            traceback.print_exc()
            return
        if into is not None:
            return
        self.state.publish(self.state.problems)  # warnings only: the full build says anew
        print(f"igfpub serve: {shown.pages} pages shown in {time.perf_counter() - start:.2f} s",
              file=sys.stderr, flush=True)  # fmt: skip
        for url in shown.new:  # where a new report is, before any page links to it
            if url not in self._announced:
                self._announced.add(url)
                print(f"igfpub serve: new page {self.address}{url}", file=sys.stderr,
                      flush=True)  # fmt: skip

    def saved(self, changed: set[str]) -> None:
        """The watcher saw ``changed``: their own pages now, the full build in the
        builder thread (which takes every save made meanwhile at once)."""
        with self._wake:
            self._showing |= changed
        settings = [str(w) for w in self._watched[1:]]  # mkdocs.yml, and overrides/ if any
        if any(p == s or p.startswith(s + os.sep) for p in changed for s in settings):
            # mkdocs.yml or an override: the live languages were made with the old
            # configuration and templates, and every later save's pages showed them (the
            # old site_name) until the full build's came. The build after makes them anew.
            self._limits = None
            with self._live_lock:
                self.live = None
        else:
            self._show_own_pages(changed, time.perf_counter())
        with self._wake:
            self._showing -= changed
            self._changes |= changed
            self._wake.notify_all()

    def build_loop(self, stop: threading.Event) -> None:
        _yield_cpu()
        while not stop.is_set():
            with self._wake:
                self._wake.wait_for(lambda: bool(self._changes) or stop.is_set(), timeout=0.5)
                changed, self._changes = self._changes, set()
            if changed:
                self.rebuild(changed)

    def rebuild(self, changed: set[str] | None = None) -> None:
        """Never raises: every problem becomes the page's error box and terminal text.
        ``changed``: the files saved since the last rebuild (None: unknown, at start)."""
        start = time.perf_counter()
        try:
            # The stamp before the load: a save between the two makes the stamp older
            # than what was built, and the next build builds it (the other way round,
            # it would be recorded as built and never be).
            try:
                stamp: str | None = stamp_of(self.content, self.options)
            except Exception:
                stamp = None  # a configuration MkDocs refuses: the load says why
            result = self._load()
            if not result.ok:
                raise BuildError("content errors", list(result.issues))
            options = self.options
            if changed is None and sys.stderr.isatty():
                # The first build, minutes on a large archive without a cache: a line per
                # language (the later ones are a page or two).
                options = replace(options, progress=_say_progress)
            report = build(self.content, self.state.site, options, loaded=result,
                           stamp=stamp, before_publish=self._saved_meanwhile)  # fmt: skip
        except BuildError as exc:
            problems = [Problem(shown(i, self.content), i.is_error) for i in exc.issues]
            problems = problems or [Problem(str(exc))]
            for problem in problems:
                print(problem.text, file=sys.stderr, flush=True)
            print("igfpub serve: not rebuilt; fix the file and save again", file=sys.stderr,
                  flush=True)  # fmt: skip
            self.state.publish(problems)
            return
        except Exception as exc:
            traceback.print_exc()
            self.state.publish([Problem(f"igfpub: build failed: {exc}")])
            return
        # The content's warnings: at the foot of every page, folded, and in the terminal
        # when they are new (a rapporteur's pasted <script>, removed, was said nowhere but
        # by `igfpub check`).
        warnings = [Problem(shown(i, self.content), False) for i in result.issues]
        for problem in warnings:
            if problem.text not in self._warned:
                print(problem.text, file=sys.stderr, flush=True)
        self._warned = {problem.text for problem in warnings}
        self.state.publish(warnings)
        print(f"igfpub serve: rebuilt in {time.perf_counter() - start:.2f} s "
              f"({report.rendered} pages rendered)", file=sys.stderr, flush=True)  # fmt: skip
        if changed is None:
            self.start_live(result)  # the first build: ready before the first save
        else:
            self._follow(result)
        # The pages are shown; search can follow, unless a save came meanwhile: its build
        # comes first (a new or deleted report waited for the whole index, seconds per
        # language), and indexes the site it makes.
        try:
            pages = index_search(self.state.site, self.options.cache_dir,
                                 result.corpus.languages, result.corpus.pages,
                                 cancelled=lambda: bool(self._changes))  # fmt: skip
            print(f"igfpub serve: search index refreshed ({pages} pages)", file=sys.stderr,
                  flush=True)  # fmt: skip
        except SearchCancelled:
            print("igfpub serve: search index left to the next build (saved meanwhile)",
                  file=sys.stderr, flush=True)  # fmt: skip
        except Exception as exc:
            print(f"igfpub serve: search index not refreshed: {exc}", file=sys.stderr)

    def _saved_meanwhile(self, into: Path | None = None) -> None:
        """A full build loaded the content before the saves made since, which its site
        lacks: their own pages again, into that site before it is served (``into``), or
        into the served site (a save just before the swap)."""
        with self._wake:
            # Those being shown too: a build that publishes during their first look would
            # otherwise replace the pages just shown with the ones it made before the save.
            meanwhile = self._changes | self._showing
        if meanwhile:
            self._show_own_pages(meanwhile, time.perf_counter(), into=into)

    def _follow(self, result: LoadResult) -> None:
        """The live languages take the content just built."""
        try:
            with self._live_lock:
                updated = self.live is not None and self.live.update(result)
                if updated:
                    self._built = result
        except Exception:
            traceback.print_exc()
            updated = False
        if not updated:
            self.start_live(result)  # new pages, new navigation: made again
        self._saved_meanwhile()

    def watch(self, stop: threading.Event, last: dict[str, tuple[int, int]]) -> None:
        """``last``: the files as the first build found them."""
        if self.live is None:
            self.start_live()
        builder = threading.Thread(target=self.build_loop, args=(stop,), daemon=True)
        builder.start()
        while not stop.wait(POLL_SECONDS):
            now = self.snapshot()
            if now != last:
                changed = {p for p in now.keys() | last.keys() if now.get(p) != last.get(p)}
                now = settled(now, changed, stop)
                changed = {p for p in now.keys() | last.keys() if now.get(p) != last.get(p)}
                if changed:
                    self.saved(changed)
                last = now


def settled(
    seen: dict[str, tuple[int, int]],
    changed: set[str],
    stop: threading.Event,
    settle: float = SETTLE_SECONDS,
    longest: float = SETTLE_LONGEST,
) -> dict[str, tuple[int, int]]:
    """``seen`` (a :meth:`Preview.snapshot`) once the ``changed`` files in it have stayed
    the same for ``settle`` seconds and none of them is empty, or after ``longest``."""
    now = dict(seen)
    end = time.monotonic() + longest
    while time.monotonic() < end and not stop.wait(settle):
        moved = False
        for path in changed:
            try:
                stat = Path(path).stat()
                state: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                state = None  # deleted (or not yet written back)
            if state != now.get(path):
                moved = True
                if state is None:
                    now.pop(path, None)
                else:
                    now[path] = state
        if not moved and not any(path in now and now[path][1] == 0 for path in changed):
            break
    return now


def mount_path(site_url: str) -> str:
    """Where the site is served: the path of its ``site_url`` (``/igf/`` for
    https://example.org/igf/), as ``mkdocs serve`` serves it; ``/`` without one."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def handler_for(state: State, mount: str = "/") -> type[SimpleHTTPRequestHandler]:
    """``mount``: the path the site is served under (:func:`mount_path`)."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(state.site), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal is for build problems

        def handle(self) -> None:
            # A tab closed or reloaded while its page waited for the next save: the
            # answer has no reader. Said as a traceback, it hid the build's problems.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

        def translate_path(self, path: str) -> str:
            # A path under the mount, as a file of the site (see _outside).
            path = urlsplit(path).path
            return super().translate_path("/" + path[len(mount) :] if mount != "/" else path)

        def _outside(self, path: str) -> bool:
            """Outside the mount: the root and the mount without its slash lead to it, as
            under `mkdocs serve`; anything else is not found."""
            if path.startswith(mount):
                return False
            if path in ("/", mount.rstrip("/")):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", mount)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_error(HTTPStatus.NOT_FOUND)
            return True

        def do_HEAD(self) -> None:
            if not self._outside(urlsplit(self.path).path):
                super().do_HEAD()

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == ENDPOINT:
                query = parse_qs(url.query)
                version, error = state.wait(int(query.get("v", ["-1"])[0]), WAIT_SECONDS)
                shown = self._page_text(query.get("p", [""])[0])
                digest = served_digest(shown[0], state.problems) if shown else ""
                self._send(json.dumps({"version": version, "error": error, "digest": digest})
                           .encode(), "application/json")  # fmt: skip
                return
            if self._outside(url.path):
                return
            version = state.version  # before the page: a change meanwhile reloads it
            shown = self._page_text(url.path)
            if shown is None:
                super().do_GET()  # a file, or the redirect of a folder to its slash
                return
            text, status = shown
            self._send(self._page(text, version), "text/html", status)

        def _page_text(self, path: str) -> tuple[str, HTTPStatus] | None:
            """The HTML page served at ``path`` (a path under the mount), before the
            preview's additions, with its status; None for another file (or a folder
            without its slash)."""
            if not path.startswith(mount):
                return None
            target = Path(self.translate_path(path))
            if target.is_dir():
                if not path.endswith("/"):
                    return None
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return target.read_text(encoding="utf-8"), HTTPStatus.OK
            if target.exists():
                return None
            if not state.ready:
                return building_page(), HTTPStatus.SERVICE_UNAVAILABLE
            missing = self._not_found()
            if missing is not None:
                # What the page shows, for the digest too: a missing page's tab reloaded
                # at every save, though it went on showing the same 404 page.
                return missing, HTTPStatus.NOT_FOUND
            if state.error:
                # Content that never built: the problems are the page.
                return "<!doctype html><title>igfpub</title><body></body>", HTTPStatus.OK
            return None

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            """A missing page is answered with the site's own 404 page, as a host (and
            `mkdocs serve`) answers it, with status 404."""
            missing = self._not_found() if code == HTTPStatus.NOT_FOUND else None
            if missing is None:
                super().send_error(code, message, explain)
                return
            self._send(self._page(missing, state.version), "text/html", HTTPStatus.NOT_FOUND)

        def _not_found(self) -> str | None:
            """The site's own 404 page, if it has one."""
            page = state.site / "404.html"
            return page.read_text(encoding="utf-8") if page.is_file() else None

        def _page(self, text: str, version: int) -> bytes:
            problems = state.problems
            tail = SCRIPT % {"version": version, "endpoint": ENDPOINT,
                             "digest": served_digest(text, problems)}  # fmt: skip
            if problems:
                tail = error_box(problems) + tail
            return before_body_end(text, tail).encode("utf-8")

        def _send(self, data: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

    return Handler


def _say_progress(line: str) -> None:
    print(f"igfpub serve: {line}", file=sys.stderr, flush=True)


def serve(
    content: Path, options: Options, address: str = "127.0.0.1:8000", site_url: str = ""
) -> None:
    """``site_url``: the site's, whose path the site is served under (:func:`mount_path`).
    Raises :class:`ServeError` when it cannot listen at ``address``."""
    host, _, port = address.rpartition(":")
    if not port.isdigit() or int(port) > 65535:
        raise ServeError(f"-a {address}: expected HOST:PORT, such as 127.0.0.1:8000")
    site = options.cache_dir.resolve() / "preview"
    preview = Preview(content.resolve(), options, site)
    mount = mount_path(site_url)
    # Listening first: an address in use is said at once, and the browser opened on the
    # address is told the site is being built (a first build of a large archive without
    # a cache is minutes), then shown it.
    try:
        server = ThreadingHTTPServer((host or "127.0.0.1", int(port)),
                                     handler_for(preview.state, mount))  # fmt: skip
    except OSError as exc:
        in_use = exc.errno == errno.EADDRINUSE
        raise ServeError(
            f"cannot listen on {host or '127.0.0.1'}:{port}: {exc.strerror or exc}"
            + (
                "; a preview may be running there already: stop it, or pass another port "
                "with -a HOST:PORT"
                if in_use
                else ""
            )
        ) from None
    server.daemon_threads = True
    preview.address = f"http://{host or '127.0.0.1'}:{server.server_address[1]}{mount}"
    stop = threading.Event()
    built = threading.Event()

    def first_build() -> None:
        first = preview.snapshot()  # a save during the first build is built again at once
        preview.rebuild()
        built.set()
        preview.watch(stop, first)

    print(f"igfpub serve: {preview.address} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    print(f"igfpub serve: building the site from {content}/ ...", file=sys.stderr, flush=True)
    threading.Thread(target=first_build, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    if not built.is_set():
        # Stopped during the first build or its search index (minutes on a large archive,
        # which a full build finishes before it returns): its workers and Pagefind die
        # with this process (igfpub.lifetime.die_with_parent), and a site not yet swapped
        # in is dropped.
        if not preview.state.ready:
            print("igfpub serve: stopped during the first build", file=sys.stderr,
                  flush=True)  # fmt: skip
        sys.stdout.flush()
        os._exit(0)


class ServeError(Exception):
    """The preview cannot start: one line for the user."""


def _yield_cpu() -> None:
    """This thread, and the processes it starts (they inherit it), yield the CPU to the
    others: the full build after a save runs behind the first look at the next save, which
    is what the writer waits for. (Linux: a thread's nice value is its own.)"""
    # Not Linux, or not allowed: the build runs at the preview's priority.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


# What editors leave beside the files they save, which igfpub never reads: vim's swap files
# and its write test (4913), Emacs' backups and autosaves, and hidden files (the loader
# skips names that begin with "."). Each was taken for a save: a full rebuild, search
# indexed again, and the open page reloaded, every few seconds while vim was open.
_EDITOR_FILES = re.compile(r"(^\.|^#.*#$|~$|\.sw[a-p]$|^4913$)")


def _not_content(rel: Path) -> bool:
    return any(_EDITOR_FILES.search(part) for part in rel.parts)
