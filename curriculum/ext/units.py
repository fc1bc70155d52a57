"""Units of 10 to 15 minutes, each ending with a quick check answered in the page.

``{unit-check} Title`` closes a unit (:mod:`curriculum.core.units` says where each
starts and how long it reads). It is a quiz (one or two questions, feedback on
every option) with the id ``<module>-u<n>`` and the heading "Quick check, unit n:
Title". On the page:

- the ``##`` section where unit *n* starts gets the anchor ``unit-<n>``;
- the module header lists the units, each linked, with its minutes, and holds an
  empty line (``unit_progress``) the theme's script fills from this browser's
  progress: "Continue at unit 3: ..." once a learner has answered a check; the
  catalogue's row for the module says the same;
- the script records a unit when its check is answered (right or not: a learner
  who has read the feedback has finished the unit).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from curriculum.core.layout import module_of
from curriculum.core.units import Unit
from curriculum.ext.domain import get_domain
from curriculum.ext.header import minutes_text
from curriculum.ext.nodes import module_header, quiz, section_of, unit_progress
from curriculum.ext.quiz import QuizDirective
from curriculum.ext.warnings import CourseWarning, warn


def unit_anchor(number: int) -> str:
    return f"unit-{number}"


class UnitCheckDirective(QuizDirective):
    """``{unit-check} Title`` with a quiz body (a YAML list of one or two questions)."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        module = module_of(self.env.docname)
        if module is None:
            warn(
                "a {unit-check} closes a unit of a module page (a module's index.md); "
                "it is left out here",
                CourseWarning.QUIZ,
                self.get_location(),
            )
            return []
        number = int(self.env.temp_data.get("course_units") or 0) + 1
        self.env.temp_data["course_units"] = number
        title = self.arguments[0].strip()
        self.heading = f"Quick check, unit {number}: {title}"
        made = self.quiz_nodes(f"{module}-u{number}")
        for node in made:
            if isinstance(node, quiz):
                node["unit"], node["module"], node["unit_title"] = number, module, title
                node["classes"].append("course-unit-check")
        return made


class UnitsTransform(SphinxTransform):
    """Anchor each unit's first section and list the units in the module header."""

    default_priority = 712  # after the header (700) and the job aid's line (710)

    def apply(self, **kwargs: Any) -> None:
        checks = [q for q in self.document.findall(quiz) if q.get("unit")]
        header = next(iter(self.document.findall(module_header)), None)
        if not checks or header is None:
            return
        page = header.parent
        sections: list[nodes.Node] = [c for c in page.children if isinstance(c, nodes.section)]
        if not sections:
            return
        starts = [sections[0]]
        for check in checks[:-1]:
            holder = section_of(check, page)
            following = sections[sections.index(holder) + 1 :] if holder in sections else []
            if following:
                starts.append(following[0])
        for number, section in enumerate(starts, 1):
            assert isinstance(section, nodes.section)
            section["ids"].append(unit_anchor(number))
        record = get_domain(self.env).module_for_doc(self.env.docname)
        minutes = {u.number: u for u in record.units} if record is not None else {}
        header += unit_list(checks, minutes, len(starts))
        header += unit_progress(module=str(checks[0]["module"]), units=len(checks))


def unit_list(checks: list[quiz], minutes: dict[int, Unit], anchored: int) -> list[nodes.Node]:
    """ "Units" and a numbered list of the units, each linked to where it starts."""
    heading = nodes.rubric("", "Units", classes=["course-units-title"])
    items = nodes.enumerated_list(classes=["course-units"], enumtype="arabic")
    for check in checks:
        number = int(check["unit"])
        title = str(check["unit_title"])
        text: nodes.Node = nodes.Text(title)
        if number <= anchored:
            text = nodes.reference("", title, internal=True, refid=unit_anchor(number))
        paragraph = nodes.paragraph("", "", text)
        unit = minutes.get(number)
        if unit is not None:
            paragraph += nodes.Text(f" (about {minutes_text(unit.minutes)}, with a quick check)")
        items += nodes.list_item("", paragraph, classes=[f"course-unit-{number}"])
    return [heading, items]


def _visit_progress_html(self: Any, node: unit_progress) -> None:
    self.body.append(
        f'<p class="course-continue" data-module="{node["module"]}" '
        f'data-units="{node["units"]}" hidden></p>\n'
    )
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_units(app: Any) -> None:
    app.add_directive("unit-check", UnitCheckDirective)
    app.add_transform(UnitsTransform)
    others = {fmt: (_skip, None) for fmt in ("latex", "text", "man", "texinfo")}
    app.add_node(unit_progress, html=(_visit_progress_html, None), **others)
