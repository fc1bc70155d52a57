"""``pdf`` and ``offline``: the printed books and handouts, and the site as a zip."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.cli.common import EXIT_PROBLEMS, EXIT_USAGE
from curriculum.cli.options import resolve_root, root_option

if TYPE_CHECKING:
    pass


@click.command()
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
    from curriculum.print.pdf import INSTALL_HINT, PdfError, build_edition, tex_missing

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


@click.command()
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
    from curriculum.print.offline import OfflineError, make_offline

    slug = _config_value(resolve_root(root), "course_slug", "course")
    out = out or Path("_build") / "offline" / f"{slug}-offline.zip"
    try:
        size = make_offline(site, out, slug)
    except OfflineError as err:
        click.echo(f"cannot make the offline package: {err}", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"{out}  {size / 1024 / 1024:.1f} MB; unzip it and open {slug}/index.html")
