"""The ``igfpub translate`` commands and the translators' part of ``igfpub status``
(kept out of cli.py, which only wires them in)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from igfpub.core.model import Corpus


def add_translate(sub: Any) -> None:
    tr = sub.add_parser("translate", help="exchange translations with translators' tools")
    tsub = tr.add_subparsers(required=True, metavar="ACTION")
    exp = tsub.add_parser("export", help="what is left to translate, as XLIFF 1.2 or PO")
    exp.add_argument("content", nargs="?", default=None, type=Path)
    exp.add_argument("--lang", required=True, help="target language, e.g. fr")
    exp.add_argument("--edition", type=int, default=None, help="only this edition")
    exp.add_argument("--format", choices=["xliff", "po"], default=None,
                     help="default: po for an output named *.po or *.pot, else xliff")  # fmt: skip
    exp.add_argument(
        "-o", "--output", required=True, type=Path,
        help="file to write (missing folders are made); - writes to the standard output",
    )  # fmt: skip
    exp.add_argument("-f", "--config-file", type=Path, default=None,
                     help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    exp.set_defaults(func=cmd_export)
    imp = tsub.add_parser("import", help="write translated XLIFF or PO files back")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE",
                     help="XLIFF (.xlf, .xliff) or PO (.po) files; a last argument that "
                     "is a folder is the content folder")  # fmt: skip
    imp.add_argument("-f", "--config-file", type=Path, default=None,
                     help="the site's mkdocs.yml (default: ./mkdocs.yml, else igfpub's own)")  # fmt: skip
    imp.set_defaults(func=cmd_import)


def _site_languages(config_file: Path | None, content: Path) -> bool:
    """The site's languages from its mkdocs.yml, before any content is read."""
    from igfpub.core.languages import use
    from igfpub.mkdocs.site import SiteConfigError, read_site

    try:
        use(read_site(config_file, content).languages)
    except SiteConfigError as exc:
        print(exc.said(), file=sys.stderr)
        return False
    return True


def cmd_export(args: argparse.Namespace) -> int:
    from igfpub.core.languages import site_code, site_languages
    from igfpub.exchange import exporter
    from igfpub.exchange.progress import word_count
    from igfpub.problems import shown
    from igfpub.userfiles import Unwritable, write_file

    if not _site_languages(args.config_file, args.content):
        return 1
    # "--lang FR" or "fr_FR" names the site's "fr", and the file says "fr".
    lang = site_code(args.lang, site_languages()) or args.lang
    # "-o fr.po" wrote XLIFF into fr.po, which msgfmt then called a syntax error.
    fmt = args.format or ("po" if args.output.suffix.lower() in (".po", ".pot") else "xliff")
    issues, data, segments = exporter.run(args.content, lang, args.edition, fmt)
    for issue in issues:  # the content's files named from here, as check names them
        print(shown(issue, args.content), file=sys.stderr)
    if data is None:
        return 1
    to_stdout = str(args.output) == "-"
    try:
        if to_stdout:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_file(args.output, data)
    except Unwritable as exc:
        print(f"{args.output}: error: cannot write: {exc}", file=sys.stderr)
        return 1
    docs = len({s.doc for s in segments})
    print(f"igfpub: {'the standard output' if to_stdout else args.output}: {len(segments)} "
          f"segments ({word_count(segments)} words) from {docs} documents to translate into "
          f"{lang}", file=sys.stderr if to_stdout else sys.stdout)  # fmt: skip
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from igfpub.exchange import importer
    from igfpub.problems import shown

    files: list[Path] = list(args.files)
    from igfpub.mkdocs.site import default_content, fallback_note

    content = default_content(args.config_file)
    # The last argument is the content folder when it is one, or when it names nothing
    # and looks like a folder (no suffix): a mistyped folder is said to be missing, rather
    # than read as a translation file while the default folder is used.
    last = files[-1]
    if len(files) > 1 and (last.is_dir() or (not last.exists() and not last.suffix)):
        content = files.pop()
    if not content.is_dir():
        print(f"{content}: error: no such content folder (give it last: igfpub translate "
              "import FILE... CONTENT_DIR)", file=sys.stderr)  # fmt: skip
        return 1
    if fallback_note(args.config_file, content) is not None:
        # Said above (igfpub.cli.main). Read with the default six languages, a site's
        # translations were checked against the wrong ones, and files written for a
        # language the site does not have (.zh.md), which the site then refused.
        print("igfpub: no file was written: the translations are checked against the "
              "site's own languages", file=sys.stderr)  # fmt: skip
        return 2
    if not _site_languages(args.config_file, content):
        return 1
    issues, written = importer.run(files, content)
    given = {str(file) for file in files}
    for issue in issues:
        # A translation file as it was given; the content's files from here, as check names them.
        print(issue if issue.path in given else shown(issue, content), file=sys.stderr)
    errors = sum(1 for i in issues if i.is_error)
    if errors:
        print(f"igfpub: {errors} error{'s' * (errors != 1)}; no file was changed", file=sys.stderr)
        return 1
    for path in written:
        print(f"  {path}")
    print(f"igfpub: {len(written)} file{'s' * (len(written) != 1)} written")
    return 0


def print_left(content: Path, corpus: Corpus, only: str | None = None) -> None:
    from igfpub.exchange.progress import left_to_translate, word_count

    print("\nleft to translate (segments, words):")
    for lang in [only] if only else corpus.languages.translations:
        left = left_to_translate(content, corpus, lang)
        print(f"  {lang:<5} {len(left):>6} segments {word_count(left):>8} words")


def print_diff(content: Path, corpus: Corpus, lang: str | None) -> int:
    from igfpub.exchange.progress import stale_changes

    found = stale_changes(content, corpus, lang)
    print(f"stale translations: {len(found)}")
    for path, changes, total in found:
        if changes is None:
            print(f"\n{path}: the source it translated is unknown "
                  f"(neither in .igfpub/sources nor in the git history): all {total} segments to review")  # fmt: skip
            continue
        print(f"\n{path}: {len(changes)} of {total} segments changed")
        for c in changes:
            print(f"  {c.id}")
            if c.old is not None:
                print(f"    - {c.old}")
            if c.new is not None:
                print(f"    + {c.new}")
    return 0
