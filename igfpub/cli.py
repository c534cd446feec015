"""The ``igfpub`` command line: check, build, new, status, catalogs."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from igfpub import timings as _timings  # noqa: F401  (its clock starts with the command)
from igfpub.core.fields import CONTROL, canonical_id, source_hash_yaml
from igfpub.core.issues import Issue
from igfpub.core.languages import use as use_languages
from igfpub.core.loader import LoadResult, load_corpus
from igfpub.core.status import coverage, source_hashes, stale
from igfpub.mkdocs.site import (
    DEFAULT_CONFIG,
    Site,
    SiteConfigError,
    default_content,
    fallback_note,
    read_site,
    site_above,
)
from igfpub.mkdocs.site import config_file as config_file_for


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("igfpub")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = get_parser().parse_args(argv)
        given = bool(getattr(args, "folder", None) or getattr(args, "content", None))
        if "content" in vars(args) and args.content is None:
            args.content = default_content(args.config_file)
        if hasattr(args, "config_file"):  # a command that reads the site's mkdocs.yml
            content = _content_of(args)
            missing = _no_content(args, content, given)
            if missing:
                print(missing, file=sys.stderr)
                return 1
            note = fallback_note(args.config_file, content)
            if note:
                print(f"igfpub: {note}", file=sys.stderr)
        code = int(args.func(args))
        # What fits in the buffer reaches a closed pipe only here: flush while it is caught.
        sys.stdout.flush()
    except BrokenPipeError:
        # `igfpub status | head`: the reader has what it wanted. Nothing more can be said
        # on that stdout, including at exit, when Python flushes it again.
        _stdout_to_devnull()
        return 141  # 128 + SIGPIPE, as a shell reports a command that a closed pipe ended
    return code


def _stdout_to_devnull() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # a stdout that is no file
        pass


def _content_of(args: argparse.Namespace) -> Path:
    """The content folder a command was given (``new`` takes it two ways, ``translate
    import`` after its files)."""
    files = getattr(args, "files", None)
    if files and len(files) > 1 and files[-1].is_dir():
        return Path(files[-1])
    return Path(getattr(args, "folder", None) or getattr(args, "content", None) or "content")


def _no_content(args: argparse.Namespace, content: Path, given: bool) -> str | None:
    """One line where there is no content folder to read: MkDocs would blame the
    ``docs_dir`` of igfpub's own default mkdocs.yml (``content/sessions/content`` isn't an
    existing directory), which the user never wrote. A site's mkdocs.yml whose
    ``docs_dir`` is missing is the site's to hear about; ``translate import`` says it
    itself (its last argument may be a folder)."""
    if content.is_dir() or hasattr(args, "files"):
        return None
    if given:
        return f"{content}: error: no such content folder"
    if config_file_for(args.config_file) != DEFAULT_CONFIG:
        return None
    above = site_above()
    if above is not None:
        return (
            f"igfpub: no content folder here: the site's mkdocs.yml is {above / 'mkdocs.yml'}: "
            f"run igfpub from {above}/, or pass -f {above / 'mkdocs.yml'}"
        )
    return (
        "igfpub: no site here: no mkdocs.yml or content/ folder in the current folder; run "
        "igfpub in the site's folder (igfpub init DIR makes one), or give the content "
        "folder (igfpub COMMAND CONTENT_DIR)"
    )


def run() -> None:
    """The ``igfpub`` command. Once a command is done, the process ends without freeing
    its objects one by one: after a build that is the whole loaded archive, half a second
    of doing nothing useful. Its files are written and closed; what it printed is flushed,
    and a process it started is waited for (the cache writer of igfpub.outputs.parsecache)."""
    import multiprocessing

    try:
        code = main()
    except KeyboardInterrupt:
        # Ctrl-C: what was being built is dropped (a site is replaced only once whole).
        print("igfpub: interrupted", file=sys.stderr)
        code = 130
    sys.stdout.flush()
    sys.stderr.flush()
    for child in multiprocessing.active_children():
        child.join()
    os._exit(code)


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="igfpub",
        description="Publish what the meetings of the Internet Governance Forum and its "
        "national and regional initiatives conclude, in the site's languages.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    init = sub.add_parser("init", help="create a new site in a new folder")
    init.add_argument("folder", type=Path)
    init.add_argument("--languages", default="en,fr,es,ru,zh,ar",
                      help="language codes, the source language first (default: en,fr,es,ru,zh,ar)")  # fmt: skip
    init.add_argument("--name", help="the site's name (default: IGF Outcomes)")
    init.add_argument(
        "--forum",
        help="the forum's name, in feeds, briefs, printed documents and letters "
        "(default: --name if given, else the Internet Governance Forum)",
    )
    init.set_defaults(func=cmd_init)

    check = sub.add_parser("check", help="validate a content folder without building")
    check.add_argument("content", nargs="?", default=None, type=Path)
    check.add_argument("-f", "--config-file", type=Path, default=None,
                       help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="build the whole site from a content folder")
    build.add_argument("content", nargs="?", default=None, type=Path)
    build.add_argument("-d", "--site-dir", default=Path("site"), type=Path)
    build.add_argument("-f", "--config-file", type=Path, default=None,
                       help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    build.add_argument("--no-pdf", action="store_true", help="skip PDF rendering")
    build.add_argument("--cache-dir", type=Path, default=None,
                       help="where caches live (default: $IGFPUB_CACHE_DIR, else the igfpub plugin's "
                            "cache_dir, else .igfpub-cache); deleting it only makes the next build cold")  # fmt: skip
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="live preview that rebuilds and reloads on each save")
    serve.add_argument("content", nargs="?", default=None, type=Path)
    serve.add_argument("-f", "--config-file", type=Path, default=None)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    serve.add_argument("--cache-dir", type=Path, default=None)
    serve.set_defaults(func=cmd_serve)

    new = sub.add_parser("new", help="write a new content file from the template")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind in ("session", "messages"):
        k = kinds.add_parser(kind, help=f"a new {kind} file")
        k.add_argument("--id", required=True, help="e.g. IGF2025-WS-142 or BPF-CYBER-2025")
        k.add_argument("--edition", required=True, type=int)
        # The content folder last, as every other command takes it, or as --content.
        k.add_argument("folder", nargs="?", type=Path, metavar="content",
                       help="the content folder (default: the docs_dir of mkdocs.yml)")  # fmt: skip
        k.add_argument("--content", default=None, type=Path, help="the same, as an option")
        k.add_argument("-f", "--config-file", type=Path, default=None)
        k.add_argument("--type", default="workshop", help="session type (sessions only)")
        k.add_argument("--track", help="track id (sessions only; default: the only track)")
        k.add_argument("--date", metavar="YYYY-MM-DD",
                       help="inside the edition (sessions only; default: its first day)")  # fmt: skip
        k.add_argument("--group", help="group id (messages only; default: the only group)")
        k.add_argument("--title", default=None)
        k.set_defaults(func=cmd_new)
    # Its own parser: `new response --body itu --edition 2025 CONTENT_DIR` puts the folder
    # last, which a positional shared with session/messages could not take.
    response = kinds.add_parser("response", help="bodies/<id>.md listing the messages to answer")
    response.add_argument("--body", required=True, help="a body id of registry/bodies.yml")
    response.add_argument("--edition", required=True, type=int)
    response.add_argument("content", nargs="?", default=None, type=Path)
    response.add_argument("-f", "--config-file", type=Path, default=None)
    response.set_defaults(func=cmd_new_response)

    pack = sub.add_parser(
        "pack", help="an e-mail per body addressed in an edition; nothing is sent"
    )
    pack.add_argument("edition", type=int)
    pack.add_argument("content", nargs="?", default=None, type=Path)
    pack.add_argument("-d", "--outbox", type=Path, default=None, help="default: outbox/EDITION")
    pack.add_argument("-f", "--config-file", type=Path, default=None)
    pack.add_argument(
        "--from",
        dest="sender",
        default=None,
        help="the e-mails' sender, 'Name <address>' (default: the forum's name at the "
        "igfpub plugin's contact address; for the IGF without one, "
        "'IGF Secretariat <igf@un.org>')",
    )
    pack.set_defaults(func=cmd_pack)

    status = sub.add_parser("status", help="translation coverage and stale translations")
    status.add_argument("content", nargs="?", default=None, type=Path)
    status.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    status.add_argument("--diff", action="store_true",
                        help="show what changed in the source of each stale translation")  # fmt: skip
    status.add_argument("--lang", default=None, help="only this translation language")
    status.set_defaults(func=cmd_status)

    from igfpub.translate_cli import add_translate

    add_translate(sub)

    catalogs = sub.add_parser(
        "catalogs", help="compile the UI string catalogs (.po -> .mo), or start one for a language"
    )
    catalogs.add_argument("--init", metavar="LANG", help="start a catalog for LANG (e.g. de)")
    catalogs.add_argument("-d", "--locales", type=Path, default=Path("overrides") / "locales",
                          help="with --init: where (default: overrides/locales, for theme.custom_dir: overrides)")  # fmt: skip
    catalogs.set_defaults(func=cmd_catalogs)
    return p


def _report_issues(issues: Sequence[Issue], content: Path, warnings: bool = True) -> None:
    """Every problem, then their count. ``warnings=False``: the errors alone (they stop
    the command) and one line for the warnings: ``new`` is not the place to read every
    warning of the site before its own line; ``igfpub check`` is."""
    from igfpub.problems import shown

    errors = sum(1 for i in issues if i.is_error)
    others = len(issues) - errors
    for issue in issues:
        if warnings or issue.is_error:
            print(shown(issue, content), file=sys.stderr)
    counted = f"{others} warning{'s' * (others != 1)}"
    hidden = not warnings and others
    if errors or (issues and warnings):
        print(f"igfpub: {errors} error{'s' * (errors != 1)}, {counted}"
              + (" (run igfpub check to read the warnings)" if hidden else ""), file=sys.stderr)  # fmt: skip
    elif hidden:
        print(f"igfpub: {counted} in the content (run igfpub check to read them)", file=sys.stderr)


def _load(
    args: argparse.Namespace,
    site_dir: Path | None = None,
    cache: Path | None = None,
    warnings: bool = True,
    site: Site | None = None,
) -> tuple[Site, LoadResult] | None:
    """The site's configuration, then its content, loaded and validated as a build would.
    ``cache``: the build's cache folder, which keeps the parsed files between builds;
    ``warnings``: as :func:`_report_issues` takes it; ``site``: the configuration, if
    :func:`_site` has read it already."""
    site = site or _site(args, site_dir)
    if site is None:
        return None
    if cache is None:
        result = load_corpus(args.content, site.limits)
    else:
        from igfpub.outputs.parsecache import keep_parsed_soon, open_parsed

        parsed = open_parsed(cache)
        result = load_corpus(args.content, site.limits, parsed)
        if result.ok:  # content with errors builds nothing, and writes nothing either
            keep_parsed_soon(parsed, cache)
    _report_issues(result.issues, args.content, warnings)
    return site, result


def _site(args: argparse.Namespace, site_dir: Path | None = None) -> Site | None:
    """The site's configuration, its languages made the process's; None once it has said
    what is wrong with it."""
    try:
        site = read_site(args.config_file, args.content, site_dir)
    except SiteConfigError as exc:
        print(exc.said(), file=sys.stderr)
        return None
    use_languages(site.languages)
    return site


def cmd_init(args: argparse.Namespace) -> int:
    from igfpub.scaffold import ScaffoldError, init_site, parse_languages

    try:
        written = init_site(args.folder, parse_languages(args.languages),
                            args.name or "", forum=args.forum or args.name or "")  # fmt: skip
    except ScaffoldError as exc:
        print(f"igfpub: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    print(
        f"igfpub: new site in {args.folder}; next: cd {shlex.quote(str(args.folder))} "
        "&& igfpub check && igfpub build"
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded is None:
        return 1
    site, result = loaded
    if not _theme_checked(site):
        return 1
    if result.ok:
        c = result.corpus
        print(f"igfpub: {args.content}: {len(c.editions)} editions, {len(c.sessions)} sessions, "
              f"{len(c.intersessional)} intersessional documents, {len(c.bodies)} bodies, "
              f"languages {', '.join(c.languages)}: OK")  # fmt: skip
    return 0 if result.ok else 1


def _theme_checked(site: Site) -> bool:
    """The site's templates and theme settings, as `igfpub build` checks them."""
    from mkdocs.exceptions import PluginError

    from igfpub.mkdocs.plugin import check_theme

    try:
        warnings = check_theme(site.config)
    except PluginError as exc:
        print(f"igfpub: {exc}", file=sys.stderr)
        return False
    for warning in warnings:
        print(f"igfpub: warning: {warning}", file=sys.stderr)
    return True


class _Refused(Exception):
    """The site's configuration could not be read (and that was said)."""


def cmd_build(args: argparse.Namespace) -> int:
    from igfpub.build import collector_paused

    with collector_paused():  # the load too (see collector_paused)
        return _build(args)


def _build(args: argparse.Namespace) -> int:
    from igfpub.build import (
        BuildError,
        Options,
        Refused,
        build,
        cache_dir_for,
        is_unchanged,
        stamp_of,
    )
    from igfpub.sitedir import clear_leftovers

    config_file = config_file_for(args.config_file)
    # A line per language on a terminal; a log (CI, a pipe) gets the result alone.
    progress = _say_progress if sys.stderr.isatty() else None
    options = Options(config_file, pdf=not args.no_pdf, progress=progress,
                      cache_dir=cache_dir_for(config_file, args.cache_dir))  # fmt: skip
    try:
        stamp = stamp_of(args.content, options)
    except SiteConfigError as exc:
        print(exc.said(), file=sys.stderr)
        return 1
    if is_unchanged(args.site_dir, options, stamp):
        clear_leftovers(args.site_dir.resolve())  # what a killed build left
        print(f"igfpub: {args.site_dir.resolve()} is up to date (nothing changed)")
        return 0

    def load() -> LoadResult:
        # Called by the build once it has started to empty the folders it builds in.
        loaded = _load(args, cache=options.cache_dir)
        if loaded is None:
            raise _Refused  # the configuration's problem is printed
        return loaded[1]

    try:
        report = build(args.content, args.site_dir, options, loaded=load, stamp=stamp)
    except _Refused:
        return 1
    except Refused as exc:  # nothing was done: the site or cache folder's line
        print(f"igfpub: {exc}", file=sys.stderr)
        return 1
    except BuildError as exc:
        if exc.issues:  # the content's problems, printed by the load
            print("igfpub: nothing was built", file=sys.stderr)
        else:
            print(f"igfpub: build failed: {exc}", file=sys.stderr)
        return 1
    print(f"igfpub: site written to {args.site_dir.resolve()} "
          f"({report.rendered} pages rendered, {report.reused} from the cache, "
          f"{report.seconds:.1f} s)")  # fmt: skip
    return 0


def _say_progress(line: str) -> None:
    print(f"igfpub: {line}", file=sys.stderr, flush=True)


def cmd_serve(args: argparse.Namespace) -> int:
    from igfpub.build import Options, cache_dir_for
    from igfpub.lifetime import stop_on_sigterm
    from igfpub.serve import ServeError, serve

    stop_on_sigterm()
    try:
        site = read_site(args.config_file, args.content)
    except SiteConfigError as exc:
        print(exc.said(), file=sys.stderr)
        return 1
    use_languages(site.languages)
    config_file = config_file_for(args.config_file)
    options = Options(config_file, pdf=False, search=False,
                      cache_dir=cache_dir_for(config_file, args.cache_dir))  # fmt: skip
    try:
        serve(args.content, options, args.dev_addr, site_url=site.config.site_url or "")
    except ServeError as exc:
        print(f"igfpub: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from igfpub.core.fields import DOC_ID
    from igfpub.scaffold import IdTakenError, NewFile, NewFileError, new_file
    from igfpub.userfiles import Unwritable, write_file

    if not DOC_ID.match(args.id):
        print(f"igfpub: id {args.id!r} may only use letters, digits and '-'", file=sys.stderr)
        return 2
    args.content = args.folder or args.content
    # The content as check reads it, with the site's languages: the new file's edition,
    # track, group and id are checked against it.
    loaded = _load(args, warnings=False)
    if loaded is None or not loaded[1].ok:
        return 1
    default_title = "Title of the session" if args.kind == "session" else "Title of the document"
    asked = NewFile(args.kind, args.id, args.edition, args.title or default_title, args.type,
                    args.track, args.date, args.group)  # fmt: skip
    try:
        rel, text = new_file(loaded[1].corpus, asked)
    except IdTakenError as exc:
        from igfpub.problems import from_here

        where = from_here(exc.path, args.content)
        print(f"igfpub: id {exc.id} is already used in {where}", file=sys.stderr)
        return 1
    except NewFileError as exc:
        print(f"igfpub: {exc}", file=sys.stderr)
        return 2
    target = args.content / rel
    if target.exists() or target.is_symlink():  # a link to nothing is there too
        print(f"igfpub: {target} already exists", file=sys.stderr)
        return 1
    try:
        write_file(target, text.encode("utf-8"))
    except Unwritable as exc:
        print(f"{target}: error: cannot write: {exc}", file=sys.stderr)
        return 1
    print(target)
    return 0


def cmd_new_response(args: argparse.Namespace) -> int:
    from igfpub.core.publications import for_body
    from igfpub.core.responses import ResponseFileError, response_file
    from igfpub.userfiles import Unwritable, write_file

    loaded = _load(args, warnings=False)
    if loaded is None or not loaded[1].ok:
        return 1
    corpus = loaded[1].corpus
    body = canonical_id(args.body, corpus.bodies)
    if body is None:
        print(f"igfpub: there is no body {args.body!r} in registry/bodies.yml (its ids: "
              f"{', '.join(corpus.bodies)})", file=sys.stderr)  # fmt: skip
        return 2
    if args.edition not in corpus.editions:
        print(f"igfpub: there is no edition {args.edition} (editions: "
              f"{', '.join(map(str, corpus.editions))})", file=sys.stderr)  # fmt: skip
        return 2
    target = args.content / "bodies" / f"{body}.md"
    if not target.exists() and not for_body(corpus, body, args.edition):
        print(f"igfpub: no message of {args.edition} is addressed to {body}: no file written",
              file=sys.stderr)  # fmt: skip
        return 1
    try:
        existing = target.read_text("utf-8") if target.exists() else None
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not valid UTF-8"
        print(f"{target}: error: cannot read: {why}", file=sys.stderr)
        return 1
    try:
        text, added = response_file(corpus, body, args.edition, dt.date.today(), existing)
    except ResponseFileError as exc:
        print(f"{target}: error: {exc}", file=sys.stderr)
        return 1
    try:
        write_file(target, text.encode("utf-8"))
    except Unwritable as exc:
        print(f"{target}: error: cannot write: {exc}", file=sys.stderr)
        return 1
    print(f"{target}: {added} message{'s' * (added != 1)} to answer listed")
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from igfpub.build import cache_dir_for
    from igfpub.catalogs import THEME, compile_all
    from igfpub.pack import PackError, pack

    # The From: header of every e-mail: a line break would begin a header of its own, which
    # the email package refuses with a ValueError (a traceback after the PDFs were made).
    if args.sender is not None and ({"\r", "\n"} & set(args.sender) or CONTROL.search(args.sender)):
        print("igfpub: --from must be one line, a name and an address: "
              "'IGF Secretariat <igf@un.org>'", file=sys.stderr)  # fmt: skip
        return 2
    loaded = _load(args)
    if loaded is None or not loaded[1].ok:
        return 1
    site, result = loaded
    if args.edition not in result.corpus.editions:
        print(f"igfpub: edition {args.edition} does not exist", file=sys.stderr)
        return 2
    config_file = Path(site.config.config_file_path)
    site_url = site.config.site_url or ""
    custom = [Path(site.config.theme.custom_dir)] if site.config.theme.custom_dir else []
    compile_all()
    for folder in custom:  # the site's own strings (the forum's name), as a build has them
        if (folder / "locales").is_dir():
            compile_all(folder / "locales")
    theme_dirs = [*custom, THEME]
    outbox = args.outbox or Path("outbox") / str(args.edition)
    try:
        report = pack(result.corpus, args.content, args.edition, outbox, theme_dirs=theme_dirs,
                      site_url=site_url, sender=args.sender,
                      file_urls=not site.config.use_directory_urls,
                      symbol=site.config.plugins["igfpub"].config.document_symbol,
                      contact=site.config.plugins["igfpub"].config.contact,
                      # The build's PDF cache (see the plugin's on_post_build): briefs a
                      # build has printed are not printed again.
                      cache=cache_dir_for(config_file, None, config_file.resolve().parent / ".igfpub-cache"),
                      today=dt.date.today())  # fmt: skip
    except PackError as exc:
        print(f"igfpub: {exc}", file=sys.stderr)
        return 1
    mails = [p for p in report.packed if p.eml]
    for p in report.packed:
        if p.eml is None:
            print(f"igfpub: {p.body}: no liaison in registry/bodies.yml; no e-mail written")
    if mails and not site_url:
        print(f"igfpub: site_url is not set in {config_file.name}: the letters link the site's "
              "pages by their paths (/bodies/...), not by addresses a reader can open")  # fmt: skip
    print(f"igfpub: {len(mails)} e-mails and manifest.csv in {outbox} "
          f"({report.rendered} PDFs rendered); nothing was sent")  # fmt: skip
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    site = _site(args)
    if site is None:
        return 1
    lang = None
    if args.lang is not None:  # before the content is read: one line, not its warnings too
        from igfpub.core.languages import site_code

        # "--lang FR" or "fr_FR" names the site's "fr", as translate export takes it.
        translations = site.languages.translations
        lang = site_code(args.lang, translations)
        if lang is None:
            print(f"igfpub: --lang {args.lang!r} is not a translation language of this site "
                  f"({', '.join(translations)})", file=sys.stderr)  # fmt: skip
            return 2
    loaded = _load(args, site=site)
    if loaded is None or not loaded[1].ok:
        return 1
    corpus = loaded[1].corpus
    if args.diff:
        from igfpub.translate_cli import print_diff

        return print_diff(args.content, corpus, lang)
    states = ("translated", "machine", "stale", "fallback")
    print(f"{'edition':<8} {'lang':<5} {'docs':>5} " + " ".join(f"{s:>10}" for s in states))
    for row in coverage(corpus):
        if lang is None or row.lang == lang:
            print(f"{row.edition:<8} {row.lang:<5} {row.total:>5} "
                  + " ".join(f"{row.counts.get(s, 0):>10}" for s in states))  # fmt: skip
    old = [s for s in stale(corpus) if lang is None or s.lang == lang]
    print(f"\nstale translations: {len(old)}")
    for s in old:
        print(f"  {s.path}: source_hash {s.recorded}, source is now "
              f"{source_hash_yaml(s.current)}")  # fmt: skip
    from igfpub.exchange.progress import changed_names

    for code in corpus.languages.translations if lang is None else [lang]:
        for sid, before in changed_names(args.content, corpus, code).items():
            # A registry's names are translated in place: no file to call stale.
            kind, rest = sid.removeprefix("registry:").split("/", 1)
            print(f"  registry/{kind}.yml: {rest} ({code}) was translated from "
                  f"{before!r}, changed since")  # fmt: skip
    from igfpub.translate_cli import print_left

    print_left(args.content, corpus, lang)
    print("\ncurrent source_hash of each source (record it in a new translation):")
    for path, digest in source_hashes(corpus):
        print(f"  {source_hash_yaml(digest)}  {path}")
    _print_untranslated_ui(loaded[0], lang)
    return 0


def _print_untranslated_ui(site: Site, only: str | None = None) -> None:
    from igfpub.catalogs import untranslated

    custom = site.config.theme.custom_dir
    extra = Path(custom) / "locales" if custom else None
    print("\ninterface strings not yet translated (pages show them in English):")
    for lang in [only] if only else site.languages:
        missing = untranslated(lang, extra)
        print(f"  {lang}: {len(missing)}")
        for msgid in missing:
            print(f"    {msgid}")


def cmd_catalogs(args: argparse.Namespace) -> int:
    from igfpub.catalogs import CatalogError, compile_all, init_catalog
    from igfpub.core.languages import is_known

    if args.init:
        if not is_known(args.init):
            print(f"igfpub: unknown language code {args.init!r}", file=sys.stderr)
            return 2
        try:
            path = init_catalog(args.init, args.locales)
        except FileExistsError as exc:
            print(f"igfpub: {exc}", file=sys.stderr)
            return 1
        except CatalogError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"{path}: translate it (Poedit, Weblate, ...), then set theme.custom_dir to "
              f"{args.locales.parent} in mkdocs.yml")  # fmt: skip
        return 0
    for path in compile_all():
        print(path)
    return 0


if __name__ == "__main__":
    run()
