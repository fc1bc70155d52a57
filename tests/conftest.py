"""Shared fixtures. Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]
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
