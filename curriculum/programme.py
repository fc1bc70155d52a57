"""The programme as data: vocabulary, modules, cross-module checks, learning paths.

Pure Python, no Sphinx: the extension and the CLI both call these functions, so
the rules exist once. Everything returns :class:`~curriculum.diagnostics.Diagnostic`
lists instead of raising.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .diagnostics import Diagnostic, from_validation_error, from_yaml_error
from .layout import MODULE_PAGE, MODULES_DIR, PROGRAMME_FILE
from .model import MODULE_ID_PATTERN, PASS_THROUGH_KEYS, ModuleMeta, Programme
from .yamlsource import LoadedYaml, YamlSourceError, load_yaml, read_front_matter


@dataclass
class ModuleRecord:
    """A module with valid metadata and where its parts are written."""

    meta: ModuleMeta
    docname: str
    path: str
    #: 1-based lines of metadata parts, keyed like pydantic locations joined by '.'
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def folder(self) -> str:
        """The module's folder name (``modules/<folder>/index``)."""
        parts = self.docname.split("/")
        return parts[-2] if len(parts) >= 2 else ""

    def line(self, *loc: str | int) -> int | None:
        return self.lines.get(".".join(str(p) for p in loc)) or self.lines.get("")


@dataclass
class PathStep:
    module: ModuleRecord
    #: why the module is on the path: the audience, or the modules needing it
    needed_by: list[str]


@dataclass
class PathPlan:
    id: str
    title: str
    audience: str
    #: the core of the path, prerequisites first
    steps: list[PathStep]
    #: optional modules (and any prerequisite of theirs not in the core)
    electives: list[PathStep] = field(default_factory=list)

    @property
    def duration(self) -> int:
        """Minutes of the core."""
        return sum(step.module.meta.duration for step in self.steps)

    @property
    def elective_duration(self) -> int:
        return sum(step.module.meta.duration for step in self.electives)


# --- loading ------------------------------------------------------------------------


def read_text(path: Path, shown: str, code: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 file (a BOM is fine); a diagnostic instead of an exception."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Diagnostic(shown, None, code, f"cannot read the file: {err.strerror}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Diagnostic(
                shown, line, code, "the file is not UTF-8 text", "save it with UTF-8 encoding"
            )
        ]


def load_programme(
    path: Path, shown: str | None = None
) -> tuple[Programme | None, list[Diagnostic]]:
    """Load and validate the vocabulary file."""
    shown = shown or path.name
    code = "vocabulary"
    text, problems = read_text(path, shown, code)
    if text is None:
        return None, problems
    try:
        loaded = load_yaml(text)
    except YamlSourceError as err:
        return None, [from_yaml_error(shown, err, code)]
    if not isinstance(loaded.data, dict):
        return None, [Diagnostic(shown, 1, code, "the vocabulary must be a YAML mapping")]
    try:
        programme = Programme.model_validate(loaded.data)
    except ValidationError as err:
        return None, from_validation_error(shown, err, loaded, Programme, code)
    programme._lines = dict(loaded.lines)
    return programme, []


def is_module_docname(docname: str) -> bool:
    """``modules/<id>/index`` where the folder name has the form of a module id."""
    parts = docname.split("/")
    return (
        len(parts) == 3
        and parts[0] == MODULES_DIR
        and parts[2] == MODULE_PAGE
        and re.match(MODULE_ID_PATTERN, parts[1]) is not None
    )


def parse_module(
    text: str, programme: Programme, docname: str, shown: str
) -> tuple[ModuleRecord | None, list[Diagnostic]]:
    """Validate the front matter of a module page against the vocabulary."""
    code = "metadata"
    try:
        front = read_front_matter(text)
    except YamlSourceError as err:
        return None, [from_yaml_error(shown, err, code)]
    if front.loaded is None:
        return None, [
            Diagnostic(
                shown,
                1,
                code,
                "this module page has no metadata",
                "start the file with a '---' block holding id, title, track, duration, "
                "audiences, prerequisites, values and objectives",
            )
        ]
    loaded = front.loaded
    data = loaded.data
    if not isinstance(data, dict):
        return None, [Diagnostic(shown, 2, code, "the metadata must be 'key: value' lines")]
    fields = {k: v for k, v in data.items() if k not in PASS_THROUGH_KEYS}
    try:
        meta = ModuleMeta.model_validate(fields, context={"programme": programme})
    except ValidationError as err:
        return None, from_validation_error(shown, err, loaded, ModuleMeta, code)
    return ModuleRecord(meta, docname, shown, _line_index(loaded)), []


def _line_index(loaded: LoadedYaml) -> dict[str, int]:
    index = {".".join(str(p) for p in path): line for path, line in loaded.lines.items()}
    index[""] = loaded.first_line
    return index


# --- checks across modules ------------------------------------------------------------


def check_modules(records: list[ModuleRecord], invalid: Iterable[str] = ()) -> list[Diagnostic]:
    """Duplicate ids, ids that differ from their folder, unknown prerequisites, cycles.

    ``invalid`` names modules whose metadata was already reported as invalid:
    prerequisites naming them are not reported a second time.
    """
    invalid = set(invalid)
    problems: list[Diagnostic] = []
    by_id: dict[str, ModuleRecord] = {}
    # a module whose id matches its folder keeps the id; a copy that kept it is the duplicate
    ordered = sorted(records, key=lambda r: (r.id != r.folder, r.docname))
    for record in ordered:
        first = by_id.get(record.id)
        if first is not None:
            problems.append(
                Diagnostic(
                    record.path,
                    record.line("id"),
                    "duplicate",
                    f"module id '{record.id}' is already used by {first.path}",
                    f"give this module its own id: 'id: {record.folder}' matches its folder"
                    if record.folder != record.id
                    else "give each module its own id and folder",
                )
            )
            continue
        by_id[record.id] = record
        if record.folder and record.folder != record.id:
            problems.append(
                Diagnostic(
                    record.path,
                    record.line("id"),
                    "metadata",
                    f"module id '{record.id}' does not match its folder '{record.folder}'",
                    f"rename the folder to modules/{record.id}/ or set 'id: {record.folder}'",
                )
            )
    for record in by_id.values():
        for index, prerequisite in enumerate(record.meta.prerequisites):
            if prerequisite not in by_id and prerequisite not in invalid:
                known = ", ".join(sorted(by_id)) or "none yet"
                problems.append(
                    Diagnostic(
                        record.path,
                        record.line("prerequisites", index),
                        "prerequisite",
                        f"prerequisite '{prerequisite}' is not a module of this course",
                        f"use the id of an existing module: {known}",
                    )
                )
    problems.extend(_cycles(by_id))
    return problems


def _cycles(by_id: dict[str, ModuleRecord]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(module_id: str, trail: list[str]) -> None:
        state[module_id] = 1
        trail.append(module_id)
        record = by_id[module_id]
        for index, prerequisite in enumerate(record.meta.prerequisites):
            if prerequisite not in by_id:
                continue
            if state.get(prerequisite) == 1:
                cycle = [*trail[trail.index(prerequisite) :], prerequisite]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    problems.append(
                        Diagnostic(
                            record.path,
                            record.line("prerequisites", index),
                            "cycle",
                            "prerequisites form a cycle: " + " -> ".join(cycle),
                            "remove one of these prerequisites so that one module comes first",
                        )
                    )
            elif prerequisite not in state:
                visit(prerequisite, trail)
        trail.pop()
        state[module_id] = 2

    for module_id in sorted(by_id):
        if module_id not in state:
            visit(module_id, [])
    return problems


# --- learning paths ---------------------------------------------------------------------


def module_order_key(programme: Programme, record: ModuleRecord) -> tuple[int, str]:
    """Catalogue order: tracks as listed in the vocabulary, then module id."""
    tracks = [t.id for t in programme.tracks]
    rank = tracks.index(record.meta.track) if record.meta.track in tracks else len(tracks)
    return rank, record.id


def plan_path(programme: Programme, path_id: str, records: list[ModuleRecord]) -> PathPlan:
    """The path's audience modules plus every prerequisite, prerequisites first.

    Electives named in the vocabulary are planned after the core, each with any
    prerequisite the core does not already hold.
    """
    path = programme.path(path_id)
    if path is None:
        raise KeyError(path_id)
    by_id = {r.id: r for r in records}
    audience = [r.id for r in records if path.audience in r.meta.audiences]
    core_needed = _with_prerequisites(
        [m for m in audience if m not in path.electives], by_id, path.audience
    )
    electives = [m for m in path.electives if m in by_id and m not in core_needed]
    extra = _with_prerequisites(electives, by_id, path.audience, exclude=set(core_needed))
    return PathPlan(
        path.id,
        path.title,
        path.audience,
        _in_order(programme, by_id, core_needed),
        _in_order(programme, by_id, extra),
    )


def _with_prerequisites(
    start: list[str],
    by_id: dict[str, ModuleRecord],
    audience: str,
    exclude: set[str] | None = None,
) -> dict[str, list[str]]:
    """``start`` and every prerequisite not in ``exclude``, each with the modules needing it
    (when the audience alone would not have put it on the path)."""
    exclude = exclude or set()
    needed_by: dict[str, list[str]] = {m: [] for m in start}
    stack = list(start)
    while stack:
        record = by_id[stack.pop()]
        for prerequisite in record.meta.prerequisites:
            if prerequisite not in by_id or prerequisite in exclude:
                continue
            if prerequisite not in needed_by:
                needed_by[prerequisite] = []
                stack.append(prerequisite)
            if audience not in by_id[prerequisite].meta.audiences:
                needed_by[prerequisite].append(record.id)
    return needed_by


def _in_order(
    programme: Programme, by_id: dict[str, ModuleRecord], needed_by: dict[str, list[str]]
) -> list[PathStep]:
    """Kahn's algorithm; ties broken by catalogue order so the result is stable."""
    members = set(needed_by)
    waiting = {m: {p for p in by_id[m].meta.prerequisites if p in members} for m in members}
    dependents: dict[str, list[str]] = {m: [] for m in members}
    for module_id, prerequisites in waiting.items():
        for prerequisite in prerequisites:
            dependents[prerequisite].append(module_id)
    ready = [(module_order_key(programme, by_id[m]), m) for m in members if not waiting[m]]
    heapq.heapify(ready)
    steps: list[PathStep] = []
    while ready:
        _, module_id = heapq.heappop(ready)
        steps.append(PathStep(by_id[module_id], sorted(needed_by[module_id])))
        for other in dependents[module_id]:
            waiting[other].discard(module_id)
            if not waiting[other]:
                heapq.heappush(ready, (module_order_key(programme, by_id[other]), other))
    # modules caught in a cycle never become ready; check_modules reports the cycle
    return steps


def check_paths(
    programme: Programme, records: list[ModuleRecord], invalid: Iterable[str] = ()
) -> list[Diagnostic]:
    """Electives must be modules of the path's audience that no core module needs."""
    problems: list[Diagnostic] = []
    by_id = {r.id: r for r in records}
    skip = set(invalid)
    for index, path in enumerate(programme.paths):
        core = [
            r.id
            for r in records
            if path.audience in r.meta.audiences and r.id not in path.electives
        ]
        core_needed = _with_prerequisites(core, by_id, path.audience)
        for position, module_id in enumerate(path.electives):
            line = programme.line_of("paths", index, "electives", position)
            record = by_id.get(module_id)
            if record is None:
                if module_id not in skip:
                    problems.append(
                        Diagnostic(
                            PROGRAMME_FILE,
                            line,
                            "path",
                            f"path '{path.id}': elective '{module_id}' is not a module "
                            "of this course",
                            "use the id of an existing module, or remove it",
                        )
                    )
            elif path.audience not in record.meta.audiences:
                problems.append(
                    Diagnostic(
                        PROGRAMME_FILE,
                        line,
                        "path",
                        f"path '{path.id}': elective '{module_id}' is not a module for "
                        f"audience '{path.audience}'",
                        f"add '{path.audience}' to the module's audiences, or remove it here",
                    )
                )
            elif module_id in core_needed:
                users = sorted(m for m in core_needed if module_id in by_id[m].meta.prerequisites)
                problems.append(
                    Diagnostic(
                        PROGRAMME_FILE,
                        line,
                        "path",
                        f"path '{path.id}': elective '{module_id}' is a prerequisite of "
                        f"{', '.join(users)}, which the path needs",
                        "remove it from the electives: the path must include it",
                    )
                )
    return problems


# --- a project on disk (for the CLI) ---------------------------------------------------


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
    from .quizzes import parse_quiz, scan_quizzes

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
                found.append(
                    QuizInfo(source.id, len(quiz.questions), objectives, shown, source.line)
                )
    return found, problems


def load_project(root: Path) -> Project:
    """Read the vocabulary and every module's metadata under ``root``."""
    programme, problems = load_programme(root / PROGRAMME_FILE, PROGRAMME_FILE)
    records: list[ModuleRecord] = []
    invalid: list[str] = []
    if programme is not None:
        for page in sorted((root / MODULES_DIR).glob(f"*/{MODULE_PAGE}.md")):
            docname = page.relative_to(root).with_suffix("").as_posix()
            if not is_module_docname(docname):
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
        problems.extend(check_paths(programme, records, invalid))
        records.sort(key=lambda r: module_order_key(programme, r))
    quizzes: dict[str, list[QuizInfo]] = {}
    for record in records:
        quizzes[record.id], quiz_problems = scan_module_quizzes(root, record)
        problems.extend(quiz_problems)
    return Project(root, programme, records, problems, quizzes)
