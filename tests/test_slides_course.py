"""The real course's decks, built as `make slides` builds them (one shared build), and
what they must never leak into: every learner file, the trainer site and the books."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from curriculum.core.project import load_project
from curriculum.print.decks import count_slides

from .conftest import REPO
from .sphinxutil import readable_bytes
from .test_course_build import trainer_passages
from .test_slides import notes, slides_of, visible

pytestmark = pytest.mark.fullbuild

PROJECT = load_project(REPO)
MODULES = [m.id for m in PROJECT.modules]
#: the modules whose slides are written (the worked examples): their teaching sections
AUTHORED = {"dsk-01": 5, "rel-01": 7}
#: where a module's teaching sections end
AFTER_TEACHING = ("From each seat", "Common pitfalls", "Key points")


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def deck(folder: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((folder / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_every_module_has_a_deck_and_there_is_a_class_deck(course_decks: Path) -> None:
    # the build is strict (-W): it got here with no warning
    assert sorted(p.stem for p in course_decks.glob("*.html")) == sorted([*MODULES, "class"])


@pytest.mark.parametrize("module_id", MODULES)
def test_every_deck_has_title_objectives_quiz_exercise_and_notes(
    course_decks: Path, module_id: str
) -> None:
    record = next(m for m in PROJECT.modules if m.id == module_id)
    slides = slides_of(deck(course_decks, module_id))
    assert slides[0].h1.get_text() == record.meta.title
    assert f"Timing plan ({record.meta.duration} minutes)" in notes(slides[0])
    assert len(slides[1].select("ol > li")) == len(record.meta.objectives)
    questions = [s for s in slides if "course-deck-quiz" in s["class"]]
    assert len(questions) == sum(q.questions for q in PROJECT.quizzes[module_id])
    assert all(q.select(".fragment.course-deck-answer") for q in questions)
    exercises = [s for s in slides if "course-deck-exercise" in s["class"]]
    assert bool(exercises) == bool(record.meta.exercises)
    assert count_slides(course_decks / f"{module_id}.html") == len(slides)


@pytest.mark.parametrize("module_id", sorted(AUTHORED))
def test_the_worked_examples_have_a_slide_per_teaching_section(
    course_decks: Path, module_id: str
) -> None:
    text = (REPO / "modules" / module_id / "index.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", text, re.M)
    teaching = sections[: min(sections.index(s) for s in AFTER_TEACHING)]
    assert len(teaching) == AUTHORED[module_id]
    slides = [
        s for s in slides_of(deck(course_decks, module_id)) if "course-deck-slide" in s["class"]
    ]
    assert len(slides) == len(teaching)
    assert all(len(slide.select("li")) <= 6 for slide in slides)
    assert sum(1 for slide in slides if notes(slide)) >= len(slides) - 2  # the trainer notes


def test_the_class_deck_has_its_parts_and_an_agenda_per_path(course_decks: Path) -> None:
    slides = slides_of(deck(course_decks, "class"))
    titles = [(s.h1 or s.h2 or s.h3).get_text() for s in slides]
    assert titles[0] == "Service management that works"
    assert {"Welcome", "How the class works", "Brightwater Logistics", "Before you go"} <= set(
        titles
    )
    agendas = [s for s in slides if s["id"].startswith("agenda-")]
    assert [s["id"] for s in agendas] == [f"agenda-{p.id}" for p in PROJECT.programme.paths]


# --- what a deck holds and nothing else may ------------------------------------------


def _texts(soup: BeautifulSoup, selector: str) -> set[str]:
    found = set()
    for block in soup.select(selector):
        for part in block.find_all(["h1", "h2", "h3", "p", "li", "td"]):
            text = " ".join(part.get_text(" ").split())
            if len(text) >= 20:
                found.add(text)
    return found


def _site_text(html: Path, drop_trainer: bool) -> str:
    pages = []
    for page in html.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if drop_trainer:
            for block in soup.select(".trainer-only"):
                block.decompose()
        pages.append(" ".join(soup.get_text(" ").split()))
    return squash("\n".join(pages))


def _haystacks(*folders: Path) -> list[tuple[str, str]]:
    out = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = readable_bytes(path).decode("utf-8", "replace")
                if path.suffix == ".html":
                    data = BeautifulSoup(data, "html.parser").get_text(" ")
                out.append((str(path), squash(data)))
    return out


@pytest.fixture(scope="module")
def slide_passages(course_decks: Path, course) -> set[str]:
    """Text of the slides that the trainer site does not also hold (a slide may repeat a
    phrase of its page: "Three questions sort a call" is also a key point)."""
    trainer_site = _site_text(course("trainer") / "html", drop_trainer=False)
    found: set[str] = set()
    for path in course_decks.glob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for slide in soup.select("section.course-deck-slide"):
            for note in slide.select("aside.notes"):
                note.decompose()
        found |= _texts(soup, "section.course-deck-slide")
    return {p for p in found if squash(p) not in trainer_site}


def test_no_slide_text_in_the_learner_output_the_trainer_site_or_the_books(
    slide_passages: set[str], course
) -> None:
    assert len(slide_passages) > 40, "dsk-01, rel-01 and the class deck hold plenty"
    haystacks = _haystacks(
        course("learner"),  # html/ (pages, search index) and doctrees/
        course("trainer"),
        course("learner", "latex"),
        course("trainer", "latex"),
    )
    leaks = [
        (name, p[:50]) for p in slide_passages for name, data in haystacks if squash(p) in data
    ]
    assert leaks == []


def test_no_speaker_note_in_the_learner_output(course_decks: Path, course) -> None:
    """Every deck's notes are trainer-only text: none of it reaches a learner's file
    (the module pages' notes are also checked by the site's own leak test; the class
    deck's exist nowhere but in its deck)."""
    learner_text = _site_text(course("trainer") / "html", drop_trainer=True)
    passages: set[str] = set()
    for path in course_decks.glob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        passages |= {p for p in _texts(soup, "aside.notes") if len(p) >= 40}
    # a note's line may repeat learner text (a timing plan names the sections)
    passages = {p for p in passages if squash(p) not in learner_text}
    assert len(passages) > 100
    class_notes = _texts(deck(course_decks, "class"), "aside.notes")
    assert class_notes and all(squash(p) not in learner_text for p in class_notes)
    haystacks = _haystacks(course("learner"), course("learner", "latex"))
    leaks = [(name, p[:50]) for p in passages for name, data in haystacks if squash(p) in data]
    assert leaks == []


@pytest.mark.parametrize("module_id", MODULES)
def test_every_trainer_block_of_a_module_is_in_its_decks_notes(
    course_decks: Path, course, module_id: str
) -> None:
    """The module page's trainer notes, model answers and timing plan are the deck's
    speaker notes; only the quiz's answer key is left out (its slides show the answers)."""
    page = course("trainer") / "html" / "modules" / module_id / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    blocks = [b for b in soup.select(".trainer-only") if "course-quiz-key" not in b["class"]]
    assert blocks
    said = squash(" ".join(notes(s) for s in slides_of(deck(course_decks, module_id))))
    for block in blocks:
        body = squash(block.get_text(" "))
        assert body and body in said, block.select_one(".admonition-title").get_text()


def test_the_decks_show_no_trainer_text_on_a_slide(course_decks: Path, course) -> None:
    """Slides are projected to the class: trainer-only text is only ever in the notes."""
    passages = [squash(p) for p in trainer_passages(course("trainer") / "html")]
    for path in course_decks.glob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        shown = squash(" ".join(visible(s) for s in slides_of(soup)))
        assert [p for p in passages if p in shown] == [], path.name
