"""A pytest plugin: every case of every exercise as a test of its own.

Opt in from the course's ``conftest.py``::

    pytest_plugins = ["curriculum.cli.pytest_plugin"]

(or ``pytest -p curriculum.cli.pytest_plugin``) and write the one test it fills::

    def test_exercise_cases(exercise_case):
        exercise_case.check()

Any test function that takes an argument named ``exercise_case`` is parametrised with
every :class:`~curriculum.validation.selftest.Case` of the course: the model answer,
each pass and fail case, the rules and the policy of each exercise, with ids such as
``rel-01-slo/fail/missing-journey.yaml`` (so ``-k rel-01-slo`` picks one exercise).
``check()`` fails with the same message ``curriculum test`` prints.

The course is the nearest folder holding ``programme.yaml`` at or above the test
file (then pytest's rootdir). ``@pytest.mark.curriculum_courses(path, ...)`` names
the course folders instead (relative to the rootdir, or absolute).

Why parametrisation and not collecting ``exercise.yaml`` files
(``pytest_collect_file``): the cases stay in an ordinary test module, which ``-k``,
``--deselect``, markers, xdist and the course's own fixtures treat as any other test;
nothing is collected in a course that did not ask for it; and a plugin cannot ship a
collected test function, so the one line above is the whole cost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.cli.options import find_root, is_course
from curriculum.validation.selftest import Case, course_tests

ARGUMENT = "exercise_case"
MARKER = "curriculum_courses"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*paths): the course folders whose exercise cases fill `{ARGUMENT}` "
        "(default: the course holding the test file)",
    )


def courses(metafunc: pytest.Metafunc) -> list[Path]:
    """The marker's folders, or the course found from the test file, then the rootdir."""
    rootpath = metafunc.config.rootpath
    marker = metafunc.definition.get_closest_marker(MARKER)
    if marker is not None:
        return [Path(p) if Path(p).is_absolute() else rootpath / p for p in marker.args]
    for start in (metafunc.definition.path.parent, rootpath):
        found = find_root(start)
        if found is not None:
            return [found]
    return []


class NoCourse:
    """Stands for the cases of a course that is not there: the test fails and says why."""

    def __init__(self, where: Path, message: str) -> None:
        self.id = f"no-course-{where.name}"
        self.message = message

    def check(self) -> None:
        __tracebackhide__ = True
        raise AssertionError(self.message)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if ARGUMENT not in metafunc.fixturenames:
        return
    cases: list[Case | NoCourse] = []
    roots = courses(metafunc)
    for root in roots:
        if not is_course(root):
            cases.append(NoCourse(root, f"{root} is not a course: it has no programme.yaml"))
            continue
        for suite in course_tests(root):
            cases.extend(suite.cases())
    if not roots:
        where = metafunc.definition.path.parent
        cases.append(
            NoCourse(
                where,
                f"no programme.yaml at or above {where}: run pytest inside a course, "
                f"or name it with @pytest.mark.{MARKER}(PATH)",
            )
        )
    metafunc.parametrize(ARGUMENT, cases, ids=[case.id for case in cases])
