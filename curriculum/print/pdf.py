"""``curriculum pdf``: the printed editions, through Sphinx's LaTeX builder and latexmk.

For each edition: a strict ``sphinx-build -b latex`` (warnings are errors),
then ``latexmk -pdfxe`` on the book (both editions' books side by side); each
module's handout is cut from its book's pages (:mod:`curriculum.print.handouts`),
and compiled on its own only when the module is not a chapter of the book. A
LaTeX log that reports a missing character fails the build (xelatex would
otherwise drop the glyph silently). The results are copied to
``_build/<edition>/pdf/<slug>[-trainer].pdf`` and
``_build/<edition>/handouts/<module-id>.pdf``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from curriculum.print.handouts import (
    Handout,
    compile_stamps,
    cut_handouts,
    kit_ranges,
    module_ranges,
    read_foot,
    stamps_source,
)
from curriculum.print.tablecheck import check_tables

INSTALL_HINT = "run .ci/install-system-deps (it installs TeX Live with apt-get)"
#: the Debian and Ubuntu packages the PDFs need (the same as .ci/install-system-deps's)
TEX_PACKAGES = (
    "texlive-latex-recommended",
    "texlive-fonts-recommended",
    "tex-gyre",
    "texlive-latex-extra",
    "texlive-xetex",
    "latexmk",
    "fonts-freefont-otf",
)


def install_hint(root: Path) -> str:
    """What to run to get TeX Live: the repository's script where there is one."""
    if (root / ".ci" / "install-system-deps").is_file():
        return INSTALL_HINT
    return f"install TeX Live (Debian and Ubuntu: sudo apt-get install {' '.join(TEX_PACKAGES)})"


_PAGES = re.compile(r"Output written on .*? \((\d+) pages?")
_MISSING = re.compile(r"Missing character: There is no (.+?) in font (.+?)!")
# only boxes split on the page ("detected at line"): the output routine reports a
# harmless overfull box on the blank page LaTeX inserts before a part
_OVERFLOW = re.compile(r"Overfull \\vbox \(([\d.]+)pt too high\) detected at line (\d+)")
_NEXT_PAGE = re.compile(r"\[(\d+)")
#: TeX reports a few points over now and then (a rule, a descender): not a problem
OVERFLOW_TOLERANCE_PT = 4.0


class PdfError(Exception):
    """The PDFs cannot be made; the message says why in one or a few lines."""

    def __init__(self, message: str, edition: str = "") -> None:
        super().__init__(message)
        self.edition = edition


@dataclass(frozen=True)
class Pdf:
    path: Path
    pages: int


def tex_missing() -> str | None:
    """What is missing to make PDFs, or None."""
    missing = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
    return ", ".join(missing) if missing else None


#: TeX reads and writes only inside the build folder and TeX's own trees, and runs no
#: shell commands, whatever a page managed to put into the LaTeX (kpathsea settings)
TEX_LIMITS = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}


#: an empty index for the first run: the index's contents line and bookmark are then
#: there from the start, which saves the third run they would otherwise need
EMPTY_INDEX = "\\begin{sphinxtheindex}\n\\end{sphinxtheindex}\n"
#: .aux lines that only a longer table of contents moves in the second run, and that
#: nothing typeset reads: the page-label entries (coursepages.sty writes the PDF's
#: page labels from the current run) and LaTeX's count of the last run's pages
AUX_IGNORED = r"^\\(?:HyPL@Entry|gdef \\@abspage@last)"
#: the same for latexmk (Perl's q{} reads a doubled backslash as one)
IGNORE_IN_AUX = "$hash_calc_ignore_pattern{aux} = q{" + AUX_IGNORED.replace("\\", "\\\\") + "};"


def _latexmk(tex: Path) -> tuple[Path, int, str]:
    index = tex.with_suffix(".ind")
    if not index.exists() and "\\printindex" in tex.read_text(encoding="utf-8"):
        index.write_text(EMPTY_INDEX, encoding="utf-8")
    result = subprocess.run(
        [
            "latexmk",
            "-pdfxe",
            "-dvi-",
            "-ps-",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-file-line-error",
            "-e",
            IGNORE_IN_AUX,
            tex.name,
        ],
        cwd=tex.parent,
        env={**os.environ, **TEX_LIMITS},
        capture_output=True,
        text=True,
        check=False,
    )
    return tex, result.returncode, result.stdout + result.stderr


def _log_problems(log: Path) -> tuple[int, list[str]]:
    text = log.read_text(encoding="utf-8", errors="replace")
    pages = _PAGES.findall(text)
    missing = sorted({f"{m.group(1)} (font {m.group(2)})" for m in _MISSING.finditer(text)})
    return (int(pages[-1]) if pages else 0), missing


def _overflows(log: Path, tex: Path) -> list[str]:
    """Where something that cannot break (a table, a long line of code) ran past the
    page foot: TeX reports an overfull page box, and the text there may be hidden."""
    text = log.read_text(encoding="utf-8", errors="replace")
    found = []
    for match in _OVERFLOW.finditer(text):
        if float(match.group(1)) <= OVERFLOW_TOLERANCE_PT:
            continue
        page = _NEXT_PAGE.search(text, match.end())
        where = f"page {int(page.group(1))}" if page else "the last page"
        found.append(
            f"{tex.name}:{match.group(2)}: content runs {float(match.group(1)):.0f} pt past "
            f"the foot of {where} (a table or block that cannot break; shorten or split it)"
        )
    return found


def _first_errors(log: Path, limit: int = 5) -> list[str]:
    if not log.is_file():
        return []
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if line.startswith("!") or re.match(r".+:\d+: ", line)][:limit]


def _sphinx_latex(root: Path, edition: str, builddir: Path) -> PdfError | None:
    """A strict ``sphinx-build -b latex`` of one edition into ``<builddir>/<edition>/latex``."""
    latex = builddir / edition / "latex"
    shutil.rmtree(latex, ignore_errors=True)
    shutil.rmtree(builddir / edition / "doctrees-latex", ignore_errors=True)
    sphinx = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "latex",
            "-W",
            "-n",
            "--keep-going",
            "-q",
            "-d",
            str(builddir / edition / "doctrees-latex"),
            "-D",
            f"course_edition={edition}",
            str(root),
            str(latex),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if sphinx.returncode != 0:
        return PdfError("the LaTeX sources could not be built:\n" + sphinx.stderr.strip(), edition)
    return None


def _check(tex: Path, code: int, problems: list[str]) -> int | None:
    """The pages of a compiled document, or None; what is wrong goes to ``problems``."""
    log = tex.with_suffix(".log")
    if code != 0:
        problems.append(f"{tex.name}: LaTeX failed")
        problems.extend(f"    {line}" for line in _first_errors(log))
        return None
    pages, missing = _log_problems(log)
    problems.extend(_overflows(log, tex))
    if missing:
        problems.append(
            f"{tex.name}: the fonts lack characters the text uses: "
            + "; ".join(missing)
            + " (use a font that has them, or write the text without them)"
        )
        return None
    return pages


def build_edition(root: Path, edition: str, slug: str, builddir: Path) -> list[Pdf]:
    """Make the book and the handouts of one edition; raise :class:`PdfError`."""
    return build_editions(root, [edition], slug, builddir)


def build_editions(root: Path, editions: list[str], slug: str, builddir: Path) -> list[Pdf]:
    """Make the books and handouts of ``editions``; raise :class:`PdfError`.

    Each edition goes Sphinx, book, handouts, the editions side by side (one a
    core); the handouts are cut from the book (:mod:`curriculum.print.handouts`) as
    soon as it is made, while the other edition's book may still be compiling. A
    module that is not a chapter of the book is compiled on its own, as before.
    """
    with ThreadPoolExecutor(max_workers=2) as compile_pool, ThreadPoolExecutor(2) as chains:
        started = [chains.submit(_edition, root, e, slug, builddir, compile_pool) for e in editions]
        outcomes = [future.result() for future in started]
    made: list[Pdf] = []
    for edition, outcome in zip(editions, outcomes, strict=True):
        if isinstance(outcome, PdfError):
            raise outcome
        pdfs, jobs = outcome
        done = [job.result() for job in jobs]
        problems = [problem for problem, _ in done if problem]
        # every table cell is in the PDFs' text (cut handouts are the book's pages)
        problems.extend(check_tables(builddir / edition / "latex"))
        if problems:
            raise PdfError("\n".join(problems), edition)
        made.extend(pdfs)
        made.extend(pdf for _, pdf in done if pdf)
    return made


Outcome = tuple[str, Pdf | None]


def _edition(
    root: Path, edition: str, slug: str, builddir: Path, compile_pool: ThreadPoolExecutor
) -> PdfError | tuple[list[Pdf], list[Future[Outcome]]]:
    """One edition's LaTeX sources, book and cut handouts; the handouts that are not
    in the book handed to ``compile_pool``."""
    failed = _sphinx_latex(root, edition, builddir)
    if failed:
        return failed
    latex = builddir / edition / "latex"
    book = latex / f"{_book(slug, edition)}.tex"
    if not book.is_file():  # the slug is course_slug in conf.py
        return PdfError(f"the LaTeX build wrote no {book.name} (is course_slug {slug!r}?)", edition)
    tex, code, _output = _latexmk(book)
    problems: list[str] = []
    pages = _check(tex, code, problems)
    if problems or pages is None:
        return PdfError("\n".join(problems), edition)
    target = builddir / edition / "pdf" / f"{tex.stem}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tex.with_suffix(".pdf"), target)
    made = [Pdf(target, pages)]
    out = builddir / edition / "handouts"
    ranges = module_ranges(latex, tex.stem)
    sources = [
        source
        for source in sorted(latex.glob("*.tex"))
        if source != tex and "." not in source.stem  # the stamps are <book>.stamps.tex
    ]
    cut = [
        Handout(s.stem, ranges[s.stem], out / f"{s.stem}.pdf") for s in sources if s.stem in ranges
    ]
    kits = builddir / edition / "kits"  # each module's classroom kit: its chapter's end
    shutil.rmtree(kits, ignore_errors=True)
    cut += [
        Handout(module, pages, kits / f"{module}.pdf", ranges[module].first, "classroom kit")
        for module, pages in sorted(kit_ranges(latex, tex.stem, ranges).items())
    ]
    if cut:
        problems = _cut(latex, tex, cut)
        if problems:
            return PdfError("\n".join(problems), edition)
        made.extend(Pdf(h.target, h.pages.pages) for h in cut)
    alone = [s for s in sources if s.stem not in ranges]
    jobs = [compile_pool.submit(_compile_job, s, out / f"{s.stem}.pdf") for s in alone]
    return made, jobs


def _cut(latex: Path, book: Path, handouts: list[Handout]) -> list[str]:
    """Cut ``handouts`` from the compiled ``book``, each page numbered anew."""
    foot = read_foot(latex, book.stem)
    if foot is None:
        return [f"{book.stem}.pages: no foot line (coursepages.sty did not run)"]
    source = stamps_source(foot, [handout.pages.pages for handout in handouts])
    stamps = compile_stamps(latex, f"{book.stem}.stamps", source, TEX_LIMITS)
    if isinstance(stamps, str):
        return [stamps]
    return cut_handouts(book.with_suffix(".pdf"), stamps, handouts)


def _book(slug: str, edition: str) -> str:
    return f"{slug}-trainer" if edition == "trainer" else slug


def _compile_job(tex: Path, target: Path) -> Outcome:
    tex, code, _output = _latexmk(tex)
    problems: list[str] = []
    pages = _check(tex, code, problems)
    if problems or pages is None:
        return "\n".join(problems), None
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tex.with_suffix(".pdf"), target)
    return "", Pdf(target, pages)
