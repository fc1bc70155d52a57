"""Drawing the course's figures in one house style: charts with matplotlib, diagrams
with Graphviz's ``dot``. Pure: no Sphinx. Both give vector pictures, SVG for the
site and PDF for print, legible in greyscale (lines differ by dash and marker,
bars by hatching, never by colour alone) and at 420 px wide.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap
from typing import Any

from curriculum.core.charts import Chart, Grid, Spec

FONT = "DejaVu Sans"
INK = "#222222"
#: grey levels 0 (white) to 3, each readable with black text
GREYS = ("#ffffff", "#e6e6e6", "#c4c4c4", "#9a9a9a")
LINES = (
    {"color": "#000000", "linestyle": "-", "marker": "o"},
    {"color": "#555555", "linestyle": "--", "marker": "s"},
    {"color": "#333333", "linestyle": ":", "marker": "^"},
    {"color": "#777777", "linestyle": "-.", "marker": "D"},
)
BARS = (
    {"color": "#444444", "hatch": ""},
    {"color": "#bbbbbb", "hatch": "//"},
    {"color": "#ffffff", "hatch": "xx"},
    {"color": "#888888", "hatch": ".."},
)
WIDTH_IN = 5.2  # inches: about 500 px on a screen, text still 11 px at 420 px wide
#: the widest a figure may be drawn, in points: shown on a 420 px screen, its
#: 11-point text stays legible (a diagram's width is its layout's: dot never scales it)
MAX_WIDTH_PT = 420
_SVG_WIDTH = re.compile(rb'<svg[^>]*\swidth="([\d.]+)pt"')


def svg_width_pt(svg: bytes) -> float | None:
    """The width an SVG is drawn at, in points (None when it does not say)."""
    found = _SVG_WIDTH.search(svg)
    return float(found.group(1)) if found else None


#: units written before the number (£120,000), not after it (95 %)
CURRENCIES = ("£", "$", "€")
#: Graphviz's house style, given on the command line so a .dot file stays plain
DOT_STYLE = (
    f"-Gfontname={FONT}",
    f"-Nfontname={FONT}",
    f"-Efontname={FONT}",
    "-Gfontsize=11",
    "-Nfontsize=11",
    "-Efontsize=10",
    "-Gbgcolor=transparent",
    "-Gpad=0.1",
    f"-Ncolor={INK}",
    f"-Nfontcolor={INK}",
    f"-Ecolor={INK}",
    f"-Efontcolor={INK}",
    "-Nshape=box",
    "-Nstyle=rounded",
    "-Npenwidth=1.2",
    "-Epenwidth=1.1",
    "-Earrowsize=0.7",
)
DOT_INSTALL = "install Graphviz: apt-get install graphviz (or .ci/install-system-deps)"


class DrawingError(RuntimeError):
    """A picture that could not be drawn, with what to do about it."""


def dot_available() -> bool:
    return shutil.which("dot") is not None


def draw_dot(source: str, fmt: str) -> bytes:
    """A Graphviz diagram as ``svg`` or ``pdf`` bytes."""
    dot = shutil.which("dot")
    if dot is None:
        raise DrawingError(f"Graphviz's dot is not installed: {DOT_INSTALL}")
    try:
        done = subprocess.run(
            [dot, f"-T{fmt}", *DOT_STYLE],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise DrawingError(f"dot could not run ({err})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DrawingError(f"dot refused the diagram: {'; '.join(said[:3]) or 'no message'}")
    return done.stdout


def draw_chart(spec: Spec, fmt: str) -> bytes:
    """A chart or a grid as ``svg`` or ``pdf`` bytes, the same bytes for the same spec."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot as plt

    style: Any = {
        "font.family": FONT,
        "font.size": 10,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "path",  # the same letters in every browser
        "svg.hashsalt": "course",
        "pdf.fonttype": 42,
        "hatch.color": INK,
        "hatch.linewidth": 0.6,
    }
    with plt.rc_context(style):
        fig = plt.figure(figsize=(WIDTH_IN, spec.height))
        try:
            if isinstance(spec, Grid):
                _grid(fig, spec)
            else:
                _chart(fig, spec)
            out = io.BytesIO()
            metadata: dict[str, Any] = (
                {"Date": None} if fmt == "svg" else {"CreationDate": None, "ModDate": None}
            )
            fig.savefig(out, format=fmt, bbox_inches="tight", metadata=metadata)
        finally:
            plt.close(fig)
    return out.getvalue()


def _chart(fig: Any, spec: Chart) -> None:
    ax = fig.add_subplot()
    xs = spec.x.values if isinstance(spec.x.values, list) else None
    count = len(spec.series[0].values) if isinstance(spec.series[0].values, list) else 0
    labels = xs if xs is not None else list(range(1, count + 1))
    positions = list(range(len(labels)))
    numeric = all(isinstance(v, int | float) for v in labels)
    if spec.kind in ("line", "step"):
        for n, series in enumerate(spec.series):
            look = LINES[n]
            at = labels if numeric else positions
            if spec.kind == "step":
                ax.step(
                    at,
                    series.values,
                    where="post",
                    label=series.label,
                    color=look["color"],
                    linestyle=look["linestyle"],
                    linewidth=1.6,
                )
            else:
                ax.plot(
                    at, series.values, label=series.label, markersize=3.5, linewidth=1.6, **look
                )
        if not numeric:
            ax.set_xticks(positions, [str(v) for v in labels])
    else:
        _bars(ax, spec, labels, positions)
    for line in spec.lines:
        if line.y is not None:
            ax.axhline(line.y, color="#666666", linewidth=0.9, linestyle=(0, (4, 2)))
            if line.label:
                ax.annotate(
                    line.label,
                    (1, line.y),
                    xycoords=("axes fraction", "data"),
                    ha="right",
                    va="bottom",
                    fontsize=8.5,
                    color=INK,
                )
        if line.x is not None:
            ax.axvline(line.x, color="#666666", linewidth=0.9, linestyle=(0, (4, 2)))
            if line.label:
                ax.annotate(
                    line.label,
                    (line.x, 1),
                    xycoords=("data", "axes fraction"),
                    ha="left",
                    va="top",
                    fontsize=8.5,
                    color=INK,
                    xytext=(3, 0),
                    textcoords="offset points",
                )
    for note in spec.notes:
        # a note names its bar by the bar's label (a day's number too); on a line
        # chart with numbers along x, x is that number
        bars = spec.kind in ("bar", "barh")
        x = labels.index(note.x) if (bars or not numeric) and note.x in labels else note.x
        ax.annotate(
            _wrap(note.text, 28), (x, note.y), fontsize=8.5, ha="center", va="bottom", color=INK
        )
    # x is the axis of the items, y of the values; a barh chart lies on its side
    sideways = spec.kind == "barh"
    if spec.x.label:
        (ax.set_ylabel if sideways else ax.set_xlabel)(spec.x.label)
    if spec.y.label:
        (ax.set_xlabel if sideways else ax.set_ylabel)(spec.y.label)
    if spec.y.min is not None or spec.y.max is not None:
        (ax.set_xlim if sideways else ax.set_ylim)(spec.y.min, spec.y.max)
    if spec.y.unit:
        unit = spec.y.unit
        (ax.xaxis if sideways else ax.yaxis).set_major_formatter(
            lambda v, _pos: f"{unit}{v:,.0f}" if unit in CURRENCIES else f"{v:,.0f}{unit}"
        )
    ax.grid(axis="x" if spec.kind == "barh" else "y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if len(spec.series) > 1 or spec.series[0].label:
        ax.legend(frameon=False, fontsize=9, loc="best")


def _bars(ax: Any, spec: Chart, labels: list[Any], positions: list[int]) -> None:
    count = len(spec.series)
    width = 0.8 if spec.stacked else 0.8 / count
    base = [0.0] * len(positions)
    for n, series in enumerate(spec.series):
        look = BARS[n]
        values = series.values
        assert isinstance(values, list)
        at: list[float] = (
            [float(p) for p in positions]
            if spec.stacked
            else [p - 0.4 + width * (n + 0.5) for p in positions]
        )
        common = {
            "label": series.label,
            "color": look["color"],
            "hatch": look["hatch"],
            "edgecolor": INK,
            "linewidth": 0.6,
        }
        if spec.kind == "barh":
            ax.barh(at, values, height=width, left=base if spec.stacked else None, **common)
        else:
            ax.bar(at, values, width=width, bottom=base if spec.stacked else None, **common)
        if spec.stacked:
            base = [b + float(v) for b, v in zip(base, values, strict=True)]
    names = [str(v) for v in labels]
    if spec.kind == "barh":
        ax.set_yticks(positions, names)
        ax.invert_yaxis()  # the first item on top, as it is read
    else:
        # many bars: label every step-th, a week apart for days counted in weeks
        step = 7 if len(names) % 7 == 0 and len(names) > 14 else -(-len(names) // 14)
        ax.set_xticks(positions[::step], names[::step])
    if spec.kind == "bar":
        ax.axhline(0, color=INK, linewidth=0.8)


def _grid(fig: Any, spec: Grid) -> None:
    from matplotlib.patches import FancyBboxPatch, Rectangle

    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    assert isinstance(spec.cells, list)
    cols, rows = len(spec.columns), len(spec.cells)
    left = 0.16 if spec.rows else 0.0
    left += 0.05 if spec.row_title else 0.0
    top = 0.8 if spec.column_title else 0.88
    cw, rh = (1 - left) / cols, top / rows
    if spec.column_title:
        ax.text(
            left + (1 - left) / 2,
            0.96,
            spec.column_title,
            ha="center",
            va="center",
            fontsize=10,
            fontweight="bold",
            color=INK,
        )
    if spec.row_title:
        ax.text(
            0.02,
            top / 2,
            spec.row_title,
            ha="center",
            va="center",
            rotation=90,
            fontsize=10,
            fontweight="bold",
            color=INK,
        )
    for c, name in enumerate(spec.columns):
        ax.text(
            left + cw * (c + 0.5),
            top + 0.05,
            _wrap(name, 22),
            ha="center",
            va="center",
            fontsize=9.5,
            fontweight="bold",
            color=INK,
        )
    for r, row in enumerate(spec.cells):
        y = top - rh * (r + 1)
        if spec.rows:
            ax.text(
                left - 0.01,
                y + rh / 2,
                _wrap(spec.rows[r], 16),
                ha="right",
                va="center",
                fontsize=9.5,
                fontweight="bold",
                color=INK,
            )
        for c, cell in enumerate(row):
            x = left + cw * c
            grey = GREYS[spec.shade[r][c]] if spec.shade else GREYS[0]
            ax.add_patch(Rectangle((x, y), cw, rh, facecolor=grey, edgecolor=INK, linewidth=0.8))
            if isinstance(cell, list):  # cards on a board, top down
                step = min(0.12, (rh - 0.02) / max(1, len(cell)))
                for k, card in enumerate(cell):
                    cy = y + rh - step * (k + 1)
                    ax.add_patch(
                        FancyBboxPatch(
                            (x + 0.012, cy + 0.008),
                            cw - 0.024,
                            step - 0.016,
                            boxstyle="round,pad=0,rounding_size=0.008",
                            facecolor="#ffffff",
                            edgecolor=INK,
                            linewidth=0.7,
                        )
                    )
                    ax.text(
                        x + cw / 2,
                        cy + step / 2,
                        _fit(card, cw),
                        ha="center",
                        va="center",
                        fontsize=8,
                        color=INK,
                    )
            else:
                ax.text(
                    x + cw / 2,
                    y + rh / 2,
                    _fit(str(cell), cw),
                    ha="center",
                    va="center",
                    fontsize=10 if len(str(cell)) < 4 else 8.5,
                    color=INK,
                )
    ax.set_xlim(-0.005, 1.005)  # the outer lines whole
    ax.set_ylim(-0.005, 1)


def _fit(text: str, width: float) -> str:
    """``text`` wrapped to a cell ``width`` (a fraction of the figure) wide."""
    return _wrap(text, max(8, int(width * 95)))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False))
