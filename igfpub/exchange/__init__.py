"""Translation exchange: XLIFF and PO files for translators' tools, in and out."""
