"""A site's configuration, read the way MkDocs reads it, for the commands that need it
before (or without) a build: which languages, which limits, which theme."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.utils.yaml import yaml_load

from igfpub.core.languages import LANGUAGES, Languages
from igfpub.core.loader import Limits
from igfpub.mkdocs.config import limits as config_limits
from igfpub.mkdocs.i18n import I18n
from igfpub.problems import path_from_here

# igfpub's default configuration: the global IGF's six-language site. `igfpub build` uses it
# for a content folder that has no mkdocs.yml of its own.
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "default" / "mkdocs.yml"


class LogCollector(logging.Handler):
    """Keeps what MkDocs logs, so that a failure is reported as what went wrong rather
    than MkDocs' closing "Aborted with a BuildError!"."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class SiteConfigError(Exception):
    """mkdocs.yml cannot be used; the message says why, in one line. ``located``: the
    message is a problem record (``path:line: error: ...``), which editors and CI logs
    find at the start of a line, and which :meth:`said` prints as it is."""

    def __init__(self, message: str, located: bool = False) -> None:
        super().__init__(message)
        self.located = located

    def said(self) -> str:
        """The line to print."""
        return str(self) if self.located else f"igfpub: {self}"


@dataclass(frozen=True)
class Site:
    config: MkDocsConfig
    languages: Languages
    limits: Limits


def config_file(given: Path | None) -> Path:
    """The site's mkdocs.yml: the one given, else ./mkdocs.yml, else igfpub's default."""
    if given is not None:
        return given
    local = Path("mkdocs.yml")
    return local if local.is_file() else DEFAULT_CONFIG


def default_content(given: Path | None) -> Path:
    """The content folder of a command not given one: the site's ``docs_dir``, relative
    to its mkdocs.yml as ``mkdocs build`` reads it, so that both build the same folder;
    ``content`` (igfpub's own layout) without a site configuration or a ``docs_dir``."""
    path = config_file(given)
    if path == DEFAULT_CONFIG or not path.is_file():
        return Path("content")
    try:
        with path.open("rb") as f:
            raw = yaml_load(f)
    except (OSError, yaml.YAMLError, ConfigurationError):
        return Path("content")  # read_site says what is wrong with the file
    docs = raw.get("docs_dir") if isinstance(raw, dict) else None
    if not isinstance(docs, str) or not docs.strip():
        return Path("content")
    return Path(os.path.normpath(path.parent / docs))


def site_above() -> Path | None:
    """The nearest folder above the current one that holds a mkdocs.yml, named from here
    (``../..``): the site a sub-folder of the content is in. Only named in advice: the
    contract reads the configuration of the current folder, or the one given."""
    for up, folder in enumerate(Path.cwd().parents, start=1):
        if (folder / "mkdocs.yml").is_file():
            return Path(*[os.pardir] * up)
    return None


def fallback_note(given: Path | None, content: Path) -> str | None:
    """What to say when igfpub falls back to its default configuration while the site's
    own mkdocs.yml sits next to the content folder (where ``igfpub init`` puts it): run
    from the wrong folder, igfpub would check a pt-BR site as a six-language one with
    English as the source, and every message after would mislead. None if all is as
    meant: a configuration given or in the current folder, or none anywhere near."""
    if given is not None or config_file(None) != DEFAULT_CONFIG:
        return None
    if content.is_dir():
        folder = Path(os.path.normpath(content / os.pardir))
        advice = f"run igfpub from {folder}/, or pass -f {folder / 'mkdocs.yml'}"
    else:  # run inside the content folder, at any depth, with the default "content"
        above = site_above()
        if above is None:
            return None
        folder = above
        advice = f"run igfpub from {folder}/"
    if not (folder / "mkdocs.yml").is_file():
        return None
    return (
        "no mkdocs.yml in the current folder: using igfpub's default six-language "
        f"configuration ({', '.join(LANGUAGES)}); the site's is {folder / 'mkdocs.yml'}: "
        f"{advice}"
    )


def load_mkdocs_config(path: Path, **overrides: str) -> tuple[MkDocsConfig, list[str]]:
    """MkDocs' configuration from ``path``, and the warnings MkDocs logged reading it; or
    :class:`SiteConfigError` with the errors it logged. MkDocs logs each error and then
    aborts with a count (``Abort``, a ``SystemExit``: uncaught, the command ended with
    nothing said): the errors themselves are what the user needs."""
    errors = LogCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(errors)
    try:
        return load_config(str(path), **overrides), errors.messages
    except (ConfigurationError, PluginError, Abort) as exc:
        syntax = _yaml_error(exc)
        if syntax is not None:
            raise SiteConfigError(yaml_problem(path, syntax), located=True) from None
        raise SiteConfigError(f"{path}: {'; '.join(errors.messages) or exc}") from None
    finally:
        logger.removeHandler(errors)


def _yaml_error(exc: BaseException) -> yaml.MarkedYAMLError | None:
    """The YAML syntax error behind MkDocs' error, if that is what it is: MkDocs raises
    its own while handling it, with PyYAML's words and marks flattened into its message."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, yaml.MarkedYAMLError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def yaml_problem(path: Path, error: yaml.MarkedYAMLError) -> str:
    """A YAML syntax error as a problem record, at the line where PyYAML found it broken;
    or, where that is the end of the file (a quote or a list left open), at the line where
    what is left open begins."""
    start, found = error.context_mark, error.problem_mark
    problem = error.problem or str(error)
    mark: yaml.Mark | None
    at_end = "end of stream" in problem or "<stream end>" in problem
    if at_end and start is not None and error.context:
        mark, what = start, f"{error.context}, {problem} (the end of the file)"
    else:
        mark = found or start
        what = problem
        if error.context and start is not None and found is not None:
            what += f" ({error.context}, line {start.line + 1})"
    name = path
    if mark is not None and mark.name and not mark.name.startswith("<"):
        try:
            if not Path(mark.name).samefile(path):
                name = Path(mark.name)  # a file the configuration INHERITs
        except OSError:
            pass
    return f"{path_from_here(name)}:{mark.line + 1 if mark else 1}: error: not valid YAML: {what}"


def read_site(given: Path | None, content: Path, site_dir: Path | None = None) -> Site:
    path = config_file(given)
    if not path.is_file():
        raise SiteConfigError(f"{path}: configuration file not found")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    overrides = {"docs_dir": str(content.resolve())}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    config, warnings = load_mkdocs_config(path, **overrides)
    for message in warnings:
        print(f"{path}: warning: {message}", file=sys.stderr)
    plugin = config.plugins.get("igfpub")
    if plugin is None:
        raise SiteConfigError(f"{path}: the 'igfpub' plugin is not listed under plugins")
    try:
        languages = I18n(config).site_languages()
    except PluginError as exc:
        raise SiteConfigError(f"{path}: {exc}") from None
    limits = config_limits(plugin.config)
    return Site(config, languages, limits)
