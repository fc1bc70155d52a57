"""Learner and trainer editions: content that exists only for trainers.

Trainer-only directives are dropped *while the page is parsed* in the learner
edition, so their text never reaches a doctree, the search index, the
inventory, or any page: nothing downstream has to remember to remove it. In
the trainer edition they become a :class:`trainer_only` block whose HTML
element carries the CSS class ``trainer-only`` and a visible label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from curriculum.core.timing import MINUTES, plan_total
from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain
from curriculum.ext.latex import admonition_environment
from curriculum.ext.nodes import trainer_only
from curriculum.ext.tables import Cell, make_table
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TRAINER_CLASS = "trainer-only"


def content_line(directive: SphinxDirective, offset: int = 0) -> int:
    """File line of a directive's content line ``offset``, under MyST or reStructuredText."""
    if directive.content_offset < directive.lineno:  # MyST counts from the directive line
        return directive.lineno + directive.content_offset + offset + 1
    return directive.content_offset + offset + 1  # docutils counts from 0 in the file


def trainer_block(
    title: str | list[nodes.Node], css_class: str, *children: nodes.Node
) -> trainer_only:
    """A labelled trainer-only block; only call this in the trainer edition."""
    node = trainer_only("", classes=[TRAINER_CLASS, css_class])
    if isinstance(title, str):
        node += nodes.title(title, title)
    else:
        node += nodes.title("", "", *title)
    node.extend(children)
    return node


def is_trainer(env: object) -> bool:
    return get_config(env).is_trainer


class TrainerOnlyDirective(SphinxDirective):
    """Base for directives whose content only trainers see."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}
    label = "Trainer note"
    css_class = "course-trainer-note"

    def run(self) -> list[nodes.Node]:
        if not get_config(self.env).is_trainer:
            return []
        node = self.make_block()
        self.add_name(node)
        return [node]

    def make_block(self) -> trainer_only:
        label = self.label + (f": {self.arguments[0]}" if self.arguments else "")
        textnodes, messages = self.parse_inline(label, lineno=self.lineno)
        node = trainer_block(
            list(textnodes),
            self.css_class,
            *messages,
            *self.parse_content_to_nodes(allow_section_headings=False),
        )
        node["classes"].extend(self.options.get("class", []))
        self.set_source_info(node)
        return node


class TrainerNoteDirective(TrainerOnlyDirective):
    """``{trainer-note}``: facilitation steps, prompts, misconceptions, marking notes."""

    label = "Trainer note"
    css_class = "course-trainer-note"


class SolutionDirective(TrainerOnlyDirective):
    """``{solution}``: a model answer."""

    label = "Model answer"
    css_class = "course-solution"


class TimingPlanDirective(TrainerOnlyDirective):
    """``{timing-plan}``: a bullet list of ``N min: activity`` that adds up to the module.

    The total is recorded in both editions, so that a plan that does not add up
    fails the learner build too; the table is shown only to trainers.
    """

    optional_arguments = 0
    label = "Timing plan"
    css_class = "course-timing-plan"

    def run(self) -> list[nodes.Node]:
        total = self._raw_total()
        if total is None:
            return []
        get_domain(self.env).note_timing(self.env.docname, total, self.lineno)
        if not get_config(self.env).is_trainer:
            return []
        node = trainer_block(f"{self.label} ({total} minutes)", self.css_class, self._table())
        self.set_source_info(node)
        return [node]

    def _raw_total(self) -> int | None:
        """Add up the minutes from the source lines, reporting a malformed plan."""
        total, offset, message = plan_total(list(self.content))
        if total is None:
            self._complain(offset, message)
        return total

    def _complain(self, offset: int, message: str) -> None:
        warn(message, CourseWarning.TIMING, (self.env.docname, content_line(self, offset)))

    def _table(self) -> nodes.table:
        parsed = self.parse_content_to_nodes(allow_section_headings=False)
        rows: list[list[Cell]] = []
        start = 0
        for bullet_list in (n for n in parsed if isinstance(n, nodes.bullet_list)):
            for item in bullet_list.children:
                assert isinstance(item, nodes.list_item)  # docutils bullet lists hold only these
                minutes = _strip_minutes(item)
                rows.append([f"{start // 60}:{start % 60:02d}", str(minutes), list(item.children)])
                start += minutes
        return make_table(
            ["Starts at", "Minutes", "Activity"], rows, [12, 12, 76], ["course-timing-table"]
        )


def _strip_minutes(item: nodes.Element) -> int:
    """Remove the leading ``N min:`` from a list item's first text; return N."""
    for text in item.findall(nodes.Text):
        match = MINUTES.match(str(text))
        if match is None:
            return 0
        rest = str(text)[match.end() :]
        text.parent.replace(text, nodes.Text(rest))
        return int(match.group(1))
    return 0


class EditionOnlyDirective(SphinxDirective):
    """``{edition-only} learner`` (or ``trainer``): content that only that edition's
    books and pages have, decided while parsing like trainer-only content (the
    workbook's answers at the back, for instance, which the trainer guide gives
    beside each quiz). Trainer-only *text* belongs in the trainer directives, which
    label it; this one places whole parts of a book."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        wanted = self.arguments[0].strip().lower()
        if wanted not in ("learner", "trainer"):
            warn(
                f"{{edition-only}} takes 'learner' or 'trainer', not '{self.arguments[0]}'",
                CourseWarning.STRUCTURE,
                (self.env.docname, self.lineno),
            )
            return []
        if get_config(self.env).is_trainer != (wanted == "trainer"):
            return []
        return self.parse_content_to_nodes(allow_section_headings=True)


# --- visitors: reuse each translator's admonition rendering --------------------------


def _visit(self: Any, node: trainer_only) -> None:
    self.visit_admonition(node)


def _depart(self: Any, node: trainer_only) -> None:
    self.depart_admonition(node)


def setup_editions(app: Sphinx) -> None:
    app.add_node(
        trainer_only,
        html=(_visit, _depart),
        latex=admonition_environment("coursetrainer"),
        text=(_visit, _depart),
        man=(_visit, _depart),
        texinfo=(_visit, _depart),
    )
    app.add_directive("trainer-note", TrainerNoteDirective)
    app.add_directive("edition-only", EditionOnlyDirective)
    app.add_directive("solution", SolutionDirective)
    app.add_directive("timing-plan", TimingPlanDirective)
