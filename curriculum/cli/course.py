"""``catalogue``: the course as data; a class agenda is ``schedule``, in cli/schedule.py."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from curriculum.cli.common import EXIT_PROBLEMS, report_problems
from curriculum.cli.options import resolve_root, root_option

if TYPE_CHECKING:
    from curriculum.core.project import Project


def catalogue_data(project: Project) -> dict[str, Any]:
    """The ``{"modules": [...], "paths": [...]}`` document."""
    from curriculum.core.paths import plan_path

    assert project.programme is not None
    modules = []
    for record in project.modules:
        meta = record.meta.model_dump(mode="json")
        modules.append(
            {
                "id": meta["id"],
                "title": meta["title"],
                "track": meta["track"],
                "duration": meta["duration"],
                "reading": record.reading,
                "self_study": record.self_study,
                "units": [
                    {"number": u.number, "title": u.title, "minutes": u.minutes, "line": u.line}
                    for u in record.units
                ],
                "audiences": meta["audiences"],
                "prerequisites": meta["prerequisites"],
                "values": meta["values"],
                "objectives": meta["objectives"],
                "exercises": meta["exercises"],
                "quizzes": [
                    {
                        "id": q.id,
                        "questions": q.questions,
                        "objectives": q.objectives,
                        "source": q.path,
                        "line": q.line,
                    }
                    for q in project.quizzes.get(record.id, [])
                ],
                "crosswalk": meta["crosswalk"],
                "draft": meta["draft"],
                "docname": record.docname,
                "source": record.path,
            }
        )
    paths = []
    for path in project.programme.paths:
        plan = plan_path(project.programme, path.id, project.modules)
        paths.append(
            {
                "id": path.id,
                "title": path.title,
                "audience": path.audience,
                "modules": [step.module.id for step in plan.steps],
                "duration": plan.duration,
                "hours": round(plan.duration / 60, 2),
                "self_study": sum(step.module.self_study for step in plan.steps),
                "electives": [step.module.id for step in plan.electives],
                "electives_duration": plan.elective_duration,
            }
        )
    return {"modules": modules, "paths": paths}


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "table"]),
    default="table",
    show_default=True,
    help="json for other tools, table for people",
)
@root_option
def catalogue(fmt: str, root: str | None) -> None:
    """List every module with its metadata, and the learning paths."""
    from curriculum.core.project import load_project

    project = load_project(resolve_root(root))
    if report_problems(project):
        sys.exit(EXIT_PROBLEMS)
    data = catalogue_data(project)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    _print_tables(project, data)


def _print_tables(project: Project, data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    assert project.programme is not None
    console = Console()
    modules = Table(title="Modules", title_justify="left")
    for column in ("id", "title", "track", "class min", "own min", "for", "take first"):
        modules.add_column(column, no_wrap=column in ("id", "class min", "own min"))
    for module in data["modules"]:
        modules.add_row(
            module["id"],
            module["title"] + (" (draft: on no path)" if module["draft"] else ""),
            module["track"],
            str(module["duration"]),
            str(module["self_study"]),
            ", ".join(module["audiences"]),
            ", ".join(module["prerequisites"]) or "-",
        )
    console.print(modules)
    paths = Table(title="Learning paths", title_justify="left")
    for column in ("id", "title", "modules", "minutes", "hours", "electives"):
        paths.add_column(column)
    for path in data["paths"]:
        paths.add_row(
            path["id"],
            path["title"],
            ", ".join(path["modules"]) or "-",
            str(path["duration"]),
            f"{path['hours']:g}",
            ", ".join(path["electives"]) or "-",
        )
    console.print(paths)
