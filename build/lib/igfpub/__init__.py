"""igfpub: publish IGF outcomes in the six UN languages.

The framework-neutral core lives in :mod:`igfpub.core`; :mod:`igfpub.mkdocs` is the thin
MkDocs adapter and :mod:`igfpub.cli` the command line.
"""

from igfpub.core.issues import Issue, Severity
from igfpub.core.loader import load_corpus

__all__ = ["Issue", "Severity", "__version__", "load_corpus"]
__version__ = "0.1.0"
