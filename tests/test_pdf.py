"""The printed editions: `make pdf` through LaTeX, read back with pdftotext.

Needs TeX Live and poppler-utils; without them these tests are skipped with the
install command, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from curriculum.core.layout import TABLES_FILE
from curriculum.core.project import load_project
from curriculum.print.handouts import kit_ranges, module_ranges
from curriculum.print.pdf import (
    PdfError,
    _log_problems,
    _overflows,
    build_edition,
    build_editions,
)

from .conftest import REPO
from .test_course_build import trainer_passages

pytestmark = pytest.mark.pdf
SLUG = "service-management-that-works"


def require_tools() -> None:
    missing = [t for t in ("xelatex", "latexmk", "pdftotext") if shutil.which(t) is None]
    if missing:
        message = f"{', '.join(missing)} not installed: run .ci/install-system-deps"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools()
    builddir = tmp_path_factory.mktemp("print")
    build_editions(REPO, ["learner", "trainer"], SLUG, builddir)  # as `curriculum pdf`
    return builddir


def text_of(pdf: Path) -> str:
    """The PDF's text in reading order (-raw keeps table cells and wrapped lines together)."""
    result = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def squash(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and spacing do not matter."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def all_pdfs(builddir: Path, edition: str) -> list[Path]:
    return [
        *sorted((builddir / edition).glob("pdf/*.pdf")),
        *sorted((builddir / edition).glob("handouts/*.pdf")),
        *sorted((builddir / edition).glob("kits/*.pdf")),
    ]


def test_every_pdf_is_made(printed: Path) -> None:
    modules = [m.id for m in load_project(REPO).modules]
    assert (printed / "learner" / "pdf" / f"{SLUG}.pdf").is_file()
    assert (printed / "trainer" / "pdf" / f"{SLUG}-trainer.pdf").is_file()
    for edition in ("learner", "trainer"):
        handouts = sorted(p.stem for p in (printed / edition / "handouts").glob("*.pdf"))
        assert handouts == sorted(modules)


def test_cover_contents_and_every_module_title(printed: Path) -> None:
    for edition, name, label in (
        ("learner", SLUG, "Learner workbook"),
        ("trainer", f"{SLUG}-trainer", "Trainer guide"),
    ):
        text = text_of(printed / edition / "pdf" / f"{name}.pdf")
        cover = text.split("\f")[0]
        assert squash("Service management that works") in squash(cover) and label in cover
        assert "CC BY-SA 4.0" in cover and "2026.1" in cover
        assert "contents" in text.split("\f")[1].lower()
        for module in load_project(REPO).modules:
            assert squash(module.meta.title) in squash(text), module.id


def test_handouts_start_with_the_module_and_its_objectives(printed: Path) -> None:
    aids = aid_pages(printed)
    for module in load_project(REPO).modules:
        pages = text_of(printed / "learner" / "handouts" / f"{module.id}.pdf").split("\f")
        first = squash(pages[0])
        assert squash(module.meta.title) in first
        # the module overview follows the job aid, on the next page, when there is one
        overview = squash(pages[1]) if module.id in aids else first
        assert squash(f"{module.meta.duration} minutes") in overview
        assert squash(module.meta.objectives[0].text) in overview


def aid_pages(builddir: Path) -> dict[str, tuple[str, str]]:
    """Each learner job aid's first and last page in the workbook, from the labels the
    book's .aux records (``courseaid-start:<id>``, ``courseaid-end:<id>``)."""
    found: dict[str, dict[str, str]] = {}
    for aux in (builddir / "learner" / "latex").glob("*.aux"):
        for edge, module, page in re.findall(
            r"\\newlabel\{courseaid-(start|end):([\w-]+)\}\{\{[^}]*\}\{([^}]*)\}", aux.read_text()
        ):
            found.setdefault(module, {})[edge] = page
    return {m: (p["start"], p["end"]) for m, p in found.items() if len(p) == 2}


def test_every_job_aid_is_one_page_and_its_handouts_first(printed: Path) -> None:
    aids = aid_pages(printed)
    assert sorted(aids) == sorted(m.id for m in load_project(REPO).modules)  # every module
    for module, (start, end) in aids.items():
        assert start == end, f"{module}'s job aid runs from page {start} to page {end}"
        page = (REPO / "modules" / module / "index.md").read_text(encoding="utf-8")
        title = re.search(r"^:{3,}\{job-aid\}\s*(.+)$", page, re.MULTILINE).group(1)
        box = squash(f"At your desk {title}")  # the box's label and its title
        handout = text_of(printed / "learner" / "handouts" / f"{module}.pdf").split("\f")
        assert box in squash(handout[0]), module
        assert box not in squash(handout[1]), module  # one page, then the module


def test_trainer_text_only_in_the_trainer_guide(printed: Path, tmp_path: Path) -> None:
    html = tmp_path / "trainer-html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-D",
            "course_edition=trainer",
            str(REPO),
            str(html),
        ],
        check=True,
    )
    passages = [squash(p) for p in trainer_passages(html)]
    passages = [p for p in passages if len(p) >= 40]
    assert len(passages) > 50
    guide = squash(text_of(printed / "trainer" / "pdf" / f"{SLUG}-trainer.pdf"))
    found = [p for p in passages if p in guide]
    # a passage broken by a page break has the running footer and header inside it
    assert len(found) / len(passages) > 0.95
    for pdf in all_pdfs(printed, "learner"):
        learner = squash(text_of(pdf))
        assert [p for p in passages if p in learner] == [], pdf.name
        # every trainer box prints this label; learner text may mention "timing plans"
        assert "trainer only" not in text_of(pdf).lower(), pdf.name


def test_quiz_answer_keys_only_for_trainers(printed: Path) -> None:
    guide = text_of(printed / "trainer" / "pdf" / f"{SLUG}-trainer.pdf")
    workbook = text_of(printed / "learner" / "pdf" / f"{SLUG}.pdf")
    assert guide.count("Answer key") >= 3
    assert "Answer key" not in workbook
    assert "Quiz: check your understanding" in workbook


def test_missing_characters_are_found_in_a_log(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text(
        "Missing character: There is no ✓ (U+2713) in font FreeSerif:mode=node;!\n"
        "Output written on x.pdf (3 pages, 100 bytes).\n"
    )
    pages, missing = _log_problems(log)
    assert pages == 3 and missing == ["✓ (U+2713) (font FreeSerif:mode=node;)"]


def test_content_past_the_page_foot_is_found_in_a_log(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text(
        "Overfull \\vbox (61.22342pt too high) detected at line 387\n []\n\n[3]\n"
        "Overfull \\vbox (1.5pt too high) detected at line 400\n [4]\n"
        "Overfull \\vbox (12.0pt too high) has occurred while \\output is active\n[7] [8]\n"
    )
    assert _overflows(log, Path("sup-01.tex")) == [
        "sup-01.tex:387: content runs 61 pt past the foot of page 3 "
        "(a table or block that cannot break; shorten or split it)",
    ]


def test_without_tex_make_pdf_says_what_to_install(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "pdf", "--root", str(REPO)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": str(tmp_path)},
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "cannot make PDFs: xelatex, latexmk not found; run .ci/install-system-deps "
        "(it installs TeX Live with apt-get)"
    ]


def test_learner_html_trainer_blocks_exist_for_the_comparison(printed: Path) -> None:
    # guards the passages above: the trainer HTML really has trainer-only blocks
    page = REPO / "modules" / "rel-01" / "index.md"
    assert "{trainer-note}" in page.read_text()
    assert BeautifulSoup("<div class='trainer-only'>x</div>", "html.parser").select(".trainer-only")


#: a page is near-blank when its text is under this share of a median page's: the
#: running head and foot alone are about 70 characters and a full page about 2,200,
#: so 10 % (about 220) is a page whose body holds two or three lines at most
NEAR_BLANK_SHARE = 0.10


def near_blank_pages(pdf: Path) -> list[int]:
    """The pages with under NEAR_BLANK_SHARE of a median page's characters, but not the
    deliberate ones: the cover (page 1) and the part title pages ("Part IV" and the
    track's name)."""
    pages = text_of(pdf).split("\f")[:-1]
    sizes = [len(re.sub(r"\s", "", page)) for page in pages]
    limit = NEAR_BLANK_SHARE * sorted(sizes)[len(sizes) // 2]
    return [
        number
        for number, (size, page) in enumerate(zip(sizes, pages, strict=True), start=1)
        if size < limit and number != 1 and not re.search(r"^Part [IVXLC]+$", page, re.M)
    ]


def test_books_have_few_near_blank_pages(printed: Path) -> None:
    # a classroom kit's pieces each start a page, to be copied and handed out alone,
    # so a form's or a sheet's last page may hold a few lines: kits are not counted
    for edition, name in (("learner", SLUG), ("trainer", f"{SLUG}-trainer")):
        latex = printed / edition / "latex"
        kits = kit_ranges(latex, name, module_ranges(latex, name))
        in_kits = {n for pages in kits.values() for n in range(pages.first, pages.last + 1)}
        assert len(kits) >= 20 and in_kits
        blank = near_blank_pages(printed / edition / "pdf" / f"{name}.pdf")
        assert len([n for n in blank if n not in in_kits]) <= 3, (name, blank)


# --- tables and templates on paper ----------------------------------------------------


def test_every_table_cell_is_printed(printed: Path) -> None:
    from curriculum.print.tablecheck import check_tables

    for edition in ("learner", "trainer"):
        latex = printed / edition / "latex"
        record = json.loads((latex / TABLES_FILE).read_text(encoding="utf-8"))
        book = f"{SLUG}-trainer.tex" if edition == "trainer" else f"{SLUG}.tex"
        assert len(record[book]) > 100  # every table of the book is recorded
        for module in load_project(REPO).modules:
            assert f"{module.id}.tex" in record
        assert check_tables(latex) == [], edition


def test_the_dsk01_model_answer_is_printed_whole(printed: Path) -> None:
    guide = squash(text_of(printed / "trainer" / "handouts" / "dsk-01.pdf"))
    for ticket in ("REQ-47478", "INC-47509"):
        assert squash(ticket) in guide  # the model answer's table, with the record prefix
        assert guide.count(ticket[4:]) >= 2  # and the number in the template's form too
    assert squash("Standard access for one person, needed next Monday.") in guide


def test_a_template_prints_as_a_case_sheet_and_a_form_in_the_kit(printed: Path) -> None:
    handout = text_of(printed / "learner" / "handouts" / "dsk-01.pdf")
    kit = text_of(printed / "learner" / "kits" / "dsk-01.pdf")

    def bodies(text: str) -> str:  # the pages without their "k of n"
        return squash("".join(re.sub(r"\d+ of \d+\s*$", "", p) for p in text.split("\f")))

    assert bodies(kit) in bodies(handout)  # the kit is the end of the module's chapter
    assert "in the\nclassroom kit at the end of this module" in handout or squash(
        "are in the classroom kit at the end of this module"
    ) in squash(handout)
    case = kit[kit.index("Case sheet: triage-batch.yaml") : kit.index("Answer form: triage")]
    form = kit[kit.index("Answer form: triage-batch.yaml") :]
    assert squash("Caller: Dev Raman, depot operations manager") in squash(case)
    assert "What to write" not in case  # the case, not the fields
    assert "What to write" in form
    assert squash("tickets.type incident, service_request or problem") in squash(form)
    assert "Caller: Dev Raman" not in form  # the fields, under each ticket's heading
    # the YAML itself is not printed, so nothing is wrapped with continuation marks
    assert 'type: ""' not in kit and "↪" not in kit


def test_the_kits_hold_the_cards_and_sheets_each_edition_should(printed: Path) -> None:
    trainer = text_of(printed / "trainer" / "kits" / "dsk-01.pdf")
    learner = text_of(printed / "learner" / "kits" / "dsk-01.pdf")
    pages = trainer.split("\f")[:-1]
    assert pages[0].split("\n")[:8].count("CLASSROOM KIT") == 1
    assert all(page.rstrip().endswith(f"{k} of {len(pages)}") for k, page in enumerate(pages, 1))
    for title in ("Priority at Brightwater: a sheet for the desk", "Six quick calls"):
        assert title in trainer
    assert "Sorting cards: incident, service request or problem" in trainer
    assert squash("Could the planning desk have a second monitor?") in squash(trainer)
    assert "Priority at Brightwater: a sheet for the desk" in learner
    # the drill's answers and the cards are the trainer's
    assert "Six quick calls" not in learner and "Sorting cards" not in learner
    # each page of the trainer's kit says what to do with it, in its head (the left of
    # the head's line; the course's title is on its right)
    heads = [page.lstrip().split("\n", 1)[0] for page in pages]
    expected = {
        "Case sheet: triage": "Classroom kit: hand out, one per learner",
        "Priority at Brightwater": "Classroom kit: hand out, one per learner",
        "Six quick calls": "Classroom kit: trainer only, do not hand out",
        "Sorting cards": "Classroom kit: cut out along the dashed lines and hand out",
    }
    for title, use in expected.items():
        first = next(n for n, page in enumerate(pages) if title in page)
        assert heads[first].startswith(use + " "), (title, heads[first])
    assert all(head.startswith("Classroom kit: ") for head in heads), heads
    assert "Classroom kit:" not in learner  # a learner's own copy is just the workbook's
    # after a kit the head names the edition again: the next module's run sheet
    following = text_of(printed / "trainer" / "handouts" / "dsk-02.pdf")
    assert following.lstrip().startswith("Trainer guide ")
    modules = {m.id for m in load_project(REPO).modules}
    for edition in ("learner", "trainer"):
        kits = {p.stem for p in (printed / edition / "kits").glob("*.pdf")}
        assert len(kits) >= 20 and kits <= modules


def test_an_over_wide_table_is_named_with_its_missing_cells(course_copy, tmp_path: Path) -> None:
    require_tools()
    root = course_copy("course")
    (root / "conf.py").write_text(
        (root / "conf.py").read_text() + '\nlatex_engine = "xelatex"\n', encoding="utf-8"
    )
    page = root / "modules" / "a-01" / "index.md"
    cells = " | ".join(f"Column{n}verylongunbreakablewordzebra" for n in range(7))
    planted = (
        "\n\n```{tabularcolumns} lllllll\n```\n\n"
        f"| {cells} |\n|{'---|' * 7}\n| {cells.replace('Column', 'Cell')} |\n"
    )
    page.write_text(page.read_text(encoding="utf-8") + planted, encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index(f"| {cells} |") + 1
    with pytest.raises(PdfError) as caught:
        build_edition(root, "learner", "course", tmp_path / "build")
    message = str(caught.value)
    assert f"modules/a-01/index.md:{line}:" in message
    assert "Cell6verylongunbreakablewordzebra" in message


def test_a_cell_dropped_from_a_real_table_is_found(printed: Path) -> None:
    # the check on a real PDF's text, with one cell of lead-02's model map taken out
    from curriculum.print.tablecheck import missing_cells, pdf_text
    from curriculum.print.tablecheck import squash as flat

    latex = printed / "trainer" / "latex"
    record = json.loads((latex / TABLES_FILE).read_text(encoding="utf-8"))["lead-02.tex"]
    text = flat(pdf_text(printed / "trainer" / "handouts" / "lead-02.pdf"))
    assert missing_cells(text, record, "lead-02.pdf") == []
    cell = "Weekly shared load-out figures, and the monthly joint review"
    found = missing_cells(text.replace(flat(cell), ""), record, "lead-02.pdf")
    assert [(m.source, m.cells) for m in found] == [("modules/lead-02/index.md", [cell])]


def test_handouts_are_their_chapters_of_the_book(printed: Path) -> None:
    # cut from the book: a handout's pages are its chapter's pages, from the chapter's
    # opening up to the next chapter or part, each numbered "k of n" in place of the
    # book's page number, which is gone from the text as well as from sight
    for edition, name in (("learner", SLUG), ("trainer", f"{SLUG}-trainer")):
        latex = printed / edition / "latex"
        book = text_of(printed / edition / "pdf" / f"{name}.pdf").split("\f")
        ranges = module_ranges(latex, name)
        printed_numbers = {
            int(n): p
            for n, p in (
                line.split()
                for line in (latex / f"{name}.pages").read_text().splitlines()
                if not line.startswith("%")
            )
        }
        for module in load_project(REPO).modules:
            pages = text_of(printed / edition / "handouts" / f"{module.id}.pdf").split("\f")[:-1]
            first = ranges[module.id].first
            assert len(pages) == ranges[module.id].pages
            for k, page in enumerate(pages, start=1):
                own, folio = squash(f"{k} of {len(pages)}"), squash(printed_numbers[first + k - 1])
                body, book_body = squash(page), squash(book[first + k - 2])
                assert body.endswith(own) and book_body.endswith(folio), (module.id, k)
                assert body[: -len(own)] == book_body[: -len(folio)], (edition, module.id, k)
            # the handout opens with the module's title, under the edition and course
            assert squash(module.meta.title) in squash(pages[0].split("Module overview")[0])
            assert not any(re.search(r"^Part [IVXLC]+$", p, re.M) for p in pages), module.id


def test_a_handout_keeps_its_web_links_and_its_bookmarks(printed: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(printed / "learner" / "handouts" / "dsk-01.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == "The first five minutes: triage"
    web, inside = [], []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            link = ref.get_object()
            if "/A" in link and link["/A"].get("/S") == "/URI":
                web.append(str(link["/A"]["/URI"]))
            else:
                # a link inside the handout lands on one of its pages; links to the
                # rest of the book are taken off
                target = link["/Dest"][0]
                inside.append(reader.get_page_number(target.get_object()))
    assert any(url.startswith("https://") for url in web) and len(web) >= 3
    assert all(0 <= number < len(reader.pages) for number in inside)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Why this matters to you" in titles and "Further reading" in titles


def test_the_workbook_has_the_answers_at_the_back_and_lines_to_answer_on(printed: Path) -> None:
    workbook = text_of(printed / "learner" / "pdf" / f"{SLUG}.pdf")
    pages = workbook.split("\f")
    start = next(
        n for n, page in enumerate(pages) if "Answers to the quizzes" in page.split("\n")[:6]
    )
    assert start > len(pages) * 0.8  # at the back
    back = squash("\f".join(pages[start:]))
    assert squash("dsk-01 The first five minutes: triage") in back
    assert squash("Record what the caller said; put your diagnosis in the work notes.") in back
    dsk01 = text_of(printed / "learner" / "handouts" / "dsk-01.pdf")
    questions = dsk01.count("Your answer:")
    assert questions >= 6  # a line under every question of the module's quiz
    guide = text_of(printed / "trainer" / "pdf" / f"{SLUG}-trainer.pdf")
    assert "Answers to the quizzes" not in guide and "Your answer:" not in guide
