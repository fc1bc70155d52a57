"""``curriculum grade``: check a cohort's artefacts and write the trainer's reports.

Finding learners and matching files to exercises is :mod:`curriculum.validation.cohort`
(no click); the reports are :mod:`curriculum.cli.report` (CSV, Markdown) and
:mod:`curriculum.cli.sheets` (HTML report, feedback sheets, completion records).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from curriculum.cli.exercises import EXIT_UNREADABLE, exercise_named
from curriculum.cli.options import resolve_root, root_option

if TYPE_CHECKING:
    from curriculum.validation.cohort import Cohort
    from curriculum.validation.registry import ExerciseFolder

T = TypeVar("T")


class _Unusable(click.ClickException):
    exit_code = EXIT_UNREADABLE


@click.command()
@click.argument("args", nargs=-1, metavar="[EXERCISE] DIRECTORY")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="the report: .csv, .md or .html (outside DIRECTORY)",
)
@click.option(
    "--exercise",
    "chosen",
    multiple=True,
    metavar="ID",
    help="an exercise to grade (repeat for several); 'all' or none: every exercise, "
    "each file matched by its name to an exercise's artefact name",
)
@click.option(
    "--roster",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="CSV with columns learner, file (relative to DIRECTORY) and optionally "
    "exercise, saying whose each file is",
)
@click.option(
    "--split",
    type=click.Path(path_type=Path, file_okay=False),
    help="also write one HTML feedback sheet per learner into this folder",
)
@click.option(
    "--records",
    type=click.Path(path_type=Path, file_okay=False),
    help="also write a completion record per learner (HTML, and PDF when Chromium is "
    "installed) listing the artefacts that passed",
)
@click.option(
    "--date",
    "when",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="the date graded, YYYY-MM-DD, on the reports and records (default: today)",
)
@root_option
def grade(
    args: tuple[str, ...],
    out: Path,
    chosen: tuple[str, ...],
    roster: Path | None,
    split: Path | None,
    records: Path | None,
    when: dt.datetime | None,
    root: str | None,
) -> None:
    """Check a cohort's artefacts in DIRECTORY and write a report a trainer can hand out.

    \b
    Who handed in what:
      DIRECTORY/<learner>/<file>   a folder per learner
      DIRECTORY/<file>             a loose file is its own learner, named by the file
      --roster roster.csv          columns learner, file[, exercise] say whose each file is
    \b
    Which exercise:
      grade EXERCISE DIRECTORY     one exercise; every .yaml/.yml (or .json) file is for it
      --exercise ID [--exercise ID...]   several: a file is for the exercise whose
                                   artefact name it has (slo.yaml, triage-batch.yaml...)
      --exercise all, or none      every exercise of the course, matched by name
    \b
    The HTML report has an overview, then per learner (a new page when printed) each
    finding with its line, field, message and hint, the verdict and the review
    questions. The CSV has a row per learner and exercise with empty 'trainer
    judgement' and review-question columns to fill in; with the old form 'grade EXERCISE
    DIRECTORY' it starts with its old columns (file, passed, finding_codes, findings),
    for scripts that read it, and ends with those two. Every file not graded (a name
    no exercise has, a link out of DIRECTORY, a file the roster does not name) is
    listed with the reason, in every format; an unreadable or crashing file is a row
    saying why, never the end of the run.

    \b
    Exit status: 0 the report was written (whatever the submissions' verdicts);
    2 wrong usage, an unknown exercise, nothing to grade, or a report that cannot be
    written. Reports are never written inside DIRECTORY.
    """
    from curriculum.cli.report import REPORT_FORMATS

    if out.suffix.lower() not in REPORT_FORMATS:
        raise click.UsageError(f"--out must end in {', '.join(REPORT_FORMATS)}, not '{out.name}'")
    if not args or len(args) > 2:
        raise click.UsageError("give the cohort folder: grade [EXERCISE] DIRECTORY")
    directory = Path(args[-1])
    if not directory.is_dir():
        raise click.UsageError(f"DIRECTORY '{directory}' is not a folder")
    for target, option in ((out, "--out"), (split, "--split"), (records, "--records")):
        if target is not None:
            _refuse_inside(target, directory, option)
    course = resolve_root(root)
    legacy = len(args) == 2 and not chosen
    ids = ([args[0]] if len(args) == 2 else []) + [c for c in chosen if c != "all"]
    selected = [exercise_named(i, root) for i in dict.fromkeys(ids)]
    known = _known_exercises(course, selected)
    everything = not selected or "all" in chosen
    exercises = known if everything else selected
    if not exercises:
        raise click.UsageError("this course has no exercise that can be graded")
    graded = _grade(directory, exercises, known, roster, [] if everything else selected, out)
    date = (when or dt.datetime.now()).date()
    course_title, version = _course(course)
    from curriculum.cli.report import write_cohort
    from curriculum.cli.sheets import Context, write_records, write_split

    context = Context(course_title, version, date)
    for item in graded.not_graded:
        shown = item.file or f"(learner {item.learner})"
        click.echo(f"skipped {shown}: {item.reason}", err=True)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_cohort(graded, out, context, legacy=legacy)
        sheets = write_split(graded, split, context) if split else 0
        made = write_records(graded, records, context, _chromium()) if records else None
    except OSError as err:
        raise _Unusable(
            f"cannot write {err.filename or 'the report'}: {err.strerror or err}; "
            "choose a folder you can write to"
        ) from None
    submitted = graded.submitted
    passed = sum(r.passed for r in submitted)
    skipped = len(graded.not_graded)
    note = f" ({skipped} file{'s' if skipped != 1 else ''} not graded, listed in the report)"
    note = note if skipped else ""
    click.echo(
        f"{len(submitted)} submissions from {len(graded.learners)} learners{note}, "
        f"{passed} pass, {len(submitted) - passed} to revisit; report written to {out}"
    )
    if split:
        click.echo(f"{sheets} feedback sheets written to {split}")
    if made is not None:
        click.echo(made)


def _grade(
    directory: Path,
    exercises: list[ExerciseFolder],
    known: list[ExerciseFolder],
    roster: Path | None,
    explicit: list[ExerciseFolder],
    out: Path,
) -> Cohort:
    from curriculum.validation import cohort
    from curriculum.validation.roster import RosterError, assign, read_roster, walk
    from curriculum.validation.toolkit import plural

    files, links = walk(directory)
    if not files and not links:
        raise click.UsageError(f"no files in {directory}: nothing to grade")
    rows = None
    if roster is not None:
        try:
            rows = read_roster(roster)
        except RosterError as err:
            raise click.UsageError(str(err)) from None
    entries, not_graded = assign(directory, files, links, rows, ignore=[roster] if roster else [])
    pairs, unmatched = cohort.match(entries, exercises, known)
    not_graded += unmatched
    if not pairs and not any(n.code == "file.symlink" for n in not_graded):
        names = ", ".join(sorted({e.meta.artefact for e in exercises})[:8])
        raise click.UsageError(
            f"nothing to grade in {directory}: {plural(len(files), 'file')}, none for "
            f"{'this exercise' if len(exercises) == 1 else 'an exercise'} "
            f"(artefact names: {names}); "
            "for example: " + "; ".join(f"{n.file}: {n.reason}" for n in not_graded[:3])
        )
    _refuse_overwriting(out, [entry.path for entry, _ in pairs])
    results = [cohort.check(exercise, entry.path) for entry, exercise in _progress(pairs)]
    complete = {e.learner for e in entries if rows is not None or "/" in e.file}
    complete |= {n.learner for n in not_graded if rows is not None or "/" in n.file}
    return cohort.collect(pairs, results, not_graded, explicit, complete)


def _known_exercises(course: Path, selected: list[ExerciseFolder]) -> list[ExerciseFolder]:
    """Every exercise of the course that can be read (a broken one is reported, not fatal)."""
    from curriculum.validation.registry import all_exercises, read_exercise

    known = list(selected)
    ids = {e.id for e in known}
    for folder in all_exercises(course):
        if folder.name in ids:
            continue
        exercise, problems = read_exercise(folder, f"exercises/{folder.name}/exercise.yaml")
        if exercise is None:
            for problem in problems:
                click.echo(f"not graded: {problem}", err=True)
            continue
        known.append(exercise)
    return sorted(known, key=lambda e: e.id)


def _course(course: Path) -> tuple[str, str]:
    """The course title and version, from conf.py (course_title or project, release)."""
    from curriculum.core.confpy import read_conf

    conf = read_conf(course)
    title = conf.text("course_title", conf.text("project", course.resolve().name))
    return title, conf.text("release", conf.text("version", ""))


def _chromium() -> str | None:
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _refuse_inside(out: Path, directory: Path, option: str) -> None:
    """A report (or a folder of them) must not land among the submissions."""
    try:
        target, folder = out.resolve(), directory.resolve()
    except (OSError, RuntimeError) as err:  # a link loop on the way
        raise click.UsageError(f"cannot use {out}: {err}") from None
    if target == folder or target.is_relative_to(folder):
        raise click.UsageError(
            f"{option} {out} is inside the submissions folder {directory}; write the report "
            f"elsewhere, e.g. {option} {folder.parent / (out.stem + out.suffix.lower())}"
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


def _progress(items: list[T]) -> Iterator[T]:
    """A progress bar on long runs in a terminal; a plain iterator otherwise."""
    if len(items) < 50 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("checking", total=len(items))
        for item in items:
            yield item
            progress.advance(task)
