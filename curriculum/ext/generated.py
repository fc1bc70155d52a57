"""Generated programme pages: learning paths and the path list.

The catalogue and the track list are in :mod:`curriculum.ext.catalogue`, the crosswalks
(values, outside frameworks) in :mod:`curriculum.ext.crosswalks`.

A directive leaves a placeholder while the page is read; the placeholder is
filled at ``doctree-resolved`` from the course domain, once every module is
known. Pages holding placeholders are rewritten when what they show changed (see
:func:`rewrite_generated`), so an edit to one module never forces the whole
course to be re-read, nor the generated pages to be rewritten for a text edit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from curriculum.core.paths import PathPlan, plan_path
from curriculum.ext.agenda import schedule_block
from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain
from curriculum.ext.header import format_minutes
from curriculum.ext.nodes import course_generated, path_progress
from curriculum.ext.tables import Cell, make_table
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from curriculum.core.model import Programme
    from curriculum.core.programme import ModuleRecord
    from curriculum.ext.domain import CourseDomain


def module_row_classes(module_id: str) -> list[str]:
    """Classes the page script reads to tick a module's row once it is done."""
    return ["course-module-row", f"course-m-{module_id}"]


def _visit_progress_html(self: Any, node: nodes.Element) -> None:
    modules = " ".join(node["modules"])
    total = len(node["modules"])
    if node["inline"]:
        self.body.append(
            f'<span class="course-path-progress course-path-progress-inline" '
            f'data-modules="{modules}" hidden></span>'
        )
    else:
        self.body.append(
            f'<div class="course-path-progress" data-modules="{modules}" hidden>'
            f'<progress max="{total}" value="0" aria-label="Modules done on this path">'
            f'</progress> <span class="course-path-progress-text">0 of {total} modules '
            "done</span></div>\n"
        )
    raise nodes.SkipNode


class GeneratedDirective(SphinxDirective):
    kind = ""

    def run(self) -> list[nodes.Node]:
        node = course_generated(kind=self.kind, argument=" ".join(self.arguments))
        self.set_source_info(node)
        get_domain(self.env).note_generated(self.env.docname, self.kind)
        return [node]


class PathListDirective(GeneratedDirective):
    """``{path-list}``: every learning path with its length."""

    kind = "path-list"


class LearningPathDirective(GeneratedDirective):
    """``{learning-path} ID``: the page of one learning path."""

    kind = "learning-path"
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        path_id = self.arguments[0]
        programme: Programme | None = get_domain(self.env).programme
        if programme is not None and programme.path(path_id) is None:
            known = ", ".join(p.id for p in programme.paths) or "none"
            warn(
                f"unknown learning path '{path_id}' (paths in programme.yaml: {known})",
                CourseWarning.PATH,
                (self.env.docname, self.lineno),
            )
            get_domain(self.env).note_path_page(self.env.docname, path_id, self.lineno)
            return []
        get_domain(self.env).note_path_page(self.env.docname, path_id, self.lineno)
        return super().run()


# --- filling the placeholders ---------------------------------------------------------


class Context:
    def __init__(
        self,
        programme: Programme,
        domain: CourseDomain,
        builder: Builder,
        env: BuildEnvironment,
        docname: str,
    ) -> None:
        self.programme = programme
        self.domain = domain
        self.builder = builder
        self.env = env
        self.docname = docname
        self.records = domain.records(programme)

    def module_link(self, record: ModuleRecord) -> nodes.Node:
        text = nodes.inline("", "", nodes.Text(record.meta.title))
        return make_refnode(self.builder, self.docname, record.docname, None, text, record.id)

    def page_link(self, docname: str | None, title: str, anchor: str | None = None) -> nodes.Node:
        """A link to ``docname`` (at ``anchor``), or the plain title without a page."""
        if docname is None:
            return nodes.Text(title)
        return make_refnode(self.builder, self.docname, docname, anchor, nodes.Text(title))

    def audiences(self, ids: list[str]) -> str:
        return ", ".join(self.programme.audience_titles(ids))


def _path_list(ctx: Context, node: nodes.Element) -> list[nodes.Node]:
    rows: list[list[Cell]] = []
    for path in ctx.programme.paths:
        plan = plan_path(ctx.programme, path.id, ctx.records)
        modules = [step.module.id for step in plan.steps]
        rows.append(
            [
                [ctx.page_link(ctx.domain.path_page(path.id), path.title)],
                path.description,
                [nodes.Text(str(len(plan.steps))), path_progress(modules=modules, inline=True)],
                format_minutes(plan.duration),
            ]
        )
    if not rows:
        return [nodes.paragraph("", "No learning paths are defined yet.")]
    return [
        make_table(
            ["Path", "What it covers", "Modules", "Time"],
            rows,
            [22, 50, 10, 18],
            classes=["course-path-list"],
        )
    ]


def _learning_path(ctx: Context, node: nodes.Element) -> list[nodes.Node]:
    path_id = node["argument"]
    path = ctx.programme.path(path_id)
    if path is None:  # reported when the page was read
        return []
    plan = plan_path(ctx.programme, path_id, ctx.records)
    audience = ctx.audiences([path.audience])
    out: list[nodes.Node] = [
        nodes.paragraph(
            "",
            "",
            nodes.strong("For: ", "For: "),
            nodes.Text(audience),
            classes=["course-path-audience"],
        ),
        nodes.paragraph("", path.description, classes=["course-path-description"]),
        nodes.paragraph(
            "",
            f"{len(plan.steps)} modules, {plan.duration} minutes "
            f"({format_minutes(plan.duration)}) in class, or about "
            f"{format_minutes(sum(s.module.self_study for s in plan.steps))} on your own "
            "(reading, quick checks and exercises). Every module written for this "
            "role is here, with every module it builds on, in an order where each "
            "module comes after what it needs"
            + (
                f"; {len(plan.electives)} more "
                f"{'module is' if len(plan.electives) == 1 else 'modules are'} "
                f"offered as electives ({format_minutes(plan.elective_duration)})."
                if plan.electives
                else "."
            ),
            classes=["course-summary"],
        ),
    ]
    if not plan.steps:
        out.append(nodes.paragraph("", "No modules are on this path yet."))
        return out
    out.append(path_progress(modules=[step.module.id for step in plan.steps], inline=False))
    rows: list[list[Cell]] = []
    elapsed = 0
    for number, step in enumerate(plan.steps, start=1):
        record = step.module
        why = (
            "needed by " + ", ".join(step.needed_by) if step.needed_by else "written for this role"
        )
        elapsed += record.meta.duration
        rows.append(
            [
                str(number),
                [nodes.literal(record.id, record.id), nodes.Text(" "), ctx.module_link(record)],
                str(record.meta.duration),
                format_minutes(elapsed),
                str(record.self_study),
                why,
            ]
        )
    out.append(
        make_table(
            [
                "Step",
                "Module",
                "In class (min)",
                "Running total",
                "On your own (min)",
                "Why it is here",
            ],
            rows,
            [7, 38, 10, 12, 11, 22],
            classes=["course-path"],
            row_classes=[module_row_classes(step.module.id) for step in plan.steps],
        )
    )
    if plan.electives:
        out.extend(_electives(ctx, plan))
    if get_config(ctx.env).is_trainer:
        out.append(schedule_block(plan))
    return out


def _electives(ctx: Context, plan: PathPlan) -> list[nodes.Node]:
    """The optional modules of a path, after its core."""
    rubric = nodes.rubric("", "Electives", classes=["course-track-title"])
    rubric["heading-level"] = 2
    intro = nodes.paragraph(
        "",
        "Also written for this role, and worth taking once the core is done or when "
        "the topic is pressing at work. They are not counted in the path's time.",
    )
    rows: list[list[Cell]] = [
        [
            [nodes.literal(s.module.id, s.module.id), nodes.Text(" "), ctx.module_link(s.module)],
            str(s.module.meta.duration),
            "needed by " + ", ".join(s.needed_by) if s.needed_by else "written for this role",
        ]
        for s in plan.electives
    ]
    table = make_table(
        ["Module", "Minutes", "Why it is here"],
        rows,
        [60, 12, 28],
        classes=["course-path", "course-path-electives"],
        row_classes=[module_row_classes(s.module.id) for s in plan.electives],
    )
    return [rubric, intro, table]


Filler = Callable[["Context", nodes.Element], list[nodes.Node]]

#: kind -> function that builds the content of a placeholder (see curriculum.ext.fill)
FILLERS: dict[str, Filler] = {
    "path-list": _path_list,
    "learning-path": _learning_path,
}


def rewrite_generated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: rewrite the pages with generated content when what they show
    changed since the last build (a module's metadata, quizzes or exercises, the
    vocabulary, a path page), not after every edit of a module's text: on a large
    course those pages are the biggest of all."""
    domain = get_domain(env)
    fingerprint = generated_fingerprint(env, domain)
    if domain.data.get("generated_fingerprint") == fingerprint:
        return []
    domain.data["generated_fingerprint"] = fingerprint
    return domain.generated_docs


def generated_fingerprint(env: BuildEnvironment, domain: CourseDomain) -> str:
    """A digest of everything the fillers read; source lines are left out, so that
    moving text within a page does not count as a change."""
    programme: Programme | None = get_domain(env).programme
    data = domain.data
    shown = [
        programme.model_dump(mode="json") if programme is not None else None,
        # the agendas show each module's reading time and timing plan
        [
            (r.docname, r.meta.model_dump(mode="json"), r.reading, r.timing)
            for r in domain.records()
        ],
        sorted(data["broken"].items()),
        sorted((d, sorted(p for p, _line in v)) for d, v in data["path_pages"].items()),
        sorted((d, [(q, n, o) for q, _line, n, o in v]) for d, v in data["quizzes"].items()),
        sorted(
            (d, [(e, m, o, t) for e, _line, m, o, t in v]) for d, v in data["exercises"].items()
        ),
        sorted(data["timings"]),
        sorted(data["answers"].items()),
        sorted(data["generated"].items()),
    ]
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_generated(app: Sphinx) -> None:
    app.add_node(
        course_generated,
        html=(_skip, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_node(
        path_progress,
        html=(_visit_progress_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("path-list", PathListDirective)
    app.add_directive("learning-path", LearningPathDirective)
    app.connect("env-updated", rewrite_generated)
