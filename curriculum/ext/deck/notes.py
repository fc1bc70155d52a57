"""Speaker notes: a slide's trainer-only blocks, as reveal.js's ``<aside class="notes">``.

The speaker view (press S) shows a slide's notes as HTML, so a note keeps its
lists, tables (the timing plan) and emphasis; each block starts with its label
("Trainer note: Opening the session", "Timing plan (60 minutes)").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from curriculum.ext.nodes import deck_notes, trainer_only

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def notes_for(blocks: list[trainer_only]) -> deck_notes | None:
    """One notes node holding ``blocks`` (moved, not copied), or None when there are none."""
    if not blocks:
        return None
    notes = deck_notes()
    for block in blocks:
        part = nodes.container(classes=["course-deck-note", *block["classes"]])
        for child in list(block.children):
            block.remove(child)
            if isinstance(child, nodes.title):
                # a title outside a section or admonition would not render as one
                part += nodes.paragraph(
                    "", "", nodes.strong("", "", *child.children), classes=["course-deck-label"]
                )
            else:
                part += child
        notes += part
    return notes


def _visit_notes(self: Any, node: deck_notes) -> None:
    self.body.append('<aside class="notes">\n')


def _depart_notes(self: Any, node: deck_notes) -> None:
    self.body.append("</aside>\n")


def setup_notes(app: Sphinx) -> None:
    # the other builders' visitors (skip) are registered with the node (ext/slides.py)
    app.add_node(deck_notes, override=True, revealjs=(_visit_notes, _depart_notes))
