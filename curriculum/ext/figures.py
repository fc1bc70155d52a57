"""``{chart} file.yaml`` and ``{diagram} file.dot``: figures drawn when the course is
built, from sources a contributor edits as text.

A chart's numbers come from the course's own YAML (an exercise's case file), so
the page, the figure and the checker agree; a diagram is Graphviz text. Both are
drawn in the house style (:mod:`curriculum.core.drawing`) once per content, as SVG
for the site and the decks and PDF for print, into ``_build/figures/`` under the
course folder, and become an ordinary figure: Sphinx picks the format each
builder takes (``name.*``), copies it and writes the caption.

Both directives need ``:alt:`` (what the figure shows, for a screen reader); the
body's first paragraph is the caption, and anything after it the figure's text
description, which the site shows under a "Text description" disclosure and print
leaves out. Options: ``:alt:``, ``:name:`` (a label), ``:width:`` (a percentage of
the text width in print; the site fits the column).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from curriculum.core.charts import STYLE_VERSION, ChartError, load_chart
from curriculum.core.charts import digest as chart_digest
from curriculum.core.contentpolicy import is_case_data
from curriculum.core.drawing import (
    DOT_INSTALL,
    MAX_WIDTH_PT,
    DrawingError,
    dot_available,
    draw_chart,
    draw_dot,
    svg_width_pt,
)
from curriculum.ext.guard import file_refusal
from curriculum.ext.warnings import CourseWarning, logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: where drawn figures are kept, under the course folder (Sphinx finds images there)
FIGURE_DIR = "_build/figures"
FORMATS = ("svg", "pdf")


class figure_text(nodes.General, nodes.Element):
    """A figure's text description: a disclosure on the site, left out of print."""


class _FigureDirective(SphinxDirective):
    has_content = True
    required_arguments = 1
    final_argument_whitespace = False
    option_spec: ClassVar[dict[str, Any]] = {
        "alt": directives.unchanged,
        "name": directives.unchanged,
        "width": directives.percentage,
        "class": directives.class_option,
    }
    kind = ""

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        written = self.arguments[0]
        source = Path(self.env.relfn2path(written, self.env.docname)[1])
        alt = self.options.get("alt", "").strip()
        if not alt:
            warn(
                f"{{{self.kind}}} {written} has no :alt: (write what the figure shows, "
                "e.g. ':alt: Error budget falling from 100 % to 20 % over 28 days')",
                CourseWarning.ACCESSIBILITY,
                location,
            )
        why = file_refusal(self.env, source)
        if why is not None:
            warn(f"{{{self.kind}}} of '{written}' refused: {why}", CourseWarning.SAFETY, location)
            return []
        self.env.note_dependency(str(source))
        try:
            stem = self.draw(source)
        except (ChartError, DrawingError) as err:
            warn(f"{{{self.kind}}} {written}: {err}", CourseWarning.FIGURE, location)
            return self.as_text(alt)
        except _ToolMissing:
            _note_missing(self.env)
            return self.as_text(alt)
        self.check_width(written, stem)
        return self.figure(stem, alt)

    def check_width(self, written: str, stem: str) -> None:
        """Warn when the drawing is wider than a phone shows legibly."""
        svg = Path(self.env.srcdir) / FIGURE_DIR / f"{stem}.svg"
        width = svg_width_pt(svg.read_bytes()) if svg.exists() else None
        if width is not None and width > MAX_WIDTH_PT:
            warn(
                f"{{{self.kind}}} {written} is drawn {width:.0f} pt wide, more than the "
                f"{MAX_WIDTH_PT} pt whose text stays legible on a 420 px screen (wrap long "
                "labels with \\n, put fewer boxes side by side, or lay it out top to bottom "
                "with rankdir=TB)",
                CourseWarning.FIGURE,
                self.get_location(),
            )

    def draw(self, source: Path) -> str:
        """Draw the figure if it is not drawn yet; the name of its files."""
        raise NotImplementedError

    def figure(self, stem: str, alt: str) -> list[nodes.Node]:
        figure = nodes.figure(classes=["course-figure", f"course-{self.kind}"])
        figure["classes"] += self.options.get("class", [])
        self.set_source_info(figure)
        image = nodes.image(uri=f"/{FIGURE_DIR}/{stem}.*", alt=alt or stem)
        if "width" in self.options:
            image["width"] = f"{self.options['width']}%"
        figure += image
        caption, description = self.body()
        if caption is not None:
            figure += caption
        self.add_name(figure)
        # after the figure, not in it: a <figcaption> must be the figure's last child
        return [figure] if description is None else [figure, description]

    def body(self) -> tuple[nodes.caption | None, figure_text | None]:
        if not self.content:
            return None, None
        holder = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, holder)
        parts = list(holder.children)
        caption = None
        if parts and isinstance(parts[0], nodes.paragraph):
            first = parts.pop(0)
            assert isinstance(first, nodes.paragraph)
            caption = nodes.caption(first.rawsource, "", *first.children)
            caption.source, caption.line = first.source, first.line
        description = figure_text("", *parts) if parts else None
        return caption, description

    def as_text(self, alt: str) -> list[nodes.Node]:
        """The figure as words, when it cannot be drawn."""
        caption, description = self.body()
        box = nodes.container(classes=["course-figure-missing"])
        box += nodes.paragraph("", f"Figure: {alt}")
        if caption is not None:
            box += nodes.paragraph("", "", *caption.children)
        if description is not None:
            box += description
        return [box]


class _ToolMissing(Exception):
    pass


def _store(env: Any, stem: str, draw: Any) -> None:
    """Draw ``stem``'s formats into the figure folder unless they are there already."""
    folder = Path(env.srcdir) / FIGURE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:
        target = folder / f"{stem}.{fmt}"
        if target.exists():
            continue
        data = draw(fmt)
        partial = target.with_suffix(f".{fmt}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(target)  # a parallel build never sees half a picture


class ChartDirective(_FigureDirective):
    """``{chart} figures/budget.yaml``: a chart or a grid drawn with matplotlib."""

    kind = "chart"

    def draw(self, source: Path) -> str:
        env = self.env
        root = Path(env.srcdir)
        spec, read = load_chart(source, root, lambda p: _data_refusal(env, root, p))
        for path in read:
            env.note_dependency(str(path))
        stem = f"{source.stem}-{chart_digest(spec)}"
        _store(env, stem, lambda fmt: draw_chart(spec, fmt))
        return stem


def _data_refusal(env: Any, root: Path, path: Path) -> str | None:
    """Why a chart may not read ``path``: as any directive, except that an exercise's
    case data, which the in-page checker already gives learners, may be drawn."""
    return None if is_case_data(root, path) else file_refusal(env, path)


class DiagramDirective(_FigureDirective):
    """``{diagram} figures/chain.dot``: a Graphviz diagram in the house style."""

    kind = "diagram"

    def draw(self, source: Path) -> str:
        import hashlib

        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise DrawingError(f"cannot read the diagram ({err})") from None
        key = hashlib.sha256(f"{STYLE_VERSION}\n{text}".encode()).hexdigest()[:12]
        stem = f"{source.stem}-{key}"
        folder = Path(self.env.srcdir) / FIGURE_DIR
        if not all((folder / f"{stem}.{fmt}").exists() for fmt in FORMATS):
            if not dot_available():
                raise _ToolMissing
            _store(self.env, stem, lambda fmt: draw_dot(text, fmt))
        return stem


def _note_missing(env: Any) -> None:
    """Say once per build that diagrams are shown as text, and how to draw them."""
    if getattr(env, "_course_dot_noted", False):
        return
    env._course_dot_noted = True
    message = f"Graphviz is not installed, so diagrams are shown as their text: {DOT_INSTALL}"
    if os.environ.get("CI", "").lower() == "true":
        warn(message, CourseWarning.FIGURE)
    else:
        logger.info(message)


def _visit_text_html(self: Any, node: figure_text) -> None:
    self.body.append('<details class="course-figure-text"><summary>Text description</summary>\n')


def _depart_text_html(self: Any, node: figure_text) -> None:
    self.body.append("</details>\n")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Node) -> None:
    pass


def setup_figures(app: Sphinx) -> None:
    app.add_directive("chart", ChartDirective)
    app.add_directive("diagram", DiagramDirective)
    others: dict[str, Any] = {fmt: (_pass, _pass) for fmt in ("text", "man", "texinfo")}
    app.add_node(
        figure_text, html=(_visit_text_html, _depart_text_html), latex=(_skip, None), **others
    )
