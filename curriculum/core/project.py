"""A course on disk, as the command line and lint see it: the vocabulary, every
module's metadata, their quizzes, and every problem found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from curriculum.core.confpy import read_conf
from curriculum.core.diagnostics import Diagnostic
from curriculum.core.layout import MODULE_PAGE, MODULES_DIR
from curriculum.core.model import Programme
from curriculum.core.paths import check_paths
from curriculum.core.programme import (
    ModuleRecord,
    check_modules,
    is_module_docname,
    load_programme,
    module_order_key,
    parse_module,
    read_text,
)
from curriculum.core.quizzes import parse_quiz, scan_quizzes


@dataclass(frozen=True)
class QuizInfo:
    id: str
    questions: int
    objectives: list[str]
    path: str
    line: int


@dataclass
class Project:
    root: Path
    programme: Programme | None
    modules: list[ModuleRecord]
    problems: list[Diagnostic]
    #: module id -> the quizzes found in the module's pages
    quizzes: dict[str, list[QuizInfo]] = field(default_factory=dict)


def scan_module_quizzes(
    root: Path, record: ModuleRecord
) -> tuple[list[QuizInfo], list[Diagnostic]]:
    """The ``{quiz}`` directives in every page of a module's folder, validated."""
    found: list[QuizInfo] = []
    problems: list[Diagnostic] = []
    for page in sorted((root / MODULES_DIR / record.folder).rglob("*.md")):
        shown = page.relative_to(root).as_posix()
        text, read_problems = read_text(page, shown, "quiz")
        problems.extend(read_problems)
        for source in scan_quizzes(text or ""):
            quiz, quiz_problems = parse_quiz(source.body, source.body_line, shown)
            problems.extend(quiz_problems)
            if quiz is not None:
                objectives = sorted({q.objective for q in quiz.questions if q.objective})
                quiz_id = f"{record.id}-u{source.unit}" if source.unit else source.id
                found.append(QuizInfo(quiz_id, len(quiz.questions), objectives, shown, source.line))
    return found, problems


def load_project(root: Path) -> Project:
    """Read the vocabulary and every module's metadata under ``root``."""
    programme_file = read_conf(root).programme_file
    programme, problems = load_programme(root / programme_file, programme_file)
    records: list[ModuleRecord] = []
    invalid: list[str] = []
    if programme is not None:
        for page in sorted((root / MODULES_DIR).glob(f"*/{MODULE_PAGE}.md")):
            docname = page.relative_to(root).with_suffix("").as_posix()
            if not is_module_docname(docname, programme.course):
                continue
            shown = page.relative_to(root).as_posix()
            text, read_problems = read_text(page, shown, "metadata")
            problems.extend(read_problems)
            if text is None:
                invalid.append(page.parent.name)
                continue
            record, found = parse_module(text, programme, docname, shown)
            problems.extend(found)
            if record is not None:
                records.append(record)
            else:
                invalid.append(page.parent.name)
        problems.extend(check_modules(records, invalid))
        problems.extend(check_paths(programme, records, invalid, programme_file))
        records.sort(key=lambda r: module_order_key(programme, r))
    quizzes: dict[str, list[QuizInfo]] = {}
    for record in records:
        quizzes[record.id], quiz_problems = scan_module_quizzes(root, record)
        problems.extend(quiz_problems)
    return Project(root, programme, records, problems, quizzes)
