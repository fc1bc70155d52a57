"""What every command shares: exit codes and how problems are printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from curriculum.core.project import Project

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def report_problems(project: Project) -> bool:
    """Print problems to stderr; True when there were any."""
    for problem in sorted(project.problems, key=lambda d: (d.path, d.line or 0)):
        click.echo(str(problem), err=True)
    if project.problems:
        count = len(project.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    return bool(project.problems)
