"""Where each module's handout is in the book: read from the book's LaTeX files."""

from __future__ import annotations

from pathlib import Path

from curriculum.print.handouts import Foot, PageRange, module_ranges, read_foot, stamps_source


def test_a_module_runs_to_the_next_chapter_or_part(tmp_path: Path) -> None:
    # a cover (printed 1), two contents pages (i, ii), then the main matter from 1
    printed = ["1", "i", "ii", *map(str, range(1, 12))]
    (tmp_path / "book.pages").write_text(
        "% foot 523.27 799.77 595.27 841.88 10\n"
        + "".join(f"{n} {p}\n" for n, p in enumerate(printed, start=1))
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
    assert read_foot(tmp_path, "book") == Foot(523.27, 799.77, 595.27, 841.88, 10.0)


def test_a_book_without_the_foot_line_has_no_foot(tmp_path: Path) -> None:
    (tmp_path / "book.pages").write_text("1 1\n2 2\n")
    assert read_foot(tmp_path, "book") is None


def test_the_stamps_number_each_handout_from_one(tmp_path: Path) -> None:
    source = stamps_source(Foot(523.27, 799.77, 595.27, 841.88, 10.0), [2, 3])
    stamps = [line for line in source.splitlines() if line.startswith("\\coursestamp{")]
    assert stamps == [
        "\\coursestamp{1 of 2}",
        "\\coursestamp{2 of 2}",
        "\\coursestamp{1 of 3}",
        "\\coursestamp{2 of 3}",
        "\\coursestamp{3 of 3}",
    ]
    # on the book's page size, right-aligned at the book's number, in its type size
    assert "paperwidth=595.270bp,paperheight=841.880bp" in source
    assert "\\put(523.270,-799.770){\\makebox(0,0)[r]" in source
    assert "\\fontsize{10.00}{10.00}" in source and "\\usepackage{coursefonts}" in source
