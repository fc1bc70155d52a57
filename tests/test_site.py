"""The learner site of the real course in Chromium: navigation, search, progress,
the offline package and printing (axe-core on every page: test_accessibility.py).

Chromium is Debian's. Without it these tests are skipped with the install
command, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculum.print.offline import make_offline, remote_requests

from .browserutil import serving

pytestmark = pytest.mark.browser
PAGES = {
    "home": "index.html",
    "module": "modules/rel-01/index.html",
    "path": "modules/programme/paths/operations.html",
    "catalogue": "modules/programme/catalogue.html",
    "glossary": "modules/programme/glossary.html",
}


@pytest.fixture(scope="module")
def site(course) -> Path:  # type: ignore[no-untyped-def]
    """The learner site, built once per session and shared with test_course_build."""
    return course("learner") / "html"


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serving(site) as address:
        yield address


def test_navigation_from_home_to_a_module(page, base: str) -> None:
    page.goto(f"{base}/index.html")
    page.get_by_role("navigation", name="Course").get_by_text("Foundations and values").click()
    page.get_by_role("link", name="fnd-01 Why a different service-management course?").click()
    assert page.url.endswith("/modules/fnd-01/index.html")
    assert page.locator("h1").inner_text().startswith("Why a different service-management course?")
    page.get_by_role("link", name="Next").click()
    assert page.url.endswith("/modules/fnd-02/index.html")


@pytest.mark.parametrize(
    "term, expected",
    [
        ("error budget", "SLIs and SLOs from the user"),
        ("watermelon", "Glossary"),
        ("SLO", "An SLO for one user journey"),
    ],
)
def test_search_finds_key_terms(page, base: str, term: str, expected: str) -> None:
    page.goto(f"{base}/search.html?q={term.replace(' ', '+')}")
    page.wait_for_selector("ul.search li", timeout=10_000)
    results = page.locator("ul.search li").all_inner_texts()
    assert any(expected in r for r in results), results
    assert page.problems == []


def test_marking_a_module_done_survives_a_reload(page, base: str) -> None:
    page.goto(f"{base}/modules/fnd-01/index.html")
    button = page.locator(".course-done-toggle")
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")  # the keyboard alone is enough
    page.reload()
    assert page.locator(".course-done-toggle").get_attribute("aria-pressed") == "true"
    page.goto(f"{base}/modules/programme/catalogue.html")
    row = page.locator("tr.course-m-fnd-01")
    assert "course-done" in (row.get_attribute("class") or "")
    assert row.locator(".course-tick").count() == 1
    page.goto(f"{base}/modules/programme/paths/operations.html")
    assert page.locator(".course-path-progress-text").inner_text().startswith("1 of ")
    assert page.locator(".course-path-progress progress").get_attribute("value") == "1"
    reset = page.locator(".course-progress-reset")
    reset.click()
    reset.click()  # the second click confirms
    assert page.locator(".course-path-progress-text").inner_text().startswith("0 of ")
    page.reload()
    assert page.locator("tr.course-m-fnd-01 .course-tick").count() == 0
    assert page.problems == []


def test_quiz_results_are_kept(page, base: str) -> None:
    page.goto(f"{base}/modules/rel-01/index.html")
    question = page.locator("section.course-quiz fieldset").first
    question.locator("input").first.check()
    question.get_by_role("button", name="Check answer").click()
    page.reload()
    saved = page.locator(".course-quiz-saved")
    assert saved.inner_text().startswith("Your answers so far:")


@pytest.mark.parametrize("kind", [*PAGES, "search", "not-found", "crosswalk", "path-list"])
def test_no_console_errors_on_any_page_type(page, base: str, kind: str) -> None:
    address = {
        "search": "search.html?q=swarming",
        "not-found": "404.html",
        "crosswalk": "modules/programme/crosswalk.html",
        "path-list": "modules/programme/paths/index.html",
    }.get(kind) or PAGES[kind]
    response = page.goto(f"{base}/{address}")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.problems == []


def test_print_opens_folded_content_hides_navigation_keeps_the_header(page, base: str) -> None:
    page.set_viewport_size({"width": 600, "height": 900})  # the navigation folds away
    page.goto(f"{base}/modules/rel-01/index.html")
    assert page.locator("details.course-nav-toggle").get_attribute("open") is None
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.course-nav-toggle").get_attribute("open") == ""
    page.emulate_media(media="print")
    assert not page.locator("nav.course-nav").is_visible()
    assert not page.locator("header.course-banner").is_visible()
    assert page.locator("section.course-module-header").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details.course-nav-toggle").get_attribute("open") is None


def test_offline_zip_works_from_file_urls_without_network(
    browser, site: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "course.zip"
    size = make_offline(site, archive, "course")
    assert 0 < size < 20 * 1024 * 1024
    zipfile.ZipFile(archive).extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped" / "course"
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto((root / "modules" / "rel-01" / "index.html").as_uri())
    question = page.locator("section.course-quiz fieldset").first
    for option in question.locator("input").all():
        option.check()
        question.get_by_role("button", name="Check answer").click()
        if question.locator(".course-quiz-result").inner_text().startswith("Correct"):
            break
    assert question.locator(".course-quiz-result").inner_text().startswith("Correct")
    page.locator(".course-done-toggle").click()
    page.reload()
    assert page.locator(".course-done-toggle").get_attribute("aria-pressed") == "true"
    page.goto((root / "search.html").as_uri() + "?q=error+budget")
    page.wait_for_selector("ul.search li", timeout=10_000)
    assert page.locator("ul.search li").count() > 0
    context.close()
    assert [r for r in requests if not r.startswith("file://")] == []
    assert problems == []


def test_the_site_loads_nothing_from_elsewhere(site: Path) -> None:
    assert remote_requests(site) == []
