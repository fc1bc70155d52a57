"""Writing the in-page checker into an HTML build (``_static/checker/``).

At ``builder-inited`` the runtime is looked for once; without it the pages say so
in each exercise block and point to the command line. Under CI, or when
``COURSE_CHECKER_RUNTIME`` names a folder, a missing runtime is a
``course.checker`` warning (fatal under ``-W``): a published site must not lose
its checker silently; a contributor without npm still gets a site. At
``build-finished`` the payload is made from the exercise folders and both scripts
are written, only when some page shows an exercise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx.util import logging

from curriculum.checker.payload import PayloadError, build_payload, fingerprint
from curriculum.checker.runtime import ENV_VARIABLE, Runtime, RuntimeMissing, find_runtime
from curriculum.checker.scripts import SCRIPTS, runtime_key, write_scripts
from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain
from curriculum.ext.warnings import CourseWarning, warn
from curriculum.validation.registry import all_exercises, read_exercise

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
OUT = "_static/checker"
#: what the last build wrote into OUT, in the doctree folder
RECORD = "course-checker.inputs"
_RUNTIME: WeakKeyDictionary[Sphinx, Runtime | None] = WeakKeyDictionary()


def _html(app: Sphinx) -> bool:
    """A site build: not the link check, nor the trainers' decks (which hold no editor)."""
    builder = app.builder
    if getattr(builder, "course_deck", False):
        return False
    return getattr(builder, "format", "") == "html" and builder.name != "linkcheck"


def _builder_inited(app: Sphinx) -> None:
    if not _html(app):
        return
    try:
        _RUNTIME[app] = find_runtime()
    except RuntimeMissing as err:
        _RUNTIME[app] = None
        message = f"the in-page checker is left out of this site: {err}"
        if os.environ.get("CI") == "true" or os.environ.get(ENV_VARIABLE):
            warn(message, CourseWarning.CHECKER)
        else:
            logger.info(message)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["course_checker"] = _RUNTIME.get(app) is not None


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    runtime = _RUNTIME.get(app)
    if exception is not None or runtime is None or not _html(app):
        return
    # only what this edition's pages show: an exercise on no page (or on a page of the
    # other edition only) sends nothing of itself to the browser
    shown = {
        entry[0]
        for entries in get_domain(app.env).data["exercises"].values()
        for entry in entries
        if entry[2]
    }
    if not shown:
        return
    root = Path(app.srcdir)
    exercises = []
    for folder in all_exercises(root):
        exercise = read_exercise(folder, complete=False)[0]
        # a broken one is already a warning of the page showing it
        if exercise is not None and exercise.id in shown:
            exercises.append(exercise)
    programme = get_config(app).programme_path(app.confdir)
    folders = [e.folder for e in exercises]
    out = Path(app.outdir) / OUT
    # what this build would write, against what the last one wrote (kept beside the
    # doctrees, outside the site): an edit to a page's text writes nothing here
    record = Path(app.doctreedir) / RECORD
    try:
        inputs = f"{runtime_key(runtime)} {fingerprint(programme, folders)}"
        if _recorded(record) == inputs and all((out / name).is_file() for name in SCRIPTS):
            logger.info("in-page checker: unchanged")
            return
        payload = build_payload(root, programme, folders)
        size = write_scripts(out, runtime, payload, exercises)
        record.write_text(inputs, encoding="utf-8")
    except (PayloadError, OSError) as err:
        warn(f"the in-page checker cannot be written: {err}", CourseWarning.CHECKER)
        return
    noun = "exercise" if len(exercises) == 1 else "exercises"
    logger.info(
        f"in-page checker: {len(exercises)} {noun}, Pyodide {runtime.pyodide_version} "
        f"(Python {runtime.python}), {size / 1e6:.1f} MB in {OUT}/"
    )


def _recorded(record: Path) -> str | None:
    try:
        return record.read_text(encoding="utf-8")
    except OSError:
        return None


def setup_checker(app: Sphinx) -> None:
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
