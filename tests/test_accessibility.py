"""axe-core on every page of both editions of the real course, in Chromium, and on the
states a page reaches only once a learner acts (answered quizzes, search results, a
search hit in code, a narrow window) that a page load alone does not show axe.

One test per edition walks every page and lists all the serious and critical
violations it finds, so one run shows everything to fix. Chromium is Debian's;
axe-core comes from the npm registry into .venv/npm (`make test` installs it).
Without them these tests are skipped with the install command, except under CI
(CI=true), where they fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .browserutil import serving
from .conftest import REPO, missing_tool

pytestmark = pytest.mark.browser

AXE = REPO / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
EDITIONS = ("learner", "trainer")
#: axe's own impact levels; "moderate" and "minor" are left to judgement
SERIOUS = ("serious", "critical")
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html}))}))"""
WIDE = {"width": 1280, "height": 720}  # Playwright's default
NARROW = {"width": 375, "height": 800}


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        missing_tool(
            "axe-core is not installed: run make test once (npm installs it into .venv/npm)"
        )
    return AXE


@pytest.fixture(scope="module", params=EDITIONS)
def edition(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def site(course, edition: str) -> Path:  # type: ignore[no-untyped-def]
    """The edition's site, built once per session and shared with the other tests."""
    return course(edition) / "html"


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serving(site) as address:
        yield address


def every_page(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if "_static" not in path.relative_to(site).parts
    )


def audit(page: Any, axe: Path, where: str) -> list[str]:
    """axe on the page as it is now: one readable line per serious or critical
    violation, with each offending element's selector and markup."""
    page.add_script_tag(path=str(axe))
    found = []
    for violation in page.evaluate(RUN_AXE):
        assert violation["impact"] in SERIOUS
        lines = [f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}"]
        for node in violation["nodes"]:
            html = " ".join(node["html"].split())
            lines.append(f"    {node['target']}\n        {html[:200]}")
        found.append("\n".join(lines))
    return found


def report(found: list[str], edition: str) -> str:
    return (
        f"{len(found)} serious or critical axe violation(s) in the {edition} edition:\n"
        + "\n".join(found)
    )


def test_axe_finds_no_serious_or_critical_violation_on_any_page(
    axe_script: Path, page, base: str, site: Path, edition: str
) -> None:
    pages = every_page(site)
    assert len(pages) > 40, pages  # the whole course, not a stray folder
    found: list[str] = []
    for name in pages:
        response = page.goto(f"{base}/{name}")
        assert response is not None and response.ok, name
        found += audit(page, axe_script, name)
    assert not found, report(found, edition)


# --- states a page load does not show -------------------------------------------------


def answered_and_done(page: Any) -> None:
    """Every quiz question checked (the first right, the others wrong: both verdicts and
    their feedback show), the module marked done, the reset armed, every folder opened."""
    for number, question in enumerate(page.locator("fieldset.course-quiz-question").all()):
        wanted = "true" if number == 0 else "false"
        question.locator(f"input[data-right='{wanted}']").first.check()
        question.get_by_role("button", name="Check answer").click()
    assert page.locator(".course-quiz-result-right").count() >= 1
    assert page.locator(".course-quiz-result-wrong").count() >= 1
    page.locator(".course-done-toggle").click()
    assert page.locator(".course-done-toggle").get_attribute("aria-pressed") == "true"
    page.locator(".course-progress-reset").click()  # armed: asks to be selected again
    open_everything(page)


def open_everything(page: Any) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def search_results(page: Any) -> None:
    page.wait_for_function(
        "(document.querySelector('p.search-summary') || {}).textContent"
        "?.startsWith('Search finished')",
        timeout=10_000,
    )
    page.wait_for_load_state("networkidle")  # the result summaries are fetched
    assert page.locator("ul.search li p.context").count() > 0


def hit_in_code(page: Any) -> None:
    hits = page.locator("div.highlight span.highlighted", has_text="exercise")
    assert hits.count() > 0


def code_scrolls(page: Any) -> None:
    scrolling = (
        "[...document.querySelectorAll('main pre')].filter(p => p.scrollWidth > p.clientWidth)"
    )
    assert page.evaluate(f"{scrolling}.length") > 1


#: (what, address, viewport or None, what to do before axe runs)
STATES: list[tuple[str, str, dict[str, int] | None, Callable[[Any], None]]] = [
    ("quizzes answered, module done", "modules/rel-01/index.html", None, answered_and_done),
    ("search results", "search.html?q=error+budget", None, search_results),
    (
        "search hit in code",
        "modules/contributing/exercises.html?highlight=exercise",
        None,
        hit_in_code,
    ),
    ("narrow, navigation open", "index.html", NARROW, open_everything),
    ("narrow, quizzes answered", "modules/rel-01/index.html", NARROW, answered_and_done),
    ("narrow, code scrolls", "modules/contributing/exercises.html", NARROW, code_scrolls),
]


def test_axe_finds_no_serious_or_critical_violation_in_interactive_states(
    axe_script: Path, page, base: str, edition: str
) -> None:
    found: list[str] = []
    for what, address, viewport, act in STATES:
        if page.url.startswith(base):  # no progress or search terms from the state before
            page.evaluate("localStorage.clear()")
        page.set_viewport_size(viewport or WIDE)
        response = page.goto(f"{base}/{address}")
        assert response is not None and response.ok, address
        act(page)
        found += audit(page, axe_script, f"{address} [{what}]")
    assert not found, report(found, edition)
