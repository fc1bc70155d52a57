"""The ``curriculum`` command.

Exit codes: 0 success; 1 problems found (in the course sources, or in a
learner's artefact); 2 the command was used wrongly, the course or exercise
could not be found, or the file could not be read; 3 an internal error (a bug:
please report it). Heavy modules are imported inside each command, so that
``curriculum check`` starts fast (it never imports Sphinx).
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .options import resolve_root, root_option

if TYPE_CHECKING:
    from .programme import Project


EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def _report(project: Project) -> bool:
    """Print problems to stderr; True when there were any."""
    for problem in sorted(project.problems, key=lambda d: (d.path, d.line or 0)):
        click.echo(str(problem), err=True)
    if project.problems:
        count = len(project.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    return bool(project.problems)


def catalogue_data(project: Project) -> dict[str, Any]:
    """The ``{"modules": [...], "paths": [...]}`` document."""
    from .programme import plan_path

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
            }
        )
    return {"modules": modules, "paths": paths}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curriculum")
def cli() -> None:
    """Tools for the course: catalogue, exercises, self-check and grading."""


@cli.command()
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
    from .programme import load_project

    project = load_project(resolve_root(root))
    if _report(project):
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
            module["title"],
            module["track"],
            str(module["duration"]),
            ", ".join(module["audiences"]),
            ", ".join(module["prerequisites"]) or "-",
        )
    console.print(modules)
    paths = Table(title="Learning paths", title_justify="left")
    for column in ("id", "title", "modules", "minutes", "hours"):
        paths.add_column(column)
    for path in data["paths"]:
        paths.add_row(
            path["id"],
            path["title"],
            ", ".join(path["modules"]) or "-",
            str(path["duration"]),
            f"{path['hours']:g}",
        )
    console.print(paths)


from .cli_exercises import check, exercises, grade  # noqa: E402 - registers commands

cli.add_command(check)
cli.add_command(grade)
cli.add_command(exercises)


def main() -> None:
    """Entry point: no Python traceback reaches the user."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_USAGE)
    except SystemExit:
        raise
    except Exception as err:  # a bug; show one line unless debugging
        if os.environ.get("CURRICULUM_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(err).__name__}: {err} "
            "(this is a bug; set CURRICULUM_DEBUG=1 to see the traceback and report it)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()
