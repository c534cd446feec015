"""``igfpub serve``: a live preview that follows every save.

A watcher polls the content folder, ``mkdocs.yml`` and the site's template overrides.
On a change it loads the content; if there are problems it prints them as
``path:line: error: message`` and shows them on every page (the last good site stays
served underneath); otherwise it rebuilds through ``igfpub.build`` (only what changed is
rendered) and bumps a version. Each preview page carries a small script that long-polls
``/__igfpub/wait`` and reloads itself when the version changes. The search index is
refreshed after the pages are shown. Nothing that goes wrong in a build stops the server.
"""

from __future__ import annotations

import html
import json
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from igfpub.build import BuildError, Options, build, index_search
from igfpub.core.loader import load_corpus

POLL_SECONDS = 0.1
WAIT_SECONDS = 25.0  # a long poll answers at least this often, changed or not
ENDPOINT = "/__igfpub/wait"
# Injected before </body> of every HTML page the preview serves, and only there.
SCRIPT = """<script>
(function () {
  var version = %(version)d;
  function poll() {
    fetch("%(endpoint)s?v=" + version, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.version !== version) { location.reload(); } else { poll(); }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>"""
ERROR_BOX = (
    '<div id="igfpub-preview-error" role="alert" style="position:fixed;inset:auto 0 0 0;'
    "z-index:1000;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#fff0f0;"
    'color:#7a0000;border-top:4px solid #b00020;font:14px/1.4 monospace">'
    "<strong>igfpub: the content has problems; the page shows the last good build.</strong>"
    "<pre>%s</pre></div>"
)


@dataclass
class State:
    """What the server shows: shared by the watcher and the request threads."""

    site: Path
    version: int = 0
    error: str = ""  # the problems of the current content, "" when it builds
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, error: str) -> None:
        with self.changed:
            self.error = error
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, str]:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version, self.error


class Preview:
    def __init__(self, content: Path, options: Options, site: Path) -> None:
        self.content = content
        self.options = options
        self.state = State(site)
        self._watched = [content, options.config_file]
        overrides = options.config_file.parent / "overrides"
        if overrides.is_dir():
            self._watched.append(overrides)

    def snapshot(self) -> dict[str, tuple[int, int]]:
        seen: dict[str, tuple[int, int]] = {}
        for root in self._watched:
            paths = [root] if root.is_file() else root.rglob("*")
            for path in paths:
                try:
                    stat = path.stat()
                except OSError:
                    continue  # deleted while we looked
                if path.is_file():
                    seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return seen

    def rebuild(self) -> None:
        """Never raises: every problem becomes the page's error box and terminal text."""
        start = time.perf_counter()
        try:
            result = load_corpus(self.content)
            if not result.ok:
                raise BuildError("content errors", list(result.issues))
            report = build(self.content, self.state.site, self.options, loaded=result)
        except BuildError as exc:
            lines = [str(i) for i in exc.issues] or [str(exc)]
            for line in lines:
                print(line, file=sys.stderr, flush=True)
            print("igfpub serve: not rebuilt; fix the file and save again", file=sys.stderr,
                  flush=True)  # fmt: skip
            self.state.publish("\n".join(lines))
            return
        except Exception as exc:
            traceback.print_exc()
            self.state.publish(f"igfpub: build failed: {exc}")
            return
        self.state.publish("")
        print(f"igfpub serve: rebuilt in {time.perf_counter() - start:.2f} s "
              f"({report.rendered} pages rendered)", file=sys.stderr, flush=True)  # fmt: skip
        # The pages are shown; search can follow.
        try:
            pages = index_search(self.state.site, self.options.cache_dir, result.corpus.languages)
            print(f"igfpub serve: search index refreshed ({pages} pages)", file=sys.stderr,
                  flush=True)  # fmt: skip
        except Exception as exc:
            print(f"igfpub serve: search index not refreshed: {exc}", file=sys.stderr)

    def watch(self, stop: threading.Event) -> None:
        last = self.snapshot()
        while not stop.wait(POLL_SECONDS):
            now = self.snapshot()
            if now != last:
                last = now
                self.rebuild()
                last = self.snapshot()  # saves made during the build: build again at once
                if last != now:
                    last = {}


def handler_for(state: State) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(state.site), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal is for build problems

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == ENDPOINT:
                seen = int(parse_qs(url.query).get("v", ["-1"])[0])
                version, error = state.wait(seen, WAIT_SECONDS)
                self._send(json.dumps({"version": version, "error": error}).encode(),
                           "application/json")  # fmt: skip
                return
            target = Path(self.translate_path(url.path))
            if target.is_dir():
                if not url.path.endswith("/"):
                    super().do_GET()  # the redirect to the folder
                    return
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                self._send(self._page(target.read_text(encoding="utf-8")), "text/html")
                return
            if state.error and not target.exists():
                # Content that never built: the problems are the page.
                self._send(self._page("<!doctype html><title>igfpub</title><body></body>"),
                           "text/html")  # fmt: skip
                return
            super().do_GET()

        def _page(self, text: str) -> bytes:
            version, error = state.version, state.error
            tail = SCRIPT % {"version": version, "endpoint": ENDPOINT}
            if error:
                tail = ERROR_BOX % html.escape(error) + tail
            head, body_end, rest = text.rpartition("</body>")
            page = head + tail + body_end + rest if body_end else text + tail
            return page.encode("utf-8")

        def _send(self, data: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

    return Handler


def serve(content: Path, options: Options, address: str = "127.0.0.1:8000") -> None:
    host, _, port = address.rpartition(":")
    site = options.cache_dir.resolve() / "preview"
    preview = Preview(content.resolve(), options, site)
    preview.rebuild()
    server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler_for(preview.state))
    server.daemon_threads = True
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    print(f"igfpub serve: http://{host or '127.0.0.1'}:{server.server_address[1]}/ "
          f"(Ctrl-C to stop)", file=sys.stderr, flush=True)  # fmt: skip
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
