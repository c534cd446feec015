"""The framework-neutral core: content model, loading, validation, publications.

Nothing in this package imports MkDocs; it must outlive it.
"""
