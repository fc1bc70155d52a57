"""``curriculum test``: does every exercise behave as its own cases declare?

For one exercise folder (:class:`ExerciseTest`):

- the model answer (``solution.<ext>``) and every ``cases/pass/*`` file pass (no
  error findings);
- every ``cases/fail/*`` file gives exactly the codes of its ``.expected`` file, at
  the places it names, each finding with a message and a hint;
- ``rules``: every rule of the validator is triggered by some fail case (when the
  course's ``every_rule_failed``);
- ``policy``: as many cases as the course asks for, and a schema case when it asks.

Each is one :class:`Case`; running it gives a :class:`CaseResult` and never raises (a
validator that crashes is a failing result that quotes the error). Files are checked
with :func:`~curriculum.validation.registry.check_file`, the code path of ``curriculum
check``, so a result is what a learner would be told. No click, no pytest: the command
line (``curriculum.cli.testing``) and the pytest plugin (``curriculum.cli.pytest_plugin``)
are front ends of this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from curriculum.core.confpy import read_conf
from curriculum.core.diagnostics import Diagnostic, shown_path
from curriculum.core.programme import load_programme
from curriculum.core.settings import TeachingPolicy
from curriculum.validation.cases import (
    count_problems,
    expected_file,
    read_expected,
    rule_problems,
    schema_problems,
)
from curriculum.validation.findings import Finding, clip
from curriculum.validation.registry import (
    METADATA_FILE,
    ExerciseFolder,
    all_exercises,
    check_file,
    load_validator,
    read_exercise,
)

#: what a case checks; ``exercise``: the folder itself could not be read
Kind = Literal["exercise", "solution", "pass", "fail", "rules", "policy"]

#: longest quotation of a finding in a result's message
QUOTE = 200


@dataclass(frozen=True)
class CaseResult:
    exercise: str
    #: the file, relative to the course root (``exercise.yaml`` for rules and policy)
    case: str
    kind: Kind
    ok: bool
    #: what differs from what was declared ("" when ok)
    message: str = ""

    def __str__(self) -> str:
        return f"{self.case}: {self.message or 'as declared'}"


def course_policy(root: Path) -> tuple[TeachingPolicy, list[Diagnostic]]:
    """The course's ``course.policy`` (programme.yaml, or the file conf.py names), as
    ``load_project(root).programme.course.policy`` reads it without reading every
    module; the defaults, with the problems, when the vocabulary cannot be read."""
    name = read_conf(root).programme_file
    programme, problems = load_programme(root / name, name)
    return (programme.course.policy if programme else TeachingPolicy()), problems


@dataclass(frozen=True, eq=False)
class Case:
    """One check of an exercise: a file (solution, pass or fail case), or the rules or
    the policy over all its fail cases."""

    suite: ExerciseTest
    kind: Kind
    path: Path

    @property
    def id(self) -> str:
        """``rel-01-slo/fail/missing-owner.yaml``, ``rel-01-slo/solution.yaml``,
        ``rel-01-slo/rules``, ``rel-01-slo/policy``."""
        name = self.suite.id
        if self.kind in ("pass", "fail"):
            return f"{name}/{self.kind}/{self.path.name}"
        if self.kind in ("solution", "exercise"):
            return f"{name}/{self.path.name}"
        return f"{name}/{self.kind}"

    @property
    def shown(self) -> str:
        return shown_path(self.suite.root, self.path)

    def run(self) -> CaseResult:
        """The result; never raises."""
        try:
            problems = self.suite.problems_of(self)
        except Exception as err:  # a bug in a case file's reading, or here: a result
            problems = [f"the self-test failed ({type(err).__name__}: {err})"]
        return CaseResult(self.suite.id, self.shown, self.kind, not problems, "; ".join(problems))

    def check(self) -> None:
        """Raise ``AssertionError`` with the result's message unless it is ok (for test
        runners: ``def test_exercise_cases(exercise_case): exercise_case.check()``)."""
        __tracebackhide__ = True  # pytest shows the message, not this frame
        result = self.run()
        if not result.ok:
            raise AssertionError(f"{result.case}: {result.message}")

    def __repr__(self) -> str:
        return f"<Case {self.id}>"


class ExerciseTest:
    """The self-test of one exercise folder. Each file is checked once, however many
    cases need its findings (a fail case, then the rules and the policy)."""

    def __init__(self, root: Path, folder: Path, policy: TeachingPolicy) -> None:
        self.root = root
        self.folder = folder
        self.policy = policy
        shown = shown_path(root, folder / METADATA_FILE)
        self.exercise: ExerciseFolder | None
        self.exercise, self.read_problems = read_exercise(folder, shown)
        self._findings: dict[Path, list[Finding]] = {}

    @property
    def id(self) -> str:
        return self.exercise.id if self.exercise else self.folder.name

    def cases(self) -> list[Case]:
        exercise = self.exercise
        if exercise is None:
            return [Case(self, "exercise", self.folder / METADATA_FILE)]
        meta = exercise.folder / METADATA_FILE
        out = [Case(self, "solution", exercise.solution)]
        out += [Case(self, "pass", path) for path in exercise.cases("pass")]
        out += [Case(self, "fail", path) for path in exercise.cases("fail")]
        if self.policy.every_rule_failed:
            out.append(Case(self, "rules", meta))
        out.append(Case(self, "policy", meta))
        return out

    def run(self) -> list[CaseResult]:
        return [case.run() for case in self.cases()]

    def findings(self, path: Path) -> list[Finding]:
        """What ``curriculum check`` reports for ``path`` (checked once)."""
        assert self.exercise is not None
        if path not in self._findings:
            self._findings[path] = check_file(self.exercise, path)[0]
        return self._findings[path]

    def fail_codes(self) -> set[str]:
        """Every code the fail cases give (what they declare is checked case by case)."""
        assert self.exercise is not None
        return {f.code for case in self.exercise.cases("fail") for f in self.findings(case)}

    def problems_of(self, case: Case) -> list[str]:
        """What differs from what is declared; empty when the case is as declared."""
        if self.exercise is None:
            return [str(d) for d in self.read_problems] or ["the exercise cannot be read"]
        if case.kind in ("solution", "pass"):
            return _passes(self.findings(case.path), case.kind)
        if case.kind == "fail":
            return self._fail(case.path)
        if case.kind == "rules":
            try:
                rules = [code for code, _ in load_validator(self.exercise).checks]
            except Exception as err:
                return [f"the validator cannot be loaded ({type(err).__name__}: {err})"]
            found = rule_problems(self.root, self.exercise, self.policy, self.fail_codes(), rules)
        else:
            found = count_problems(self.root, self.exercise, self.policy)
            if self.policy.schema_fail_case:
                found += schema_problems(self.root, self.exercise, self.policy, self.fail_codes())
        return [f"{d.message} ({d.hint})" if d.hint else d.message for d in found]

    def _fail(self, path: Path) -> list[str]:
        findings = self.findings(path)
        got = sorted({f.code for f in findings})
        sidecar = expected_file(path)
        if not sidecar.is_file():
            return [
                f"no {sidecar.name} beside it (it gives {_codes(got)}): list the codes it "
                "must give, one a line, as CODE or CODE @ PLACE"
            ]
        expected = read_expected(sidecar)
        wanted = sorted({code for code, _ in expected})
        problems = []
        if got != wanted:
            problems.append(_difference(wanted, got, findings))
        for code, place in expected:
            if place is None or code not in got:
                continue
            at = [f for f in findings if f.code == code]
            target: int | str = int(place) if place.isdigit() else place
            if not any(target in (f.location.line, f.location.field) for f in at):
                where = ", ".join(str(f.location) for f in at)
                problems.append(f"{code} was expected at {place}; it was found at {where}")
        for finding in findings:
            lacking = [name for name in ("message", "hint") if not getattr(finding, name)]
            if lacking:
                problems.append(
                    f"{finding.code} at {finding.location} has no {' and no '.join(lacking)}"
                )
        return problems


def _codes(codes: Iterable[str]) -> str:
    return ", ".join(codes) or "nothing"


def _quote(finding: Finding) -> str:
    return clip(finding.text(), QUOTE)


def _passes(findings: list[Finding], kind: str) -> list[str]:
    errors = [f for f in findings if f.severity == "error"]
    if not errors:
        return []
    what = "the model answer" if kind == "solution" else "a pass case"
    codes = sorted({f.code for f in errors})
    shown = "; ".join(_quote(f) for f in errors[:3])
    more = f"; and {len(errors) - 3} more" if len(errors) > 3 else ""
    return [f"{what} must pass; got {_codes(codes)}: {shown}{more}"]


def _difference(wanted: list[str], got: list[str], findings: list[Finding]) -> str:
    """``expected A, B; got B, C: C was not expected, A was not found; C: <finding>``."""
    unexpected = [code for code in got if code not in wanted]
    missing = [code for code in wanted if code not in got]
    parts = [f"{code} was not expected" for code in unexpected]
    parts += [f"{code} was not found" for code in missing]
    text = f"expected {_codes(wanted)}; got {_codes(got)}: {', '.join(parts)}"
    # what an unexpected code says (a crashed validator's error, a rule's reason)
    for code in unexpected:
        first = next(f for f in findings if f.code == code)
        text += f"; {_quote(first)}"
    return text


def course_tests(root: Path, policy: TeachingPolicy | None = None) -> list[ExerciseTest]:
    """The self-test of every exercise of the course at ``root``."""
    if policy is None:
        policy = course_policy(root)[0]
    return [ExerciseTest(root, folder, policy) for folder in all_exercises(root)]


def run_exercise(root: Path, folder: Path, policy: TeachingPolicy) -> list[CaseResult]:
    """Every result for the exercise in ``folder``."""
    return ExerciseTest(root, folder, policy).run()
