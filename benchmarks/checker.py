"""The in-page checker's figures: what it adds to the site and the offline zip, and
how long a learner waits for a result in Chromium.

The site is opened from the unzipped offline package (``file://``, network off), as
a learner with the zip opens it. Each figure is timed in the page, from the click
on "Check my file" to the verdict appearing: the first check in a new browser
context (cold: the checker's scripts load and Pyodide starts), and later checks in
the same page (warm).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from curriculum.print.offline import make_offline
from tests.browserutil import CHROMIUM_FLAGS, chromium_path

#: a wrong first answer, then the right one: both are checked in the warm runs
_TIMER = """() => {
  window.__clicked = null; window.__answered = null;
  const button = document.querySelector('.course-checker-check');
  button.addEventListener('click', () => {
    window.__clicked = performance.now(); window.__answered = null;
  }, true);
  const results = document.querySelector('.course-checker-results');
  new MutationObserver(() => {
    if (window.__clicked !== null && window.__answered === null
        && results.querySelector('.course-checker-verdict')) {
      window.__answered = performance.now();
    }
  }).observe(results, {childList: true, subtree: true});
}"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def sizes(site: Path, archive: Path, work: Path) -> dict[str, Any]:
    """Bytes of _static/checker/, and of the offline zip (``archive``) with and without it."""
    with_it = archive.stat().st_size
    bare = work / "site-without-checker"
    shutil.copytree(site, bare, ignore=shutil.ignore_patterns("checker"))
    without = make_offline(bare, work / "without.zip", "course")
    shutil.rmtree(bare)
    return {
        "checker_site_mb": folder_bytes(site / "_static" / "checker") / 1e6,
        "checker_zip_mb": (with_it - without) / 1e6,
        "detail": {
            "offline_zip_mb": with_it / 1e6,
            "offline_zip_without_checker_mb": without / 1e6,
        },
    }


def timings(
    archive: Path, page: str, exercise: str, solution: str, runs: int, notes: list[str]
) -> dict[str, Any]:
    """Cold and warm seconds from the click to the verdict, from the offline zip
    ``archive`` unzipped and opened from file:// with the network off."""
    found: dict[str, Any] = {"checker_first_s": None, "checker_warm_s": None}
    chromium = chromium_path()
    if chromium is None:
        notes.append("checker times not measured: Chromium is missing (apt-get install chromium)")
        return found
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        notes.append("checker times not measured: Playwright is not installed (make test)")
        return found
    with tempfile.TemporaryDirectory(prefix="checker-bench-") as temp:
        zipfile.ZipFile(archive).extractall(temp)
        address = (Path(temp) / "course" / page).as_uri()
        cold: list[float] = []
        warm: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            for _ in range(runs):
                context = browser.new_context()
                context.set_offline(True)
                tab = context.new_page()
                tab.goto(address)
                tab.wait_for_selector(".course-checker-check")
                tab.evaluate(_TIMER)
                editor = tab.locator(f"#course-checker-{exercise}")
                for attempt in range(6):
                    editor.fill(solution if attempt % 2 else solution + "extra: 1\n")
                    tab.locator(".course-checker-check").click()
                    tab.wait_for_function("window.__answered !== null", timeout=120_000)
                    seconds = tab.evaluate("(window.__answered - window.__clicked) / 1000")
                    (warm if attempt else cold).append(seconds)
                context.close()
            browser.close()
    found["checker_first_s"] = statistics.median(cold)
    found["checker_warm_s"] = statistics.median(warm)
    return found


def in_page_checker(
    site: Path, page: str, exercise: str, solution: str, runs: int, notes: list[str]
) -> dict[str, Any]:
    """Every figure of the checker for one built site (``_build/learner/html``)."""
    if not (site / "_static" / "checker").is_dir():
        notes.append("checker not measured: the site was built without it (make checker-runtime)")
        return {
            "checker_first_s": None,
            "checker_warm_s": None,
            "checker_site_mb": None,
            "checker_zip_mb": None,
            "detail": {},
        }
    with tempfile.TemporaryDirectory(prefix="checker-zip-") as temp:
        archive = Path(temp) / "course.zip"
        make_offline(site, archive, "course")  # once, for its size and to open from disk
        found = sizes(site, archive, Path(temp))
        found.update(timings(archive, page, exercise, solution, runs, notes))
    return found
