"""``curriculum slides``: the trainers' decks, built by Sphinx, and printed to PDF.

The decks are a strict build of the trainer edition with sphinx-revealjs's
builder (``sphinx-build -b revealjs -t slides``, see :mod:`curriculum.ext.deck`)
into ``<builddir>/trainer/slides/``: ``<module-id>.html`` for every module and
``class.html``, sharing ``_static/``. Each opens from disk with no network.

A deck prints one slide a page through reveal.js's print mode (``?print-pdf``) in
headless Chromium, as the completion records do (:mod:`curriculum.print.chromium`);
the PDF is written beside the deck, ``<deck>.pdf``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from curriculum.core.slides import DECK_TAG
from curriculum.print.chromium import print_pdf

#: reveal.js lays the slides out as pages after it starts; Chromium waits this long
#: (virtual time: it prints as soon as the page is idle) before it prints
LAYOUT_BUDGET_MS = 5_000
#: decks printed at once (each a Chromium of its own)
PRINT_WORKERS = 2


#: a slide in a written deck: the deck translator gives every slide's <section> an id
_SLIDE = re.compile(r"<section\b[^>]*\bid=\"")


class DeckError(Exception):
    """The decks cannot be made; the message says why."""


@dataclass(frozen=True)
class PrintedDeck:
    deck: Path
    pdf: Path
    pages: int


def slides_dir(builddir: Path) -> Path:
    return builddir / "trainer" / "slides"


def count_slides(deck: Path) -> int:
    """The slides of a written deck (a PDF of it has as many pages)."""
    return len(_SLIDE.findall(deck.read_text(encoding="utf-8")))


def build_decks(root: Path, builddir: Path) -> list[Path]:
    """A strict deck build of the trainer edition; the decks written, in name order."""
    out = slides_dir(builddir)
    doctrees = builddir / "trainer" / "doctrees-slides"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(doctrees, ignore_errors=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "revealjs",
            "-t",
            DECK_TAG,
            "-W",
            "-n",
            "--keep-going",
            "-q",
            "-d",
            str(doctrees),
            "-D",
            "course_edition=trainer",
            str(root),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DeckError("the decks could not be built:\n" + result.stderr.strip())
    decks = sorted(out.glob("*.html"))
    if not decks:
        raise DeckError(f"the deck build wrote no deck into {out} (does the course have modules?)")
    return decks


def print_decks(decks: list[Path], chromium: str) -> list[PrintedDeck]:
    """Each deck printed to ``<deck>.pdf``, one slide a page; raise :class:`DeckError`
    naming the decks Chromium could not print."""
    with ThreadPoolExecutor(PRINT_WORKERS) as pool:
        printed = list(pool.map(lambda deck: _print(deck, chromium), decks))
    failed = [deck.name for deck, ok in zip(decks, printed, strict=True) if not ok]
    if failed:
        raise DeckError(
            f"Chromium could not print {', '.join(failed)} (open the deck in a browser, add "
            "?print-pdf to its address and print it to PDF)"
        )
    return [
        PrintedDeck(deck, deck.with_suffix(".pdf"), _pages(deck.with_suffix(".pdf")))
        for deck in decks
    ]


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _print(deck: Path, chromium: str) -> bool:
    url = deck.resolve().as_uri() + "?print-pdf"
    budget = f"--virtual-time-budget={LAYOUT_BUDGET_MS}"
    return print_pdf(chromium, url, deck.with_suffix(".pdf"), extra=(budget,))
