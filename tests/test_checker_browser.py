"""The in-page checker of the real course, in Chromium, with the network blocked.

The learner site is built as ``make html`` builds it (shared with the other tests
of the session), then read two ways: served over http, and unzipped from the
package ``curriculum offline`` makes and opened from disk (``file://``), where the
browser refuses fetch(). Each check runs the course's validators in Pyodide in a
Web Worker; what the page shows is compared with ``curriculum check``'s report.

Needs Chromium and the checker's runtime (``make checker-runtime``); without them
the tests are skipped with the command, and fail under CI.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from curriculum.print.offline import make_offline
from curriculum.validation.registry import find_exercise, read_exercise
from curriculum.validation.service import check_report

from .browserutil import serving
from .conftest import REPO, checker_runtime
from .sphinxutil import parse_course_script

pytestmark = [pytest.mark.browser, pytest.mark.fullbuild]

EXERCISE = "rel-01-slo"
PAGE = "modules/rel-01/index.html"
EDITOR = f"#course-checker-{EXERCISE}"
SOLUTION = (REPO / "exercises" / EXERCISE / "solution.yaml").read_text(encoding="utf-8")
WRONG = SOLUTION.replace("error_budget_minutes: 201.6", "error_budget_minutes: 216")
WRONG_LINE = WRONG.split("\n").index("error_budget_minutes: 216") + 1
#: long enough for the slowest first check (loading Pyodide) on a busy 2-core machine
FIRST_CHECK_MS = 120_000


def cli(text: str, tmp_path: Path) -> dict[str, Any]:
    """What ``curriculum check rel-01-slo slo.yaml --format json`` says of ``text``."""
    folder = find_exercise(REPO, EXERCISE)
    assert folder is not None
    exercise = read_exercise(folder)[0]
    assert exercise is not None
    path = tmp_path / exercise.meta.artefact
    path.write_bytes(text.encode("utf-8"))
    return check_report(exercise, path, exercise.meta.artefact)[0]


@pytest.fixture(scope="module")
def site(course) -> Path:  # type: ignore[no-untyped-def]
    checker_runtime()
    built = course("learner") / "html"
    assert (built / "_static" / "checker" / "runtime.js").is_file()
    return built


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serving(site) as address:
        yield address


@pytest.fixture(scope="module")
def unzipped(site: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The offline package, unzipped as a learner would, as a file:// address."""
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "course.zip"
    make_offline(site, archive, "course")
    zipfile.ZipFile(archive).extractall(folder / "unzipped")
    return (folder / "unzipped" / "course").as_uri()


@pytest.fixture(params=["http", "file"])
def where(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def checker(browser, where: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A page at the rel-01 exercise, in a context where nothing leaves the machine:
    from disk the network is off; over http only the local server answers. Every
    request and console error is collected and checked at the end."""
    base = request.getfixturevalue("served" if where == "http" else "unzipped")
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    if where == "file":
        context.set_offline(True)
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")) or url.startswith(base + "/"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    requests: list[str] = []
    problems: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "worker",
        lambda w: w.on("console", lambda m: problems.append(m.text) if m.type == "error" else None),
    )
    page.goto(f"{base}/{PAGE}")
    page.wait_for_selector(".course-checker-check")
    page.base = base
    yield page
    context.close()
    assert outside == []
    assert [r for r in requests if not r.startswith(("file:", "data:", "blob:", base))] == []
    assert problems == []


def run_check(page) -> str:  # type: ignore[no-untyped-def]
    page.locator(".course-checker-check").click()
    page.wait_for_function(
        "() => { const b = document.querySelector('.course-checker-check');"
        " return !b.disabled && !b.hasAttribute('aria-busy')"
        " && !document.querySelector('.course-checker-results').hidden; }",
        timeout=FIRST_CHECK_MS,
    )
    return page.locator(".course-checker-verdict").inner_text()


def shown_findings(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(code, line button's text) of each finding the page shows."""
    found = []
    for item in page.locator(".course-checker-finding").all():
        code = item.locator(".course-checker-code").inner_text()
        line = item.locator(".course-checker-line")
        found.append((code, line.inner_text() if line.count() else ""))
    return found


def test_a_wrong_slo_then_the_fixed_one(checker, tmp_path: Path) -> None:
    page = checker
    page.locator(EDITOR).fill(WRONG)
    verdict = run_check(page)
    assert verdict.startswith("✗ 1 problem to fix")
    assert shown_findings(page) == [
        ("SLO-BUDGET-MINUTES", f"Line {WRONG_LINE}: error_budget_minutes")
    ]
    want = cli(WRONG, tmp_path)["findings"][0]
    item = page.locator(".course-checker-finding")
    assert want["message"] in item.locator(".course-checker-message").inner_text()
    assert want["hint"] in item.locator(".course-checker-hint-text").inner_text()
    # the line is marked beside the editor, and the button takes the cursor to it
    item.locator(".course-checker-line").click()
    caret = page.evaluate(
        f"() => {{ const t = document.querySelector('{EDITOR}');"
        " return t.value.slice(0, t.selectionStart).split('\\n').length; }"
    )
    assert caret == WRONG_LINE
    assert page.evaluate(f"document.activeElement.id === '{EDITOR[1:]}'")
    page.screenshot(path=str(tmp_path / "wrong.png"))

    # the learner fixes the one line
    page.locator(EDITOR).fill(
        WRONG.replace("error_budget_minutes: 216", "error_budget_minutes: 201.6")
    )
    assert run_check(page).startswith("✓ Passed")
    assert shown_findings(page) == []
    passed = page.locator(".course-checker-passed li").all_inner_texts()
    described = [c["description"] for c in cli(SOLUTION, tmp_path)["checks"]]
    assert passed == described and len(passed) >= 5
    review = page.locator(".course-checker-review li").all_inner_texts()
    assert review and review == cli(SOLUTION, tmp_path)["review"]
    page.get_by_role("button", name="Mark this exercise as done").click()
    assert page.locator(".course-checker-progress-done").inner_text().startswith("✓ Done")


def test_the_draft_survives_a_reload_and_a_reset_asks_first(checker) -> None:
    page = checker
    editor = page.locator(EDITOR)
    template = editor.input_value()
    editor.fill(WRONG)
    page.reload()  # straight away: leaving the page saves what was typed
    page.wait_for_selector(".course-checker-check")
    assert editor.input_value() == WRONG

    asked: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        asked.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.get_by_role("button", name="Start again from the template").click()
    assert asked and asked[0].startswith("Start again from the template?")
    assert editor.input_value() == WRONG  # "Cancel" keeps the draft
    page.once("dialog", lambda d: answer(d, True))
    page.get_by_role("button", name="Start again from the template").click()
    assert len(asked) == 2
    assert editor.input_value() == template
    page.get_by_role("button", name="Undo: bring back my draft").click()
    assert editor.input_value() == WRONG


def hostile_texts() -> dict[str, str]:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, 9):
        bomb += f"{chr(97 + level)}: &{chr(97 + level)} ["
        bomb += ",".join([f"*{chr(96 + level)}"] * 9) + "]\n"
    return {"two-megabytes": SOLUTION + "# " + "x" * 2_000_000 + "\n", "alias-bomb": bomb}


@pytest.mark.parametrize("name", sorted(hostile_texts()))
def test_hostile_text_gets_the_command_lines_findings_and_the_page_stays_responsive(
    checker, name: str, tmp_path: Path
) -> None:
    page = checker
    text = hostile_texts()[name]
    want = cli(text, tmp_path)
    codes = [f["code"] for f in want["findings"]]
    assert codes and all(code.startswith("file.") for code in codes)
    page.locator(EDITOR).fill(text)
    # a timer on the page's own thread counts its turns while the check runs: a check
    # that ran on this thread would leave it none
    page.evaluate(
        "() => { window.__turns = 0; const b = document.querySelector('.course-checker-check');"
        " window.__ticker = setInterval(() => { if (b.disabled) window.__turns++; }, 10); }"
    )
    run_check(page)
    turns = page.evaluate("() => { clearInterval(window.__ticker); return window.__turns; }")
    assert turns >= 3, "the page's thread was blocked while checking"
    assert [code for code, _line in shown_findings(page)] == codes
    report = page.evaluate(
        "([id, name, text]) => window.CourseChecker.check(id, name, text)",
        [EXERCISE, "slo.yaml", text],
    )
    assert report == want
    assert page.locator(EDITOR).input_value() == text  # nothing the learner wrote is lost


def test_a_check_that_runs_too_long_is_stopped_as_the_command_line_stops_it(
    browser, served: str, site: Path
) -> None:
    """course.js's time limit is cut to nothing, as if the validator ran forever."""
    context = browser.new_context()
    script = (site / "_static" / "checker" / "course.js").read_text(encoding="utf-8")
    assert '"timeLimit":10' in script
    quick = script.replace('"timeLimit":10', '"timeLimit":0.001')
    context.route(
        "**/_static/checker/course.js",
        lambda route: route.fulfill(body=quick, content_type="text/javascript"),
    )
    page = context.new_page()
    page.goto(f"{served}/{PAGE}")
    page.wait_for_selector(".course-checker-check")
    page.locator(EDITOR).fill(SOLUTION)
    run_check(page)
    # the limit is reached while reading or, if the file was read within it, checking;
    # the report is the command line's for that phase (file.timeout, internal-timeout)
    codes = [code for code, _line in shown_findings(page)]
    assert codes in (["file.timeout"], ["internal-timeout"])
    data = parse_course_script(quick)
    timeout = data["exercises"][EXERCISE]["timeout"]
    phase = "reading" if codes == ["file.timeout"] else "checking"
    assert timeout[phase]["findings"][0]["code"] == codes[0]
    message = page.locator(".course-checker-message").inner_text()
    assert timeout[phase]["findings"][0]["message"] in message
    # the next check starts a new worker and answers
    page.locator(EDITOR).fill(WRONG)
    context.unroute("**/_static/checker/course.js")
    run_check(page)
    assert [code for code, _line in shown_findings(page)] == ["SLO-BUDGET-MINUTES"]
    context.close()
