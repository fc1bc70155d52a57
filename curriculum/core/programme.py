"""The programme as data: vocabulary, modules, cross-module checks, learning paths.

Pure Python, no Sphinx: the extension and the CLI both call these functions, so
the rules exist once. Everything returns :class:`~curriculum.core.diagnostics.Diagnostic`
lists instead of raising.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from curriculum.core.diagnostics import Diagnostic, from_validation_error, from_yaml_error
from curriculum.core.layout import MODULE_PAGE, MODULES_DIR
from curriculum.core.model import MODULE_ID_PATTERN, PASS_THROUGH_KEYS, ModuleMeta, Programme
from curriculum.core.reading import page_reading_minutes
from curriculum.core.settings import CourseSettings
from curriculum.core.timing import plan_shape
from curriculum.core.units import Unit, page_units
from curriculum.core.yamlsource import LoadedYaml, YamlSourceError, load_yaml, read_front_matter


@dataclass
class ModuleRecord:
    """A module with valid metadata and where its parts are written."""

    meta: ModuleMeta
    docname: str
    path: str
    #: 1-based lines of metadata parts, keyed like pydantic locations joined by '.'
    lines: dict[str, int] = field(default_factory=dict)
    #: minutes to read the page's learner text (:mod:`curriculum.core.reading`)
    reading: int = 0
    #: ``(minutes, is the exercise)`` of each activity of the page's timing plan (see
    #: :func:`curriculum.core.timing.plan_shape`); empty without one
    timing: tuple[tuple[int, bool], ...] = ()
    #: the page's units, each ending with a ``{unit-check}`` (:mod:`curriculum.core.units`)
    units: tuple[Unit, ...] = ()

    @property
    def exercise_minutes(self) -> int:
        """Minutes to do the exercises alone: the metadata's ``exercise_minutes``, else
        the timing plan's exercise activities (what a class gives them)."""
        if self.meta.exercise_minutes is not None:
            return self.meta.exercise_minutes
        return sum(minutes for minutes, is_exercise in self.timing if is_exercise)

    @property
    def self_study(self) -> int:
        """Minutes on one's own: the reading (quick checks and quiz included) and the
        exercises. The class time is the metadata's ``duration``."""
        return self.reading + self.exercise_minutes

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


def is_module_docname(docname: str, course: CourseSettings | None = None) -> bool:
    """``modules/<id>/index`` where the folder name has the form of a module id
    (``course.module_id_pattern``); other folders of modules/ hold ordinary pages."""
    parts = docname.split("/")
    pattern = course.module_id_pattern if course is not None else MODULE_ID_PATTERN
    return (
        len(parts) == 3
        and parts[0] == MODULES_DIR
        and parts[2] == MODULE_PAGE
        and re.match(pattern, parts[1]) is not None
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
    reading = page_reading_minutes(text, front.end_line)
    timing = plan_shape(text)
    units = tuple(page_units(text, front.end_line))
    return ModuleRecord(meta, docname, shown, _line_index(loaded), reading, timing, units), []


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


def module_order_key(programme: Programme, record: ModuleRecord) -> tuple[int, str]:
    """Catalogue order: tracks as listed in the vocabulary, then module id."""
    tracks = [t.id for t in programme.tracks]
    rank = tracks.index(record.meta.track) if record.meta.track in tracks else len(tracks)
    return rank, record.id
