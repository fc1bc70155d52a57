"""Course builder: a Sphinx extension, a metadata model and the ``curriculum`` CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the course extension (see :mod:`curriculum.ext.extension`)."""
    from curriculum.ext.collector import setup_collector

    setup_collector(app)  # first: the extension's imports already allocate a lot
    from curriculum.ext.extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
