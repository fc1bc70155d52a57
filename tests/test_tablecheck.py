"""The check that every table cell is in a PDF's text (curriculum.print.tablecheck),
on made-up text: no TeX needed."""

from __future__ import annotations

import json
from pathlib import Path

from curriculum.core.layout import TABLES_FILE
from curriculum.print.tablecheck import check_tables, missing_cells, squash

TABLE = {
    "source": "modules/x-01/index.md",
    "line": 12,
    "rows": [
        ["Change", "Type", "Route"],
        ["CHG-1 label printer", "Standard, SC-01", "Pre-approved"],
        ["CHG-2 queue upgrade", "Normal", "Service owner; Sunday 8 February"],
    ],
}
# the head's words side by side before the table, as a paragraph or a form may have them
BEFORE = "Every change type is routed by risk. Change type: standard or normal.\n" * 3
PRINTED = (
    "Change Type Route\nCHG-1 label\nprinter Standard,\nSC-01 Pre-approved\n"
    "CHG-2 queue up-\ngrade Normal Service owner;\nSunday 8 Feb-\nruary\n"
)


def test_a_whole_table_passes_though_its_head_words_stand_earlier() -> None:
    assert missing_cells(squash(BEFORE + PRINTED), [TABLE], "x.pdf") == []


def test_a_planted_missing_cell_is_named_with_the_tables_line() -> None:
    printed = PRINTED.replace("Service owner;\nSunday 8 Feb-\nruary\n", "")
    found = missing_cells(squash(BEFORE + printed), [TABLE], "x.pdf")
    assert len(found) == 1
    assert found[0].cells == ["Service owner; Sunday 8 February"]
    assert str(found[0]).startswith("modules/x-01/index.md:12: 1 of the 9 cells")


def test_a_cell_found_only_before_the_table_is_still_missing() -> None:
    # a form before the table has the cell's words; the table itself lost them
    form = "Route: Service owner; Sunday 8 February (write the route)\n"
    printed = PRINTED.replace("Service owner;\nSunday 8 Feb-\nruary\n", "")
    found = missing_cells(squash(form + BEFORE + printed), [TABLE], "x.pdf")
    assert [m.cells for m in found] == [["Service owner; Sunday 8 February"]]


def test_a_table_not_printed_at_all_is_named_whole() -> None:
    found = missing_cells(squash("A page with no table on it.\n" * 40), [TABLE], "x.pdf")
    assert len(found) == 1 and len(found[0].cells) == 9


def test_check_tables_reads_the_record(tmp_path: Path) -> None:
    (tmp_path / TABLES_FILE).write_text(json.dumps({"x.tex": [TABLE]}), encoding="utf-8")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    assert check_tables(tmp_path, lambda _pdf: BEFORE + PRINTED) == []
    problems = check_tables(tmp_path, lambda _pdf: BEFORE + PRINTED.replace("Normal", ""))
    assert len(problems) == 1 and "'Normal'" in problems[0]


def test_a_table_broken_by_a_page_is_not_placed_at_a_whole_copy_further_on() -> None:
    # a kit's sheet repeats the table after the chapter: the page's own table, broken
    # by the running foot and head, is the table; the copy is not, and the table
    # after it on the page is still found
    broken = PRINTED.replace(
        "CHG-2 queue up-", "7 Changes by risk\nTrainer guide Service management\nCHG-2 queue up-"
    )
    after = {
        "source": "modules/x-01/index.md",
        "line": 30,
        "rows": [["Lane", "Limit"], ["Doing", "4"]],
    }
    text = squash(broken + "Lane Limit\nDoing 4\n" + BEFORE * 20 + PRINTED)
    assert missing_cells(text, [TABLE, after], "x.pdf") == []
