"""Checks that keep the site usable with a screen reader: every image needs alt text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ImageAltText(SphinxTransform):
    """An image without alt text is a build error (a warning, fatal under -W)."""

    default_priority = 710

    def apply(self, **kwargs: object) -> None:
        for image in self.document.findall(nodes.image):
            if not str(image.get("alt", "")).strip():
                warn(
                    f"image '{image.get('uri', '')}' has no alt text (write what it shows: "
                    "![Login page showing an expired-password error](login.png))",
                    CourseWarning.ACCESSIBILITY,
                    (self.env.docname, _line(image)),
                )


def _line(node: nodes.Node) -> int | None:
    """The node's line, or its nearest ancestor's (MyST images carry none)."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return current.line
        current = current.parent
    return None


def setup_accessibility(app: Sphinx) -> None:
    app.add_transform(ImageAltText)
