"""Refuse what the parser passes through unrecognised (see :mod:`curriculum.core.fences`):
Carpentries/Pandoc fenced divs, and trainer-only directives that were read as text.

A foreign div is removed in both editions with a located warning naming what to write
instead. A page where a trainer-only directive's fence shows as text is withheld in the
learner edition (its answers follow the fence as ordinary paragraphs, so nothing short
of the whole page is known to be safe); the trainer edition keeps it, with the warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line

from curriculum.core.fences import foreign_div, unparsed_trainer
from curriculum.ext.config import get_config
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: text in these is shown as typed, never parsed: an example of the syntax is fine there
_LITERAL = (nodes.FixedTextElement, nodes.literal, nodes.comment, nodes.raw, nodes.system_message)


def _location(node: nodes.Element, docname: str) -> nodes.Node | tuple[str, int | None]:
    """The node when it knows its file and line (Sphinx prints both), else page and line."""
    source, line = get_source_line(node)
    return node if source and line else (docname, line)


def refuse_foreign_blocks(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    for div in list(doctree.findall(nodes.container)):
        if not div.get("is_div"):
            continue
        found = foreign_div(div.get("classes", []))
        if found is None:
            continue
        name, hint = found
        warn(
            f"'::: {name}' is a fenced div of another lesson format (Carpentries, Pandoc); "
            f"this course would show it to every learner as a plain box, so it is removed: "
            f"{hint}",
            CourseWarning.SAFETY,
            _location(div, docname),
        )
        div.parent.remove(div)
    for text in list(doctree.findall(nodes.Text)):
        # the pattern first: walking up from every text node of every page is the cost
        directive = unparsed_trainer(text.astext())
        parent = text.parent
        if directive is None or parent is None:
            continue
        if any(isinstance(a, _LITERAL) for a in _ancestors(parent)):
            continue
        withheld = not get_config(app.env).is_trainer
        warn(
            f"'{{{directive}}}' is printed as text, not read as a directive (check the "
            f"fence: three or more colons or backticks, and '{{{directive}}}' without "
            f"spaces, e.g. :::{{{directive}}}); "
            + (
                "the page is withheld from the learner edition"
                if withheld
                else "learners would see its content"
            ),
            CourseWarning.SAFETY,
            _location(parent, docname),
        )
        if withheld:
            doctree.children = []
            doctree += nodes.paragraph(
                "", "This page was withheld: a trainer-only block on it could not be read."
            )
        return


def _ancestors(node: nodes.Node | None) -> Iterator[nodes.Node]:
    while node is not None:
        yield node
        node = node.parent


def setup_fences(app: Sphinx) -> None:
    # with the audit (priority 100), before Sphinx's collectors and the search index
    app.connect("doctree-read", refuse_foreign_blocks, priority=110)
