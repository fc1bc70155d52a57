"""``curriculum check`` and ``exercises``: the learner's tools (``grade`` is in cli/cohort.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.cli.options import resolve_root, root_option

if TYPE_CHECKING:
    from curriculum.validation.registry import ExerciseFolder

EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3


def exercise_named(exercise_id: str, root: str | None) -> ExerciseFolder:
    from curriculum.validation.registry import all_exercises, find_exercise, read_exercise

    course = resolve_root(root)
    folder = find_exercise(course, exercise_id)
    if folder is None:
        known = ", ".join(p.name for p in all_exercises(course)) or "none yet"
        raise click.UsageError(f"unknown exercise '{exercise_id}' (exercises: {known})")
    exercise, problems = read_exercise(folder, f"exercises/{exercise_id}/exercise.yaml")
    if exercise is None:
        raise click.UsageError(
            "the exercise folder is broken: " + "; ".join(str(p) for p in problems)
        )
    return exercise


@click.command()
@click.argument("exercise_id", metavar="EXERCISE")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools",
)
@root_option
def check(exercise_id: str, file: Path, fmt: str, root: str | None) -> None:
    """Check your artefact FILE for EXERCISE and explain every problem.

    Exit status: 0 it passes, 1 it has problems to fix, 2 the file or the
    exercise cannot be found or read.
    """
    from curriculum.cli.report import render_text
    from curriculum.validation.service import check_report

    exercise = exercise_named(exercise_id, root)
    report, findings, readable = check_report(exercise, file, str(file))
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        color = sys.stdout.isatty()
        text = render_text(
            findings,
            report["file"],
            color=color,
            review=report["review"],
            waiting=report["checks_waiting"],
        )
        click.echo(text)
    if any(f.code.startswith("internal-") for f in findings):
        sys.exit(EXIT_INTERNAL)
    if not readable:
        sys.exit(EXIT_UNREADABLE)
    if any(f.severity == "error" for f in findings):
        sys.exit(EXIT_FINDINGS)


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@root_option
def exercises(fmt: str, root: str | None) -> None:
    """List the exercises with their module, objectives and artefact."""
    from curriculum.validation.registry import all_exercises, read_exercise

    course = resolve_root(root)
    items = []
    problems = []
    for folder in all_exercises(course):
        exercise, found = read_exercise(folder, f"exercises/{folder.name}/exercise.yaml")
        problems.extend(found)
        if exercise is not None:
            items.append(exercise.meta.model_dump())
    for problem in problems:
        click.echo(str(problem), err=True)
    if fmt == "json":
        click.echo(json.dumps({"exercises": items}, indent=2, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="Exercises", title_justify="left")
        for column in ("id", "module", "objectives", "artefact", "title"):
            table.add_column(column)
        for item in items:
            table.add_row(
                item["id"],
                item["module"],
                ", ".join(item["objectives"]),
                item["artefact"],
                item["title"],
            )
        Console().print(table)
    if problems:
        sys.exit(EXIT_FINDINGS)
