"""Which files of a cohort folder belong to which learner: walking the folder without
following links out of it, a roster (CSV: ``learner``, ``file``, optionally
``exercise``), and the files that are not graded, each with its reason
(:class:`NotGraded`). :mod:`curriculum.validation.cohort` checks what is found here.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from curriculum.validation.findings import Finding, printable
from curriculum.validation.registry import ExerciseFolder

#: a roster larger than this is not a roster
MAX_ROSTER_BYTES = 2_000_000


@dataclass(frozen=True)
class NotGraded:
    """A file no rule was run on, and why (in words a trainer can pass on)."""

    learner: str
    file: str
    reason: str
    code: str = "not-graded"


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
