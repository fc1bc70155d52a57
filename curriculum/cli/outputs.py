"""``pdf``, ``slides`` and ``offline``: the printed books and handouts, the trainers'
slide decks, and the site as a zip."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from curriculum.cli.common import EXIT_PROBLEMS, EXIT_USAGE
from curriculum.cli.options import resolve_root, root_option


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
    from curriculum.core.confpy import read_conf
    from curriculum.print.pdf import PdfError, build_editions, install_hint, tex_missing

    course = resolve_root(root)
    missing = tex_missing()
    if missing:
        click.echo(f"cannot make PDFs: {missing} not found; {install_hint(course)}", err=True)
        sys.exit(EXIT_USAGE)
    slug = read_conf(course).text("course_slug", "course")
    editions = ["learner", "trainer"] if edition == "both" else [edition]
    try:
        made = build_editions(course, editions, slug, builddir)
    except PdfError as err:
        click.echo(f"{err.edition} edition: {err}", err=True)
        sys.exit(EXIT_PROBLEMS)
    for item in made:
        click.echo(f"{item.path}  {item.pages} pages")


@click.command()
@click.option(
    "--pdf",
    "as_pdf",
    is_flag=True,
    help="also print each deck to <deck>.pdf beside it, one slide a page (needs Chromium)",
)
@click.option("--builddir", default="_build", show_default=True, type=click.Path(path_type=Path))
@root_option
def slides(as_pdf: bool, builddir: Path, root: str | None) -> None:
    """Make the trainers' slide decks from the trainer edition: one per module, and the
    class deck (opening, agenda, the case company, close).

    Writes <builddir>/trainer/slides/<module-id>.html and class.html, which open from
    disk with no network (press S for the speaker notes).
    """
    from curriculum.print.chromium import find_chromium, install_hint
    from curriculum.print.decks import DeckError, build_decks, count_slides, print_decks

    course = resolve_root(root)
    chromium = find_chromium() if as_pdf else None
    if as_pdf and chromium is None:
        click.echo(
            f"cannot print the decks: Chromium was not found; {install_hint(course)} "
            "(or run without --pdf, open a deck and print it from the browser with ?print-pdf)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    try:
        decks = build_decks(course, builddir)
        printed = print_decks(decks, chromium) if chromium else []
    except DeckError as err:
        click.echo(f"cannot make the decks: {err}", err=True)
        sys.exit(EXIT_PROBLEMS)
    for deck in decks:
        click.echo(f"{deck}  {count_slides(deck)} slides")
    for item in printed:
        click.echo(f"{item.pdf}  {item.pages} pages")
    click.echo(f"{len(decks)} decks; open {decks[0].parent / 'class.html'} to start a class")


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
    from curriculum.core.confpy import read_conf
    from curriculum.print.offline import OfflineError, make_offline

    slug = read_conf(resolve_root(root)).text("course_slug", "course")
    out = out or Path("_build") / "offline" / f"{slug}-offline.zip"
    try:
        size = make_offline(site, out, slug)
    except OfflineError as err:
        click.echo(f"cannot make the offline package: {err}", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"{out}  {size / 1024 / 1024:.1f} MB; unzip it and open {slug}/index.html")


@click.command("checker-runtime")
@click.option(
    "--into",
    type=click.Path(path_type=Path),
    default=None,
    help="the folder (default: checker-runtime/ in this Python's environment, "
    "or $COURSE_CHECKER_RUNTIME)",
)
@click.option("--force", is_flag=True, help="install again even if a usable runtime is there")
def checker_runtime(into: Path | None, force: bool) -> None:
    """Install the in-page checker's Python: Pyodide (with npm) and pydantic-core's
    WebAssembly wheel (with pip), the pair this version of the builder runs on.

    The site build finds it there; without it, pages show the command line instead.
    """
    from curriculum.checker.install import InstallError, install_runtime

    try:
        runtime, installed = install_runtime(into, force=force)
    except InstallError as err:
        click.echo(f"cannot install the checker's runtime: {err}", err=True)
        sys.exit(EXIT_PROBLEMS)
    what = "installed" if installed else "already installed"
    click.echo(
        f"{what}: Pyodide {runtime.pyodide_version} (Python {runtime.python}) and "
        f"{runtime.wheel.name} in {runtime.folder}"
    )
