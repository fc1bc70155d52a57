"""``curriculum test``, its pure core (validation.selftest) and the pytest plugin."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum.cli.main import cli
from curriculum.core.settings import TeachingPolicy
from curriculum.validation.selftest import CaseResult, ExerciseTest, run_exercise

from .conftest import REPO

EXERCISE = "exercises/a-01-sum"
FAIL_CASE = f"{EXERCISE}/cases/fail/wrong-total.yaml"


@pytest.fixture
def course(course_copy: Callable[[str], Path]) -> Path:
    """A private copy of tests/roots/test-course (exercise a-01-sum: parts and their total)."""
    return course_copy("course")


def results(root: Path, policy: TeachingPolicy | None = None) -> dict[str, CaseResult]:
    out = run_exercise(root, root / EXERCISE, policy or TeachingPolicy())
    return {f"{r.kind}:{r.case}": r for r in out}


def failing(root: Path, policy: TeachingPolicy | None = None) -> list[CaseResult]:
    return [r for r in results(root, policy).values() if not r.ok]


def write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_test_course_is_as_declared(course: Path) -> None:
    found = results(course)
    assert sorted(found) == [
        f"fail:{FAIL_CASE}",
        f"pass:{EXERCISE}/cases/pass/solution-copy.yaml",
        f"policy:{EXERCISE}/exercise.yaml",
        f"rules:{EXERCISE}/exercise.yaml",
        f"solution:{EXERCISE}/solution.yaml",
    ]
    assert all(r.ok and r.exercise == "a-01-sum" and not r.message for r in found.values())


def test_a_wrong_expected_file_names_what_is_missing_and_what_was_not_expected(
    course: Path,
) -> None:
    write(course / FAIL_CASE.replace(".yaml", ".expected"), "schema.missing @ parts\n")
    [result] = failing(course)
    assert (result.kind, result.case) == ("fail", FAIL_CASE)
    assert result.message.startswith(
        "expected schema.missing; got SUM-TOTAL: SUM-TOTAL was not expected, "
        "schema.missing was not found; "
    )
    assert "total is 4; expected 3" in result.message  # what the unexpected finding says


@pytest.mark.parametrize(("place", "ok"), [("total", True), ("2", True), ("parts", False)])
def test_a_place_must_match_a_line_or_a_field(course: Path, place: str, ok: bool) -> None:
    write(course / FAIL_CASE.replace(".yaml", ".expected"), f"SUM-TOTAL @ {place}\n")
    result = results(course)[f"fail:{FAIL_CASE}"]
    assert result.ok is ok
    if not ok:
        assert result.message == ("SUM-TOTAL was expected at parts; it was found at line 2, total")


def test_a_fail_case_without_expected_file_fails(course: Path) -> None:
    (course / FAIL_CASE.replace(".yaml", ".expected")).unlink()
    result = results(course)[f"fail:{FAIL_CASE}"]
    assert not result.ok
    assert "no wrong-total.expected beside it (it gives SUM-TOTAL)" in result.message


def test_a_pass_case_that_fails_is_reported(course: Path) -> None:
    write(course / EXERCISE / "cases/pass/off-by-one.yaml", "parts: [1, 1]\ntotal: 3\n")
    [result] = failing(course)
    assert (result.kind, result.case) == ("pass", f"{EXERCISE}/cases/pass/off-by-one.yaml")
    assert result.message.startswith("a pass case must pass; got SUM-TOTAL: line 2: SUM-TOTAL")


def test_a_solution_that_fails_is_reported(course: Path) -> None:
    write(course / EXERCISE / "solution.yaml", "parts: [1]\n")
    [result] = failing(course)
    assert result.kind == "solution"
    assert "the model answer must pass; got schema.missing" in result.message


def test_a_finding_needs_a_message_and_a_hint(course: Path) -> None:
    validator = course / EXERCISE / "validator.py"
    text = validator.read_text(encoding="utf-8").replace(
        'check.close("total", doc.total, sum(doc.parts), how="the sum of the parts")',
        'if doc.total != sum(doc.parts):\n        check.fail("total", "wrong total")',
    )
    validator.write_text(text, encoding="utf-8")
    [result] = failing(course)
    assert result.message == "SUM-TOTAL at line 2, total has no hint"


def test_a_validator_that_raises_is_a_failing_result(course: Path) -> None:
    validator = course / EXERCISE / "validator.py"
    text = validator.read_text(encoding="utf-8").replace(
        "    check.close(", "    doc.total / 0\n    check.close("
    )
    validator.write_text(text, encoding="utf-8")
    found = {r.kind: r for r in failing(course)}
    assert set(found) == {"solution", "pass", "fail", "rules"}
    assert "internal-error" in found["solution"].message
    assert "ZeroDivisionError" in found["solution"].message
    assert "SUM-TOTAL was not found" in found["fail"].message
    assert "ZeroDivisionError" in found["fail"].message
    assert "no fail case triggers the rule SUM-TOTAL" in found["rules"].message


def test_a_validator_that_cannot_be_imported_is_a_failing_result(course: Path) -> None:
    (course / EXERCISE / "validator.py").write_text("raise RuntimeError('broken')\n")
    found = {r.kind: r for r in failing(course)}
    assert set(found) == {"solution", "pass", "fail", "rules"}
    assert "RuntimeError: broken" in found["rules"].message
    assert "RuntimeError: broken" in found["solution"].message


def test_an_unreadable_exercise_folder_is_one_failing_result(course: Path) -> None:
    (course / EXERCISE / "solution.yaml").unlink()
    [result] = run_exercise(course, course / EXERCISE, TeachingPolicy())
    assert (result.kind, result.ok) == ("exercise", False)
    assert "lacks solution.yaml" in result.message


def test_every_rule_must_be_triggered_by_what_a_fail_case_gives(course: Path) -> None:
    write(course / FAIL_CASE, "parts: [1, 2]\n")
    write(course / FAIL_CASE.replace(".yaml", ".expected"), "schema.missing @ total\n")
    [result] = failing(course)
    assert result.kind == "rules"
    assert result.message.startswith("no fail case triggers the rule SUM-TOTAL (")
    assert not failing(course, TeachingPolicy(every_rule_failed=False))
    kinds = {r.kind for r in results(course, TeachingPolicy(every_rule_failed=False)).values()}
    assert "rules" not in kinds


def test_the_policy_counts_cases_and_asks_for_a_schema_case(course: Path) -> None:
    policy = TeachingPolicy(pass_cases=2, fail_cases=3, schema_fail_case=True)
    [result] = failing(course, policy)
    assert (result.kind, result.case) == ("policy", f"{EXERCISE}/exercise.yaml")
    assert "cases/pass/ holds 1 file; this course asks for at least 2" in result.message
    assert "cases/fail/ holds 1 file; this course asks for at least 3" in result.message
    assert "no fail case breaks the schema" in result.message


def test_the_course_policy_comes_from_programme_yaml(course: Path) -> None:
    programme = course / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "  policy:\n", "  policy:\n    pass_cases: 4\n"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["test", "--root", str(course)])
    assert result.exit_code == 1, result.output
    assert "holds 1 file; this course asks for at least 4" in result.output


def test_ids_name_the_exercise_kind_and_file(course: Path) -> None:
    suite = ExerciseTest(course, course / EXERCISE, TeachingPolicy())
    assert [c.id for c in suite.cases()] == [
        "a-01-sum/solution.yaml",
        "a-01-sum/pass/solution-copy.yaml",
        "a-01-sum/fail/wrong-total.yaml",
        "a-01-sum/rules",
        "a-01-sum/policy",
    ]


# --- the command ---


def test_command_passes_on_the_test_course(course: Path) -> None:
    result = CliRunner().invoke(cli, ["test", "--root", str(course)])
    assert result.exit_code == 0, result.output
    assert result.output == "1 exercise, 5 cases: all as declared\n"
    named = CliRunner().invoke(cli, ["test", "a-01-sum", "--root", str(course)])
    assert (named.exit_code, named.output) == (0, result.output)


def test_command_lists_what_is_not_as_declared_and_exits_1(course: Path) -> None:
    write(course / FAIL_CASE.replace(".yaml", ".expected"), "SUM-TOTAL\nSUM-PARTS\n")
    result = CliRunner().invoke(cli, ["test", "--root", str(course)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(
        f"{FAIL_CASE}: expected SUM-PARTS, SUM-TOTAL; got SUM-TOTAL: SUM-PARTS was not found"
    )
    assert lines[-1] == "1 of 5 cases not as declared"
    assert len(lines) == 2


def test_command_with_a_crashing_validator_has_no_traceback(course: Path) -> None:
    (course / EXERCISE / "validator.py").write_text("raise RuntimeError('broken')\n")
    result = CliRunner().invoke(cli, ["test", "--root", str(course)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-1] == "4 of 5 cases not as declared"


def test_command_refuses_an_unknown_exercise_with_the_known_ones(course: Path) -> None:
    result = CliRunner().invoke(cli, ["test", "a-01-sum", "b-99-nope", "--root", str(course)])
    assert result.exit_code == 2
    assert "unknown exercise 'b-99-nope' (exercises: a-01-sum)" in result.output


def test_command_outside_a_course_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["test", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "no programme.yaml" in result.output


def run_python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_command_does_not_import_sphinx(course: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from curriculum.cli.main import cli\n"
        f"result = CliRunner().invoke(cli, ['test', '--root', {str(course)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sphinx', 'docutils', 'myst_parser', 'jinja2', 'pytest'}))\n"
    )
    run = run_python("-c", code, cwd=course)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[]\n"


# --- the pytest plugin, as a course opts in to it ---


def test_plugin_gives_each_case_a_test_of_its_own(course: Path) -> None:
    write(
        course / "conftest.py",
        """\
        pytest_plugins = ["curriculum.cli.pytest_plugin"]
        """,
    )
    tests = course / "tests"
    tests.mkdir()
    write(
        tests / "test_cases.py",
        """\
        def test_exercise_cases(exercise_case):
            exercise_case.check()
        """,
    )
    options = ("-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(course))
    run = run_python(*options, "--collect-only", "tests", cwd=course)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [line for line in run.stdout.splitlines() if "::" in line] == [
        f"tests/test_cases.py::test_exercise_cases[a-01-sum/{name}]"
        for name in ("solution.yaml", "pass/solution-copy.yaml", "fail/wrong-total.yaml")
    ] + ["tests/test_cases.py::test_exercise_cases[a-01-sum/rules]"] + [
        "tests/test_cases.py::test_exercise_cases[a-01-sum/policy]"
    ]
    write(course / FAIL_CASE.replace(".yaml", ".expected"), "SUM-PARTS\n")
    run = run_python(*options, "tests", cwd=course)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed, 4 passed" in run.stdout  # the rule is still triggered
    assert (
        f"AssertionError: {FAIL_CASE}: expected SUM-PARTS; got SUM-TOTAL: SUM-TOTAL was not "
        "expected, SUM-PARTS was not found" in run.stdout
    )


def test_plugin_fails_a_test_that_finds_no_course(tmp_path: Path) -> None:
    write(
        tmp_path / "test_cases.py",
        """\
        def test_exercise_cases(exercise_case):
            exercise_case.check()
        """,
    )
    run = run_python(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(tmp_path),
        "-p",
        "curriculum.cli.pytest_plugin",
        "test_cases.py",
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "no programme.yaml at or above" in run.stdout


def test_the_self_test_stays_out_of_the_in_page_checker() -> None:
    from curriculum.checker.payload import package_files

    names = {p.name for p in package_files()}
    assert "registry.py" in names
    assert not {"selftest.py", "cases.py"} & names
