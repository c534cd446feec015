"""``python -m igfpub``: the ``igfpub`` command, for a virtualenv whose scripts folder is
not on the PATH (CI images, Windows)."""

from igfpub.cli import run

if __name__ == "__main__":
    run()
