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

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from curriculum.validation import registry
from curriculum.validation.findings import Finding, count, describe, printable, sort_findings
from curriculum.validation.registry import ExerciseFolder
from curriculum.validation.service import rule_list

#: a roster larger than this is not a roster
MAX_ROSTER_BYTES = 2_000_000

VERDICTS = {
    "pass": "passed: nothing the checker can see is wrong",
    "revise": "problems to fix",
    "unreadable": "the file could not be read",
    "check failed": "the checker failed on this file (a bug to report)",
    "not submitted": "no file for this exercise",
}


@dataclass(frozen=True)
class NotGraded:
    """A file no rule was run on, and why (in words a trainer can pass on)."""

    learner: str
    file: str
    reason: str
    code: str = "not-graded"


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
        names = {r.learner for r in self.results} | {n.learner for n in self.not_graded}
        return sorted(names, key=lambda n: (n.casefold(), n))

    def of(self, learner: str) -> tuple[list[Result], list[NotGraded]]:
        return (
            [r for r in self.results if r.learner == learner],
            [n for n in self.not_graded if n.learner == learner],
        )

    @property
    def submitted(self) -> list[Result]:
        return [r for r in self.results if r.submitted]


# --- finding the files ----------------------------------------------------------------


def walk(directory: Path) -> tuple[list[Path], list[tuple[Path, Finding]]]:
    """Every regular file under ``directory`` (links to files inside it included), and
    the links not followed, each with a ``file.symlink`` finding saying why.

    Folders are walked without following links, so a link loop ends nothing. A link
    to a folder inside ``directory`` is not followed (its files are found where they
    are); a link that leads outside, to nothing, or round in a loop is reported.
    """
    folder = directory.resolve()
    files: list[Path] = []
    skipped: list[tuple[Path, Finding]] = []
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue  # an unreadable sub-folder holds nothing we can grade
        for entry in entries:
            path = Path(entry.path)
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(path)
                continue
            try:
                shown = printable(os.readlink(path))
                target = path.resolve(strict=True)
            except FileNotFoundError:
                problem = f"is a link to {shown}, which does not exist"
            except (OSError, RuntimeError):
                problem = "is a link that leads round in a loop"
            else:
                if target == folder or target.is_relative_to(folder):
                    if target.is_file():
                        files.append(path)
                    continue
                problem = f"is a link to {shown}, outside the submissions folder"
            name = printable(path.relative_to(directory).as_posix())
            skipped.append(
                (
                    path,
                    Finding(
                        "file.symlink",
                        f"'{name}' {problem}; it was not read",
                        "copy the file itself into the submissions folder, not a link to it",
                    ),
                )
            )
    return sorted(files), skipped


def suffixes(exercise: ExerciseFolder) -> set[str]:
    return {".yaml", ".yml"} if exercise.meta.format == "yaml" else {".json"}


# --- who handed in what ---------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A file found in the cohort folder, given to a learner (and maybe an exercise)."""

    learner: str
    file: str  #: relative to the cohort folder, POSIX
    path: Path
    exercise: str = ""  #: from the roster; "" to match by name


class RosterError(ValueError):
    """The roster cannot be used; the message says how to fix it."""


def read_roster(path: Path) -> list[tuple[str, str, str]]:
    """(learner, file, exercise) rows of a roster CSV; exercise may be ""."""
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise RosterError(f"the roster {path} is larger than {MAX_ROSTER_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise RosterError(f"cannot read the roster {path}: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise RosterError(f"the roster {path} is not UTF-8 text; save it as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    if "learner" not in columns or "file" not in columns:
        raise RosterError(
            f"the roster {path} needs the columns learner and file (and optionally "
            f"exercise) in its first row; it has: {', '.join(columns) or 'none'}"
        )
    rows = []
    for row in reader:
        learner = (row.get(columns["learner"]) or "").strip()
        file = (row.get(columns["file"]) or "").strip()
        exercise = (row.get(columns["exercise"]) or "").strip() if "exercise" in columns else ""
        if learner or file:
            rows.append((learner, file, exercise))
    return rows


def _relative(directory: Path, path: Path) -> str:
    return path.relative_to(directory).as_posix()


def assign(
    directory: Path,
    files: Sequence[Path],
    links: Sequence[tuple[Path, Finding]],
    roster: list[tuple[str, str, str]] | None = None,
    ignore: Iterable[Path] = (),
) -> tuple[list[Entry], list[NotGraded]]:
    """Give each file to a learner: by the roster, else by its first folder, else the
    file is its own learner. Links not followed are :class:`NotGraded`."""
    ignored = {p.resolve() for p in ignore}
    found = {_relative(directory, p): p for p in files if p.resolve() not in ignored}
    link_reasons = {_relative(directory, p): f for p, f in links}
    entries: list[Entry] = []
    not_graded: list[NotGraded] = []

    def owner(rel: str) -> str:
        parts = PurePosixPath(rel).parts
        return printable(parts[0]) if len(parts) > 1 else printable(rel)

    if roster is None:
        for rel, path in found.items():
            entries.append(Entry(owner(rel), rel, path))
        for rel, finding in link_reasons.items():
            not_graded.append(NotGraded(owner(rel), printable(rel), finding.message, finding.code))
        return entries, not_graded
    listed: set[str] = set()
    for number, (learner, file, exercise) in enumerate(roster, start=2):
        shown_learner = printable(learner) or f"(no learner, roster row {number})"
        rel = PurePosixPath(file.replace("\\", "/")).as_posix()
        while rel.startswith("./"):
            rel = rel[2:]
        if not file:
            not_graded.append(
                NotGraded(shown_learner, "", f"roster row {number} names no file", "roster")
            )
        elif PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
            not_graded.append(
                NotGraded(
                    shown_learner,
                    printable(file),
                    f"roster row {number}: the path leads out of the cohort folder; "
                    "give it relative to the cohort folder",
                    "roster",
                )
            )
        elif rel in found:
            listed.add(rel)
            entries.append(Entry(shown_learner, rel, found[rel], exercise))
        elif rel in link_reasons:
            listed.add(rel)
            finding = link_reasons[rel]
            not_graded.append(
                NotGraded(shown_learner, printable(rel), finding.message, finding.code)
            )
        else:
            not_graded.append(
                NotGraded(
                    shown_learner,
                    printable(rel),
                    f"roster row {number} names this file, but it is not in the cohort folder",
                    "roster",
                )
            )
    for rel in [*found, *link_reasons]:
        if rel not in listed:
            not_graded.append(
                NotGraded(
                    owner(rel),
                    printable(rel),
                    "the roster does not name this file; add a row (learner, file) for it",
                    "roster",
                )
            )
    return entries, not_graded


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
