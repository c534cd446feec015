"""Everything written to the site besides what MkDocs renders, and the caches behind it."""
