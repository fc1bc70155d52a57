"""``curriculum check``, ``grade`` and ``exercises``: the learner's and trainer's tools."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import resolve_root, root_option

if TYPE_CHECKING:
    from .validation.registry import ExerciseFolder

EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3


def _exercise(exercise_id: str, root: str | None) -> ExerciseFolder:
    from .validation.registry import all_exercises, find_exercise, read_exercise

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
    from .validation.registry import check_file
    from .validation.report import as_json, render_text

    exercise = _exercise(exercise_id, root)
    findings, readable = check_file(exercise, file)
    shown = str(file)
    if fmt == "json":
        click.echo(json.dumps(as_json(exercise.id, shown, findings), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(findings, shown, color=sys.stdout.isatty()))
    if any(f.code.startswith("internal-") for f in findings):
        sys.exit(EXIT_INTERNAL)
    if not readable:
        sys.exit(EXIT_UNREADABLE)
    if any(f.severity == "error" for f in findings):
        sys.exit(EXIT_FINDINGS)


@click.command()
@click.argument("exercise_id", metavar="EXERCISE")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="the report: .csv, .md or .html",
)
@root_option
def grade(exercise_id: str, directory: Path, out: Path, root: str | None) -> None:
    """Check every submission for EXERCISE in DIRECTORY and write a report.

    One row per submission (file, passed, finding codes) and a summary of the
    most common findings. A broken submission is a row, never the end of the run.
    """
    from .validation.findings import FILE_CODES
    from .validation.registry import check_file, load_validator
    from .validation.report import REPORT_FORMATS, GradeRow, write_report

    if out.suffix.lower() not in REPORT_FORMATS:
        raise click.UsageError(f"--out must end in {', '.join(REPORT_FORMATS)}, not '{out.name}'")
    exercise = _exercise(exercise_id, root)
    suffixes = {".yaml", ".yml"} if exercise.meta.format == "yaml" else {".json"}
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    if not files:
        raise click.UsageError(f"no {'/'.join(sorted(suffixes))} files in {directory}")
    descriptions = dict(FILE_CODES)
    # a validator that cannot load shows as internal-error rows; the report is still written
    with contextlib.suppress(Exception):
        descriptions.update(load_validator(exercise).checks)
    rows: list[GradeRow] = []
    for path in _progress(files):
        findings, _ = check_file(exercise, path)
        rows.append(GradeRow(path.relative_to(directory).as_posix(), findings))
    out.parent.mkdir(parents=True, exist_ok=True)
    write_report(rows, out, exercise.id, descriptions)
    passed = sum(r.passed for r in rows)
    click.echo(
        f"{len(rows)} submissions, {passed} pass, {len(rows) - passed} to revisit; "
        f"report written to {out}"
    )


def _progress(files: list[Path]) -> Iterator[Path]:
    """A progress bar on long runs in a terminal; a plain iterator otherwise."""
    if len(files) < 50 or not sys.stderr.isatty():
        yield from files
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("checking", total=len(files))
        for path in files:
            yield path
            progress.advance(task)


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@root_option
def exercises(fmt: str, root: str | None) -> None:
    """List the exercises with their module, objectives and artefact."""
    from .validation.registry import all_exercises, read_exercise

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
