"""Readers, one module per family of formats; each registers itself with ``read.reader``."""

from . import feeds, html, mail, records, text  # noqa: F401
