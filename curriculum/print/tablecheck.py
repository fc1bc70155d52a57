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
#: the places where a table may start that are looked at, at most
PLACES = 400
#: how much longer (squashed characters) than the shortest stretch a table's text may
#: be and still count as as short: a page break puts the running foot and head inside
#: a table, and a whole copy further on (a classroom kit's sheet) is not the table
BREAK = 300


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


def _places(text: str, needle: str, start: int) -> list[int]:
    places: list[int] = []
    found = text.find(needle, start)
    while found >= 0 and len(places) < PLACES:
        places.append(found)
        found = text.find(needle, found + 1)
    return places


def _fit(text: str, cells: list[str], place: int, span: int) -> tuple[int, int, int]:
    """How well the table fits the text from ``place`` (smaller is better): the cells
    not found in ``span`` characters, the length of text that holds those found, and
    the place itself."""
    ends = [text.find(c, place, place + span) for c in cells]
    found = [e + len(c) for e, c in zip(ends, cells, strict=True) if e >= 0]
    return (len(cells) - len(found), max(found, default=place) - place, place)


def _stretch(text: str, cells: list[str], head: list[str], start: int, span: int) -> int:
    """Where the table starts in ``text`` after ``start``: of the places where most of
    its head row (``head``, its first cells) stands side by side, the one whose stretch
    of ``span`` characters holds most of its cells, and of those the ones that hold
    them in the shortest text (give or take a page break, ``BREAK``), and of those the
    first (the table itself, not an earlier paragraph or form that happens to use its
    head words, nor a copy of it further on, such as a kit's sheet that repeats a
    table broken across two pages); failing that, the first place of any cell; -1
    when none is found."""
    places: list[int] = []
    for count in range(max(len(head), 1), 0, -1):
        places = _places(text, "".join(cells[:count]), start)
        if places:
            break
    if places:
        fits = {p: _fit(text, cells, p, span) for p in places}
        fewest = min(lost for lost, _length, _p in fits.values())
        shortest = min(length for lost, length, _p in fits.values() if lost == fewest)
        return min(
            p
            for p, (lost, length, _p) in fits.items()
            if lost == fewest and length <= shortest + BREAK
        )
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
        if not pairs:
            continue
        # in any order inside the table's stretch of text: a table too wide for the
        # line prints its columns in several parts, and a page break puts the foot
        # and head between rows
        span = 3 * sum(len(c) for _s, c in pairs) + WINDOW
        head = [squash(" ".join(str(c).split())) for c in rows[0]] if rows else []
        start = _stretch(text, [c for _s, c in pairs], [c for c in head if c], position, span)
        lost: list[str] = []
        if start < 0:
            lost = [s for s, _c in pairs]
        else:
            lost = [s for s, c in pairs if text.find(c, start, start + span) < 0]
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
