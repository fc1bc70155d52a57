"""Module handouts cut from the compiled book instead of compiled one by one.

Each module is a chapter of the book, and a chapter opens on a new page, so a
module's handout is the run of book pages from its chapter's first page up to the
page before the next chapter or part. The book's LaTeX run records where they are:

- ``<book>.aux``: ``\\newlabel{modules/<id>/index::doc}{{12}{91}...}``, the printed
  page on which the module's chapter starts;
- ``<book>.toc``: the printed page of every chapter and part (the boundaries);
- ``<book>.pages`` (written by ``coursepages.sty``): ``<physical> <printed>`` for
  every page, to turn printed page numbers (roman in the front matter) into pages
  of the PDF file.

The pages are copied with ``pdflatex`` and ``pdfpages`` (about half a second per
handout; poppler's ``pdfseparate`` took minutes and copied the fonts on every page).
The print is the book's, page for page; links inside a handout are not kept.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_MODULE_LABEL = re.compile(
    r"\\newlabel\{modules/([^/{}]+)/index::doc\}\{\{[^{}]*\}\{([^{}]+)\}", re.MULTILINE
)
_TOC_START = re.compile(r"^\\contentsline \{(?:part|chapter)\}.*\}\{([^{}]+)\}\{[^{}]*\}%?$")


@dataclass(frozen=True)
class PageRange:
    first: int  # physical pages of the book's PDF, 1-based, both included
    last: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


def module_ranges(latex: Path, stem: str) -> dict[str, PageRange]:
    """Module id -> the book pages of its chapter, from the book's last LaTeX run."""
    physical: dict[str, int] = {}
    total = 0
    for line in (latex / f"{stem}.pages").read_text(encoding="utf-8").splitlines():
        number, _, printed = line.partition(" ")
        total = int(number)
        physical[printed.strip()] = total  # the main matter's numbers come last
    aux = (latex / f"{stem}.aux").read_text(encoding="utf-8", errors="replace")
    toc = (latex / f"{stem}.toc").read_text(encoding="utf-8", errors="replace")
    starts = sorted(
        {
            physical[m.group(1)]
            for line in toc.splitlines()
            if (m := _TOC_START.match(line.strip())) and m.group(1) in physical
        }
    )
    ranges = {}
    for match in _MODULE_LABEL.finditer(aux):
        first = physical.get(match.group(2))
        if first is None:
            continue
        following = [page for page in starts if page > first]
        ranges[match.group(1)] = PageRange(first, (following[0] - 1) if following else total)
    return ranges


#: a small document that places book pages one to a sheet, unscaled
_CUT = r"""\documentclass{article}
\usepackage[paperwidth=210mm,paperheight=297mm]{geometry}
\usepackage{pdfpages}
\pdfcompresslevel=9 \pdfobjcompresslevel=2
\begin{document}
\includepdf[pages=%(first)d-%(last)d,noautoscale,fitpaper]{%(book)s}
\end{document}
"""


def cut(book: Path, pages: PageRange, target: Path, env: dict[str, str]) -> str | None:
    """Copy ``pages`` of ``book`` to ``target``; what went wrong, or None."""
    work = book.parent
    name = f"cut-{target.stem}"
    tex = work / f"{name}.tex"
    tex.write_text(
        _CUT % {"first": pages.first, "last": pages.last, "book": book.name}, encoding="utf-8"
    )
    try:
        result = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=work,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as err:  # no pdflatex: TeX Live's latex-base package installs it
        return f"{target.name}: pdflatex cannot run ({err.strerror}); it cuts the handouts"
    made = work / f"{name}.pdf"
    if result.returncode != 0 or not made.is_file():
        errors = [line for line in result.stdout.splitlines() if line.startswith("!")][:3]
        return f"{target.name}: the pages could not be cut from {book.name}: " + "; ".join(
            errors or ["pdflatex failed"]
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    made.replace(target)
    return None
