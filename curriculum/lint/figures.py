"""Figures: every picture has alt text, and a drawn figure has a source that draws.

``{chart} file.yaml`` and ``{diagram} file.dot`` (:mod:`curriculum.ext.figures`)
need ``:alt:`` and a source file beside the page; a chart's file must load, with
every number it reads from the course (the same check the build makes, without
drawing). ``{figure}`` and ``{image}`` need ``:alt:`` too; Markdown images are
checked by ``image-alt``.
"""

from __future__ import annotations

from pathlib import Path

from curriculum.core.charts import ChartError, load_chart
from curriculum.core.contentpolicy import is_case_data, trainer_file
from curriculum.lint.mdscan import as_directive, content_lines
from curriculum.lint.problems import Problem
from curriculum.lint.readings import blocks

DRAWN = ("chart", "diagram")
PICTURES = ("figure", "image", *DRAWN)
SUFFIXES = {"chart": (".yaml", ".yml"), "diagram": (".dot", ".gv")}


def figure_problems(root: Path, page: Path, shown: str, text: str) -> list[Problem]:
    """The problems of every figure of one page."""
    if not any(f"{{{name}}}" in text for name in PICTURES):
        return []
    problems: list[Problem] = []
    for block in blocks(text, every_reading=False):
        directive = as_directive(block.token, block.line, content_lines(block))
        if directive is None or directive.name not in PICTURES:
            continue
        line = directive.line
        written = directive.args.strip()
        if not (directive.option("alt") or "").strip():
            problems.append(
                Problem(
                    shown,
                    line,
                    "figure-alt",
                    f"the {{{directive.name}}} {written} has no :alt:",
                    "add ':alt:' with what the figure shows, e.g. ':alt: Error budget "
                    "falling from 100 % to 20 % over 28 days'",
                )
            )
        if directive.name in DRAWN:
            problems += _source_problems(
                root, page, shown, line, directive.name, written, block.trainer
            )
    return problems


def _source_problems(
    root: Path, page: Path, shown: str, line: int, name: str, written: str, trainer: bool
) -> list[Problem]:
    """``trainer``: the figure is in a trainer-only block, which may draw any file."""

    def problem(message: str, hint: str, at: int = line) -> list[Problem]:
        return [Problem(shown, at, "figure-source", message, hint)]

    if not written:
        return problem(f"the {{{name}}} names no source file", f"```{{{name}}} figures/x.yaml")
    source = (page.parent / written).resolve()
    if source.suffix not in SUFFIXES[name]:
        kinds = " or ".join(SUFFIXES[name])
        return problem(f"{{{name}}} {written}: the source must be a {kinds} file", "rename it")
    if not source.is_file():
        return problem(
            f"{{{name}}} {written}: no such file beside the page",
            "write the path relative to the page, e.g. figures/chain.dot",
        )
    if name == "diagram":
        return []

    def refuse(path: Path) -> str | None:
        if trainer or is_case_data(root, path):
            return None
        hidden = trainer_file(root, path)
        return f"{hidden} is trainer-only" if hidden else None

    try:
        load_chart(source, root, refuse)
    except ChartError as err:
        where = Path(err.path)
        shown_source = where.relative_to(root).as_posix() if where.is_relative_to(root) else where
        return [
            Problem(
                str(shown_source),
                err.line or 1,
                "figure-source",
                err.message,
                "see 'Figures' in the contributor guide (Add a module) for the chart format",
            )
        ]
    return []
