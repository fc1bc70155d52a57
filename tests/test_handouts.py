"""Where each module's handout is in the book: read from the book's LaTeX files."""

from __future__ import annotations

from pathlib import Path

from curriculum.print.handouts import PageRange, module_ranges


def test_a_module_runs_to_the_next_chapter_or_part(tmp_path: Path) -> None:
    # a cover (printed 1), two contents pages (i, ii), then the main matter from 1
    printed = ["1", "i", "ii", *map(str, range(1, 12))]
    (tmp_path / "book.pages").write_text(
        "".join(f"{n} {p}\n" for n, p in enumerate(printed, start=1))
    )
    (tmp_path / "book.toc").write_text(
        "\\contentsline {part}{I\\hspace {1em}Start}{1}{part.1}%\n"
        "\\contentsline {chapter}{\\numberline {1}A-01}{2}{chapter.1}%\n"
        "\\contentsline {section}{\\numberline {1.1}Why}{3}{section.1.1}%\n"
        "\\contentsline {chapter}{\\numberline {2}A-02}{5}{chapter.2}%\n"
        "\\contentsline {part}{II\\hspace {1em}Reference}{8}{part.2}%\n"
        "\\contentsline {chapter}{\\numberline {3}B-01}{9}{chapter.3}%\n"
    )
    (tmp_path / "book.aux").write_text(
        "\\newlabel{modules/a-01/index::doc}{{1}{2}{A-01}{chapter.1}{}}\n"
        "\\newlabel{modules/a-02/index::doc}{{2}{5}{A-02}{chapter.2}{}}\n"
        "\\newlabel{modules/b-01/index::doc}{{3}{9}{B-01}{chapter.3}{}}\n"
        "\\newlabel{modules/programme/book::doc}{{}{1}{}{section*.2}{}}\n"
    )
    assert module_ranges(tmp_path, "book") == {
        "a-01": PageRange(5, 7),  # printed 2 to 4: the cover's "1" does not count
        "a-02": PageRange(8, 10),  # up to the page before part II
        "b-01": PageRange(12, 14),  # the last chapter runs to the end
    }
