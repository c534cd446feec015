"""``mkdocs serve`` with igfpub's preview: a save shows as fast as under ``igfpub serve``.

MkDocs' own rebuild runs every language of the whole site again, in one process, into the
folder it serves (which is empty meanwhile), and reloads the browsers once it is done: a
minute per save on a large archive. The plugin's ``on_serve`` puts igfpub's preview
(igfpub/serve.py) in its place: the saved documents' own pages at once, then the full
build in a thread of its own, published by the atomic swap, each step reloading the
browsers. MkDocs' server stays: its watcher, its address, its reload script.

While the content has problems, they are said in the terminal as ``path:line: error:
message`` and shown at the foot of every page MkDocs' server sends, over the last good
build, as under ``igfpub serve``.

The private parts of MkDocs used are how its server tells browsers to reload
(``_epoch_cond``, ``_wanted_epoch`` and ``_visible_epoch`` of
``mkdocs.livereload.LiveReloadServer``, 1.6) and the method that adds its reload script to
each page it sends (``_inject_js_into_html``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def follow_saves(server: Any, config: MkDocsConfig) -> Any:
    from mkdocs.livereload import _timestamp

    from igfpub.build import Options, cache_dir_for
    from igfpub.serve import Preview, before_body_end, error_box

    def reload_browsers() -> None:
        # The server holds page requests while the epoch it wants is not the one visible
        # (a build is under way): both move together.
        with server._epoch_cond:
            server._wanted_epoch = server._visible_epoch = _timestamp()
            server._epoch_cond.notify_all()

    config_file = Path(config.config_file_path).resolve()
    # The cache folder every command takes (--cache-dir aside): IGFPUB_CACHE_DIR, else the
    # plugin's cache_dir, else .igfpub-cache beside mkdocs.yml. It was always the last,
    # which a running `igfpub serve` of the same site used, and each emptied the other's.
    options = Options(config_file, pdf=False, search=False,
                      cache_dir=cache_dir_for(config_file, None,
                                              config_file.parent / ".igfpub-cache"))  # fmt: skip
    preview = Preview(Path(config.docs_dir).resolve(), options, Path(config.site_dir))
    preview.state.listeners.append(reload_browsers)
    add_reload_script = server._inject_js_into_html

    def with_problems(content: bytes, epoch: int) -> bytes:
        problems = preview.state.problems
        if problems:
            page = content.decode("utf-8", errors="replace")
            content = before_body_end(page, error_box(problems)).encode("utf-8")
        return add_reload_script(content, epoch)  # type: ignore[no-any-return]

    server._inject_js_into_html = with_problems
    last = preview.snapshot()
    stop = threading.Event()

    def start() -> None:
        preview.start_live()
        preview.build_loop(stop)

    threading.Thread(target=start, daemon=True).start()

    def builder(config: MkDocsConfig | None = None) -> None:
        nonlocal last
        now = preview.snapshot()
        changed = {p for p in now.keys() | last.keys() if now.get(p) != last.get(p)}
        last = now
        if changed:
            preview.saved(changed)

    server.builder = builder
    return server
