"""A module's classroom kit: what a class needs on paper, at the end of the module.

Print only. Everything a session hands out is gathered at the end of the module's
chapter, each piece on its own page, under "Classroom kit"; `curriculum pdf`
also cuts it out as ``kits/<module>.pdf`` (:mod:`curriculum.print.handouts`):

- the exercise's **case sheet** (the template's notes: the case data, each caller's
  words) and its **answer form** (the fields with room to write), made from the
  template by :mod:`curriculum.ext.latexforms` (both editions);
- ``{kit-sheet} Title``: a sheet to hand out, written in the module (a matrix, a
  checklist), both editions; with ``:trainer:``, the trainer's only (a drill's
  calls with their answers);
- ``{kit-cards} Title``: cards and slips to cut out, one list item a card, in a grid
  of two columns (trainer edition: the trainer prints and cuts them).

On the site none of it shows: the page has the same material in its own form.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from curriculum.core.layout import module_of
from curriculum.ext.config import get_config
from curriculum.ext.nodes import course_kit, kit_card, kit_item
from curriculum.ext.warnings import CourseWarning, warn

#: the order of a kit's pieces
ORDER = {"case": 0, "form": 1, "sheet": 2, "cards": 3}
#: what the trainer does with a printed piece, in the head of each of its pages and
#: above its title, so that nobody copies the drill's answers for the class
HAND_OUT = "Classroom kit: hand out, one per learner"
CUT_OUT = "Classroom kit: cut out along the dashed lines and hand out"
KEEP = "Classroom kit: trainer only, do not hand out"


def use_of(node: kit_item) -> str:
    """What the trainer does with a kit piece."""
    if node["kind"] == "cards":
        return CUT_OUT
    return KEEP if node.get("trainer") else HAND_OUT


class KitSheetDirective(SphinxDirective):
    """``{kit-sheet} Title``: a sheet for the kit, in both editions, or with
    ``:trainer:`` only in the trainer's (a drill's calls with their answers)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"trainer": directives.flag}

    def run(self) -> list[nodes.Node]:
        if "trainer" in self.options and not get_config(self.env).is_trainer:
            return []
        node = kit_item(kind="sheet", title=self.arguments[0], trainer="trainer" in self.options)
        self.set_source_info(node)
        node.extend(self.parse_content_to_nodes(allow_section_headings=False))
        return [node]


class KitCardsDirective(SphinxDirective):
    """``{kit-cards} Title``: a bullet list, one item a card (trainer edition)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"height": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        if not get_config(self.env).is_trainer:
            return []
        parsed = self.parse_content_to_nodes(allow_section_headings=False)
        lists = [n for n in parsed if isinstance(n, nodes.bullet_list | nodes.enumerated_list)]
        if len(lists) != 1 or len(lists) != len(parsed):
            warn(
                "{kit-cards} holds one bullet list, one item a card",
                CourseWarning.STRUCTURE,
                (self.env.docname, self.lineno),
            )
            return []
        node = kit_item(kind="cards", title=self.arguments[0], height=self.options.get("height"))
        self.set_source_info(node)
        for item in lists[0].children:
            card = kit_card()
            card.extend(child.deepcopy() for child in item.children)
            node += card
        return [node]


class KitTransform(SphinxTransform):
    """Move a module page's kit pieces to its kit, at the end of the page."""

    default_priority = 730

    def apply(self, **kwargs: Any) -> None:
        module = module_of(self.env.docname)
        if module is None:
            return
        pieces: list[nodes.Element] = list(self.document.findall(kit_item))
        sections = [n for n in self.document.children if isinstance(n, nodes.section)]
        if not pieces or not sections:
            return
        for piece in pieces:
            piece.parent.remove(piece)
        kit = course_kit(module=module)
        ordered = sorted(pieces, key=lambda piece: ORDER.get(str(piece["kind"]), 9))
        kit.extend(ordered)
        sections[0] += kit


# --- LaTeX -------------------------------------------------------------------------


def _visit_kit_latex(self: Any, node: course_kit) -> None:
    label = f"coursekit:{node['module']}"
    self.body.append(
        "\n\\clearpage\\phantomsection\\label{" + label + "}"
        "\\addcontentsline{toc}{section}{Classroom kit}\\coursekitheading{Classroom kit}\n"
    )


def _depart_kit_latex(self: Any, node: course_kit) -> None:
    self.body.append("\n\\clearpage\\coursekitdone\n")


def _visit_item_latex(self: Any, node: kit_item) -> None:
    first = node.parent.index(node) == 0 if node.parent is not None else True
    self.body.append("\n" if first else "\n\\clearpage\n")
    if get_config(self.builder.env).is_trainer:  # the learner's own copy needs no such note
        self.body.append("\\coursekituse{" + self.encode(use_of(node)) + "}")
    self.body.append("\\coursekittitle{" + self.encode(node["title"]) + "}\n")
    if node["kind"] == "cards":
        height = node.get("height") or 52
        self.body.append(f"\\begin{{coursecards}}{{{height}mm}}%\n")


def _depart_item_latex(self: Any, node: kit_item) -> None:
    if node["kind"] == "cards":
        self.body.append("\n\\end{coursecards}\n")


def _visit_card_latex(self: Any, node: kit_card) -> None:
    self.body.append("%\n\\begin{coursecard}\n")


def _depart_card_latex(self: Any, node: kit_card) -> None:
    self.body.append("\\end{coursecard}%\n")


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_kit(app: Any) -> None:
    app.add_directive("kit-sheet", KitSheetDirective)
    app.add_directive("kit-cards", KitCardsDirective)
    app.add_transform(KitTransform)
    others: dict[str, Any] = {f: (_skip, None) for f in ("html", "text", "man", "texinfo")}
    app.add_node(course_kit, latex=(_visit_kit_latex, _depart_kit_latex), **others)
    app.add_node(kit_item, latex=(_visit_item_latex, _depart_item_latex), **others)
    app.add_node(kit_card, latex=(_visit_card_latex, _depart_card_latex), **others)
