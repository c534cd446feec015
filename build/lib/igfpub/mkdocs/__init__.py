"""The thin MkDocs adapter: turns the core's page plan into MkDocs pages."""
