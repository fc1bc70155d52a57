"""``skeleton-text``: sentences that ``curriculum new`` left for the contributor to write.

Every placeholder of the skeletons says "Replace this ..." (:data:`SKELETON_MARK`), so
one search finds each line still holding one: in the pages of a module, and in the
files of an exercise beside its cases. In a complete module each such line is an
error; in a draft (and its exercises) each file gets one warning listing its lines
(or quoting its one line), as a list of what is still to write. The build does not
look: a draft builds under ``-W``.
"""

from __future__ import annotations

from pathlib import Path

from curriculum.core.paths import draft_ids
from curriculum.core.programme import read_text
from curriculum.core.project import Project
from curriculum.core.scaffold import SKELETON_MARK, skeleton_lines
from curriculum.lint.policy import as_draft
from curriculum.lint.problems import Problem
from curriculum.validation.registry import all_exercises, read_exercise

CODE = "skeleton-text"
#: how much of a line a message quotes, and how many lines a draft's summary names
QUOTE = 70
LISTED = 12
PAGE_HINT = "write the module's own text in its place: the sentence says what belongs there"
EXERCISE_HINT = "write the exercise's own text or code in its place"


def skeleton_problems(root: Path, project: Project) -> list[Problem]:
    drafts = draft_ids(project.modules)
    problems: list[Problem] = []
    for record in project.modules:
        folder = (root / record.path).parent
        for page in sorted(folder.rglob("*.md")):
            problems += _in_file(root, page, PAGE_HINT, record.meta.draft)
    for folder in all_exercises(root):
        exercise, _ = read_exercise(folder, complete=False)
        draft = exercise is not None and exercise.meta.module in drafts
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            problems += _in_file(root, path, EXERCISE_HINT, draft)
    return problems


def _in_file(root: Path, path: Path, hint: str, draft: bool) -> list[Problem]:
    shown = path.relative_to(root).as_posix()
    text, _ = read_text(path, shown, CODE)  # unreadable files are reported elsewhere
    found = skeleton_lines(text or "")
    if not found:
        return []
    lines = (text or "").splitlines()
    if draft and len(found) > 1:
        listed = ", ".join(str(n) for n in found[:LISTED])
        more = f" and {len(found) - LISTED} more" if len(found) > LISTED else ""
        message = (
            f"{len(found)} lines still hold a placeholder of the skeleton "
            f"('{SKELETON_MARK} ...'): lines {listed}{more}"
        )
        return as_draft([Problem(shown, found[0], CODE, message, hint)])
    problems = [
        Problem(
            shown,
            number,
            CODE,
            f"text left from the skeleton ('{SKELETON_MARK} ...'): {_clip(lines[number - 1])}",
            hint,
        )
        for number in found
    ]
    return as_draft(problems) if draft else problems


def _clip(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= QUOTE else line[: QUOTE - 1] + "…"
