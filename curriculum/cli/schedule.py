"""``schedule``: a class agenda, with clock times, from a path or a list of modules."""

from __future__ import annotations

import sys

import click

from curriculum.cli.common import EXIT_PROBLEMS, EXIT_USAGE, report_problems
from curriculum.cli.options import resolve_root, root_option


def _minutes(value: int, name: str) -> int:
    if value < 0:
        raise click.UsageError(f"--{name} is {value}; give 0 (none) or more minutes")
    return value


@click.command()
@click.option(
    "--path",
    "path_name",
    default=None,
    help="a learning path: its id, an alias or its audience (e.g. service-desk, desk, "
    "cio, leaders); see 'catalogue'",
)
@click.option(
    "--modules",
    "module_ids",
    default=None,
    metavar="ID,ID...",
    help="teach exactly these modules: in the path's order with --path, else in the order given",
)
@click.option("--skip", "skip_ids", default=None, metavar="ID,ID...", help="leave these out")
@click.option(
    "--days",
    type=int,
    default=None,
    help="teaching days available; the command fails, saying what to leave out, when "
    "the class needs more (default: as many as it needs)",
)
@click.option("--start", default="09:00", show_default=True, help="when each day starts")
@click.option(
    "--day-length",
    default=None,
    help="start to finish, breaks included (e.g. 8h, 7h30)  [default: 7h]",
)
@click.option("--end", default=None, metavar="HH:MM", help="when each day ends (or --day-length)")
@click.option("--lunch", type=int, default=45, show_default=True, help="minutes of lunch (0: none)")
@click.option(
    "--short-break",
    type=int,
    default=10,
    show_default=True,
    help="minutes of each morning and afternoon break (0: none)",
)
@click.option(
    "--break",
    "breaks",
    multiple=True,
    metavar="HH:MM/MIN[/LABEL]",
    help="a break at a time of your own; repeat for each (45 minutes or more is lunch). "
    "Replaces the default breaks, which sit in the middle of the morning and afternoon "
    "with lunch in the middle of the day",
)
@click.option("--opening", type=int, default=20, show_default=True, help="minutes, on day 1")
@click.option(
    "--recap", type=int, default=15, show_default=True, help="minutes, at the start of later days"
)
@click.option(
    "--close", type=int, default=15, show_default=True, help="minutes, at the end of the last day"
)
@click.option("--title", default=None, help="the agenda's title (default: the path's)")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv", "json"]),
    default="md",
    show_default=True,
)
@root_option
def schedule(
    path_name: str | None,
    module_ids: str | None,
    skip_ids: str | None,
    days: int | None,
    start: str,
    day_length: str | None,
    end: str | None,
    lunch: int,
    short_break: int,
    breaks: tuple[str, ...],
    opening: int,
    recap: int,
    close: int,
    title: str | None,
    fmt: str,
    root: str | None,
) -> None:
    """Plan a class: modules packed into days with clock times.

    Day 1 opens with introductions, the agenda and the case organisation; later days
    open with a recap; the last day ends with a close (review, actions, evaluation).
    Each module shows its exercise as its own block when its timing plan says where
    the exercise starts. Breaks and lunch fall between modules, or inside a module at
    a natural point (a row then says "part 1", "part 2"), never at the end of a day
    and never next to each other; a module longer than the stretch between breaks
    gets one inside it. Each day lists its pre-work: the reading of the modules that
    start that day.

    \b
    curriculum schedule --path service-desk --days 2 --day-length 8h
    curriculum schedule --path leaders --modules fnd-01,fnd-02,lead-03 --days 1

    Exits 2, saying which modules to leave out (--skip) and their minutes, when the
    class needs more days than --days.
    """
    from curriculum.core.agenda import misfit_message, select, split_ids
    from curriculum.core.agendatext import as_csv, as_json, as_markdown
    from curriculum.core.project import load_project
    from curriculum.core.schedule import (
        ScheduleError,
        make_frame,
        parse_break,
        parse_clock,
        parse_duration,
        plan_class,
    )

    if day_length is not None and end is not None:
        raise click.UsageError("give --day-length or --end, not both")
    project = load_project(resolve_root(root))
    if report_problems(project):
        sys.exit(EXIT_PROBLEMS)
    assert project.programme is not None
    try:
        selection = select(
            project.programme,
            project.modules,
            path=path_name,
            modules=split_ids(module_ids),
            skip=split_ids(skip_ids),
            title=title,
        )
        first = parse_clock(start)
        last = parse_clock(end) if end is not None else first + parse_duration(day_length or "7h")
        if end is not None and last <= first:
            raise ScheduleError(f"--end {end} is not after --start {start}")
        frame = make_frame(
            first,
            last,
            tuple(parse_break(b) for b in breaks) if breaks else None,
            lunch=_minutes(lunch, "lunch"),
            short=_minutes(short_break, "short-break"),
            opening=_minutes(opening, "opening"),
            recap=_minutes(recap, "recap"),
            close=_minutes(close, "close"),
        )
        plan = plan_class(selection.modules, frame, days)
    except ScheduleError as err:
        raise click.UsageError(str(err)) from None
    if days is not None and not plan.fits:
        click.echo("Error: " + misfit_message(selection, plan, frame, days), err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "csv":
        click.echo(as_csv(plan), nl=False)
    elif fmt == "json":
        click.echo(as_json(plan, selection.title, frame, selection.notes), nl=False)
    else:
        click.echo(as_markdown(plan, selection.title, frame, selection.notes))
