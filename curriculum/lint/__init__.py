"""``curriculum lint``: named checks of course sources, each with a message and a fix.

Checking is separate from reporting: :func:`lint_course` returns
:class:`Problem` objects; the CLI prints them as ``path:line: CODE message
(hint)`` or as GitHub annotations. Metadata rules are the model's own (no second
copy here); page checks read the MyST source with the same Markdown parser the
build uses (``mdscan``), and everything the build parses inside a page
(``readings``): directive titles, options and bodies, quizzes, glossaries,
tables, exercise briefs and marking notes, included files (``untrusted``).
"""

from __future__ import annotations

from pathlib import Path

from curriculum.core.contentpolicy import refused_symlinks
from curriculum.core.project import load_project
from curriculum.core.settings import CourseSettings
from curriculum.lint.allow import load_allow_list
from curriculum.lint.course import course_problems
from curriculum.lint.pages import page_problems
from curriculum.lint.problems import CHECKS, Problem, Severity

__all__ = ["CHECKS", "Problem", "Severity", "lint_course"]


def lint_course(root: Path, only: list[Path] | None = None) -> list[Problem]:
    """Every problem in the course under ``root``; with ``only``, in those files or folders."""
    project = load_project(root)
    course = project.programme.course if project.programme is not None else CourseSettings()
    problems = course_problems(root, project) + page_problems(root, course) + link_problems(root)
    allowed = load_allow_list(root)
    problems = [p for p in problems if (p.path, p.code) not in allowed]
    if only:
        wanted = [_relative(root, path) for path in only]
        problems = [p for p in problems if any(_within(p.path, w) for w in wanted)]
    return sorted(set(problems))


def link_problems(root: Path) -> list[Problem]:
    """Symbolic links the build skips (:func:`curriculum.core.contentpolicy.refused_symlinks`)."""
    return [
        Problem(
            shown,
            1,
            "symlink",
            f"{shown} is a symbolic link and {why}",
            "replace the link with the files themselves",
        )
        for shown, why in refused_symlinks(root)
    ]


def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _within(path: str, wanted: str) -> bool:
    wanted = wanted.rstrip("/")
    return wanted in ("", ".") or path == wanted or path.startswith(wanted + "/")
