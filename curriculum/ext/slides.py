"""``{slide} Title``: a slide for the trainer's deck, written in the module page.

A slide is written for projection (a title and three to five short bullets, or a
figure), not page text shrunk. Like trainer-only content it is decided *while the
page is parsed*: outside a deck build the directive returns nothing, so a slide's
text never reaches a doctree, the search index or any page of the learner or
trainer site or the PDFs. In a deck build (``sphinx-build -b revealjs -t slides``,
see :mod:`curriculum.ext.deck`) it becomes a :class:`deck_slide` node, which the
deck transform turns into a slide.

Options: ``:class:`` adds CSS classes to the slide; ``:agenda:`` (the class deck
only) follows the slide with one slide per learning path, its modules in days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from curriculum.ext.nodes import deck_notes, deck_slide, trainer_only
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: every builder the course supports except the deck's: a slide or notes node never
#: reaches them (the directive makes none), but a visitor says what would happen
_OTHER_BUILDERS = ("html", "latex", "text", "man", "texinfo")


def deck_build(env: Any) -> bool:
    """Whether this build writes decks (the deck builder marks itself ``course_deck``)."""
    return bool(getattr(getattr(env, "_builder_cls", None), "course_deck", False))


class SlideDirective(SphinxDirective):
    """``{slide} Title`` with the slide's body (bullets, an image, a figure)."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "class": directives.class_option,
        "agenda": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        if not deck_build(self.env):
            return []  # the site and the PDFs never hold a slide, in either edition
        location = (self.env.docname, self.lineno)
        if not self.arguments or not self.arguments[0].strip():
            warn(
                "a {slide} needs a title on its opening line, e.g. ```{slide} Two questions, "
                "not one``` (the slide is left out of the deck)",
                CourseWarning.SLIDE,
                location,
            )
            return []
        title = self.arguments[0].strip()
        node = deck_slide("", classes=["course-slide", *self.options.get("class", [])])
        node["agenda"] = "agenda" in self.options
        self.set_source_info(node)
        textnodes, messages = self.parse_inline(title, lineno=self.lineno)
        node += nodes.title(title, "", *textnodes)
        node.extend(messages)
        node.extend(self.parse_content_to_nodes(allow_section_headings=False))
        # a slide is projected to the class: trainer-only text inside one would be
        # shown to learners, so it is moved to the slide's speaker notes
        moved: list[nodes.Node] = []
        for block in list(node.findall(trainer_only)):
            warn(
                "a trainer-only block inside a {slide} would be projected to learners; it is "
                "moved to the slide's speaker notes (put it after the slide, not inside it)",
                CourseWarning.SLIDE,
                block if block.line else location,
            )
            block.parent.remove(block)
            moved.append(block)
        return [node, *moved]


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_slides(app: Sphinx) -> None:
    app.add_directive("slide", SlideDirective)
    skipped: dict[str, Any] = {name: (_skip, None) for name in _OTHER_BUILDERS}
    app.add_node(deck_slide, **skipped)
    app.add_node(deck_notes, **skipped)
