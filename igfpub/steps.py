"""The one failure of an after-build step (igfpub.mkdocs.finish.AFTER_BUILD): it names the
file at fault, so that the build report says which step failed on which file."""

from __future__ import annotations

from pathlib import Path


class StepFailed(Exception):
    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
