"""The real course, built as `make html` / `make trainer` build it, in both editions."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from curriculum.core.drawing import MAX_WIDTH_PT, svg_width_pt
from curriculum.core.project import load_project

from .conftest import REPO
from .sphinxutil import checker_files, readable_bytes

pytestmark = pytest.mark.fullbuild

PROJECT = load_project(REPO)
MODULES = [m.id for m in PROJECT.modules]
#: the titles trainer-only blocks start with, which no learner file may hold
TRAINER_LABELS = (
    "Trainer note",
    "Model answer",
    "Timing plan",
    "Answer key",
    "Marking notes",
    "Run sheet",
)
#: the modules on the learning paths and in the summaries' counts: every one but drafts
COMPLETE = [m.id for m in PROJECT.modules if not m.meta.draft]


@pytest.mark.parametrize("edition", ["learner", "trainer"])
@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_course_builds_with_zero_warnings(course, edition: str, builder: str) -> None:
    assert any(course(edition, builder).rglob("*"))


def trainer_passages(trainer_html: Path) -> set[str]:
    """Long text runs that the trainer edition shows only inside trainer-only elements.

    A run that also appears outside them (an answer key repeating an option's
    feedback, a model answer repeating the template's item names) is learner
    content, so it is left out.
    """
    passages: set[str] = set()
    shared: list[str] = []
    for page in trainer_html.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select(".trainer-only"):
            for text in block.find_all(string=True):
                text = " ".join(text.split())
                if len(text) >= 40:
                    passages.add(text)
            block.decompose()
        shared.append(" ".join(soup.get_text(" ").split()))
    everywhere = "\n".join(shared)
    squashed = _squash(everywhere)
    return {p for p in passages if p not in everywhere and _squash(p) not in squashed}


def _squash(text: str) -> str:
    """Letters and digits only, so that a passage split over lines or code comments
    still matches."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def test_no_trainer_text_anywhere_in_the_learner_output(course) -> None:
    trainer = course("trainer") / "html"
    learner_root = course("learner")  # html/ and doctrees/
    passages = trainer_passages(trainer)
    assert len(passages) > 50, "the trainer edition should hold plenty of trainer-only text"
    haystacks: list[tuple[str, str]] = []
    for path in learner_root.rglob("*"):
        if path.is_file():
            data = readable_bytes(path).decode("utf-8", "replace")
            if path.suffix == ".html":
                data = " ".join(BeautifulSoup(data, "html.parser").get_text(" ").split())
            haystacks.append((str(path.relative_to(learner_root)), data))
    # the in-page checker's files travel zipped inside a script: read them too
    carried = checker_files(learner_root / "html")
    assert any(name.endswith("/validator.py") for name in carried)
    haystacks += [
        (f"html/_static/checker/course.js:{name}", data) for name, data in carried.items()
    ]
    leaks = [
        (name, passage[:60])
        for passage in passages
        for name, data in haystacks
        if passage in data or html.escape(passage, quote=False) in data
    ]
    # the one exception, by design (see the contributor guide, "What reaches the
    # learner's browser"): a case.yaml is the checker's data, and a key's reasons
    # are the hints it gives a learner anyway, as a quiz's feedback is
    assert [leak for leak in leaks if not leak[0].endswith("/case.yaml")] == []
    labels = [*TRAINER_LABELS, "trainer-only"]
    for name, data in haystacks:
        if "/_static/" in name:
            continue  # the theme's stylesheet names the class; it holds no course text
        for label in labels:
            assert label not in data, (label, name)
        # slides and the class deck (opening, agenda, close: trainer material) are in the
        # decks only (test_slides_course.py checks their text)
        assert "course-slide" not in data and "course-deck" not in data, name
    assert not [p for p in learner_root.rglob("*") if "class-deck" in p.name]


def test_trainer_blocks_are_labelled(course) -> None:
    page = course("trainer") / "html" / "modules" / "rel-01" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    blocks = soup.select(".trainer-only")
    assert blocks
    for block in blocks:
        title = block.select_one(".admonition-title").get_text()
        assert title.startswith(TRAINER_LABELS), title


@pytest.mark.parametrize("module_id", MODULES)
def test_every_module_has_trainer_notes_a_model_answer_and_a_timing_plan(
    course, module_id: str
) -> None:
    page = course("trainer") / "html" / "modules" / module_id / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.select(".course-trainer-note")
    assert soup.select(".course-solution")
    (plan,) = soup.select(".course-timing-plan")
    duration = next(m.meta.duration for m in load_project(REPO).modules if m.id == module_id)
    minutes = [int(tr.select("td")[1].get_text()) for tr in plan.select("tbody tr")]
    assert sum(minutes) == duration


def test_parallel_build_equals_serial(course) -> None:
    serial = course("learner", "html", "1") / "html"
    parallel = course("learner", "html", "2") / "html"
    pages = sorted(p.relative_to(serial) for p in serial.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel) for p in parallel.rglob("*.html"))
    different = [p for p in pages if (serial / p).read_bytes() != (parallel / p).read_bytes()]
    assert different == []


def test_home_page_shows_tracks_and_paths_and_the_catalogue_every_module(course) -> None:
    html = course("learner") / "html"
    soup = BeautifulSoup((html / "index.html").read_text(), "html.parser")
    assert len(soup.select("table.course-path-list tbody tr")) == 5
    tracks = soup.select("table.course-track-list tbody tr")
    assert len(tracks) == len({module_id.split("-")[0] for module_id in MODULES})
    counted = sum(int(tr.select("td")[2].get_text(" ").split()[0]) for tr in tracks)
    assert counted == len(COMPLETE)
    page = BeautifulSoup((html / "modules/programme/catalogue.html").read_text(), "html.parser")
    catalogue = " ".join(t.get_text(" ") for t in page.select("table.course-catalogue"))
    for module_id in MODULES:
        assert module_id in catalogue


def test_the_course_keeps_its_own_house_rules_and_lint_checks_them() -> None:
    """The content standard lives in programme.yaml (course.policy) and lint enforces
    it with located messages: no copy of the numbers here, and no second counting."""
    from curriculum.lint import lint_course

    policy = load_project(REPO).programme.course.policy
    house = (policy.objectives_min, policy.objectives_max, policy.min_words)
    assert house == (3, 5, 1500)
    assert (policy.quiz_questions, policy.pass_cases, policy.fail_cases) == (5, 3, 6)
    assert policy.exercise_required and policy.schema_fail_case and policy.every_rule_failed
    # a module being written may be in the repository: what it lacks is a warning
    # saying it is a draft; everything else is clean
    found = lint_course(REPO)
    assert [str(p) for p in found if "the module is a draft" not in p.message] == []
    assert {p.severity for p in found} <= {"warning"}


@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_the_output_scan_finds_nothing_executable_in_the_real_course(course, edition) -> None:
    from curriculum.ext.outputscan import scan_site

    site = course(edition) / "html"
    assert len(list(site.rglob("*.html"))) > 40
    assert scan_site(site) == {}


def test_learner_downloads_and_offline_zip_hold_no_trainer_file_or_text(course, tmp_path) -> None:
    import zipfile

    from curriculum.print.offline import make_offline

    site = course("learner") / "html"
    downloads = sorted(p.name for p in (site / "_downloads").rglob("*") if p.is_file())
    assert downloads and all(name.startswith("template.") for name in downloads), downloads
    archive = tmp_path / "offline.zip"
    make_offline(site, archive, "course")
    passages = trainer_passages(course("trainer") / "html")
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert not [n for n in names if re.search(r"(^|/)(solution\.|marking\.md)", n)]
        texts = [zipped.read(n).decode("utf-8", "replace") for n in names if n.endswith(".html")]
        texts += [zipped.read(n).decode("utf-8", "replace") for n in names if n.endswith(".js")]
    joined = _squash(
        "\n".join(" ".join(BeautifulSoup(t, "html.parser").get_text(" ").split()) for t in texts)
    )
    assert [p[:60] for p in passages if _squash(p) in joined] == []


def test_the_answers_page_gives_every_quiz_its_right_letters_and_feedback(course) -> None:
    from curriculum.core.quizzes import parse_quiz, scan_quizzes

    page = course("learner") / "html" / "modules" / "programme" / "answers.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    sections = {s["id"]: s for s in soup.select("section[id^=quiz-answers-]")}
    with_quiz = [m for m in PROJECT.modules if PROJECT.quizzes.get(m.id)]
    assert sorted(sections) == sorted(f"quiz-answers-{m.id}" for m in with_quiz)
    text = (REPO / "modules" / "dsk-01" / "index.md").read_text(encoding="utf-8")
    # the units' quick checks and the quiz, in the page's order
    questions = []
    for source in scan_quizzes(text):
        parsed, problems = parse_quiz(source.body, source.body_line, "dsk-01")
        assert parsed is not None and problems == []
        questions += parsed.questions
    assert len(questions) == 11  # 2 + 2 quick-check questions and the quiz's 7
    items = sections["quiz-answers-dsk-01"].select("ol.course-answers > li")
    assert len(items) == len(questions)
    for item, question in zip(items, questions, strict=True):
        right = ", ".join("ABCDEFGH"[i] for i, o in enumerate(question.options) if o.correct)
        assert item.find("strong").get_text() == right
        assert len(item.select(".course-answers-options > li")) == len(question.options)


def _module_page(course, edition: str, module_id: str) -> BeautifulSoup:
    page = course(edition) / "html" / "modules" / module_id / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("module_id", MODULES)
def test_every_module_has_figures_and_a_job_aid_and_whole_units(course, module_id: str) -> None:
    soup = _module_page(course, "learner", module_id)
    images = course("learner") / "html" / "_images"
    figures = soup.select("figure.course-figure")
    assert figures, f"{module_id} has no figure"
    for figure in figures:
        image = figure.select_one("img")
        assert image["alt"].strip() and figure.select_one("figcaption").get_text(strip=True)
        drawn = (images / Path(image["src"]).name).read_bytes()
        # drawn at most 420 pt wide: shown on a 420 px screen, its text stays legible
        width = svg_width_pt(drawn)
        assert width is not None and width <= MAX_WIDTH_PT == 420, (module_id, image["src"], width)
    assert len(soup.select("aside.course-job-aid")) == 1, f"{module_id} has no job aid"
    record = next(m for m in PROJECT.modules if m.id == module_id)
    # the teaching is cut into 2 to 4 units a learner takes between tickets, each closed
    # by a quick check in the page, and the self-study time counts the exercise
    checks = soup.select("section.course-unit-check")
    assert 2 <= len(checks) == len(record.units) <= 4, module_id
    assert all(8 <= unit.minutes <= 18 for unit in record.units), record.units
    assert record.meta.exercise_minutes is not None, f"{module_id}: no exercise_minutes"


def test_the_course_has_at_least_27_figures(course) -> None:
    count = sum(
        len(_module_page(course, "learner", m).select("figure.course-figure")) for m in MODULES
    )
    assert count >= 27
