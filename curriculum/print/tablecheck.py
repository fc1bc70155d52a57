"""Nothing of a table is lost on paper: every cell of every table is in the PDF's text.

The LaTeX build records each table's cells, with its source file and line, by LaTeX
document (``course-tables.json``, written by :mod:`curriculum.ext.latextables` from
the same doctrees the HTML is written from). After LaTeX, each PDF's text
(``pdftotext -raw``, which keeps a table's cells in the order TeX set them) is
squashed to letters and digits, so that line breaks, hyphenation and spacing do not
matter, and each table's cells are looked for in its stretch of the text: a cell
cut at the page foot, run off the page or dropped with its row at a page break is
missing, and is reported with the table's source file and line.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from curriculum.core.layout import TABLES_FILE

#: how much text (squashed characters) past its cells a table's stretch may take:
#: page breaks, running feet and heads, a split table's repeated first column
WINDOW = 1500
#: at most this many missing cells are named for one table
SHOWN = 6


def squash(text: str) -> str:
    """Letters and digits only (ligatures unfolded): line breaks, hyphenation and
    spacing do not matter."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", text).lower())


@dataclass(frozen=True)
class Missing:
    """Cells of one table that are not in a PDF's text."""

    pdf: str
    source: str
    line: int
    cells: list[str]
    total: int

    def __str__(self) -> str:
        shown = "; ".join(repr(c if len(c) <= 60 else c[:57] + "...") for c in self.cells[:SHOWN])
        more = f" and {len(self.cells) - SHOWN} more" if len(self.cells) > SHOWN else ""
        return (
            f"{self.source}:{self.line}: {len(self.cells)} of the {self.total} cells of this "
            f"table are not in {self.pdf} (cut at the page foot, clipped or dropped): "
            f"{shown}{more}"
        )


def _find_start(text: str, cells: list[str], start: int) -> int:
    """Where the table starts in ``text``: its first two cells side by side, or else
    the first cell found after ``start``; -1 when neither is."""
    if len(cells) >= 2:
        found = text.find(cells[0] + cells[1], start)
        if found >= 0:
            return found
    for cell in cells:
        found = text.find(cell, start)
        if found >= 0:
            return found
    return -1


def missing_cells(text: str, tables: list[dict[str, object]], pdf: str) -> list[Missing]:
    """The tables of one document whose cells ``text`` (the PDF's, squashed) lacks."""
    found: list[Missing] = []
    position = 0
    for table in tables:
        rows = table["rows"]
        assert isinstance(rows, list)
        shown = [" ".join(str(c).split()) for row in rows for c in row]
        cells = [squash(c) for c in shown]
        pairs = [(s, c) for s, c in zip(shown, cells, strict=True) if c]
        start = _find_start(text, [c for _s, c in pairs], position)
        lost: list[str] = []
        if start < 0:
            lost = [s for s, _c in pairs]
        else:
            # in any order inside the table's stretch of text: a table too wide for the
            # line prints its columns in several parts, and a page break puts the foot
            # and head between rows
            end = start + 3 * sum(len(c) for _s, c in pairs) + WINDOW
            lost = [s for s, c in pairs if text.find(c, start, end) < 0]
            position = start + 1
        if lost:
            line = table.get("line", 1)
            found.append(
                Missing(
                    pdf,
                    str(table.get("source", "?")),
                    int(line) if isinstance(line, int) else 1,
                    lost,
                    len(pairs),
                )
            )
    return found


def pdf_text(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def check_tables(latex: Path, text_of: Callable[[Path], str] = pdf_text) -> list[str]:
    """Problems, one a line: every table's missing cells, for each PDF made in ``latex``
    (the LaTeX build folder). Nothing when every cell is printed."""
    record = latex / TABLES_FILE
    if not record.is_file():
        return [f"{record}: no record of the tables (the LaTeX build did not write it)"]
    if shutil.which("pdftotext") is None and text_of is pdf_text:
        return [
            "pdftotext not found: it checks that every table is printed whole "
            "(install poppler-utils; .ci/install-system-deps does)"
        ]
    tables: dict[str, list[dict[str, object]]] = json.loads(record.read_text(encoding="utf-8"))
    problems: list[str] = []
    for tex, found in sorted(tables.items()):
        pdf = (latex / tex).with_suffix(".pdf")
        if not found or not pdf.is_file():
            continue
        text = squash(text_of(pdf))
        problems.extend(str(m) for m in missing_cells(text, found, pdf.name))
    return problems
