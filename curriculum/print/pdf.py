"""``curriculum pdf``: the printed editions, through Sphinx's LaTeX builder and latexmk.

For each edition: a strict ``sphinx-build -b latex`` (warnings are errors),
then ``latexmk -pdfxe`` on the book and on every module handout, two at a
time; a LaTeX log that reports a missing character fails the build (xelatex
would otherwise drop the glyph silently). The results are copied to
``_build/<edition>/pdf/<slug>[-trainer].pdf`` and
``_build/<edition>/handouts/<module-id>.pdf``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

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


def _latexmk(tex: Path) -> tuple[Path, int, str]:
    result = subprocess.run(
        [
            "latexmk",
            "-pdfxe",
            "-dvi-",
            "-ps-",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-file-line-error",
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


def build_edition(root: Path, edition: str, slug: str, builddir: Path) -> list[Pdf]:
    """Make the book and the handouts of one edition; raise :class:`PdfError`."""
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
        raise PdfError("the LaTeX sources could not be built:\n" + sphinx.stderr.strip())
    sources = sorted(latex.glob("*.tex"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_latexmk, sources))
    problems: list[str] = []
    made: list[Pdf] = []
    book = f"{slug}-trainer" if edition == "trainer" else slug
    for tex, code, _output in results:
        log = tex.with_suffix(".log")
        if code != 0:
            problems.append(f"{tex.name}: LaTeX failed")
            problems.extend(f"    {line}" for line in _first_errors(log))
            continue
        pages, missing = _log_problems(log)
        problems.extend(_overflows(log, tex))
        if missing:
            problems.append(
                f"{tex.name}: the fonts lack characters the text uses: "
                + "; ".join(missing)
                + " (use a font that has them, or write the text without them)"
            )
            continue
        target_dir = builddir / edition / ("pdf" if tex.stem == book else "handouts")
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{tex.stem}.pdf"
        shutil.copyfile(tex.with_suffix(".pdf"), target)
        made.append(Pdf(target, pages))
    problems.extend(check_tables(latex))  # every table cell is in the PDFs' text
    if problems:
        raise PdfError("\n".join(problems))
    return made
