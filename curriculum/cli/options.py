"""Where the course is: the ``--root`` option every command shares, and its default."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.core.layout import PROGRAMME_FILE

#: shared by every command that reads the course
root_option = click.option(
    "--root", default=None, help="the course folder (default: found from here)"
)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds programme.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PROGRAMME_FILE).is_file():
            return folder
    return None


def resolve_root(value: str | None) -> Path:
    if value is not None:
        root = Path(value)
        if not (root / PROGRAMME_FILE).is_file():
            raise click.UsageError(f"{root}: no {PROGRAMME_FILE} here; pass the course folder")
        return root
    found = find_root(Path.cwd())
    if found is None:
        raise click.UsageError(
            f"no {PROGRAMME_FILE} in this folder or above it: run the command inside "
            "the course repository, or pass --root PATH"
        )
    return found
