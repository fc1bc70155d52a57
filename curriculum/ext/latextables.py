"""Print: tables that fit the text block and break between rows, and the record of
every table's cells that ``curriculum pdf`` checks against the PDFs' text.

Sphinx sets a table as ``tabulary`` (one unbreakable box: in our breakable boxes it
ran past the page foot and was cut) or ``longtable`` (which cannot live in a box at
all). Here a plain table (no merged cells, not nested) is set as a stack of one-row
``tabular`` boxes with the same columns, so that a page can break between any two
rows, inside a box or not. Column widths come from the content, as a browser's
automatic layout does: every column gets at least its longest word, and the rest of
the line goes to the columns with most text; a table too wide for that is set
smaller, and failing that its columns are split into several tables that repeat the
first column. Long cells wrap (ragged right, hyphenated).

Every table's cell text, with its source file and line, goes to
``<latex>/course-tables.json`` (:data:`curriculum.core.layout.TABLES_FILE`), by
LaTeX document, for the check in :mod:`curriculum.print.tablecheck`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.writers.latex import LaTeXTranslator

from curriculum.core.layout import TABLES_FILE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CELL = "\x00course-cell\x00"
_ROW = "\x00course-row\x00"
_VARWIDTH = re.compile(r"\\begin\{varwidth\}\[t\]\{\\sphinxcolwidth\{1\}\{\d+\}\}")
# Sphinx's rules after a row: our rows draw their own
_RULES = re.compile(
    r"(\\sphinxhline|\\sphinxcline\{\d+-\d+\}|\\sphinxvlinecrossing\{\d+\}"
    r"|\\sphinxfixclines\{\d+\})"
)

#: the line, in average characters, at each size (an A4 page's text block less a
#: box's padding: about 420 pt), and the padding of one column
SIZES = (("small", 84.0), ("footnotesize", 98.0))
COLUMN_PADDING = 2.6
#: the narrowest a column may be, in characters
MIN_COLUMN = 4.0
_NARROW = set("iljtfrI.,:;'!|()[] ")
_WIDE = set("mwMW@%")


def text_width(text: str) -> float:
    """``text``'s width in average characters (narrow letters count less, capitals more)."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.55
        elif char in _WIDE:
            width += 1.5
        elif char.isupper() or char.isdigit():
            width += 1.2
        else:
            width += 1.0
    return width


@dataclass(frozen=True)
class Layout:
    """How a table prints: its font size and groups of (column, fraction of the line)."""

    size: str
    groups: list[list[tuple[int, float]]]


def _widths(columns: list[int], need: _Need, room: float) -> list[float] | None:
    """Widths (characters) of these columns in ``room``: each at least its longest word
    and at most its longest cell, the rest shared in proportion to the text the column
    holds (water-filling); None if the longest words alone do not fit."""
    mins = [need.mins[i] for i in columns]
    maxs = [need.maxs[i] for i in columns]
    if sum(mins) > room:
        return None
    weights = [max(need.totals[i], 0.1) for i in columns]
    widths: list[float | None] = [None] * len(columns)
    while True:
        free = [k for k, w in enumerate(widths) if w is None]
        if not free:
            break
        left = room - sum(w for w in widths if w is not None)
        weight = sum(weights[k] for k in free)
        shares = {k: left * weights[k] / weight for k in free}
        low = [k for k in free if shares[k] < mins[k]]
        high = [k for k in free if shares[k] > maxs[k]]
        if not low and not high:
            for k in free:
                widths[k] = shares[k]
            break
        for k in low or high:
            widths[k] = mins[k] if k in low else maxs[k]
    done = [w or 0.0 for w in widths]
    spare = room - sum(done)
    if spare > 0:  # every column at its longest cell: the table still fills the line
        done = [w + spare * w / sum(done) for w in done]
    return done


@dataclass(frozen=True)
class _Need:
    mins: list[float]  # the longest word
    maxs: list[float]  # the longest cell
    totals: list[float]  # all the text of the body
    rows: list[list[float]]  # each cell's text width


def _needs(cells: list[list[str]]) -> _Need:
    count = max(len(row) for row in cells)
    mins = [MIN_COLUMN] * count
    maxs = [MIN_COLUMN] * count
    totals = [0.0] * count
    widths = []
    for number, row in enumerate(cells):
        widths.append([text_width(t) + 0.5 for t in row])
        for index, text in enumerate(row):
            words = text.split()
            mins[index] = max(mins[index], *(text_width(w) + 0.5 for w in words), 0.0)
            maxs[index] = max(maxs[index], text_width(text) + 0.5)
            if number or len(cells) == 1:
                totals[index] += text_width(text)
    return _Need(mins, maxs, totals, widths)


def _height(columns: list[int], widths: list[float], need: _Need) -> float:
    """Lines the table takes with these widths (a head row and rule count as two)."""
    lines = 2.0
    for row in need.rows:
        lines += max(
            math.ceil(1.08 * row[i] / w) if i < len(row) else 1
            for i, w in zip(columns, widths, strict=True)
        )
    return lines


def _group(columns: list[int], need: _Need, line: float) -> list[tuple[int, float]] | None:
    widths = _widths(columns, need, line - COLUMN_PADDING * len(columns))
    if widths is None:
        return None
    padded = [w + COLUMN_PADDING for w in widths]
    return [(c, w / sum(padded)) for c, w in zip(columns, padded, strict=True)]


def _cost(groups: list[list[tuple[int, float]]], need: _Need, line: float) -> float:
    total = 0.0
    for group in groups:
        columns = [c for c, _f in group]
        widths = [max(f * line - COLUMN_PADDING, 1.0) for _c, f in group]
        total += _height(columns, widths, need) + 1.5
    return total


def _split(need: _Need, line: float) -> list[list[tuple[int, float]]]:
    """The columns in several tables that each repeat the first: the short columns
    together (as many as fit), then each column of long text with the first."""
    count = len(need.mins)
    average = [need.totals[i] / max(len(need.rows) - 1, 1) for i in range(count)]
    long_text = [i for i in range(1, count) if average[i] > 30]
    short = [i for i in range(1, count) if i not in long_text]
    plans: list[list[int]] = []
    current: list[int] = []
    for index in short:
        if current and _group([0, *current, index], need, line) is None:
            plans.append(current)
            current = []
        current.append(index)
    if current:
        plans.append(current)
    plans.extend([i] for i in long_text)
    groups = []
    for plan in plans:
        columns = [0, *plan]
        group = _group(columns, need, line)
        # a single column wider than the line: share the line out
        groups.append(group or [(c, 1 / len(columns)) for c in columns])
    return groups


def plan_columns(cells: list[list[str]]) -> Layout:
    """The layout of a table whose rows hold these cell texts (the first row: the head):
    the smallest size at which its longest words fit, one table or, when that is much
    shorter on paper, the columns split over several tables."""
    need = _needs(cells)
    count = len(need.mins)
    every = list(range(count))
    for size, line in SIZES:
        group = _group(every, need, line)
        if group is None:
            continue
        layout = Layout(size, [group])
        if count >= 4:
            split = _split(need, SIZES[0][1])
            if len(split) > 1 and _cost(split, need, SIZES[0][1]) < 0.75 * _cost(
                [group], need, line
            ):
                return Layout(SIZES[0][0], split)
        return layout
    return Layout(SIZES[-1][0], _split(need, SIZES[-1][1]))


def _plain(node: nodes.table) -> bool:
    """No merged cells and one header row at most: set as stacked rows."""
    if any(e.get("morerows") or e.get("morecols") for e in node.findall(nodes.entry)):
        return False
    heads = [r for t in node.findall(nodes.thead) for r in t.children]
    return len(heads) <= 1 and not any(isinstance(p, nodes.table) for p in _ancestors(node))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _rows_of(table: nodes.table) -> list[list[str]]:
    """Cell texts, head first, of this table (not of tables nested in its cells)."""
    rows = []
    for row in table.findall(nodes.row):
        if next((p for p in _ancestors(row) if isinstance(p, nodes.table)), None) is table:
            rows.append([" ".join(e.astext().split()) for e in row.children])
    return rows


def _split_rows(chunks: list[str]) -> list[list[str]]:
    rows = []
    for part in "".join(chunks).split(_ROW):
        cells = [c.lstrip("&") for c in part.split(_CELL)[:-1]]
        if cells:
            rows.append([_VARWIDTH.sub(r"\\begin{varwidth}[t]{\\linewidth}", c) for c in cells])
    return rows


def render(head: list[list[str]], body: list[list[str]], layout: Layout, caption: str) -> str:
    """The LaTeX of a stacked-rows table."""
    out = [rf"\begin{{coursetable}}{{\{layout.size}}}" + "\n"]
    if caption:
        out.append(rf"\coursetablecaption{{{caption}}}" + "\n")
    for number, group in enumerate(layout.groups):
        spec = "".join(rf"C{{{fraction:.4f}}}" for _index, fraction in group)
        if number:
            out.append(r"\coursetablegroupbreak" + "\n")
        first = True
        for row in head:
            out.append(rf"\coursetablekeep\begin{{tabular}}{{{spec}}}\coursetabletop" + "\n")
            out.append("&".join(row[i] if i < len(row) else "" for i, _f in group))
            out.append("\\\\\n\\coursetableheadrule\\end{tabular}\n")
            first = True
        for index, row in enumerate(body):
            keep = first or (index == len(body) - 1 and len(body) < 4)
            out.append("\\coursetablekeep" if keep else "\\coursetablebreak")
            out.append(rf"\begin{{tabular}}{{{spec}}}" + "\n")
            out.append("&".join(row[i] if i < len(row) else "" for i, _f in group))
            out.append("\\\\\\hline\n\\end{tabular}\n")
            first = False
    out.append(r"\end{coursetable}" + "\n")
    return "".join(out)


class CourseLaTeXTranslator(LaTeXTranslator):
    """Sphinx's LaTeX writer, with our tables and the record of their cells."""

    def visit_table(self, node: nodes.Element) -> None:
        given = bool(self.next_table_colspec)  # an author's tabularcolumns: Sphinx's way
        super().visit_table(node)
        assert self.table is not None
        ours = isinstance(node, nodes.table) and _plain(node) and not given
        self.table.course_rows = ours  # type: ignore[attr-defined]

    def _ours(self) -> bool:
        return self.table is not None and getattr(self.table, "course_rows", False)

    def depart_entry(self, node: nodes.Element) -> None:
        super().depart_entry(node)
        if self._ours():
            self.body.append(_CELL)

    def depart_row(self, node: nodes.Element) -> None:
        ours = self._ours()
        super().depart_row(node)
        if ours:
            self.body.append(_ROW)

    def depart_table(self, node: nodes.Element) -> None:
        assert self.table is not None
        if isinstance(node, nodes.table) and len(self.tables) == 1:
            _record(self, node)
        if not self._ours():
            super().depart_table(node)
            return
        table = self.table
        labels = self.hypertarget_to(node)
        head = [[_RULES.sub("", c) for c in r] for r in _split_rows(table.header)]
        body = [[_RULES.sub("", c) for c in r] for r in _split_rows(table.body)]
        layout = plan_columns(_rows_of(node))  # type: ignore[arg-type]
        caption = "".join(table.caption)
        self.body.append("\n\n" + (labels + "\n" if labels else ""))
        self.body.append(render(head, body, layout, caption))
        self.tables.pop()


def _record(translator: Any, node: nodes.table) -> None:
    builder = translator.builder
    docname = getattr(translator.document.settings, "_docname", "")
    target = next((e[1] for e in builder.config.latex_documents if e[0] == docname), docname)
    source, line = get_source_line(node)
    parent: nodes.Node | None = node
    while (source is None or line is None) and parent is not None:
        parent = parent.parent
        if parent is not None:
            source, line = source or parent.source, line or parent.line
    srcdir = Path(builder.srcdir)
    where = Path(source.split(":docstring of")[0]) if source else srcdir / docname
    try:
        shown = where.resolve().relative_to(srcdir.resolve()).as_posix()
    except ValueError:
        shown = where.as_posix()
    store: dict[str, list[dict[str, Any]]] = builder.__dict__.setdefault("course_tables", {})
    store.setdefault(target, []).append(
        {"source": shown, "line": line or 1, "rows": _rows_of(node)}
    )


def write_tables(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the record of every table, for the check after LaTeX."""
    if exception is not None or app.builder.name != "latex":
        return
    store = app.builder.__dict__.get("course_tables", {})
    for _docname, target, *_rest in app.config.latex_documents:
        store.setdefault(target, [])
    (Path(app.outdir) / TABLES_FILE).write_text(json.dumps(store, indent=1), encoding="utf-8")


def setup_latex_tables(app: Sphinx) -> None:
    app.set_translator("latex", CourseLaTeXTranslator, override=True)
    app.connect("build-finished", write_tables)
