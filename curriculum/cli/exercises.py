"""``curriculum check``, ``grade`` and ``exercises``: the learner's and trainer's tools."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.cli.options import resolve_root, root_option

if TYPE_CHECKING:
    from curriculum.validation.findings import Finding
    from curriculum.validation.registry import ExerciseFolder

EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3


def _exercise(exercise_id: str, root: str | None) -> ExerciseFolder:
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

    exercise = _exercise(exercise_id, root)
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
@click.argument("exercise_id", metavar="EXERCISE")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="the report: .csv, .md or .html (outside DIRECTORY)",
)
@root_option
def grade(exercise_id: str, directory: Path, out: Path, root: str | None) -> None:
    """Check every submission for EXERCISE in DIRECTORY and write a report.

    One row per submission (file, passed, finding codes) and a summary of the
    most common findings. A broken submission is a row, never the end of the run.
    Links that lead out of DIRECTORY are not read (they get a row saying so), and
    the report is never written inside DIRECTORY.
    """
    from curriculum.cli.report import REPORT_FORMATS, GradeRow, write_report
    from curriculum.validation.findings import FILE_CODES, Finding, printable
    from curriculum.validation.registry import check_file, load_validator

    if out.suffix.lower() not in REPORT_FORMATS:
        raise click.UsageError(f"--out must end in {', '.join(REPORT_FORMATS)}, not '{out.name}'")
    _refuse_out_inside(out, directory)
    exercise = _exercise(exercise_id, root)
    suffixes = {".yaml", ".yml"} if exercise.meta.format == "yaml" else {".json"}
    files, skipped = find_submissions(directory, suffixes)
    if not files and not skipped:
        raise click.UsageError(f"no {'/'.join(sorted(suffixes))} files in {directory}")
    _refuse_overwriting(out, files)
    descriptions = dict(FILE_CODES)
    # a validator that cannot load shows as internal-error rows; the report is still written
    with contextlib.suppress(Exception):
        descriptions.update(load_validator(exercise).checks)
    rows: list[GradeRow] = []
    for link, finding in skipped:
        name = printable(link.relative_to(directory).as_posix())
        click.echo(f"skipped {name}: {finding.message}", err=True)
        rows.append(GradeRow(link.relative_to(directory).as_posix(), [finding]))
    for path in _progress(files):
        try:
            findings, _ = check_file(exercise, path)
        except Exception as err:  # check_file never raises; a bug still must not lose the report
            findings = [
                Finding(
                    "internal-error",
                    f"checking this file failed ({type(err).__name__})",
                    "tell the course maintainers; the other submissions were graded",
                )
            ]
        rows.append(GradeRow(path.relative_to(directory).as_posix(), findings))
    rows.sort(key=lambda r: r.file)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_report(rows, out, exercise.id, descriptions)
    except OSError as err:
        raise _Unusable(
            f"cannot write the report to {out}: {err.strerror or err}; "
            "choose a folder you can write to"
        ) from None
    passed = sum(r.passed for r in rows)
    note = f" ({len(skipped)} skipped)" if skipped else ""
    click.echo(
        f"{len(rows)} submissions{note}, {passed} pass, {len(rows) - passed} to revisit; "
        f"report written to {out}"
    )


class _Unusable(click.ClickException):
    exit_code = EXIT_UNREADABLE


def _refuse_out_inside(out: Path, directory: Path) -> None:
    """The report must not land among the submissions (nor replace one)."""
    try:
        target, folder = out.resolve(), directory.resolve()
    except (OSError, RuntimeError) as err:  # a link loop on the way
        raise click.UsageError(f"cannot use --out {out}: {err}") from None
    if target == folder or target.is_relative_to(folder):
        raise click.UsageError(
            f"--out {out} is inside the submissions folder {directory}; write the report "
            f"elsewhere, e.g. --out {folder.parent / ('report' + out.suffix.lower())}"
        )


def _refuse_overwriting(out: Path, files: list[Path]) -> None:
    """Refuse an --out that is one of the submissions by another name (a hard link)."""
    try:
        mine = out.stat()
    except OSError:
        return  # a new file
    for path in files:
        with contextlib.suppress(OSError):
            other = path.stat()
            if (other.st_dev, other.st_ino) == (mine.st_dev, mine.st_ino):
                raise click.UsageError(
                    f"--out {out} is the submission {path}; write the report elsewhere"
                )


def find_submissions(
    directory: Path, suffixes: set[str]
) -> tuple[list[Path], list[tuple[Path, Finding]]]:
    """The files to grade under ``directory``, and the links skipped with the reason.

    Folders are walked without following links, so a link loop ends nothing. A
    link to a file inside ``directory`` is graded; a link to a folder inside it
    is not followed (its files are graded where they are); a link that leads
    outside, to nothing, or round in a loop is skipped with a ``file.symlink``
    finding naming it.
    """
    from curriculum.validation.findings import Finding, printable

    folder = directory.resolve()
    files: list[Path] = []
    skipped: list[tuple[Path, Finding]] = []
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue  # an unreadable sub-folder holds nothing we can grade
        for entry in entries:
            path = Path(entry.path)
            wanted = path.suffix.lower() in suffixes
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                elif wanted and entry.is_file(follow_symlinks=False):
                    files.append(path)
                continue
            report = wanted
            try:
                shown = printable(os.readlink(path))
                target = path.resolve(strict=True)
            except FileNotFoundError:
                problem = f"is a link to {shown}, which does not exist"
            except (OSError, RuntimeError):
                problem = "is a link that leads round in a loop"
            else:
                if target == folder or target.is_relative_to(folder):
                    if wanted and target.is_file():
                        files.append(path)
                    continue
                report = wanted or target.is_dir()
                problem = f"is a link to {shown}, outside the submissions folder"
            if report:
                name = printable(path.relative_to(directory).as_posix())
                skipped.append(
                    (
                        path,
                        Finding(
                            "file.symlink",
                            f"'{name}' {problem}; it was not read",
                            "copy the file itself into the submissions folder, not a link to it",
                        ),
                    )
                )
    return sorted(files), skipped


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
