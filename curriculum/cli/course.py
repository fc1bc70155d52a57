"""``catalogue`` and ``schedule``: the course as data, and a class agenda for a path."""

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
    for column in ("id", "title", "track", "min", "for", "take first"):
        modules.add_column(column, no_wrap=column in ("id", "min"))
    for module in data["modules"]:
        modules.add_row(
            module["id"],
            module["title"] + (" (draft: on no path)" if module["draft"] else ""),
            module["track"],
            str(module["duration"]),
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


@click.command()
@click.option("--path", "path_id", required=True, help="a learning path id (see 'catalogue')")
@click.option("--days", type=int, required=True, help="teaching days available")
@click.option("--start", default="09:00", show_default=True, help="when each day starts")
@click.option(
    "--day-length",
    default="7h",
    show_default=True,
    help="start to finish, breaks included (e.g. 7h, 6h30)",
)
@click.option(
    "--break",
    "breaks",
    multiple=True,
    metavar="HH:MM/MIN[/LABEL]",
    help="a break; repeat for each (default: 10:30/15, 12:30/60/Lunch, 15:00/15)",
)
@click.option("--format", "fmt", type=click.Choice(["md", "csv"]), default="md", show_default=True)
@root_option
def schedule(
    path_id: str,
    days: int,
    start: str,
    day_length: str,
    breaks: tuple[str, ...],
    fmt: str,
    root: str | None,
) -> None:
    """Pack a learning path into teaching days with breaks: a clock-time agenda.

    Exits 1 when the path does not fit in the days given (the agenda is still
    printed, with the number of days it needs).
    """
    from curriculum.core.paths import plan_path
    from curriculum.core.project import load_project
    from curriculum.core.schedule import (
        ScheduleError,
        as_csv,
        as_markdown,
        parse_break,
        parse_clock,
        parse_duration,
        plan_days,
    )

    project = load_project(resolve_root(root))
    if report_problems(project):
        sys.exit(EXIT_PROBLEMS)
    assert project.programme is not None
    path = project.programme.path(path_id)
    if path is None:
        known = ", ".join(p.id for p in project.programme.paths)
        raise click.UsageError(f"unknown learning path '{path_id}' (paths: {known})")
    plan_steps = plan_path(project.programme, path_id, project.modules).steps
    modules = [(s.module.id, s.module.meta.title, s.module.meta.duration) for s in plan_steps]
    try:
        parsed_breaks = tuple(parse_break(b) for b in breaks) if breaks else None
        plan = plan_days(
            modules, days, parse_clock(start), parse_duration(day_length), parsed_breaks
        )
    except ScheduleError as err:
        raise click.UsageError(str(err)) from None
    click.echo(as_markdown(plan, path.title) if fmt == "md" else as_csv(plan), nl=False)
    if fmt == "md":
        click.echo()
    if not plan.fits:
        click.echo(
            f"the path '{path_id}' needs {plan.days_needed} days; it does not fit in "
            f"{days} (give more --days, a longer --day-length or shorter breaks)",
            err=True,
        )
        sys.exit(EXIT_PROBLEMS)
