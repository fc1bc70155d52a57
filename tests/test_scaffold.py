"""`curriculum new`: drafts, placeholders lint finds, and exercise cases to the policy."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum.cli.main import cli
from curriculum.core.project import load_project
from curriculum.core.scaffold import skeleton_lines
from curriculum.core.scaffoldcases import RULE_CASES
from curriculum.lint import Problem, lint_course
from curriculum.validation.cases import read_expected

from .conftest import REPO

MODULE = "modules/a-03/index.md"
STRICT = """course:
  policy:
    objectives_min: 3
    objectives_max: 5
    min_words: 300
    quiz_questions: 4
    exercise_required: true
    pass_cases: {passes}
    fail_cases: {fails}
    schema_fail_case: true
    every_rule_failed: true
    trainer_material: error
"""


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [*args, "--root", str(root)])


def strict_course(course_copy, passes: int = 3, fails: int = 6) -> Path:
    """The test course with a policy as strict as this repository's."""
    root = course_copy()
    programme = root / "programme.yaml"
    text = programme.read_text()
    start = text.index("course:")
    programme.write_text(text[:start] + STRICT.format(passes=passes, fails=fails))
    return root


def new_module(root: Path) -> None:
    made = run(root, "new", "module", "a-03", "--title", "Capacity", "--track", "a")
    assert made.exit_code == 0, made.output


def new_exercise(root: Path) -> Path:
    made = run(root, "new", "exercise", "a-03-capacity", "--module", "a-03")
    assert made.exit_code == 0, made.output
    return root / "exercises/a-03-capacity"


def in_module(root: Path) -> list[Problem]:
    return lint_course(root, [root / "modules/a-03", root / "exercises/a-03-capacity"])


def undraft(root: Path) -> None:
    page = root / MODULE
    text = page.read_text()
    assert re.search(r"^draft: true .*# .*remove when the module is complete", text, re.M)
    page.write_text(re.sub(r"^draft: true.*\n", "", text, flags=re.M))


def test_a_draft_gets_warnings_that_become_errors_without_draft(course_copy) -> None:
    root = strict_course(course_copy)
    new_module(root)
    found = in_module(root)
    assert [str(p) for p in found if p.severity == "error"] == []
    codes = {p.code for p in found}
    assert {"module-words", "module-exercise", "skeleton-text"} <= codes
    assert "quiz-size" not in codes  # the skeleton has as many questions as the policy asks
    for problem in found:
        assert problem.severity == "warning"
        assert "the module is a draft: this becomes an error once 'draft: true' is removed" in (
            problem.message
        )
    undraft(root)
    after = in_module(root)
    assert {p.code for p in after if p.severity == "error"} == codes
    assert not any("draft" in p.message for p in after)


def test_the_exercise_of_a_draft_gets_warnings_too(course_copy) -> None:
    root = strict_course(course_copy)
    new_module(root)
    folder = new_exercise(root)
    (folder / "cases/pass/example.yaml").unlink()
    cases = [p for p in in_module(root) if p.code == "exercise-cases"]
    assert [p.severity for p in cases] == ["warning"]
    assert "cases/pass/ holds 2 files; this course asks for at least 3" in cases[0].message
    undraft(root)
    assert [p.severity for p in in_module(root) if p.code == "exercise-cases"] == ["error"]


def test_skeleton_text_is_found_at_its_line(course_copy) -> None:
    root = course_copy()
    new_module(root)
    undraft(root)
    page = root / MODULE
    lines = page.read_text().splitlines()
    wanted = [n for n, line in enumerate(lines, 1) if "replace this" in line.lower()]
    why = lines.index("## Why this matters to you") + 3  # the paragraph under the heading
    assert why in wanted and len(wanted) > 10
    found = [p for p in in_module(root) if p.code == "skeleton-text"]
    assert [(p.path, p.line, p.severity) for p in found] == [(MODULE, n, "error") for n in wanted]
    paragraph = next(p for p in found if p.line == why)
    assert "Replace this paragraph: start from the learner's" in paragraph.message
    assert "write the module's own text in its place" in paragraph.hint
    # written: the line is no longer reported
    lines[why - 1] = "Analysts lose an hour a day to a queue that grows faster than it drains."
    lines[why] = ""
    page.write_text("\n".join(lines) + "\n")
    assert why not in [p.line for p in in_module(root) if p.code == "skeleton-text"]


def test_skeleton_text_in_a_complete_module_is_an_error(course_copy) -> None:
    root = course_copy()
    page = root / "modules/a-02/index.md"
    text = page.read_text()
    line = text.count("\n") + 2
    page.write_text(text + "\nReplace this paragraph: say why it matters.\n")
    (problem,) = [p for p in lint_course(root) if p.code == "skeleton-text"]
    assert (problem.path, problem.line, problem.severity) == (
        "modules/a-02/index.md",
        line,
        "error",
    )


def test_a_draft_lists_its_placeholders_in_one_warning_per_file(course_copy) -> None:
    root = course_copy()
    new_module(root)
    (problem,) = [p for p in in_module(root) if p.code == "skeleton-text"]
    wanted = skeleton_lines((root / MODULE).read_text())
    assert problem.line == wanted[0] and problem.severity == "warning"
    assert f"{len(wanted)} lines still hold a placeholder of the skeleton" in problem.message
    assert "lines " + ", ".join(str(n) for n in wanted[:12]) in problem.message


def test_skeleton_lines() -> None:
    text = "Written.\nReplace this paragraph: x.\n  text: An objective (replace\tthis one).\n"
    assert skeleton_lines(text) == [2, 3]
    assert skeleton_lines("Replacement thistle.\nWe replace the thing.\n") == []


def test_a_draft_is_in_the_catalogue_but_on_no_path(course_copy) -> None:
    import json

    root = course_copy()
    before = json.loads(run(root, "catalogue", "--format", "json").output)
    new_module(root)
    after = json.loads(run(root, "catalogue", "--format", "json").output)
    module = next(m for m in after["modules"] if m["id"] == "a-03")
    assert module["draft"] is True
    assert after["paths"] == before["paths"]
    undraft(root)
    done = json.loads(run(root, "catalogue", "--format", "json").output)
    assert all("a-03" in p["modules"] for p in done["paths"])


@pytest.mark.parametrize(("passes", "fails"), [(3, 6), (1, 1), (8, 10)])
def test_new_exercise_has_the_cases_the_policy_asks(course_copy, passes: int, fails: int) -> None:
    root = strict_course(course_copy, passes, fails)
    new_module(root)
    folder = new_exercise(root)
    pass_files = sorted((folder / "cases/pass").glob("*.yaml"))
    fail_files = sorted((folder / "cases/fail").glob("*.yaml"))
    assert len(pass_files) == passes
    # one fail case for each of the validator's rules and one for its schema, at least
    assert len(fail_files) == max(fails, len(RULE_CASES) + 1)
    declared = {
        code for case in fail_files for code, _ in read_expected(case.with_suffix(".expected"))
    }
    assert set(RULE_CASES) <= declared
    assert any(code.startswith("schema.") for code in declared)
    assert len({f.read_text() for f in pass_files + fail_files}) == len(pass_files + fail_files)
    # every case gives exactly what it declares, and the policy holds
    tested = run(root, "test", "a-03-capacity")
    assert tested.exit_code == 0, tested.output
    assert "all as declared" in tested.output
    assert [p for p in in_module(root) if p.code in ("exercise-cases", "exercise-incomplete")] == []


def test_a_lenient_course_gets_one_pass_case_and_a_case_per_rule(course_copy) -> None:
    root = course_copy()  # no policy on cases: the defaults (every rule failed)
    new_module(root)
    folder = new_exercise(root)
    assert [p.name for p in (folder / "cases/pass").iterdir()] == ["example.yaml"]
    fails = sorted(p.stem for p in (folder / "cases/fail").glob("*.yaml"))
    assert fails == sorted(RULE_CASES.values())
    tested = run(root, "test", "a-03-capacity")
    assert tested.exit_code == 0 and "all as declared" in tested.output, tested.output


def test_every_template_of_text_to_write_holds_the_mark() -> None:
    from curriculum.core.scaffold import SKELETON_MARK, TEMPLATES

    marked = {p.name for p in TEMPLATES.glob("*.tmpl") if skeleton_lines(p.read_text())}
    # the model answer is example data the validator checks, not text to rewrite
    assert marked == {p.name for p in TEMPLATES.glob("*.tmpl")} - {"solution.yaml.tmpl"}
    assert SKELETON_MARK == "Replace this"


def test_the_new_validator_follows_the_code_style(course_copy) -> None:
    import subprocess
    import sys

    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.is_file():
        message = "ruff is not installed beside this Python: run make test (it installs .[test])"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = course_copy()
    new_module(root)
    validator = new_exercise(root) / "validator.py"
    for command in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [str(ruff), *command, "--config", str(REPO / "pyproject.toml"), str(validator)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_title_with_quotes_and_a_backslash_is_kept_as_written(tmp_path: Path) -> None:
    course = tmp_path / "c"
    assert CliRunner().invoke(cli, ["init", str(course)]).exit_code == 0
    title = 'Back\\slash "quoted": yes'
    made = CliRunner().invoke(
        cli,
        [
            "new",
            "module",
            "basics-02",
            "--title",
            title,
            "--track",
            "basics",
            "--root",
            str(course),
        ],
    )
    assert made.exit_code == 0, made.output
    module = next(m for m in load_project(course).modules if m.id == "basics-02")
    assert module.meta.title == title
