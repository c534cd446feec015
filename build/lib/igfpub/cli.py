"""The ``igfpub`` command line: check, build, new, status, catalogs."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from igfpub.core.languages import use as use_languages
from igfpub.core.loader import LoadResult, load_corpus
from igfpub.core.status import coverage, source_hashes, stale
from igfpub.mkdocs.site import Site, SiteConfigError, read_site


def main(argv: Sequence[str] | None = None) -> int:
    args = get_parser().parse_args(argv)
    return int(args.func(args))


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="igfpub", description="Publish IGF outcomes in six languages.")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    init = sub.add_parser("init", help="create a new site in a new folder")
    init.add_argument("folder", type=Path)
    init.add_argument("--languages", default="en,fr,es,ru,zh,ar",
                      help="language codes, the source language first (default: en,fr,es,ru,zh,ar)")  # fmt: skip
    init.add_argument("--name", default="IGF Outcomes", help="the site's name")
    init.set_defaults(func=cmd_init)

    check = sub.add_parser("check", help="validate a content folder without building")
    check.add_argument("content", nargs="?", default="content", type=Path)
    check.add_argument("-f", "--config-file", type=Path, default=None,
                       help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="build the whole site from a content folder")
    build.add_argument("content", nargs="?", default="content", type=Path)
    build.add_argument("-d", "--site-dir", default=Path("site"), type=Path)
    build.add_argument("-f", "--config-file", type=Path, default=None,
                       help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    build.add_argument("--no-pdf", action="store_true", help="skip PDF rendering")
    build.set_defaults(func=cmd_build)

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
    status.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    status.set_defaults(func=cmd_status)

    catalogs = sub.add_parser(
        "catalogs", help="compile the UI string catalogs (.po -> .mo), or start one for a language"
    )
    catalogs.add_argument("--init", metavar="LANG", help="start a catalog for LANG (e.g. de)")
    catalogs.add_argument("-d", "--locales", type=Path, default=Path("overrides") / "locales",
                          help="with --init: where (default: overrides/locales, for theme.custom_dir: overrides)")  # fmt: skip
    catalogs.set_defaults(func=cmd_catalogs)
    return p


def _report(result: LoadResult) -> None:
    for issue in result.issues:
        print(issue, file=sys.stderr)
    errors = sum(1 for i in result.issues if i.is_error)
    warnings = len(result.issues) - errors
    if result.issues:
        print(f"igfpub: {errors} error{'s' * (errors != 1)}, "
              f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)  # fmt: skip


def _load(args: argparse.Namespace, site_dir: Path | None = None) -> tuple[Site, LoadResult] | None:
    """The site's configuration, then its content, loaded and validated as a build would."""
    try:
        site = read_site(args.config_file, args.content, site_dir)
    except SiteConfigError as exc:
        print(f"igfpub: {exc}", file=sys.stderr)
        return None
    use_languages(site.languages)
    result = load_corpus(args.content, site.limits)
    _report(result)
    return site, result


def cmd_init(args: argparse.Namespace) -> int:
    from igfpub.scaffold import ScaffoldError, init_site, parse_languages

    try:
        written = init_site(args.folder, parse_languages(args.languages), args.name)
    except ScaffoldError as exc:
        print(f"igfpub: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    print(
        f"igfpub: new site in {args.folder}; next: cd {args.folder} && igfpub check && igfpub build"
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded is None:
        return 1
    _, result = loaded
    if result.ok:
        c = result.corpus
        print(f"igfpub: {args.content}: {len(c.editions)} editions, {len(c.sessions)} sessions, "
              f"{len(c.intersessional)} intersessional documents, {len(c.bodies)} bodies, "
              f"languages {', '.join(c.languages)}: OK")  # fmt: skip
    return 0 if result.ok else 1


def cmd_build(args: argparse.Namespace) -> int:
    site_dir = args.site_dir.resolve()
    loaded = _load(args)
    if loaded is None:
        return 1
    settings, result = loaded
    if not result.ok:
        print("igfpub: nothing was built", file=sys.stderr)
        return 1
    site = site_dir
    site.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and swap at the end: a failed build leaves no output behind
    # and the previous site untouched.
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))
    try:
        _mkdocs_build(settings, tmp, pdf=not args.no_pdf, result=result)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, KeyboardInterrupt):
            raise
        print(f"igfpub: build failed: {exc}", file=sys.stderr)
        return 1
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    tmp.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"igfpub: site written to {site}")
    return 0


def _mkdocs_build(site: Site, out: Path, *, pdf: bool, result: LoadResult) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError

    _quiet_mkdocs()
    config = site.config
    config["site_dir"] = str(out)
    plugin = config["plugins"]["igfpub"]
    plugin.config["pdf"] = pdf
    # The content was just loaded and checked with this site's languages and limits.
    plugin.preloaded = ((Path(config["docs_dir"]).resolve(), site.limits), result)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (Abort, BuildError) as exc:
        raise RuntimeError(str(exc) or "MkDocs build aborted") from None
    finally:
        config.plugins.on_shutdown()


def _quiet_mkdocs() -> None:
    """MkDocs logs through 'mkdocs'; show warnings and errors like `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


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
    loaded = _load(args)
    if loaded is None or not loaded[1].ok:
        return 1
    result = loaded[1]
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
    _print_untranslated_ui(loaded[0])
    return 0


def _print_untranslated_ui(site: Site) -> None:
    from igfpub.catalogs import untranslated

    custom = site.config.theme.custom_dir
    extra = Path(custom) / "locales" if custom else None
    print("\ninterface strings not yet translated (pages show them in English):")
    for lang in site.languages:
        missing = untranslated(lang, extra)
        print(f"  {lang}: {len(missing)}")
        for msgid in missing:
            print(f"    {msgid}")


def cmd_catalogs(args: argparse.Namespace) -> int:
    from igfpub.catalogs import compile_all, init_catalog
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
        print(f"{path}: translate it (Poedit, Weblate, ...), then set theme.custom_dir to "
              f"{args.locales.parent} in mkdocs.yml")  # fmt: skip
        return 0
    for path in compile_all():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
