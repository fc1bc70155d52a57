"""A cohort's submissions: which files belong to which learner and exercise, and the
result of checking each. No click: ``curriculum grade`` (:mod:`curriculum.cli.cohort`)
drives it and the reports (:mod:`curriculum.cli.sheets`) show it.

A cohort folder holds a folder per learner (``cohort/<learner>/<files>``), or files
that a roster (CSV: ``learner``, ``file``, optionally ``exercise``) gives to learners,
or loose files, each its own learner named by the file (how ``grade`` always worked).
Every file that is not checked is a :class:`NotGraded` with the reason: nothing is
skipped silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from curriculum.validation import registry
from curriculum.validation.findings import Finding, count, describe, printable, sort_findings
from curriculum.validation.registry import ExerciseFolder
from curriculum.validation.roster import (
    Entry,
    NotGraded,
    suffixes,
)
from curriculum.validation.service import rule_list

VERDICTS = {
    "pass": "passed: nothing the checker can see is wrong",
    "revise": "problems to fix",
    "unreadable": "the file could not be read",
    "check failed": "the checker failed on this file (a bug to report)",
    "not submitted": "no file for this exercise",
}


@dataclass
class Result:
    """One learner's file for one exercise, checked (or missing: ``file`` is "")."""

    learner: str
    exercise: ExerciseFolder
    file: str
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True

    @property
    def submitted(self) -> bool:
        return bool(self.file)

    @property
    def passed(self) -> bool:
        return self.submitted and not any(f.severity == "error" for f in self.findings)

    @property
    def verdict(self) -> str:
        if not self.submitted:
            return "not submitted"
        if any(f.code.startswith("internal-") for f in self.findings):
            return "check failed"
        if not self.readable:
            return "unreadable"
        return "pass" if self.passed else "revise"

    @property
    def errors(self) -> int:
        return count(self.findings)

    @property
    def warnings(self) -> int:
        return count(self.findings, "warning")

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})

    @property
    def sorted_findings(self) -> list[Finding]:
        return sort_findings(self.findings)

    @property
    def reason(self) -> str:
        """Why the rules did not run (an unreadable file, a checker failure), else ""."""
        if self.verdict in ("unreadable", "check failed") and self.findings:
            first = self.sorted_findings[0]
            return f"{first.message}; {first.hint}" if first.hint else first.message
        return ""


@dataclass
class Cohort:
    """Everything one run of ``grade`` found, in learner order."""

    results: list[Result]
    not_graded: list[NotGraded]
    exercises: list[ExerciseFolder]

    @property
    def learners(self) -> list[str]:
        # a stray loose file (readme.txt beside the learners' folders) is listed as
        # not graded, but is nobody's work: it makes no learner
        strays = {n.learner for n in self.not_graded if n.learner == n.file}
        names = {r.learner for r in self.results} | {
            n.learner for n in self.not_graded if n.learner not in strays
        }
        return sorted(names, key=lambda n: (n.casefold(), n))

    def of(self, learner: str) -> tuple[list[Result], list[NotGraded]]:
        return (
            [r for r in self.results if r.learner == learner],
            [n for n in self.not_graded if n.learner == learner],
        )

    @property
    def submitted(self) -> list[Result]:
        return [r for r in self.results if r.submitted]


def match(
    entries: Sequence[Entry],
    chosen: Sequence[ExerciseFolder],
    known: Sequence[ExerciseFolder],
) -> tuple[list[tuple[Entry, ExerciseFolder]], list[NotGraded]]:
    """Which exercise each file is for.

    With one exercise chosen, every file in its format (.yaml/.yml or .json) is a
    submission for it (as ``grade EXERCISE DIRECTORY`` always did), unless it bears
    another exercise's artefact name. With several, a file is for the exercise whose
    ``artefact`` name it bears. A roster's exercise column overrides both.
    """
    by_id = {e.id: e for e in known}
    by_name: dict[str, ExerciseFolder] = {}
    for exercise in chosen:
        by_name.setdefault(exercise.meta.artefact.lower(), exercise)
    others = {e.meta.artefact.lower(): e for e in known if e not in chosen}
    names = ", ".join(sorted({e.meta.artefact for e in chosen}))
    pairs: list[tuple[Entry, ExerciseFolder]] = []
    not_graded: list[NotGraded] = []
    for entry in entries:
        name = PurePosixPath(entry.file).name.lower()
        shown = printable(entry.file)
        if entry.exercise:
            target = by_id.get(entry.exercise)
            if target is None or target not in chosen:
                why = (
                    "is not an exercise of this course"
                    if target is None
                    else "is not graded in this run"
                )
                not_graded.append(
                    NotGraded(
                        entry.learner,
                        shown,
                        f"the roster gives it to exercise '{printable(entry.exercise)}', "
                        f"which {why}",
                        "roster",
                    )
                )
            else:
                pairs.append((entry, target))
            continue
        if name in by_name:
            pairs.append((entry, by_name[name]))
        elif len(chosen) == 1 and PurePosixPath(name).suffix in suffixes(chosen[0]):
            if name in others:
                not_graded.append(
                    NotGraded(
                        entry.learner,
                        shown,
                        f"it is named as the artefact of {others[name].id}, which is not "
                        f"graded in this run (add --exercise {others[name].id})",
                        "other-exercise",
                    )
                )
            else:
                pairs.append((entry, chosen[0]))
        elif len(chosen) == 1:
            fmt = "/".join(sorted(suffixes(chosen[0])))
            not_graded.append(
                NotGraded(
                    entry.learner,
                    shown,
                    f"it is not a {fmt} file, which {chosen[0].id}'s artefact "
                    f"({chosen[0].meta.artefact}) is",
                    "foreign-name",
                )
            )
        else:
            not_graded.append(
                NotGraded(
                    entry.learner,
                    shown,
                    f"its name matches no exercise's artefact name: rename it to one of {names}",
                    "foreign-name",
                )
            )
    return pairs, not_graded


def check(exercise: ExerciseFolder, path: Path) -> tuple[list[Finding], bool]:
    """``registry.check_file``, and a crash in it one ``internal-error`` finding."""
    try:
        return registry.check_file(exercise, path)
    except Exception as err:  # check_file never raises; a bug still must not lose the report
        return [
            Finding(
                "internal-error",
                f"checking this file failed ({type(err).__name__})",
                "tell the course maintainers; the other submissions were graded",
            )
        ], True


def collect(
    pairs: Sequence[tuple[Entry, ExerciseFolder]],
    findings: Sequence[tuple[list[Finding], bool]],
    not_graded: list[NotGraded],
    exercises: Sequence[ExerciseFolder],
    complete: set[str],
) -> Cohort:
    """The cohort: a result per file checked, and a "not submitted" row for each
    learner in ``complete`` (those with a folder or a roster row) and each exercise in
    play (``exercises``, else those some file was for) they handed nothing in for."""
    results = [
        Result(entry.learner, exercise, printable(entry.file), found, readable)
        for (entry, exercise), (found, readable) in zip(pairs, findings, strict=True)
    ]
    in_play = list(exercises) or sorted(
        {r.exercise.id: r.exercise for r in results}.values(), key=lambda e: e.id
    )
    done = {(r.learner, r.exercise.id) for r in results}
    for learner in sorted(complete):
        for exercise in in_play:
            if (learner, exercise.id) not in done:
                results.append(Result(learner, exercise, ""))
    order = {e.id: n for n, e in enumerate(in_play)}
    results.sort(
        key=lambda r: (r.learner.casefold(), r.learner, order.get(r.exercise.id, 0), r.file)
    )
    not_graded.sort(key=lambda n: (n.learner.casefold(), n.learner, n.file))
    return Cohort(results, not_graded, in_play)


def common_findings(cohort: Cohort) -> list[tuple[str, str, int, str]]:
    """(code, exercise, submissions with it, what it means), most common first."""
    rules = {e.id: dict(rule_list(e)) for e in cohort.exercises}
    counts = Counter((code, r.exercise.id) for r in cohort.submitted for code in r.codes)
    return [
        (code, exercise, n, describe(code, rules.get(exercise)))
        for (code, exercise), n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    ]
