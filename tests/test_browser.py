"""The built site in a real browser: Debian's Chromium driven by Playwright.

Without Chromium these tests are skipped with the command that installs it;
under CI (``CI=true``) they fail instead, so a green CI run has run them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOTS
from .sphinxutil import Built, build, warning_lines

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL = "run .ci/install-system-deps (Debian: apt-get install chromium)"


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        message = f"Chromium is not installed: {INSTALL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(ROOTS / "test-course", tmp_path_factory.mktemp("browser-site"))
    assert warning_lines(built) == []
    return built


@pytest.fixture(scope="module")
def served(site: Built) -> Iterator[str]:
    """The built site on a loopback port."""
    handler = functools.partial(QuietHandler, directory=str(site.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed request {r.url}"))
    page.problems = problems
    yield page
    context.close()


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
    html = Path(site.outdir / "modules" / "a-01" / "index.html").read_text()
    assert "Answer key" not in html and "solutionibextoken" not in html
    assert "correct" not in html.split('<section class="course-quiz"')[1].split("</section>")[0]
