"""The one problem record users see: ``path:line: error: message``."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

# Whatever a terminal, an editor or str.splitlines() takes for the end of a line: a
# problem is one line, even when it quotes content that holds such characters.
_LINE_BREAKS = re.compile("[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Issue:
    path: str
    line: int
    severity: Severity
    message: str
    # The other files of the content folder that the message names, as it names them
    # (relative to the content folder, as ``path`` is): what shows a problem from the
    # current folder rewrites them with ``path`` (igfpub.problems.shown).
    mentions: tuple[str, ...] = ()
    # A translation's list that no longer lines up with its source's (the source gained
    # a follow-up entry): an error of the content, which the translation exchange mends,
    # since export sends the list again and import writes it anew (see for_exchange).
    realign: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = _LINE_BREAKS.sub(" ", self.message)
        return f"{_LINE_BREAKS.sub(' ', where)}: {self.severity.value}: {message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Issues:
    """Collects problems while loading: everything is reported, then the caller fails once."""

    def __init__(self) -> None:
        self._items: list[Issue] = []
        self._seen: set[Issue] = set()

    def error(
        self,
        path: str,
        line: int,
        message: str,
        mentions: Sequence[str] = (),
        *,
        realign: bool = False,
    ) -> None:
        """``mentions``: the other content files the message names (see Issue)."""
        self.add(Issue(path, line, Severity.ERROR, message, tuple(mentions), realign))

    def warning(self, path: str, line: int, message: str, mentions: Sequence[str] = ()) -> None:
        self.add(Issue(path, line, Severity.WARNING, message, tuple(mentions)))

    def add(self, issue: Issue) -> None:
        # The same problem can be reached twice (a field checked by two rules); say it once.
        if issue not in self._seen:
            self._seen.add(issue)
            self._items.append(issue)

    def since(self, count: int) -> tuple[Issue, ...]:
        """The problems added after the first ``count``."""
        return tuple(self._items[count:])

    def sorted(self) -> list[Issue]:
        return sorted(self._items, key=lambda i: (i.path, i.line, i.message))

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self._items)

    def __len__(self) -> int:
        return len(self._items)


def for_exchange(issues: Sequence[Issue]) -> list[Issue]:
    """The content's problems as ``translate export`` and ``import`` say them: a list that
    no longer lines up is a warning there, since they mend it. Before, it stopped both, and
    with them the only way to mend the translations in every language."""
    mended = ": its texts are sent for translation again, and translate import writes it anew"
    return [
        replace(i, severity=Severity.WARNING, message=i.message + mended)
        if i.realign and i.is_error
        else i
        for i in issues
    ]


class ContentError(Exception):
    """Raised by the adapters when loading found errors; carries every problem."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        errors = sum(1 for i in issues if i.is_error)
        super().__init__(f"{errors} content error{'s' if errors != 1 else ''}")
