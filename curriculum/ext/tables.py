"""Docutils tables from plain rows, shared by generated pages and timing plans."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

#: a cell: text, inline nodes (wrapped in a paragraph) or block nodes (kept as they are)
Cell = str | Sequence[nodes.Node]


def _entry(value: Cell) -> nodes.entry:
    if isinstance(value, str):
        return nodes.entry("", nodes.paragraph("", value))
    if value and all(
        isinstance(n, nodes.Element) and not isinstance(n, nodes.Inline) for n in value
    ):
        return nodes.entry("", *value)
    return nodes.entry("", nodes.paragraph("", "", *value))


def make_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    classes: Sequence[str],
    row_classes: Sequence[Sequence[str]] | None = None,
) -> nodes.table:
    """A table with a header row; ``widths`` are relative column widths.

    ``row_classes`` gives each body row its CSS classes (the HTML writer keeps them).
    """
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    group += nodes.thead("", nodes.row("", *(_entry(h) for h in headers)))
    body = nodes.tbody()
    for index, values in enumerate(rows):
        row = nodes.row("", *(_entry(v) for v in values))
        if row_classes is not None:
            row["classes"].extend(row_classes[index])
        body += row
    group += body
    return table
