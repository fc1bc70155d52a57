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
from pathlib import Path
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
                "electives": [step.module.id for step in plan.electives],
                "electives_duration": plan.elective_duration,
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


@cli.command()
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
    from .programme import load_project, plan_path
    from .schedule import (
        ScheduleError,
        as_csv,
        as_markdown,
        parse_break,
        parse_clock,
        parse_duration,
        plan_days,
    )

    project = load_project(resolve_root(root))
    if _report(project):
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


@cli.command()
@click.option(
    "--edition",
    type=click.Choice(["learner", "trainer", "both"]),
    default="both",
    show_default=True,
)
@click.option("--builddir", default="_build", show_default=True, type=click.Path(path_type=Path))
@root_option
def pdf(edition: str, builddir: Path, root: str | None) -> None:
    """Make the printed editions: the book and one handout per module.

    Needs TeX Live (xelatex and latexmk); without it, says what to install.
    """
    from .pdf import INSTALL_HINT, PdfError, build_edition, tex_missing

    missing = tex_missing()
    if missing:
        click.echo(f"cannot make PDFs: {missing} not found; {INSTALL_HINT}", err=True)
        sys.exit(EXIT_USAGE)
    course = resolve_root(root)
    slug = _config_value(course, "course_slug", "course")
    editions = ["learner", "trainer"] if edition == "both" else [edition]
    for name in editions:
        try:
            made = build_edition(course, name, slug, builddir)
        except PdfError as err:
            click.echo(f"{name} edition: {err}", err=True)
            sys.exit(EXIT_PROBLEMS)
        for item in made:
            click.echo(f"{item.path}  {item.pages} pages")


def _config_value(root: Path, name: str, default: str) -> str:
    """A simple string setting from conf.py, read without running it."""
    import ast

    try:
        tree = ast.parse((root / "conf.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return default
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == name
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    return default


@cli.command()
@click.option(
    "--site",
    default="_build/learner/html",
    show_default=True,
    type=click.Path(path_type=Path),
    help="the built learner site",
)
@click.option(
    "--out",
    default=None,
    type=click.Path(path_type=Path),
    help="the zip (default: _build/offline/<slug>-offline.zip)",
)
@root_option
def offline(site: Path, out: Path | None, root: str | None) -> None:
    """Zip the learner site so that it works unzipped, from file://, with no network."""
    from .offline import OfflineError, make_offline

    slug = _config_value(resolve_root(root), "course_slug", "course")
    out = out or Path("_build") / "offline" / f"{slug}-offline.zip"
    try:
        size = make_offline(site, out, slug)
    except OfflineError as err:
        click.echo(f"cannot make the offline package: {err}", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"{out}  {size / 1024 / 1024:.1f} MB; unzip it and open {slug}/index.html")


@cli.command()
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
    from .lint import CHECKS, lint_course

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


@cli.group()
def new() -> None:
    """Start a module or an exercise from a skeleton that builds and lints cleanly."""


@new.command("module")
@click.argument("module_id", metavar="ID")
@click.option("--title", required=True, help="the module title")
@click.option("--track", required=True, help="a track id from programme.yaml")
@click.option("--duration", type=int, default=60, show_default=True, help="minutes")
@click.option(
    "--audiences",
    default="sd,ops,so,sup,cio",
    show_default=True,
    help="audience ids, separated by commas",
)
@root_option
def new_module_command(
    module_id: str, title: str, track: str, duration: int, audiences: str, root: str | None
) -> None:
    """Write modules/ID/index.md: metadata with a comment on every field, and the page."""
    from .scaffold import ScaffoldError, new_module

    course = resolve_root(root)
    try:
        written = new_module(
            course,
            module_id,
            title,
            track,
            duration,
            [a.strip() for a in audiences.split(",") if a.strip()],
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
    from .scaffold import ScaffoldError, new_exercise

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


from .cli_exercises import check, exercises, grade  # noqa: E402 - registers commands

cli.add_command(check)
cli.add_command(grade)
cli.add_command(exercises)


def main() -> None:
    """Entry point: no Python traceback reaches the user."""
    # pydantic would scan every installed package's metadata for plugins when the
    # first model is built; the command line uses none, and a cold `curriculum check`
    # starts faster without the scan (0.46 s -> 0.27 s in `make bench`)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
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
