"""Where the course is: the ``--root`` option every command shares, and its default."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.core.confpy import programme_path
from curriculum.core.layout import PROGRAMME_FILE

#: shared by every command that reads the course
root_option = click.option(
    "--root", default=None, help="the course folder (default: found from here)"
)


def is_course(folder: Path) -> bool:
    """A course folder holds its vocabulary: programme.yaml, or the file conf.py names
    in ``course_programme_file``."""
    return (folder / PROGRAMME_FILE).is_file() or programme_path(folder).is_file()


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that is a course."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if is_course(folder):
            return folder
    return None


def resolve_root(value: str | None) -> Path:
    if value is not None:
        root = Path(value)
        if not is_course(root):
            raise click.UsageError(
                f"{root}: no {PROGRAMME_FILE} here; pass the course folder "
                "(or start a course there: curriculum init FOLDER)"
            )
        return root
    found = find_root(Path.cwd())
    if found is None:
        raise click.UsageError(
            f"no {PROGRAMME_FILE} in this folder or above it: run the command inside "
            "a course folder, pass --root PATH, or start a course: curriculum init FOLDER"
        )
    return found
