"""What the in-page checker's Python calls: one check of the text in the editor.

The browser (a Web Worker running Pyodide, see ``theme/course/static/
course-checker-engine.js``) unpacks the course's checker files, as
:mod:`curriculum.checker.payload` laid them out, and calls :func:`check` with the
editor's text. The text is written to a file named as the artefact and checked by
:func:`~curriculum.validation.service.check_report`, the function behind
``curriculum check``, so the page and the command line cannot disagree.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from curriculum.validation.findings import Finding
from curriculum.validation.registry import find_exercise, read_exercise
from curriculum.validation.service import as_json, check_report

#: where the payload puts the course (``programme.yaml``, ``exercises/``)
COURSE = Path("/checker/course")
#: where the editor's text is written for one check, then removed
WORK = Path("/tmp/course-checker")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


def check(
    exercise_id: str,
    filename: str,
    text: str | bytes,
    phase: Callable[[str], None] | None = None,
    course: Path = COURSE,
) -> str:
    """The CLI's JSON report (as text) for ``text`` submitted as ``filename``."""
    folder = find_exercise(course, exercise_id)
    exercise = read_exercise(folder, complete=False)[0] if folder is not None else None
    shown = filename if _NAME.match(filename) else "artefact"
    if exercise is None:
        problem = Finding(
            "internal-error",
            f"this site's checker has no exercise '{exercise_id}'",
            "tell your trainer; the site was built without this exercise's checker",
        )
        return json.dumps(as_json(exercise_id, shown, [problem]), ensure_ascii=False)
    if hasattr(text, "to_bytes"):  # a JavaScript Uint8Array: a file's bytes as opened
        text = text.to_bytes()
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / shown
    try:
        path.write_bytes(data)
        report, _findings, _readable = check_report(exercise, path, shown, phase)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return json.dumps(report, ensure_ascii=False)
