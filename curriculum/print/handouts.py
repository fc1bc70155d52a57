"""Module handouts cut from the compiled book instead of compiled one by one.

Each module is a chapter of the book, and a chapter opens on a new page, so a
module's handout is the run of book pages from its chapter's first page up to the
page before the next chapter or part. The book's LaTeX run records where they are:

- ``<book>.aux``: ``\\newlabel{modules/<id>/index::doc}{{12}{91}...}``, the printed
  page on which the module's chapter starts;
- ``<book>.toc``: the printed page of every chapter and part (the boundaries);
- ``<book>.pages`` (written by ``coursepages.sty``): ``<physical> <printed>`` for
  every page, to turn printed page numbers (roman in the front matter) into pages
  of the PDF file, and a ``%`` line with where the foot's page number stands.

The pages are copied with pypdf, which keeps them as they are (fonts, links to the
web, the chapter's bookmarks); links to pages outside the handout are taken off. A
stamp puts the handout's page number ("3 of 24") where the book's was (taken out of
the page, and covered in case a page holds it unmarked): one small
xelatex document per edition, one stamp a page, in the book's fonts
(``coursefonts.sty``, written by the LaTeX build), laid over each page.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    Destination,
    Fit,
    NameObject,
    NullObject,
)

from curriculum.core.layout import FONTS_FILE

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


@dataclass(frozen=True)
class Foot:
    """Where the book's foot puts its page number, in PostScript points from the top
    left of the page, and its type size."""

    right: float
    baseline: float
    width: float
    height: float
    size: float


def _page_lines(latex: Path, stem: str) -> list[str]:
    return (latex / f"{stem}.pages").read_text(encoding="utf-8").splitlines()


def _physical(latex: Path, stem: str) -> tuple[dict[str, int], int]:
    """Printed page number -> page of the PDF file, and the book's page count, from
    ``<stem>.pages`` (the main matter's numbers come last, so they win)."""
    physical: dict[str, int] = {}
    total = 0
    for line in _page_lines(latex, stem):
        if line.startswith("%"):
            continue
        number, _, printed = line.partition(" ")
        total = int(number)
        physical[printed.strip()] = total
    return physical, total


def module_ranges(latex: Path, stem: str) -> dict[str, PageRange]:
    """Module id -> the book pages of its chapter, from the book's last LaTeX run."""
    physical, total = _physical(latex, stem)
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


def read_foot(latex: Path, stem: str) -> Foot | None:
    """The foot's place from the ``%`` line of ``<stem>.pages``; None if it has none."""
    for line in _page_lines(latex, stem):
        words = line.split()
        if len(words) == 7 and words[:2] == ["%", "foot"]:
            right, baseline, width, height, size = map(float, words[2:])
            return Foot(right, baseline, width, height, size)
    return None


#: a page per stamp, each blank but for a white patch over the book's page number
#: and the handout's number in its place, in the book's foot type
_STAMPS = r"""\documentclass{article}
\usepackage[paperwidth=%(width)sbp,paperheight=%(height)sbp,margin=0pt]{geometry}
\usepackage{%(fonts)s}
\usepackage{xcolor}
\pagestyle{empty}
\setlength{\unitlength}{1bp}
\newcommand{\coursestamp}[1]{\null\AddToHookNext{shipout/foreground}{%%
  \put(%(patch_x)s,-%(patch_y)s){\color{white}\rule{%(patch_w)sbp}{%(patch_h)sbp}}%%
  \put(%(right)s,-%(baseline)s){\makebox(0,0)[r]{\sffamily\bfseries
    \fontsize{%(size)s}{%(size)s}\selectfont #1}}}\clearpage}
\begin{document}
%(stamps)s
\end{document}
"""
#: the patch: wide enough for the book's number and "123 of 456", as tall as the
#: type's ascenders and descenders, clear of the foot's rule above it
PATCH_WIDTH_EM = 6.5


def stamps_source(foot: Foot, counts: Sequence[int]) -> str:
    """The stamps document: for each handout of ``counts`` pages, "1 of N" to "N of N"."""
    patch_w = PATCH_WIDTH_EM * foot.size
    values = {
        "width": f"{foot.width:.3f}",
        "height": f"{foot.height:.3f}",
        "fonts": FONTS_FILE,
        "patch_x": f"{foot.right - patch_w + 1:.3f}",
        "patch_y": f"{foot.baseline + 0.3 * foot.size:.3f}",
        "patch_w": f"{patch_w + 1:.3f}",
        "patch_h": f"{1.25 * foot.size:.3f}",
        "right": f"{foot.right:.3f}",
        "baseline": f"{foot.baseline:.3f}",
        "size": f"{foot.size:.2f}",
    }
    lines = [rf"\coursestamp{{{n} of {count}}}" for count in counts for n in range(1, count + 1)]
    return _STAMPS % {**values, "stamps": "\n".join(lines)}


def compile_stamps(latex: Path, name: str, source: str, env: dict[str, str]) -> Path | str:
    """Compile the stamps into ``<latex>/<name>.pdf``; the PDF, or what went wrong."""
    tex = latex / f"{name}.tex"
    tex.write_text(source, encoding="utf-8")
    try:
        result = subprocess.run(
            ["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=latex,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as err:
        return f"{tex.name}: xelatex cannot run ({err.strerror})"
    made = tex.with_suffix(".pdf")
    if result.returncode != 0 or not made.is_file():
        errors = [line for line in result.stdout.splitlines() if line.startswith("!")][:3]
        return f"{tex.name}: the handouts' page numbers could not be set: " + "; ".join(
            errors or ["xelatex failed"]
        )
    return made


@dataclass(frozen=True)
class Handout:
    module: str
    pages: PageRange
    target: Path
    #: for a part of a chapter (a kit): the chapter's first page, whose bookmark
    #: gives the title, and what the part is
    chapter: int = 0
    part: str = ""


_KIT_LABEL = re.compile(r"\\newlabel\{coursekit:([^{}]+)\}\{\{[^{}]*\}\{([^{}]+)\}")


def kit_ranges(latex: Path, stem: str, modules: dict[str, PageRange]) -> dict[str, PageRange]:
    """Module id -> the book pages of its classroom kit (from its ``coursekit:`` label
    to the end of its chapter)."""
    physical, _total = _physical(latex, stem)
    aux = (latex / f"{stem}.aux").read_text(encoding="utf-8", errors="replace")
    kits = {}
    for match in _KIT_LABEL.finditer(aux):
        module, first = match.group(1), physical.get(match.group(2))
        chapter = modules.get(module)
        if first is not None and chapter is not None and chapter.first <= first <= chapter.last:
            kits[module] = PageRange(first, chapter.last)
    return kits


def cut_handouts(book: Path, stamps: Path, handouts: Sequence[Handout]) -> list[str]:
    """Write each handout: its book pages, each with its stamp laid over it (the
    stamps in the order of ``handouts``); what went wrong, one a line."""
    try:
        reader = PdfReader(book)
        stamp_pages = PdfReader(stamps).pages
        destinations = {
            name: number
            for name, dest in reader.named_destinations.items()
            if (number := _page_of(reader, dest))
        }
        outline = _chapters(reader)
        info: dict[str, Any] = dict(reader.metadata or {})
    except (OSError, PyPdfError) as err:
        return [f"{book.name}: the book cannot be read to cut the handouts ({err})"]
    problems = []
    next_stamp = 0
    for handout in handouts:
        writer = PdfWriter()
        pages = handout.pages
        for number in range(pages.first, pages.last + 1):
            page = writer.add_page(reader.pages[number - 1])
            _drop_folio(page)
            page.merge_page(stamp_pages[next_stamp])
            page.compress_content_streams()
            next_stamp += 1
        _relink(writer, pages, destinations)
        if handout.chapter:
            head = outline.get(handout.chapter, [None])[0]
            chapter = str(head.title) if isinstance(head, Destination) else handout.module
            title = f"{chapter}: {handout.part}"
            _bookmarks(writer, reader, outline.get(handout.chapter, []), pages)
        else:
            title = _bookmarks(writer, reader, outline.get(pages.first, []), pages)
        writer.add_metadata(
            {
                "/Title": title or handout.module,
                "/Subject": f"{handout.part or 'Handout'} of module {handout.module}",
                "/Creator": str(info.get("/Creator", "")),
                "/Producer": f"{info.get('/Producer', '')}; pages cut with pypdf",
            }
        )
        try:
            handout.target.parent.mkdir(parents=True, exist_ok=True)
            with handout.target.open("wb") as out:
                writer.write(out)
        except OSError as err:
            problems.append(f"{handout.target}: cannot be written ({err.strerror})")
    return problems


#: the book's page number in a page's content (marked by coursepages.sty)
_FOLIO = re.compile(rb"/CourseFolio BMC\b.*?\bEMC\b", re.DOTALL)


def _drop_folio(page: PageObject) -> None:
    """Take the book's page number out of the page (the stamp also covers it)."""
    contents = page.get_contents()
    if contents is None:
        return
    data = contents.get_data()
    kept = _FOLIO.sub(b"", data)
    if kept != data:
        stream = ContentStream(None, page.pdf)  # parsed only if read: cheap
        stream.set_data(kept)
        page.replace_contents(stream)


def _relink(writer: PdfWriter, pages: PageRange, destinations: dict[str, int]) -> None:
    """Links to a place in the handout point to its page; links elsewhere in the book
    are taken off (their text stays); links to the web stay as they are."""
    for page in writer.pages:
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = ArrayObject()
        for ref in annotations.get_object():
            annotation = ref.get_object()
            action = annotation.get("/A")
            target = annotation.get("/Dest")
            if action is not None and action.get_object().get("/S") == "/GoTo":
                target = action.get_object().get("/D")
            if target is None:
                kept.append(ref)
                continue
            book_page = destinations.get(str(target)) if not isinstance(target, list) else None
            if book_page is None or not pages.first <= book_page <= pages.last:
                continue
            landing = writer.pages[book_page - pages.first].indirect_reference
            annotation[NameObject("/Dest")] = ArrayObject([landing, NameObject("/Fit")])
            if "/A" in annotation:
                del annotation["/A"]
            kept.append(ref)
        page[NameObject("/Annots")] = kept


def _page_of(reader: PdfReader, destination: Destination) -> int | None:
    """The book page (1-based) a bookmark or named destination is on, if any."""
    number = reader.get_destination_page_number(destination)
    return None if number is None else number + 1


def _chapters(reader: PdfReader) -> dict[int, list[Any]]:
    """Book page (1-based) -> [the chapter's bookmark, its children], for every
    bookmark below a part (the chapters) or at the top."""
    found: dict[int, list[Any]] = {}

    def walk(items: list[Any]) -> None:
        for index, item in enumerate(items):
            if isinstance(item, list):
                walk(item)
                continue
            children = items[index + 1] if index + 1 < len(items) else []
            page = _page_of(reader, item)
            if page is not None:
                found.setdefault(page, [item, children if isinstance(children, list) else []])

    walk(reader.outline)
    return found


def _bookmarks(writer: PdfWriter, reader: PdfReader, chapter: list[Any], pages: PageRange) -> str:
    """The chapter's section bookmarks in the handout; the chapter's title."""
    if not chapter:
        return ""
    head, children = chapter

    def add(items: list[Any], parent: Any) -> None:
        last = None
        for item in items:
            if isinstance(item, list):
                if last is not None:
                    add(item, last)
                continue
            page = _page_of(reader, item)
            if page is None or not pages.first <= page <= pages.last:
                last = None
                continue
            top = item.get("/Top")
            fit = Fit.xyz(top=None if isinstance(top, NullObject) else top)
            last = writer.add_outline_item(
                title=item.title, page_number=page - pages.first, parent=parent, fit=fit
            )

    add(children, None)
    return str(head.title) if isinstance(head, Destination) else ""
