"""The course's own rules, quoted from programme.yaml, so the guide never restates them.

``{course-policy}`` renders the effective ``course.policy`` of the course being built
(with ``module_id_pattern`` and ``value_id_pattern``) as a table: each rule, this
course's value, and what it means (the field's description). The role
``{course-policy}`min_words``` renders one value inline: numbers with thousands
separators, ``yes``/``no`` for true and false, levels and lists as written, patterns
as code. An unknown name is a ``course.reference`` warning at the role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_origin

from docutils import nodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

from curriculum.core.settings import CourseSettings, TeachingPolicy
from curriculum.ext.domain import get_domain
from curriculum.ext.reference import inline_text
from curriculum.ext.tables import Cell, make_table
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the settings of ``course:`` that are rules besides ``course.policy``
_COURSE_RULES = ("module_id_pattern", "value_id_pattern")


@dataclass(frozen=True)
class Rule:
    """One rule: its name, where it is set, its value in this course, what it means."""

    name: str
    where: str
    value: Any
    info: FieldInfo

    @property
    def meaning(self) -> str:
        return self.info.description or ""

    @property
    def is_code(self) -> bool:
        """A free-form text (a pattern) is shown as code; a level as a word."""
        annotation = self.info.annotation
        return isinstance(self.value, str) and get_origin(annotation) is not Literal


def course_rules(course: CourseSettings) -> list[Rule]:
    """The id patterns, then every field of ``course.policy``, in the models' order."""
    rules = [
        Rule(name, f"course.{name}", getattr(course, name), CourseSettings.model_fields[name])
        for name in _COURSE_RULES
    ]
    rules += [
        Rule(name, f"course.policy.{name}", getattr(course.policy, name), info)
        for name, info in TeachingPolicy.model_fields.items()
    ]
    return rules


def find_rule(course: CourseSettings, name: str) -> Rule | None:
    """A rule by its name, with or without ``course.`` / ``course.policy.`` / ``policy.``."""
    wanted = name.strip()
    for rule in course_rules(course):
        if wanted in (rule.name, rule.where, rule.where.removeprefix("course.")):
            return rule
    return None


def format_value(value: Any) -> str:
    """``1,500``, ``yes``, ``error``, ``understand, know``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value) or "none"
    return str(value)


def _value_nodes(rule: Rule) -> list[nodes.Node]:
    text = format_value(rule.value)
    if rule.is_code:
        return [nodes.literal(text, text)]
    return [nodes.Text(text)]


def _course(env: BuildEnvironment) -> CourseSettings | None:
    """The course's settings, and a dependency on programme.yaml for the page."""
    domain = get_domain(env)
    if domain.programme_path:
        env.note_dependency(domain.programme_path)
    programme = domain.programme
    return programme.course if programme is not None else None


class CoursePolicyDirective(SphinxDirective):
    """``{course-policy}``: this course's rules as a table, from programme.yaml."""

    def run(self) -> list[nodes.Node]:
        course = _course(self.env)
        if course is None:  # programme.yaml is invalid, which has been reported
            text = "The course's rules cannot be shown: programme.yaml has errors."
            return [nodes.paragraph(text, text)]
        rows: list[list[Cell]] = [
            [[nodes.literal(r.where, r.where)], _value_nodes(r), inline_text(r.meaning)]
            for r in course_rules(course)
        ]
        return [
            make_table(
                ["Rule", "This course", "What it means"],
                rows,
                [30, 18, 52],
                ["course-reference", "course-policy"],
            )
        ]


class CoursePolicyRole(SphinxRole):
    """``{course-policy}`min_words```: one of this course's rules, inline."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        course = _course(self.env)
        if course is None:  # programme.yaml is invalid, which has been reported
            return [nodes.inline(self.rawtext, "?")], []
        rule = find_rule(course, self.text)
        if rule is None:
            known = ", ".join(r.name for r in course_rules(course))
            warn(
                f"{{course-policy}} names no rule '{self.text}' (known: {known}; "
                "see course.policy in programme.yaml)",
                CourseWarning.REFERENCE,
                self.get_location(),
            )
            return [nodes.literal(self.rawtext, self.text)], []
        return _value_nodes(rule), []


def setup_course_policy(app: Sphinx) -> None:
    app.add_directive("course-policy", CoursePolicyDirective)
    app.add_role("course-policy", CoursePolicyRole())
