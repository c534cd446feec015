"""The ``igfpub`` command line: check, build, new, status, catalogs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from igfpub.core.issues import Issue
from igfpub.core.loader import LoadResult, load_corpus
from igfpub.core.status import coverage, source_hashes, stale

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    args = get_parser().parse_args(argv)
    return int(args.func(args))


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="igfpub", description="Publish IGF outcomes in six languages.")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate a content folder without building")
    check.add_argument("content", nargs="?", default="content", type=Path)
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="build the whole site from a content folder")
    build.add_argument("content", nargs="?", default="content", type=Path)
    build.add_argument("-d", "--site-dir", default=Path("site"), type=Path)
    build.add_argument("-f", "--config-file", type=Path, default=None,
                       help="MkDocs configuration (default: the project's mkdocs.yml)")  # fmt: skip
    build.add_argument("--no-pdf", action="store_true", help="skip PDF rendering")
    build.add_argument("--cache-dir", type=Path, default=Path(".igfpub-cache"),
                       help="where caches live; deleting it only makes the next build cold")  # fmt: skip
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="live preview that rebuilds and reloads on each save")
    serve.add_argument("content", nargs="?", default="content", type=Path)
    serve.add_argument("-f", "--config-file", type=Path, default=None)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    serve.add_argument("--cache-dir", type=Path, default=Path(".igfpub-cache"))
    serve.set_defaults(func=cmd_serve)

    new = sub.add_parser("new", help="write a new content file from the template")
    new.add_argument("kind", choices=["session", "messages"])
    new.add_argument("--id", required=True, help="e.g. IGF2025-WS-142 or BPF-CYBER-2025")
    new.add_argument("--edition", required=True, type=int)
    new.add_argument("--content", default=Path("content"), type=Path)
    new.add_argument("--type", default="workshop", help="session type (sessions only)")
    new.add_argument("--track", default="TRACK-ID", help="track id (sessions only)")
    new.add_argument("--group", default="GROUP-ID", help="group id (messages only)")
    new.add_argument("--title", default="Title of the session")
    new.set_defaults(func=cmd_new)

    status = sub.add_parser("status", help="translation coverage and stale translations")
    status.add_argument("content", nargs="?", default="content", type=Path)
    status.set_defaults(func=cmd_status)

    catalogs = sub.add_parser("catalogs", help="compile the UI string catalogs (.po -> .mo)")
    catalogs.set_defaults(func=cmd_catalogs)
    return p


def _report(result: LoadResult) -> None:
    _report_issues(result.issues)


def _report_issues(issues: Sequence[Issue]) -> None:
    for issue in issues:
        print(issue, file=sys.stderr)
    errors = sum(1 for i in issues if i.is_error)
    warnings = len(issues) - errors
    if issues:
        print(f"igfpub: {errors} error{'s' * (errors != 1)}, "
              f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)  # fmt: skip


def cmd_check(args: argparse.Namespace) -> int:
    result = load_corpus(args.content)
    _report(result)
    if result.ok:
        c = result.corpus
        print(f"igfpub: {args.content}: {len(c.editions)} editions, {len(c.sessions)} sessions, "
              f"{len(c.intersessional)} intersessional documents, {len(c.bodies)} bodies: OK")  # fmt: skip
    return 0 if result.ok else 1


def cmd_build(args: argparse.Namespace) -> int:
    from igfpub.build import BuildError, Options, build

    options = Options(args.config_file or _default_config(), pdf=not args.no_pdf,
                      cache_dir=args.cache_dir)  # fmt: skip
    try:
        report = build(args.content, args.site_dir, options)
    except BuildError as exc:
        _report_issues(exc.issues)
        if not exc.issues:
            print(f"igfpub: build failed: {exc}", file=sys.stderr)
        print("igfpub: nothing was built", file=sys.stderr)
        return 1
    except Exception as exc:
        print(f"igfpub: build failed: {exc}", file=sys.stderr)
        return 1
    _report_issues(report.issues)
    if report.unchanged:
        print(f"igfpub: {args.site_dir.resolve()} is up to date (nothing changed)")
    else:
        print(f"igfpub: site written to {args.site_dir.resolve()} "
              f"({report.rendered} pages rendered, {report.reused} from the cache, "
              f"{report.seconds:.1f} s)")  # fmt: skip
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from igfpub.build import Options
    from igfpub.serve import serve

    options = Options(args.config_file or _default_config(), pdf=False, search=False,
                      cache_dir=args.cache_dir)  # fmt: skip
    serve(args.content, options, args.dev_addr)
    return 0


def _default_config() -> Path:
    local = Path("mkdocs.yml")
    return local if local.exists() else PROJECT / "mkdocs.yml"


SESSION_TEMPLATE = """\
---
id: {id}
edition: {edition}
type: {type}
title: "{title}"
track: {track}
date: {date}
rapporteur: "Your name"
organizers: []
stakeholders: []
key_takeaways:            # 1 to 3, one or two sentences each
  - "First key takeaway."
calls_to_action:          # 0 to 3; `to` lists body ids from registry/bodies.yml
  - text: "What should be done, by whom."
    to: []
consensus: []
divergence: []
---
## Summary of the discussion

Write the session report here in Markdown.
"""

MESSAGES_TEMPLATE = """\
---
id: {id}
edition: {edition}
group: {group}
title: "{title}"
status: draft
key_takeaways:
  - "First key takeaway."
recommendations:
  - text: "First recommendation."
    to: []
minority_views: []
---
Context and method of the group's work, in Markdown.
"""


def cmd_new(args: argparse.Namespace) -> int:
    from igfpub.core.fields import DOC_ID

    if not DOC_ID.match(args.id):
        print(f"igfpub: id {args.id!r} may only use letters, digits and '-'", file=sys.stderr)
        return 2
    folder = "sessions" if args.kind == "session" else "messages"
    target = args.content / folder / str(args.edition) / f"{args.id.lower()}.md"
    if target.exists():
        print(f"igfpub: {target} already exists", file=sys.stderr)
        return 1
    template = SESSION_TEMPLATE if args.kind == "session" else MESSAGES_TEMPLATE
    text = template.format(id=args.id, edition=args.edition, type=args.type, track=args.track,
                           group=args.group, title=args.title.replace('"', "'"),
                           date=_edition_start(args.content, args.edition))  # fmt: skip
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(target)
    return 0


def _edition_start(content: Path, year: int) -> str:
    result = load_corpus(content)
    edition = result.corpus.editions.get(year)
    return (edition.start if edition else dt.date(year, 1, 1)).isoformat()


def cmd_status(args: argparse.Namespace) -> int:
    result = load_corpus(args.content)
    if not result.ok:
        _report(result)
        return 1
    corpus = result.corpus
    states = ("translated", "machine", "stale", "fallback")
    print(f"{'edition':<8} {'lang':<5} {'docs':>5} " + " ".join(f"{s:>10}" for s in states))
    for row in coverage(corpus):
        print(f"{row.edition:<8} {row.lang:<5} {row.total:>5} "
              + " ".join(f"{row.counts.get(s, 0):>10}" for s in states))  # fmt: skip
    old = stale(corpus)
    print(f"\nstale translations: {len(old)}")
    for s in old:
        print(f"  {s.path}: source_hash {s.recorded}, source is now {s.current}")
    print("\ncurrent source_hash of each source (record it in a new translation):")
    for path, digest in source_hashes(corpus):
        print(f"  {digest}  {path}")
    return 0


def cmd_catalogs(args: argparse.Namespace) -> int:
    from igfpub.catalogs import compile_all

    for path in compile_all():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
