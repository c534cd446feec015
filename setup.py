"""Compiles the UI catalogs (.po -> .mo) into the wheel: MkDocs' Jinja i18n reads .mo
files, and compiled files are build products, not sources kept in the repository."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        # setuptools copies the package into build/lib and keeps what an earlier build of
        # the same checkout left there: a template since removed went into the wheel, and
        # `igfpub check` then took it for a site's copy of igfpub's own page layer.
        shutil.rmtree(Path(self.build_lib) / "igfpub", ignore_errors=True)
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locales = Path(self.build_lib) / "igfpub" / "theme" / "locales"
        for po_path in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
            with po_path.open("rb") as f:
                catalog = read_po(f, locale=po_path.parent.parent.name)
            with po_path.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)


setup(cmdclass={"build_py": BuildWithCatalogs})
