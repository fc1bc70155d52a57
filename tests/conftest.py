"""Shared fixtures. Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from curriculum.checker.runtime import Runtime, RuntimeMissing, find_runtime

from .browserutil import CHROMIUM_FLAGS, chromium_path

pytest_plugins = ["sphinx.testing.fixtures", "curriculum.cli.pytest_plugin"]
collect_ignore = ["roots"]

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
REPO = TESTS.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def course_copy(tmp_path: Path):
    """Copy a test root to a private folder, to be edited by the test."""

    def copy(name: str = "course") -> Path:
        target = tmp_path / f"src-{name}"
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


def sphinx_build(
    srcdir: Path, outdir: Path, *args: str, builder: str = "html", edition: str = "learner"
) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build as a user would (strict), returning the finished process."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        "-W",
        "-n",
        "--keep-going",
        "-q",
        "-d",
        str(outdir / "doctrees"),
        "-D",
        f"course_edition={edition}",
        *args,
        str(srcdir),
        str(outdir / builder),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory):
    """The whole course built as `make html` / `make trainer` build it, once per session
    for each edition, builder and job count, strict (no warnings), and shared."""
    cache: dict[tuple[str, str, str], Path] = {}

    def get(edition: str = "learner", builder: str = "html", jobs: str = "1") -> Path:
        key = (edition, builder, jobs)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"course-{edition}-{builder}-j{jobs}")
            result = sphinx_build(REPO, out, "-j", jobs, builder=builder, edition=edition)
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr, result.stderr
            cache[key] = out
        return cache[key]

    return get


@pytest.fixture(scope="session")
def course_decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole course's decks as `make slides` builds them (strict, trainer edition),
    once per session: the folder holding ``<module-id>.html`` and ``class.html``."""
    from curriculum.print.decks import build_decks, slides_dir

    builddir = tmp_path_factory.mktemp("course-decks")
    build_decks(REPO, builddir)  # raises with Sphinx's output on any warning
    return slides_dir(builddir)


# --- the browser: one Chromium for the whole session (Playwright allows one sync driver) ---


def missing_tool(message: str) -> None:
    """Skip with the install command; under CI, fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def graphviz() -> None:
    """Graphviz's dot, which draws the {diagram} figures; skip without it (fail under CI)."""
    if shutil.which("dot") is None:
        missing_tool(
            "Graphviz is not installed: run .ci/install-system-deps (Debian: apt-get install "
            "graphviz)"
        )


def checker_runtime() -> Runtime:
    """The in-page checker's runtime; without it, skip with what to run (fail under CI)."""
    try:
        return find_runtime()
    except RuntimeMissing as err:
        missing_tool(f"{err} (or: make checker-runtime)")
        raise  # missing_tool does not return


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        missing_tool(
            "Chromium is not installed: run .ci/install-system-deps "
            "(Debian: apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh browser context and page; console errors, page errors and failed
    requests are collected in ``page.problems``."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def failed(request: Any) -> None:
        # a reload or navigation aborts requests still in flight (the icon, a font):
        # that is the test moving on, not a broken site
        if "ERR_ABORTED" not in (request.failure or ""):
            problems.append(f"failed request {request.url} ({request.failure})")

    page.on("requestfailed", failed)
    page.problems = problems
    yield page
    context.close()
