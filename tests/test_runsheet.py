"""The run sheet: the first thing on a module page of the trainer edition."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from curriculum.core.project import load_project

from .conftest import REPO

PROJECT = load_project(REPO)
MODULES = [m.id for m in PROJECT.modules]


def trainer_page(course, module_id: str) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    page = course("trainer") / "html" / "modules" / module_id / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("module_id", MODULES)
def test_a_module_opens_with_its_timing_and_run_sheet(course, module_id: str) -> None:
    soup = trainer_page(course, module_id)
    section = soup.select_one("section")
    blocks = [
        child
        for child in section.find_all(recursive=False)
        if child.name not in ("h1", "span") and "course-page-nav" not in child.get("class", [])
    ]
    classes = [block.get("class", []) for block in blocks[:3]]
    # the timing plan and the run sheet come before the module overview
    assert "course-timing-plan" in classes[0] and "course-run-sheet" in classes[1], classes
    assert "course-module-header" in classes[2], classes
    plan = blocks[0]
    times = [tr.select("td")[0].get_text() for tr in plan.select("tbody tr")]
    assert times[0].startswith("09:00–") and all("–" in t for t in times)
    minutes = [int(tr.select("td")[1].get_text()) for tr in plan.select("tbody tr")]
    assert times[-1].endswith(f"{9 + (sum(minutes)) // 60:02d}:{sum(minutes) % 60:02d}")
    parts = [r.get_text() for r in blocks[1].select(".rubric")]
    assert parts == ["Before the session", "Print", "Groups", "Prompts to use", "Collect"]
    module = next(m for m in PROJECT.modules if m.id == module_id)
    for exercise in module.meta.exercises:
        spec = yaml.safe_load((REPO / "exercises" / exercise / "exercise.yaml").read_text())
        artefact = spec["artefact"]
        assert artefact in blocks[1].get_text()  # what to print and what to collect
    assert len(soup.select(".course-timing-plan")) == 1  # moved, not copied


def test_what_the_run_sheet_takes_leaves_the_note(course) -> None:
    soup = trainer_page(course, "dsk-01")
    sheet = soup.select_one(".course-run-sheet").get_text()
    assert "Print the matrix and the two definition tables on one sheet per learner" in sheet
    assert "Who in your organisation can declare a major incident at 23:00" in sheet
    assert "Pairs: Incident, service request or problem" in sheet  # from the timing plan
    # what to print: the answer form and case sheet, and the kit's sheets and cards
    assert "The answer form for triage-batch.yaml, with its case sheet" in sheet
    assert "From the classroom kit: Sorting cards: incident, service request or problem." in sheet
    (note,) = [n for n in soup.select(".course-trainer-note") if "Running this module" in n.text]
    assert "Before the session" not in note.get_text()
    assert "Who in your organisation can declare" not in note.get_text()
    assert "Facilitation steps" in note.get_text()  # what the sheet does not take stays


def test_learners_never_see_a_run_sheet(course) -> None:
    html = course("learner") / "html"
    for page in (html / "modules").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "course-run-sheet" not in text and "Run sheet" not in text, page
