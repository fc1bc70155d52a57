"""The built site in a real browser: Debian's Chromium driven by Playwright.

Without Chromium these tests are skipped with the command that installs it;
under CI (``CI=true``) they fail instead, so a green CI run has run them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .browserutil import serving
from .conftest import ROOTS
from .sphinxutil import Built, build, warning_lines

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(ROOTS / "test-course", tmp_path_factory.mktemp("browser-site"))
    assert warning_lines(built) == []
    return built


@pytest.fixture(scope="module")
def served(site: Built) -> Iterator[str]:
    """The built site on a loopback port."""
    with serving(site.outdir) as address:
        yield address


def test_quiz_wrong_then_right_shows_each_feedback(page, served: str) -> None:
    page.goto(f"{served}/modules/a-01/index.html")
    question = page.locator("#quiz-a-01-check-q1")
    result = question.locator(".course-quiz-result")
    question.get_by_label("5").check()
    question.get_by_role("button", name="Check answer").click()
    assert result.inner_text().startswith("Not yet")
    assert question.get_by_text("No, count again.").is_visible()
    assert not question.get_by_text("Right, quizfeedbackrighttoken.").is_visible()
    question.get_by_label("4").check()
    question.get_by_role("button", name="Check answer").click()
    assert result.inner_text().startswith("Correct")
    assert question.get_by_text("Right, quizfeedbackrighttoken.").is_visible()
    assert not question.get_by_text("No, count again.").is_visible()
    assert page.problems == []


def test_multiple_choice_needs_every_right_answer(page, served: str) -> None:
    page.goto(f"{served}/modules/a-01/index.html")
    question = page.locator("#quiz-a-01-check-q2")
    result = question.locator(".course-quiz-result")
    question.get_by_label("2").check()
    question.get_by_role("button").click()
    assert result.inner_text().startswith("Not yet")
    question.get_by_label("4").check()
    question.get_by_role("button").click()
    assert result.inner_text().startswith("Correct")


def test_quiz_works_with_the_keyboard_alone(page, served: str) -> None:
    page.goto(f"{served}/modules/a-01/index.html")
    page.locator("#quiz-a-01-check-q1-0").focus()
    page.keyboard.press("Space")  # choose A
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    assert (
        page.locator("#quiz-a-01-check-q1 .course-quiz-result").inner_text().startswith("Correct")
    )


def test_quiz_works_from_a_file_url(page, site: Built) -> None:
    page.goto((site.outdir / "modules" / "a-01" / "index.html").as_uri())
    question = page.locator("#quiz-a-01-check-q1")
    question.get_by_label("4").check()
    question.get_by_role("button").click()
    assert question.locator(".course-quiz-result").inner_text().startswith("Correct")
    assert page.problems == []


def test_learner_page_holds_no_answer_key(site: Built) -> None:
    """Quizzes are self-checks (quiz_directive.py): each option says whether it is
    right, openly; the explained answer key and model answers stay trainer-only."""
    html = Path(site.outdir / "modules" / "a-01" / "index.html").read_text()
    assert "Answer key" not in html and "solutionibextoken" not in html
    quiz = BeautifulSoup(html.split('<section class="course-quiz"')[1], "html.parser")
    rights = {i["id"]: i["data-right"] for i in quiz.select("input[id^=quiz-a-01-check-q1-]")}
    assert rights == {"quiz-a-01-check-q1-0": "true", "quiz-a-01-check-q1-1": "false"}
