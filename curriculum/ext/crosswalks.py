"""Generated crosswalks: which module serves which value, and where an outside framework fits.

``{values-crosswalk}`` is a table of modules against the programme values.
``{framework-crosswalk} ID`` maps the course onto a framework named in
``programme.yaml`` (FitSM's process areas, for example) from each module's
``crosswalk:`` metadata, so that an organisation running that framework sees
which modules touch which of its areas, and which areas the course leaves out.
Both are filled from the course domain once every module is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from curriculum.ext.domain import get_domain
from curriculum.ext.generated import Context, Filler, GeneratedDirective
from curriculum.ext.tables import Cell, make_table
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from curriculum.core.model import Framework, Programme
    from curriculum.core.programme import ModuleRecord


class ValuesCrosswalkDirective(GeneratedDirective):
    """``{values-crosswalk}``: which module serves which value."""

    kind = "values-crosswalk"


class FrameworkCrosswalkDirective(GeneratedDirective):
    """``{framework-crosswalk} ID``: modules against an outside framework's areas."""

    kind = "framework-crosswalk"
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        programme: Programme | None = get_domain(self.env).programme
        if programme is not None and programme.framework(self.arguments[0]) is None:
            known = ", ".join(f.id for f in programme.frameworks) or "none"
            warn(
                f"unknown framework '{self.arguments[0]}' (frameworks in programme.yaml: {known})",
                CourseWarning.REFERENCE,
                (self.env.docname, self.lineno),
            )
            return []
        return super().run()


def _module_cell(ctx: Context, record: ModuleRecord) -> Cell:
    return [nodes.literal(record.id, record.id), nodes.Text(" "), ctx.module_link(record)]


def _values_crosswalk(ctx: Context, node: nodes.Element) -> list[nodes.Node]:
    values = ctx.programme.values
    legend = nodes.bullet_list(classes=["course-values-legend"])
    for value in values:
        legend += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                nodes.strong(value.id, value.id),
                nodes.Text(f" {value.statement} ({value.origin})"),
            ),
        )
    rows: list[list[Cell]] = []
    for record in ctx.records:
        row: list[Cell] = [_module_cell(ctx, record)]
        row.extend("✓" if v.id in record.meta.values else "" for v in values)
        rows.append(row)
    counts: list[Cell] = ["Modules serving the value"]
    counts.extend(str(sum(v.id in r.meta.values for r in ctx.records)) for v in values)
    rows.append(counts)
    width = max(6, 40 // len(values))
    table = make_table(
        ["Module", *[v.id for v in values]],
        rows,
        [100 - width * len(values), *[width] * len(values)],
        classes=["course-crosswalk", "course-values-crosswalk"],
    )
    return [legend, table]


def _links(ctx: Context, records: list[ModuleRecord]) -> Cell:
    cell: list[nodes.Node] = []
    for index, record in enumerate(records):
        if index:
            cell.append(nodes.Text(", "))
        cell.extend(_module_cell(ctx, record))  # type: ignore[arg-type]
    return cell


def _framework_crosswalk(ctx: Context, node: nodes.Element) -> list[nodes.Node]:
    framework: Framework | None = ctx.programme.framework(node["argument"])
    if framework is None:  # reported when the directive was read
        return []
    by_area = {
        code: [r for r in ctx.records if code in r.meta.crosswalk.get(framework.id, [])]
        for code in framework.areas
    }
    gaps = [code for code, records in by_area.items() if not records]
    mapped = [r for r in ctx.records if r.meta.crosswalk.get(framework.id)]
    covered = len(framework.areas) - len(gaps)
    summary = (
        f"{framework.title} ({framework.licence}) names {len(framework.areas)} areas. "
        f"{len(mapped)} of the course's {len(ctx.records)} modules "
        f"{'maps' if len(mapped) == 1 else 'map'} to {covered} of them"
        + (
            f"; {len(gaps)} ({', '.join(gaps)}) {'is' if len(gaps) == 1 else 'are'} "
            "not covered by this course."
            if gaps
            else "; every area is covered by at least one module."
        )
    )
    out: list[nodes.Node] = [nodes.paragraph("", summary, classes=["course-summary"])]

    by_area_title = nodes.rubric("", f"By {framework.title} area", classes=["course-track-title"])
    by_area_title["heading-level"] = node.get("heading_level", 3)
    area_rows: list[list[Cell]] = [
        [
            code,
            name,
            _links(ctx, by_area[code]) if by_area[code] else "Not covered by this course",
        ]
        for code, name in framework.areas.items()
    ]
    out += [
        by_area_title,
        make_table(
            ["Area", "Name", "Modules"],
            area_rows,
            [10, 32, 58],
            ["course-crosswalk", "course-framework-areas"],
            row_classes=[["course-gap"] if code in gaps else [] for code in framework.areas],
        ),
    ]

    by_module_title = nodes.rubric("", "By module", classes=["course-track-title"])
    by_module_title["heading-level"] = node.get("heading_level", 3)
    module_rows: list[list[Cell]] = [
        [
            _module_cell(ctx, record),
            ", ".join(record.meta.crosswalk.get(framework.id, [])) or "none",
            ", ".join(record.meta.values),
        ]
        for record in ctx.records
    ]
    out += [
        by_module_title,
        make_table(
            ["Module", f"{framework.title} areas", "Values"],
            module_rows,
            [56, 26, 18],
            ["course-crosswalk", "course-framework-modules"],
        ),
    ]
    return out


def setup_crosswalks(app: Sphinx) -> None:
    app.add_directive("values-crosswalk", ValuesCrosswalkDirective)
    app.add_directive("framework-crosswalk", FrameworkCrosswalkDirective)


#: what this module's placeholders hold (see curriculum.ext.fill)
FILLERS: dict[str, Filler] = {
    "values-crosswalk": _values_crosswalk,
    "framework-crosswalk": _framework_crosswalk,
}
