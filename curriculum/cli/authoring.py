"""``lint`` and ``new``: checks of the course sources; skeletons of modules and exercises."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from curriculum.cli.common import EXIT_PROBLEMS
from curriculum.cli.options import resolve_root, root_option

if TYPE_CHECKING:
    pass


@click.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path), default=".")
@click.option("--title", default="A new course", show_default=True, help="the course's title")
@click.option("--author", default="The course authors", show_default=True)
@click.option("--language", default="en", show_default=True, help="the pages' language code")
@click.option("--track", default="basics", show_default=True, help="the first track's id")
@click.option("--track-title", default="Basics", show_default=True)
@click.option("--audience", default="learner", show_default=True, help="the first audience's id")
@click.option("--audience-title", default="Learner", show_default=True)
def init(
    folder: Path,
    title: str,
    author: str,
    language: str,
    track: str,
    track_title: str,
    audience: str,
    audience_title: str,
) -> None:
    """Start a new course in FOLDER (default: here): the vocabulary, conf.py, the home
    and generated pages, a first module and exercise, a Makefile and a CI workflow.

    It builds, lints and tests cleanly at once; nothing that exists is overwritten.
    """
    import datetime

    from curriculum import __version__
    from curriculum.core.newcourse import CourseSpec, init_course
    from curriculum.core.scaffold import ScaffoldError
    from curriculum.print.pdf import TEX_PACKAGES

    spec = CourseSpec(
        title=title,
        author=author,
        language=language,
        track=track,
        track_title=track_title,
        audience=audience,
        audience_title=audience_title,
        year=datetime.date.today().year,
        tex_packages=TEX_PACKAGES,
        builder_version=__version__,
    )
    try:
        written = init_course(folder, spec)
    except ScaffoldError as err:
        raise click.UsageError(str(err)) from None
    _report_written(folder, written)
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    click.echo(
        f"next: {where}make html (the learner site), make trainer, make pdf, make test; "
        f"then curriculum new module {track}-02 --title TITLE --track {track}"
    )


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default=None,
    help="github: annotations for GitHub Actions (the default there)",
)
@root_option
def lint(paths: tuple[Path, ...], fmt: str | None, root: str | None) -> None:
    """Check course sources and say how to fix each problem (all of them, or PATHS).

    Prints 'path:line: CODE message (hint)'; exits 1 if any error is found
    (warnings alone do not fail).
    """
    from curriculum.lint import CHECKS, lint_course

    course = resolve_root(root)
    problems = lint_course(course, list(paths) or None)
    github = fmt == "github" or (fmt is None and os.environ.get("GITHUB_ACTIONS") == "true")
    for problem in problems:
        click.echo(problem.annotation() if github else str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    checks = len(CHECKS)
    click.echo(
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} "
        f"warning{'s' if warnings != 1 else ''} ({checks} checks)",
        err=True,
    )
    if errors:
        sys.exit(EXIT_PROBLEMS)


@click.group()
def new() -> None:
    """Start a module or an exercise from a skeleton that builds and lints cleanly."""


@new.command("module")
@click.argument("module_id", metavar="ID")
@click.option("--title", required=True, help="the module title")
@click.option("--track", required=True, help="a track id from programme.yaml")
@click.option("--duration", type=int, default=60, show_default=True, help="minutes")
@click.option(
    "--audiences",
    default="",
    help="audience ids from programme.yaml, separated by commas (default: every audience)",
)
@root_option
def new_module_command(
    module_id: str, title: str, track: str, duration: int, audiences: str, root: str | None
) -> None:
    """Write modules/ID/index.md: metadata with a comment on every field, and the page."""
    from curriculum.core.scaffold import ScaffoldError, new_module

    course = resolve_root(root)
    try:
        written = new_module(
            course,
            module_id,
            title,
            track,
            duration,
            [a.strip() for a in audiences.split(",") if a.strip()] or None,
        )
    except ScaffoldError as err:
        raise click.UsageError(str(err)) from None
    _report_written(course, written)
    click.echo(f"next: curriculum new exercise {module_id}-<name> --module {module_id}")


@new.command("exercise")
@click.argument("exercise_id", metavar="ID")
@click.option("--module", "module_id", required=True, help="the module that shows it")
@root_option
def new_exercise_command(exercise_id: str, module_id: str, root: str | None) -> None:
    """Write exercises/ID/: metadata, brief, template, solution, validator and cases."""
    from curriculum.core.scaffold import ScaffoldError, new_exercise

    course = resolve_root(root)
    try:
        written = new_exercise(course, exercise_id, module_id)
    except ScaffoldError as err:
        raise click.UsageError(str(err)) from None
    _report_written(course, written)
    click.echo(
        f"next: edit the files, then curriculum check {exercise_id} "
        f"exercises/{exercise_id}/solution.yaml and curriculum lint"
    )


def _report_written(root: Path, written: list[Any]) -> None:
    for item in written:
        note = f"  ({item.note})" if item.note else ""
        click.echo(f"wrote {item.path.relative_to(root)}{note}")
