"""Bad course sources: one clear, located warning each, never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import sphinx_build
from .sphinxutil import build, warning_lines


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(src: Path) -> None:
        target = src / path
        text = target.read_text()
        assert old in text, f"{old!r} not in {path}"
        target.write_text(text.replace(old, new, 1))

    return apply


def copy_module(source: str, target: str) -> Callable[[Path], None]:
    def apply(src: Path) -> None:
        shutil.copytree(src / "modules" / source, src / "modules" / target)

    return apply


def drop_objectives(src: Path) -> None:
    page = src / A02
    text = page.read_text()
    start, end = text.index("objectives:"), text.index("---\n", 4)
    page.write_text(text[:start] + "objectives: []\n" + text[end:])


def remove_path_page(src: Path) -> None:
    (src / "paths" / "py.md").unlink()
    edit("index.md", "paths/py\n", "")(src)


def add_page(path: str, text: str) -> Callable[[Path], None]:
    def apply(src: Path) -> None:
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text)
        edit("index.md", "crosswalk\n", f"crosswalk\n{path.removesuffix('.md')}\n")(src)

    return apply


def image_without_alt(src: Path) -> None:
    # a 1x1 PNG, so that only the missing alt text is wrong
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4480000000049454e44ae426082"
    )
    (src / "modules" / "a-02" / "pic.png").write_bytes(png)
    edit(A02, "Second module body.", "Second module body.\n\n![](pic.png)")(src)


A01 = "modules/a-01/index.md"
A02 = "modules/a-02/index.md"

# (name, change to the sources, expected "file:line: WARNING: message" fragment, subtype)
CASES = [
    (
        "unknown key",
        edit(A02, "duration: 45", "durration: 45"),
        f"{A02}:5: WARNING: unknown field 'durration' (did you mean 'duration'?)",
        "metadata",
    ),
    (
        "wrong type",
        edit(A02, "duration: 45", "duration: 45 minutes"),
        f"{A02}:5: WARNING: 'duration' must be a whole number, not '45 minutes'",
        "metadata",
    ),
    (
        "empty objectives",
        drop_objectives,
        f"{A02}:9: WARNING: the module has 0 objectives; this course asks for 3 to 5",
        "metadata",
    ),
    (
        "unknown track",
        edit(A02, "track: a", "track: q"),
        f"{A02}:4: WARNING: track: unknown track 'q' (use one of: a, b, c;",
        "metadata",
    ),
    (
        "unknown audience",
        edit(A02, "audiences: [x]", "audiences: [boss]"),
        f"{A02}:6: WARNING: audiences[1]: unknown audience 'boss'",
        "metadata",
    ),
    (
        "unknown value",
        edit(A02, "values: [V1, V2]", "values: [V1, V7]"),
        f"{A02}:8: WARNING: values[2]: unknown value 'V7'",
        "metadata",
    ),
    (
        "unknown prerequisite",
        edit(A02, "prerequisites: [a-01]", "prerequisites: [a-07]"),
        f"{A02}:7: WARNING: prerequisite 'a-07' is not a module of this course",
        "prerequisite",
    ),
    (
        "duplicate id",
        copy_module("a-02", "a-03"),
        "modules/a-03/index.md:2: WARNING: module id 'a-02' is already used by "
        "modules/a-02/index.md (give this module its own id: 'id: a-03' matches its folder)",
        "duplicate",
    ),
    (
        "prerequisite cycle",
        edit(A01, "prerequisites: []", "prerequisites: [b-01]"),
        "WARNING: prerequisites form a cycle: a-01 -> b-01 -> a-02 -> a-01",
        "cycle",
    ),
    (
        "timing plan total",
        edit(A01, "- 5 min: Close", "- 10 min: Close"),
        f"{A01}:64: WARNING: the timing plan adds up to 35 minutes but the module lasts 30",
        "timing",
    ),
    (
        "timing plan item",
        edit(A01, "- 5 min: Close", "- Close the session"),
        f"{A01}:67: WARNING: each item must start with its minutes",
        "timing",
    ),
    (
        "second title",
        edit(A02, "## Practice", "# Practice"),
        f"{A02}:21: WARNING: a module page takes its title from its metadata",
        "structure",
    ),
    (
        "unknown module reference",
        edit(A01, "{module}`a-02` and", "{module}`a-22` and"),
        f"{A01}:26: WARNING: unknown module 'a-22' (known modules: a-01, a-02, b-01)",
        "reference",
    ),
    (
        "unknown objective reference",
        edit(A01, "{objective}`a-01.o2`", "{objective}`a-01.o9`"),
        f"{A01}:26: WARNING: unknown objective 'a-01.o9'",
        "reference",
    ),
    (
        "learning path without a page",
        remove_path_page,
        "programme.yaml:30: WARNING: learning path 'py' has no page",
        "path",
    ),
    (
        "unknown learning path",
        edit("paths/px.md", "learning-path} px", "learning-path} pz"),
        "paths/px.md:3: WARNING: unknown learning path 'pz' (paths in programme.yaml: px, py)",
        "path",
    ),
    (
        "elective for another audience",
        edit("programme.yaml", "For analysts.\n", "For analysts.\n    electives: [b-01]\n"),
        "programme.yaml:30: WARNING: path 'px': elective 'b-01' is not a module for audience 'x'",
        "path",
    ),
    (
        "unknown framework",
        edit("crosswalk.md", "framework-crosswalk} fitsm", "framework-crosswalk} cobit"),
        "crosswalk.md:6: WARNING: unknown framework 'cobit' (frameworks in programme.yaml: fitsm)",
        "reference",
    ),
    (
        "folder not named like a module",
        add_page("modules/Intro/index.md", "---\ntrack: a\nduration: 30\n---\n# Intro\n"),
        "modules/Intro/index.md:1: WARNING: this page has module metadata, but its folder "
        "'modules/Intro/' is not named like a module id",
        "structure",
    ),
    (
        "unknown exercise",
        edit(A01, "{exercise} a-01-sum", "{exercise} a-01-sun"),
        f"{A01}:37: WARNING: unknown exercise 'a-01-sun' (exercises: a-01-sum;",
        "exercise",
    ),
    (
        "exercise not in the metadata",
        edit(A01, "exercises: [a-01-sum]", "exercises: []"),
        f"{A01}:37: WARNING: exercise 'a-01-sum' is not listed in the module's metadata",
        "exercise",
    ),
    (
        "exercise listed but not shown",
        edit(A01, "```{exercise} a-01-sum\n```", ""),
        f"{A01}:19: WARNING: exercise 'a-01-sum' is listed in the metadata but no page",
        "exercise",
    ),
    (
        "exercise shown in another module",
        edit(A02, "## Practice", "## Practice\n\n```{exercise} a-01-sum\n```"),
        "WARNING: exercise 'a-01-sum' belongs to module 'a-01' (its exercise.yaml) but is "
        "shown in module 'a-02'",
        "exercise",
    ),
    (
        "single choice with two answers",
        edit(A01, "      feedback: No, count again.", "      correct: true\n      feedback: No."),
        f"{A01}:44: WARNING: single-choice question 'q1' has 2 correct options; "
        "it needs exactly one",
        "quiz",
    ),
    (
        "option without feedback",
        edit(A01, "      feedback: No, count again.\n", ""),
        f"{A01}:48: WARNING: required field 'questions[1].options[2].feedback' is missing",
        "quiz",
    ),
    (
        "quiz objective unknown",
        edit(A01, "  objective: o2", "  objective: o7"),
        f"{A01}:40: WARNING: quiz 'a-01-check' assesses objective 'o7', which module 'a-01' "
        "does not have",
        "quiz",
    ),
    (
        "duplicate question id",
        edit(A01, "- id: q2", "- id: q1"),
        f"{A01}:50: WARNING: question id 'q1' is used twice",
        "quiz",
    ),
    (
        "malformed quiz",
        edit(A01, "  question: What is 2 + 2?", "  question: [What is 2 + 2?"),
        f"{A01}:44: WARNING: invalid YAML",
        "quiz",
    ),
    (
        "image without alt text",
        image_without_alt,
        f"{A02}:25: WARNING: image 'pic.png' has no alt text",
        "accessibility",
    ),
    (
        "invalid vocabulary",
        edit("programme.yaml", "title: Beta track", "titel: Beta track"),
        "programme.yaml:6: WARNING: unknown field 'tracks[2].titel' (did you mean 'title'?)",
        "vocabulary",
    ),
]


@pytest.mark.parametrize("name, change, expected, subtype", CASES, ids=[c[0] for c in CASES])
def test_one_located_warning(course_copy, tmp_path: Path, name, change, expected, subtype) -> None:
    src = course_copy()
    change(src)
    built = build(src, tmp_path / "build")
    lines = warning_lines(built)
    assert len(lines) == 1, "\n".join(lines)
    (line,) = lines
    assert expected in line, line
    assert line.endswith(f"[course.{subtype}]"), line
    assert line.startswith(str(src)), "the location names the file"


def test_warnings_can_be_suppressed(course_copy, tmp_path: Path) -> None:
    src = course_copy()
    edit(A01, "- 5 min: Close", "- 10 min: Close")(src)
    built = build(src, tmp_path / "build", suppress_warnings=["course.timing"])
    assert warning_lines(built) == []


def test_strict_build_fails_without_traceback(course_copy, tmp_path: Path) -> None:
    src = course_copy()
    edit(A02, "duration: 45", "duration: ninety")(src)
    result = sphinx_build(src, tmp_path / "out")
    assert result.returncode == 1
    assert f"{A02}:5: WARNING: 'duration' must be a whole number, not 'ninety'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unknown_edition_fails_safe(course_copy, tmp_path: Path) -> None:
    result = sphinx_build(course_copy(), tmp_path / "out", edition="teacher")
    assert result.returncode == 1
    assert "course_edition is 'teacher'; use 'learner' or 'trainer'" in result.stderr
    assert "building with 'learner'" in result.stderr
    assert "Traceback" not in result.stderr
    # the safe edition was built: no trainer text anywhere
    assert "trainerzebratoken" not in (tmp_path / "out/html/modules/a-01/index.html").read_text()


PX = "paths/px.md"


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            edit(PX, ":day-length: 4h", ":day-length: 1h30"),
            f"{PX}:6: WARNING: class agenda: the class does not fit in 1 day: its 2 modules "
            "take 75 minutes, and 1 day of 09:00-10:30 hold about 55 once the opening, recaps, "
            "close, breaks and lunch are taken out; it needs 2 days. To fit it in 1 day, leave "
            "out: a-02 Second module (45 min) with: :skip: a-02 Or give :days: 2",
        ),
        (
            edit(PX, ":path: px", ":path: px\n:modules: a-01, z-09"),
            f"{PX}:6: WARNING: class agenda: no module 'z-09' in this course",
        ),
        (
            edit(PX, ":path: px", ":path: chief"),
            f"{PX}:6: WARNING: class agenda: unknown learning path 'chief'; the paths are px",
        ),
        (
            edit(PX, ":day-length: 4h", ":day-length: 4h\n:end: 13:00"),
            f"{PX}:6: WARNING: class agenda: give :day-length: or :end:, not both",
        ),
    ],
    ids=["does not fit", "unknown module", "unknown path", "two ends"],
)
def test_a_class_agenda_that_cannot_be_planned_warns_for_trainers(
    course_copy, tmp_path: Path, change, expected: str
) -> None:
    src = course_copy()
    change(src)
    lines = warning_lines(build(src, tmp_path / "trainer", edition="trainer"))
    assert len(lines) == 1, "\n".join(lines)
    assert expected in lines[0] and lines[0].endswith("[course.agenda]"), lines[0]
    # the learner edition drops the agenda while reading: nothing to plan, nothing to say
    assert warning_lines(build(src, tmp_path / "learner")) == []
