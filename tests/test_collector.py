"""The garbage collector's settings during a build (curriculum.ext.collector)."""

from __future__ import annotations

import gc
import subprocess
import sys
from io import StringIO
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from curriculum.ext import collector

from .conftest import ROOTS


def test_thresholds_are_raised_for_a_build_and_put_back() -> None:
    before = gc.get_threshold()
    try:
        collector.tune_for_build()
        raised = gc.get_threshold()
        collector.tune_for_build()  # a second app in the same process saves nothing new
        assert gc.get_threshold() == raised
        assert all(r >= b for r, b in zip(raised, collector.BUILD_THRESHOLD, strict=True))
        collector.restore()
        assert gc.get_threshold() == before
        collector.restore()  # nothing saved: nothing changes
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*before)


def test_a_sphinx_build_leaves_the_process_as_it_found_it(tmp_path: Path) -> None:
    before = gc.get_threshold()
    app = SphinxTestApp(
        "html",
        srcdir=ROOTS / "test-course",
        builddir=tmp_path,
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        assert gc.get_threshold()[0] >= collector.BUILD_THRESHOLD[0]  # set up for the build
        app.build()
    finally:
        app.cleanup()
    assert gc.get_threshold() == before


def test_the_heap_is_frozen_at_exit_not_collected() -> None:
    """The interpreter's final collections skip frozen objects: a process that built
    the course ends at once instead of walking its whole heap again."""
    # counted from what the interpreter starts with: 0 on 3.11 and 3.13, but CPython
    # 3.12 begins with a few hundred tuples already in the permanent generation
    code = (
        "import atexit, gc\n"
        "start = gc.get_freeze_count()\n"
        "from curriculum.ext import collector\n"
        "collector.tune_for_build(); collector.restore()\n"
        "assert gc.get_freeze_count() == start\n"
        "atexit._run_exitfuncs()\n"
        "print(gc.get_freeze_count() - start)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert int(result.stdout) > 1000
