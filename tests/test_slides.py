"""The trainers' decks on a small course (tests/roots/test-slides): the deck build, the
deck transform, what no other build holds, and lint's {slide} checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from curriculum.core.slides import DECK_TAG, MAX_BULLETS
from curriculum.ext.deck.builder import REVEAL_FILES
from curriculum.lint.slides import slide_problems

from .conftest import ROOTS
from .sphinxutil import Built, build, files_containing, warning_lines

ROOT = ROOTS / "test-slides"
#: text only {slide} blocks hold (in a-01 and the class deck page)
SLIDE_TOKENS = ["slidezebratoken", "slidealphatoken", "slidebetatoken", "classgnutoken"]
#: trainer-only text: a-01's note, model answer, timing plan, the exercise's model
#: answer and marking notes, and the class deck's note
NOTE_TOKENS = [
    "trainerzebratoken",
    "solutionquokkatoken",
    "timingwombattoken",
    "solutionibextoken",
    "markingyaktoken",
    "classnotetoken",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    cache: dict[tuple[str, str], Built] = {}

    def get(builder: str = "revealjs", edition: str = "trainer") -> Built:
        key = (builder, edition)
        if key not in cache:
            builddir = tmp_path_factory.mktemp(f"slides-{builder}-{edition}")
            tags = (DECK_TAG,) if builder == "revealjs" else ()
            cache[key] = build(ROOT, builddir, builder, edition, tags=tags)
        return cache[key]

    return get


def slides_of(soup: BeautifulSoup) -> list[Tag]:
    """Every slide of a deck, in order (each slide's <section> has an id)."""
    return [s for s in soup.select(".reveal .slides section") if s.get("id")]


def visible(slide: Tag) -> str:
    """A slide's text as projected: without its speaker notes and nested slides."""
    copy = BeautifulSoup(str(slide), "html.parser")
    for hidden in copy.select("aside.notes, section section"):
        hidden.decompose()
    return " ".join(copy.get_text(" ").split())


def notes(slide: Tag) -> str:
    return " ".join(
        " ".join(n.get_text(" ").split()) for n in slide.find_all("aside", recursive=False)
    )


@pytest.fixture(scope="module")
def deck(built) -> list[Tag]:
    return slides_of(built().html("a-01"))


def test_the_deck_build_has_no_warnings(built) -> None:
    assert warning_lines(built()) == []


def test_one_flat_file_per_deck_and_nothing_else(built) -> None:
    out = built().outdir
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert pages == ["a-01.html", "a-02.html", "b-01.html", "class.html"]
    top = sorted(p.name for p in out.iterdir() if p.name != ".buildinfo")
    # no 404 page, index, search, inventory, sources, downloads or site pages
    assert top == ["_images", "_static", "a-01.html", "a-02.html", "b-01.html", "class.html"]
    reveal = sorted(
        p.relative_to(out / "_static" / "revealjs").as_posix()
        for p in (out / "_static" / "revealjs").rglob("*")
        if p.is_file()
    )
    assert reveal == sorted(REVEAL_FILES)
    assert not (out / "_static" / "checker").exists()


def test_a_deck_loads_nothing_but_its_own_files_and_runs_no_inline_script(built) -> None:
    soup = built().html("a-01")
    scripts = [s.get("src") for s in soup.find_all("script")]
    assert scripts == [
        "_static/revealjs/dist/reveal.js",
        "_static/revealjs/plugin/notes/notes.js",
        "_static/course-deck.js",
    ]
    links = [link["href"] for link in soup.find_all("link")]
    for address in scripts + links:
        assert (built().outdir / address).is_file(), address


def test_title_slide_with_the_timing_plan_as_notes(deck) -> None:
    title = deck[0]
    assert title["id"] == "title" and "course-deck-title" in title["class"]
    assert title.h1.get_text() == "First module"
    assert "a-01 · Alpha track · 30 min" in visible(title)
    said = notes(title)
    assert said.startswith("Timing plan (30 minutes)")
    assert "timingwombattoken" in said
    assert "Time (09:00 start)" in said and "09:00–09:10" in said  # the plan's table, clock times


def test_objectives_slide(deck) -> None:
    objectives = deck[1]
    assert objectives.h2.get_text() == "What you will be able to do"
    items = [li.get_text(" ", strip=True) for li in objectives.select("ol > li")]
    assert items == [
        "Explain why the first module exists. understand",
        "Calculate the first number correctly. apply",
        "Design a first artefact for your team. create",
    ]


def test_the_two_slides_in_page_order_with_their_notes(built, deck) -> None:
    first, second = (s for s in deck if "course-deck-slide" in s["class"])
    assert first.h2.get_text() == "Why the first module slidezebratoken"
    bullets = [li.get_text(" ", strip=True) for li in first.select("ul > li")]
    assert bullets == ["It comes first, slidealphatoken", "It is short", "Then Second module"]
    assert first.find("a") is None, "a link to another page becomes its text"
    # the trainer note after the slide is its speaker note; the model answer that comes
    # before the second slide in its section is the second slide's
    assert "trainerzebratoken" in notes(first) and "trainerzebratoken" not in visible(first)
    assert "solutionquokkatoken" in notes(second)
    image = second.find("img")
    assert image["alt"] == "A blue bar standing for the first step"
    assert (built().outdir / image["src"]).is_file()


def test_one_slide_per_question_with_the_answer_as_a_fragment(deck) -> None:
    questions = [s for s in deck if "course-deck-quiz" in s["class"]]
    assert [q["id"] for q in questions] == ["a-01-check-q1", "a-01-check-q2"]
    first, second = questions
    assert first.h2.get_text() == "Question 1 of 2"
    assert [li.get_text(" ", strip=True) for li in first.select(".course-deck-options li")] == [
        "A. 4",
        "B. 5",
    ]
    (answer,) = first.select(".course-deck-answer")
    assert "fragment" in answer["class"]  # revealed on the next step
    assert answer.get_text(" ", strip=True) == "Answer: A Right, quizfeedbackrighttoken."
    assert "No, count again." not in visible(first)  # a wrong option's feedback is not shown
    (answer,) = second.select(".fragment")
    assert answer.get_text(" ", strip=True) == "Answers: A, C A. Even. C. Even too."
    # the options come first, the answer after them
    assert first.select_one(".course-deck-options").find_next_sibling() is first.select_one(
        ".course-deck-answer"
    )


def test_exercise_brief_slide_with_the_exercises_trainer_blocks_as_notes(deck) -> None:
    (exercise,) = [s for s in deck if "course-deck-exercise" in s["class"]]
    assert exercise.h2.get_text() == "Exercise: Add up the parts"
    shown = visible(exercise)
    assert "briefzebuword" in shown
    assert "curriculum check a-01-sum sum.yaml" in shown
    assert exercise.find("textarea") is None and "parts:" not in shown  # no editor, no template
    assert "solutionibextoken" in notes(exercise) and "markingyaktoken" in notes(exercise)


def test_the_deck_is_in_page_order_and_leaves_out_the_answer_key(built, deck) -> None:
    kinds = [next(c for c in s["class"] if c.startswith("course-deck-")) for s in deck]
    assert kinds == [
        "course-deck-title",
        "course-deck-objectives",
        "course-deck-slide",
        "course-deck-slide",
        "course-deck-exercise",
        "course-deck-quiz",
        "course-deck-quiz",
    ]
    text = built().text("a-01.html")
    assert "Answer key" not in text  # the quiz slides reveal the answers
    for token in NOTE_TOKENS[:-1]:
        assert text.count(token) == 1, token  # every trainer-only block once, in the notes


def test_a_module_without_slides_still_has_a_deck(built) -> None:
    deck = slides_of(built().html("a-02"))
    assert [s["id"] for s in deck] == ["title", "objectives"]
    assert deck[0].h1.get_text() == "Second module"


def test_the_class_deck(built) -> None:
    deck = slides_of(built().html("class"))
    assert deck[0].h1.get_text() == "Test course"
    assert "Release 9.9" in visible(deck[0])
    welcome = deck[1]
    assert welcome.h2.get_text() == "Welcome classgnutoken"
    assert "classnotetoken" in notes(welcome)
    days = next(s for s in deck if s.h2 is not None and s.h2.get_text() == "The days")
    # one slide below it (reveal.js's vertical slides) per learning path
    paths = [s for s in deck if s.get("id", "").startswith("agenda-")]
    assert [p["id"] for p in paths] == ["agenda-px", "agenda-py"]
    assert all(p.parent is days.parent for p in paths)
    assert paths[0].h3.get_text() == "Analyst path: 1 h 15 min, 1 day"
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in paths[0].select("tbody tr")
    ]
    # the day as `curriculum schedule` plans it: opening, modules, close
    assert rows == [
        ["Day 1", "09:00", "Opening"],
        ["", "09:20", "a-01 First module"],
        ["", "09:50", "a-02 Second module"],
        ["", "10:35", "Close"],
    ]


@pytest.mark.parametrize("edition", ["learner", "trainer"])
@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_no_slide_text_in_any_other_build(built, builder: str, edition: str) -> None:
    result = built(builder, edition)
    assert warning_lines(result) == []
    for folder in (result.outdir, result.doctreedir):
        for token in SLIDE_TOKENS:
            assert files_containing(folder, token) == [], (token, folder)
    # the class deck's page is not a page of the site or the books
    assert not list(result.outdir.rglob("class-deck*"))
    assert files_containing(result.outdir, "classnotetoken") == []


def test_the_decks_are_trainer_material(built) -> None:
    learner = built("revealjs", "learner")
    assert "decks are trainer material" in learner.warnings
    assert not list(learner.outdir.glob("*.html"))
    for token in NOTE_TOKENS:
        assert files_containing(learner.outdir, token) == [], token


def test_an_html_build_never_loads_the_deck_extension(tmp_path: Path) -> None:
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path, confoverrides={})
    try:
        assert "sphinx_revealjs" not in app.extensions
        assert "curriculum.ext.deck" not in app.extensions
    finally:
        app.cleanup()


def _deck_of(course_copy, tmp_path: Path, page: str) -> tuple[Built, int]:
    """The test course's decks with ``page`` added to a-02, and the line it starts on."""
    src = course_copy("slides")
    target = src / "modules" / "a-02" / "index.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text + page, encoding="utf-8")
    start = text.count("\n") + 1 + len(page) - len(page.lstrip("\n"))
    return build(src, tmp_path / "out", "revealjs", "trainer", tags=(DECK_TAG,)), start


def test_a_slide_without_a_title_is_a_located_warning(course_copy, tmp_path: Path) -> None:
    result, line_number = _deck_of(course_copy, tmp_path, "\n```{slide}\n- untitledtoken\n```\n")
    (line,) = warning_lines(result)
    assert f"modules/a-02/index.md:{line_number}" in line and "needs a title" in line
    assert line.endswith("[course.slide]")
    assert "untitledtoken" not in (result.outdir / "a-02.html").read_text(encoding="utf-8")


def test_a_trainer_note_inside_a_slide_becomes_its_speaker_note(course_copy, tmp_path) -> None:
    page = "\n::::{slide} Nested\n- shown\n\n:::{trainer-note}\nnestedtoken\n:::\n::::\n"
    result, _line = _deck_of(course_copy, tmp_path, page)
    (line,) = warning_lines(result)
    assert "would be projected to learners" in line and "[course.slide]" in line
    (slide,) = [s for s in slides_of(result.html("a-02")) if s["id"] == "nested"]
    assert "nestedtoken" in notes(slide) and "nestedtoken" not in visible(slide)


# --- lint -----------------------------------------------------------------------------


def test_lint_accepts_a_slide_written_for_projection() -> None:
    text = "## A\n\n```{slide} Three questions\n- one\n- two\n- three\n```\n"
    assert slide_problems("modules/a-01/index.md", text, decked=True) == []


def test_lint_refuses_a_slide_without_title_or_with_trainer_text() -> None:
    text = "```{slide}\n- x\n```\n\n::::{slide} T\n- y\n\n:::{solution}\nz\n:::\n::::\n"
    found = slide_problems("modules/a-01/index.md", text, decked=True)
    assert [(p.line, p.code, p.severity) for p in found] == [
        (1, "slide", "error"),
        (8, "slide", "error"),
    ]
    assert "no title" in found[0].message and "{solution}" in found[1].message


def test_lint_warns_about_a_full_slide_and_a_slide_no_deck_shows() -> None:
    bullets = "".join(f"- bullet {n}\n" for n in range(MAX_BULLETS + 1))
    found = slide_problems("modules/x.md", f"```{{slide}} Many\n{bullets}```\n", decked=False)
    assert [(p.code, p.severity) for p in found] == [("slide", "error"), ("slide-size", "warning")]
    assert "becomes no deck" in found[0].message
    assert f"{MAX_BULLETS + 1} bullets" in found[1].message
    words = " ".join(["word"] * 61)
    (found_words,) = slide_problems(
        "modules/a-01/index.md", f"```{{slide}} T\n{words}\n```\n", True
    )
    assert "62 words" in found_words.message  # the title counts


def test_lint_of_a_course_checks_slides_where_they_are(course_copy) -> None:
    from curriculum.lint import lint_course

    src = course_copy("slides")
    catalogue = src / "catalogue.md"
    catalogue.write_text(catalogue.read_text() + "\n```{slide} Lost\n- x\n```\n")
    problems = [p for p in lint_course(src) if p.code.startswith("slide")]
    assert [(p.path, p.code) for p in problems] == [("catalogue.md", "slide")]


# --- the command ---------------------------------------------------------------------


def test_slides_pdf_without_chromium_says_what_to_install(monkeypatch) -> None:
    from curriculum.cli.main import cli

    monkeypatch.setattr("curriculum.print.chromium.find_chromium", lambda: None)
    result = CliRunner().invoke(cli, ["slides", "--pdf", "--root", str(ROOT)])
    assert result.exit_code == 2
    assert "Chromium was not found" in result.stderr
    assert "apt-get install chromium" in result.stderr


def test_slides_builds_the_decks_into_the_trainer_folder(tmp_path: Path) -> None:
    from curriculum.cli.main import cli

    result = CliRunner().invoke(cli, ["slides", "--builddir", str(tmp_path), "--root", str(ROOT)])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["trainer"]  # nothing in learner/
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'trainer' / 'slides' / 'a-01.html'}  7 slides" in lines
    assert lines[-1].startswith("4 decks; open ")
