"""The extension on a small course (tests/roots/test-course), in every builder and edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOTS
from .sphinxutil import Built, build, files_containing, warning_lines

ROOT = ROOTS / "test-course"
TRAINER_TOKENS = [
    "trainerzebratoken",
    "solutionquokkatoken",
    "timingwombattoken",
    "solutionibextoken",  # the exercise's model answer
    "markingyaktoken",  # the exercise's marking notes
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    cache: dict[tuple[str, str, int], Built] = {}

    def get(builder: str = "html", edition: str = "learner", parallel: int = 0) -> Built:
        key = (builder, edition, parallel)
        if key not in cache:
            builddir = tmp_path_factory.mktemp(f"{builder}-{edition}-{parallel}")
            cache[key] = build(ROOT, builddir, builder, edition, parallel)
        return cache[key]

    return get


@pytest.mark.parametrize("edition", ["learner", "trainer"])
@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_builds_without_warnings(built, builder: str, edition: str) -> None:
    assert warning_lines(built(builder, edition)) == []


def test_module_header(built, file_regression) -> None:
    page = built().html("modules/a-02/index")
    title = page.select_one("article h1")
    header = title.find_next_sibling()
    assert header.name == "section" and "course-module-header" in header["class"]
    assert header["aria-label"] == "Module overview"
    facts = {
        dt.get_text(strip=True).rstrip(":"): dd.get_text(" ", strip=True)
        for dt, dd in zip(header.select("dt"), header.select("dd"), strict=True)
    }
    assert facts["Track"] == "Alpha track"
    assert facts["Class time"] == "45 minutes"
    assert facts["For"] == "Analyst"
    assert facts["Values"] == "V1 Ingenuity over process , V2 Business outcomes over IT outputs"
    prerequisite = header.select_one("dd a")
    assert prerequisite["href"] == "../a-01/index.html"
    assert prerequisite.get_text() == "First module"
    items = header.select("ol.course-objectives > li")
    assert [li["id"] for li in items] == [f"objective-a-02-o{n}" for n in (1, 2, 3)]
    assert items[1].get_text(" ", strip=True).endswith("( analyse )")
    file_regression.check(normalise(str(header)), extension=".html")


def test_module_for_every_audience_says_so(built) -> None:
    header = built().html("modules/a-01/index").select_one("section.course-module-header")
    assert "Every role" in header.get_text()
    assert "nothing: you can start here" in header.get_text()


def test_roles_link_modules_and_objectives(built) -> None:
    links = {
        a.get_text(): a["href"] for a in built().html("modules/a-01/index").select("article a")
    }
    assert links["Second module"] == "../a-02/index.html"
    assert links["the second module"] == "../a-02/index.html"
    assert links["Calculate the first number correctly."] == "#objective-a-01-o2"


def test_catalogue_lists_modules_by_track(built) -> None:
    page = built().html("catalogue")
    tables = page.select("table.course-catalogue")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for table in tables
        for tr in table.select("tbody tr")
    ]
    assert rows == [
        # in class (the duration), on your own (a minute's reading, no exercise minutes)
        ["a-01 First module", "30", "1", "Every role", "none"],
        ["a-02 Second module", "45", "1", "Analyst", "a-01"],
        ["b-01 Third module", "60", "1", "Owner", "a-02"],
    ]
    tracks = [h.get_text(strip=True) for h in page.select(".course-track-title")]
    assert tracks == ["Alpha track", "Beta track", "Gamma track"]
    assert "No modules yet." in page.get_text()
    assert "3 modules in 3 tracks, 135 minutes (2 h 15 min)" in page.get_text()
    anchors = [h.get("id") for h in page.select(".course-track-title")]
    assert anchors == ["track-a", "track-b", "track-c"]


def test_home_page_lists_tracks_and_links_them_into_the_catalogue(built) -> None:
    """The home page is rewritten by every build, so it lists tracks, not modules."""
    page = built().html("index")
    assert page.select("table.course-catalogue") == []
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("table.course-track-list tbody tr")
    ]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("Alpha track", "2", "1 h 15 min"),
        ("Beta track", "1", "1 h"),
        ("Gamma track", "0", "-"),
    ]
    links = [a["href"] for a in page.select("table.course-track-list a")]
    assert links == ["catalogue.html#track-a", "catalogue.html#track-b", "catalogue.html#track-c"]
    progress = page.select("table.course-track-list .course-path-progress-inline")
    assert [p["data-modules"] for p in progress] == ["a-01 a-02", "b-01"]  # none when empty
    summaries = [p.get_text(" ", strip=True) for p in page.select("p.course-summary")]
    assert "3 modules in 3 tracks, 2 h 15 min of teaching in all." in summaries
    after = page.select_one("table.course-track-list").find_next_sibling("p")
    assert after.select_one("a")["href"] == "catalogue.html"
    assert after.get_text(" ", strip=True).startswith("The catalogue lists every module")


def test_learning_path_page(built) -> None:
    page = built().html("paths/py")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("table.course-path tbody tr")
    ]
    assert rows == [
        ["1", "a-01 First module", "30", "30 min", "1", "written for this role"],
        ["2", "a-02 Second module", "45", "1 h 15 min", "1", "needed by b-01"],
        ["3", "b-01 Third module", "60", "2 h 15 min", "1", "written for this role"],
    ]
    text = " ".join(page.get_text().split())
    assert "3 modules, 135 minutes (2 h 15 min) in class, or about 3 min on your own" in text


def test_path_list_links_each_path_page(built) -> None:
    page = built().html("index")
    links = [(a.get_text(), a["href"]) for a in page.select("table.course-path-list a")]
    assert links == [("Analyst path", "paths/px.html"), ("Owner path", "paths/py.html")]


def test_values_crosswalk(built) -> None:
    page = built().html("crosswalk")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("table.course-values-crosswalk tbody tr")
    ]
    assert rows == [
        ["a-01 First module", "✓", ""],
        ["a-02 Second module", "✓", "✓"],
        ["b-01 Third module", "", "✓"],
        ["Modules serving the value", "2", "2"],
    ]


def test_path_electives_follow_the_core(course_copy, tmp_path: Path) -> None:
    src = course_copy()
    vocabulary = src / "programme.yaml"
    vocabulary.write_text(
        vocabulary.read_text().replace(
            "For analysts.\n", "For analysts.\n    electives: [a-02]\n", 1
        )
    )
    result = build(src, tmp_path / "out")
    assert warning_lines(result) == []
    page = result.html("paths/px")
    assert (
        page.select_one("p.course-summary")
        .get_text(" ", strip=True)
        .endswith("; 1 more module is offered as electives (45 min).")
    )
    core = page.select("table.course-path:not(.course-path-electives) tbody tr")
    assert [tr.select("td")[1].get_text(" ", strip=True) for tr in core] == ["a-01 First module"]
    electives = page.select("table.course-path-electives tbody tr")
    assert [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in electives] == [
        ["a-02 Second module", "45", "written for this role"]
    ]
    assert "course-m-a-02" in electives[0]["class"]
    assert page.select_one(".course-path-progress")["data-modules"] == "a-01"


def test_framework_crosswalk_maps_areas_and_shows_gaps(built) -> None:
    page = built().html("crosswalk")
    summary = page.select("p.course-summary")[-1].get_text(" ", strip=True)
    assert summary == (
        "FitSM (CC BY 4.0) names 2 areas. 1 of the course's 3 modules maps to 1 of them; "
        "1 (PR2) is not covered by this course."
    )

    def rows(selector: str) -> list[list[str]]:
        return [
            [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in page.select(f"{selector} tbody tr")
        ]

    assert rows("table.course-framework-areas") == [
        ["PR2", "Service level management", "Not covered by this course"],
        ["PR9", "Incident and service request management", "a-01 First module"],
    ]
    gap = page.select("table.course-framework-areas tbody tr")[0]
    assert "course-gap" in gap["class"]
    assert page.select_one("table.course-framework-areas a")["href"] == "modules/a-01/index.html"
    assert rows("table.course-framework-modules") == [
        ["a-01 First module", "PR9", "V1"],
        ["a-02 Second module", "none", "V1, V2"],
        ["b-01 Third module", "none", "V2"],
    ]


def test_navigation_groups_tracks_and_marks_the_page(built) -> None:
    page = built().html("modules/a-02/index")
    groups = page.select("nav.course-nav details.course-nav-group")
    captions = [g.summary.get_text() for g in groups]
    assert captions == ["Alpha track", "Beta track", "Paths"]
    current = page.select_one('nav.course-nav a[aria-current="page"]')
    assert current.get_text(" ", strip=True) == "a-02 Second module"
    assert groups[0].has_attr("open") and not groups[1].has_attr("open")


def test_trainer_edition_labels_every_trainer_block(built) -> None:
    page = built("html", "trainer").html("modules/a-01/index")
    blocks = page.select(".trainer-only")
    titles = [b.select_one(".admonition-title").get_text() for b in blocks]
    assert titles == [
        "Timing plan (30 minutes)",  # first, with the run sheet, before the overview
        "Run sheet",
        "Trainer note: Opening",
        "Model answer",
        "Model answer: sum.yaml",
        "Marking notes",
        "Answer key",
    ]
    text = " ".join(b.get_text(" ") for b in blocks)
    for token in TRAINER_TOKENS:
        assert token in text
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select(".course-timing-plan tbody tr")
    ]
    assert rows == [
        ["09:00–09:10", "10", "Opening with timingwombattoken"],
        ["09:10–09:25", "15", "Practice"],
        ["09:25–09:30", "5", "Close"],
    ]


def test_trainer_text_is_absent_from_every_learner_file(built) -> None:
    learner = built("html", "learner")
    trainer = built("html", "trainer")
    # the trainer build has it everywhere one would look
    assert files_containing(trainer.outdir, "trainerzebratoken")
    assert "searchindex.js" in files_containing(trainer.outdir, "solutionquokkatoken")
    for root in (learner.outdir, learner.doctreedir):
        for needle in [*TRAINER_TOKENS, "Trainer note", "Model answer", "Timing plan"]:
            assert files_containing(root, needle) == [], needle
    assert not [p for p in (learner.outdir / "_sources").rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    "builder, pages",
    [
        ("latex", ("course.tex", "course-trainer.tex")),
        ("text", ("modules/a-01/index.txt", "modules/a-01/index.txt")),
    ],
)
def test_other_builders_carry_trainer_text_only_for_trainers(built, builder, pages) -> None:
    learner = built(builder, "learner").text(pages[0])
    trainer = built(builder, "trainer").text(pages[1])
    assert "Trainer note: Opening" in trainer and "trainerzebratoken" in trainer
    assert "Timing plan (30 minutes)" in trainer
    assert "First module" in learner and "What you will be able to do" in learner
    for token in TRAINER_TOKENS:
        assert token not in learner


def test_latex_documents_are_the_book_and_a_handout_per_module(built) -> None:
    outdir = built("latex", "learner").outdir
    assert sorted(p.name for p in outdir.glob("*.tex")) == [
        "a-01.tex",
        "a-02.tex",
        "b-01.tex",
        "course.tex",
    ]
    handout = (outdir / "a-01.tex").read_text()
    # one-sided, chapters on any page: no blank versos in the book
    assert r"\documentclass[a4paper,11pt,english,openany,oneside]{sphinxhowto}" in handout
    assert r"\coursehandouttitle" in handout and r"\begin{coursemodule}" in handout
    # a link to a module outside the handout prints its title, not the bare id
    third = (outdir / "b-01.tex").read_text()
    assert r"after \sphinxstyleemphasis{Second module}." in third
    book = (outdir / "course.tex").read_text()
    assert r"\coursecover" in book and r"\usepackage{course}" in book
    assert r"\documentclass[a4paper,11pt,english,openany,oneside]{sphinxmanual}" in book
    assert r"\usepackage{coursepages}" in book and (outdir / "coursepages.sty").is_file()
    # the book's fonts, for the page numbers laid over the handouts cut from the book
    fonts = (outdir / "coursefonts.sty").read_text().split("\n", 2)[2].strip()
    assert r"\usepackage{tgheros}" in fonts and fonts in book  # the book's own set-up
    assert r"\usepackage[Bjarne]{fncychap}" not in book  # no "CHAPTER ELEVEN"
    assert r"\begin{courseexercise}{Exercise: Add up the parts}" in book
    assert r"\begin{coursequiz}{Quiz: check your understanding}" in book
    assert (outdir / "course.sty").is_file()
    trainer = (built("latex", "trainer").outdir / "course-trainer.tex").read_text()
    assert r"\begin{coursetrainer}{Trainer note: Opening}" in trainer


def test_latex_has_no_html_assets(built) -> None:
    outdir = built("latex", "learner").outdir
    assert not list(outdir.rglob("course.css")) and not list(outdir.rglob("course.js"))


def test_parallel_build_matches_serial(built) -> None:
    serial = built("html", "learner", 0)
    parallel = built("html", "learner", 2)
    assert warning_lines(parallel) == []
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    for page in pages:
        assert (serial.outdir / page).read_text() == (parallel.outdir / page).read_text(), page


def normalise(html: str) -> str:
    """One tag per line, so snapshots diff readably."""
    return re.sub(r">\s*<", ">\n<", html).strip() + "\n"


def test_root_has_no_stray_build_output() -> None:
    # building must never write into the sources
    assert not (ROOT / "_build").exists()
    assert not any(Path(ROOT).rglob("*.doctree"))


def test_editing_one_module_rereads_only_it_and_refreshes_generated_pages(
    course_copy, tmp_path: Path
) -> None:
    src = course_copy()
    builddir = tmp_path / "build"
    build(src, builddir)
    page = src / "modules" / "a-02" / "index.md"
    page.write_text(page.read_text().replace("title: Second module", "title: Renamed module"))
    again = build(src, builddir, fresh=False)
    assert warning_lines(again) == []
    assert "0 added, 1 changed, 0 removed" in again.status
    read = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", again.status)
    assert read == ["modules/a-02/index"]
    for generated in ("catalogue", "paths/px", "paths/py", "crosswalk"):
        assert "Renamed module" in again.html(generated).select_one("article").get_text(), generated


def test_editing_a_modules_text_leaves_the_generated_pages_alone(
    course_copy, tmp_path: Path
) -> None:
    src = course_copy()
    builddir = tmp_path / "build"
    build(src, builddir)
    page = src / "modules" / "a-02" / "index.md"
    page.write_text(page.read_text() + "\nOne more paragraph of teaching.\n")
    again = build(src, builddir, fresh=False)
    assert warning_lines(again) == []
    written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", again.status)
    # Sphinx itself always rewrites the root document (the home page)
    assert written == ["index", "modules/a-02/index"]
    assert "One more paragraph" in again.html("modules/a-02/index").get_text()
    # a metadata edit afterwards still reaches every generated page
    page.write_text(page.read_text().replace("title: Second module", "title: Renamed module"))
    third = build(src, builddir, fresh=False)
    for generated in ("catalogue", "paths/px", "paths/py", "crosswalk"):
        assert "Renamed module" in third.html(generated).select_one("article").get_text()


def test_editing_the_vocabulary_rereads_the_modules(course_copy, tmp_path: Path) -> None:
    src = course_copy()
    builddir = tmp_path / "build"
    build(src, builddir)
    vocabulary = src / "programme.yaml"
    vocabulary.write_text(
        vocabulary.read_text().replace("title: Alpha track", "title: First track")
    )
    again = build(src, builddir, fresh=False)
    assert warning_lines(again) == []
    header = again.html("modules/a-01/index").select_one("section.course-module-header")
    assert "First track" in header.get_text()
    assert "First track" in again.html("index").select_one("article").get_text()


@pytest.mark.sphinx("text", testroot="course", confoverrides={"course_edition": "trainer"})
def test_text_builder_renders_the_timing_plan(app) -> None:
    app.build()
    assert warning_lines(Built(app.outdir, app.doctreedir, app.warning.getvalue())) == []
    text = (app.outdir / "modules" / "a-01" / "index.txt").read_text()
    assert "Timing plan (30 minutes):" in text
    assert re.search(r"\| 09:25–09:30\s+\| 5\s+\| Close", text)
    assert "What you will be able to do" in text


def test_trainer_path_page_has_a_schedule(built) -> None:
    trainer = built("html", "trainer").html("paths/py")
    (block,) = trainer.select(".course-schedule-block")
    assert "trainer-only" in block["class"]
    text = block.get_text(" ", strip=True)
    assert "Schedule: Owner path" in text and "The path fits in 1 day" in text
    # the words above the table come from the plan the table shows
    assert "Days of 09:00 to 16:00 with an opening of 20 min, a close of 15 min" in text
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in block("tr")[1:]]
    assert rows[0] == ["09:00-09:20", "Opening: introductions, the agenda, the case organisation"]
    assert rows[1] == ["09:20-09:50", "a-01 First module + exercise a-01-sum"]
    assert rows[-1][1] == "Close: review, actions, evaluation"
    assert "Pre-work before day 1, reading: a-01 First module (1 min)" in text
    assert not built("html", "learner").html("paths/py").select(".course-schedule-block")


def test_a_class_agenda_is_for_trainers_only(built) -> None:
    page = built("html", "trainer").html("paths/px")
    (block,) = page.select(".course-agenda")
    assert "trainer-only" in block["class"]
    text = block.get_text(" ", strip=True)
    assert "Agenda: Analyst morning agendaokapitoken" in text
    assert "Days of 09:00 to 13:00 with an opening of 20 min, a close of 15 min" in text
    kinds = [tr.select("td")[1].get_text(strip=True) for tr in block.select("tbody tr")]
    assert kinds[0].startswith("Opening") and kinds[-1].startswith("Close")
    learner = built("html", "learner")
    assert not learner.html("paths/px").select(".course-agenda")
    for root in (learner.outdir, learner.doctreedir):
        for needle in ("agendaokapitoken", "Agenda:", "Pre-work before"):
            assert files_containing(root, needle) == [], needle
    for builder in ("latex", "text"):
        assert "agendaokapitoken" not in built(builder, "learner").text(
            "course.tex" if builder == "latex" else "paths/px.txt"
        )
    assert "agendaokapitoken" in built("text", "trainer").text("paths/px.txt")


def test_not_found_page(built) -> None:
    page = built().html("404")
    assert page.select_one("h1").get_text() == "Page not found"
    assert page.select_one("article a")["href"] == "index.html"


def test_edit_link_only_when_the_repository_is_configured(course_copy, tmp_path: Path) -> None:
    src = course_copy()
    plain = build(src, tmp_path / "plain")
    assert "Edit this page" not in plain.html("modules/a-01/index").get_text()
    linked = build(
        src, tmp_path / "linked", course_repository_url="https://example.org/course/repo"
    )
    link = linked.html("modules/a-01/index").find("a", string="Edit this page")
    assert link["href"] == "https://example.org/course/repo/edit/main/modules/a-01/index.md"


def test_last_updated_comes_from_git(built) -> None:
    meta = built().html("modules/a-02/index").select_one(".course-page-meta")
    assert meta is not None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.select_one("time")["datetime"])


def test_reading_time_in_the_module_header(built) -> None:
    header = built().html("modules/a-02/index").select_one("section.course-module-header")
    text = header.get_text(" ", strip=True).replace(" :", ":")
    assert "Self-study: about 1 minute (1 to read, with the quiz)" in text


def test_module_header_offers_progress_only_with_the_script(built) -> None:
    control = built().html("modules/a-02/index").select_one(".course-progress-control")
    assert control.has_attr("hidden")
    assert control.button["data-module"] == "a-02" and control.button["aria-pressed"] == "false"
