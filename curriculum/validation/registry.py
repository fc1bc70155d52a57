"""Exercise folders: their metadata, their validator, and running a check safely.

``exercises/<id>/`` holds ``exercise.yaml`` (metadata), ``brief.md``, the
template, ``solution.<ext>``, ``validator.py`` (defining ``exercise``), and
``cases/pass/`` and ``cases/fail/`` (each fail case with a ``.expected`` file).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import signal
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError

from curriculum.core.contentpolicy import inside
from curriculum.core.diagnostics import Diagnostic, from_validation_error, from_yaml_error
from curriculum.core.layout import EXERCISES_DIR
from curriculum.core.vocabulary import ID_PATTERN
from curriculum.core.yamlsource import YamlSourceError, load_yaml
from curriculum.validation.embedding import embedding_with
from curriculum.validation.exercise import Exercise
from curriculum.validation.findings import Finding, Location, tidy
from curriculum.validation.loading import Submission, SubmissionError, load_submission

METADATA_FILE = "exercise.yaml"
TIME_LIMIT_S = 10


class ExerciseMeta(BaseModel):
    """``exercise.yaml``: what the exercise is and what it assesses."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9-]*$", description="= the folder name")]
    title: Annotated[StrictStr, Field(min_length=1, description="what the learner produces")]
    module: Annotated[
        StrictStr,
        Field(pattern=ID_PATTERN, description="the id of the module that shows it (its folder)"),
    ]
    objectives: Annotated[
        list[StrictStr],
        Field(min_length=1, description="ids of the module's objectives this exercise assesses"),
    ]
    format: Annotated[Literal["yaml", "json"], Field(description="yaml or json")]
    artefact: Annotated[
        StrictStr,
        Field(
            pattern=r"^[a-z0-9][a-z0-9._-]*\.(yaml|json)$", description="file name learners save"
        ),
    ]
    review: Annotated[
        list[Annotated[StrictStr, Field(min_length=10, max_length=300)]],
        Field(
            default_factory=list,
            max_length=8,
            description="what a reviewer must still judge, which no code can (from the "
            "marking notes), each a question: shown after every check and on the page",
        ),
    ]


@dataclass(frozen=True)
class ExerciseFolder:
    meta: ExerciseMeta
    folder: Path

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def template(self) -> Path:
        return self.folder / f"template.{self.meta.format}"

    @property
    def solution(self) -> Path:
        return self.folder / f"solution.{self.meta.format}"

    @property
    def brief(self) -> Path:
        return self.folder / "brief.md"

    @property
    def marking(self) -> Path:
        return self.folder / "marking.md"

    @property
    def validator(self) -> Path:
        return self.folder / "validator.py"

    def cases(self, kind: Literal["pass", "fail"]) -> list[Path]:
        return sorted((self.folder / "cases" / kind).glob(f"*.{self.meta.format}"))


def read_exercise(
    folder: Path, shown: str | None = None, *, complete: bool = True
) -> tuple[ExerciseFolder | None, list[Diagnostic]]:
    """Read and validate ``exercise.yaml`` in ``folder``.

    ``complete=False`` asks only for what a check needs (``exercise.yaml`` and
    ``validator.py``): the in-page checker carries no brief, template or model
    answer, and an embedded artefact needs only the other exercise's validator.
    """
    path = folder / METADATA_FILE
    shown = shown or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return None, [Diagnostic(shown, None, "exercise", f"cannot read {METADATA_FILE}: {err}")]
    try:
        loaded = load_yaml(text)
        meta = ExerciseMeta.model_validate(loaded.data)
    except YamlSourceError as err:
        return None, [from_yaml_error(shown, err, "exercise")]
    except ValidationError as err:
        return None, from_validation_error(shown, err, loaded, ExerciseMeta, "exercise")
    if meta.id != folder.name:
        return None, [
            Diagnostic(
                shown,
                loaded.line_of(("id",)),
                "exercise",
                f"exercise id '{meta.id}' does not match its folder '{folder.name}'",
                f"set 'id: {folder.name}' or rename the folder",
            )
        ]
    needed = [folder / "validator.py"]
    if complete:
        needed = [folder / "brief.md", *needed, folder / f"template.{meta.format}"]
        needed.append(folder / f"solution.{meta.format}")
    missing = [p.name for p in needed if not p.is_file()]
    if missing:
        return None, [
            Diagnostic(
                shown,
                1,
                "exercise",
                f"the exercise folder lacks {', '.join(missing)}",
                "every exercise needs a brief, a template, a solution and a validator",
            )
        ]
    return ExerciseFolder(meta, folder), []


#: what an exercise id looks like; anything else (``../x``, ``/tmp``) names no exercise
EXERCISE_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def find_exercise(root: Path, exercise_id: str) -> Path | None:
    """``exercises/<id>/`` when it exists inside ``root`` (an id never walks out of it)."""
    if not EXERCISE_ID.match(exercise_id):
        return None
    folder = root / EXERCISES_DIR / exercise_id
    if not (folder / METADATA_FILE).is_file() or not inside(root / EXERCISES_DIR, folder):
        return None
    return folder


def all_exercises(root: Path) -> Iterator[Path]:
    base = root / EXERCISES_DIR
    if base.is_dir():
        yield from all_exercises_in(base)


_LOADED: dict[Path, Exercise[Any]] = {}


def package_name(exercise_id: str) -> str:
    """The package an exercise folder is imported as (``curriculum_exercise_rel_01_slo``)."""
    return "curriculum_exercise_" + exercise_id.replace("-", "_")


def load_validator(exercise: ExerciseFolder) -> Exercise[Any]:
    """Import the exercise's ``validator.py`` (contributor code, reviewed) once.

    The folder is imported as a package, so a long validator can keep its schema
    or helpers in modules beside it (``from .schema import Slo``). Two folders
    with one id (a course and a copy of it) get packages of their own.
    """
    path = exercise.validator.resolve()
    cached = _LOADED.get(path)
    if cached is not None:
        return cached
    name = package_name(exercise.id)
    if name in sys.modules and getattr(sys.modules[name], "__path__", None) != [str(path.parent)]:
        name += "_" + hashlib.sha256(str(path.parent).encode()).hexdigest()[:10]
    package = types.ModuleType(name)
    package.__path__ = [str(path.parent)]
    package.__package__ = name
    sys.modules[name] = package
    spec = importlib.util.spec_from_file_location(f"{name}.validator", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"{name}.validator"] = module
    spec.loader.exec_module(module)
    validator = getattr(module, "exercise", None)
    if not isinstance(validator, Exercise):
        raise TypeError(f"{path} must define 'exercise = Exercise(...)'")
    _LOADED[path] = validator
    return validator


class _Timeout(BaseException):  # not Exception: a validator cannot swallow it
    pass


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Stop a validator that runs too long (main thread on POSIX; elsewhere no limit:
    in the browser, where Python has no timers, the page stops the worker instead)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: the exercises being checked, outermost first (a capstone, then what it embeds)
_ACTIVE: ContextVar[tuple[ExerciseFolder, ...]] = ContextVar("course_active", default=())


@contextmanager
def _checking(exercise: ExerciseFolder) -> Iterator[None]:
    token = _ACTIVE.set((*_ACTIVE.get(), exercise))
    try:
        with embedding_with(validate_embedded):
            yield
    finally:
        _ACTIVE.reset(token)


def validate_embedded(
    exercise_id: str, submission: Submission
) -> tuple[list[Finding], Finding | None]:
    """Run exercise ``exercise_id``'s validator on an artefact embedded in another.

    Returns the findings, or a single problem (unknown exercise, an exercise
    embedding itself) that stops the check. The exercise is looked up beside
    the one being checked.
    """
    active = _ACTIVE.get()
    if not active:
        raise RuntimeError("Check.embedded works only while check_file runs")
    base = active[0].folder.parent
    known = sorted(p.name for p in all_exercises_in(base) if p.name not in {e.id for e in active})
    if any(e.id == exercise_id for e in active):
        return [], Finding(
            "embedded",
            f"'{exercise_id}' cannot be embedded in itself",
            f"embed an artefact of another exercise: {', '.join(known)}",
        )
    # the id comes from the learner's file: it must never lead out of exercises/
    found = find_exercise(base.parent, exercise_id) if base.name == EXERCISES_DIR else None
    exercise = read_exercise(found, complete=False)[0] if found is not None else None
    if exercise is None:
        return [], Finding(
            "embedded",
            f"there is no exercise '{exercise_id}'",
            f"use the id of an earlier exercise: {', '.join(known)}",
        )
    with _checking(exercise):
        return load_validator(exercise).validate(submission), None


def all_exercises_in(base: Path) -> Iterator[Path]:
    yield from sorted(p.parent for p in base.glob(f"*/{METADATA_FILE}"))


def check_file(
    exercise: ExerciseFolder, path: Path, phase: Callable[[str], None] | None = None
) -> tuple[list[Finding], bool]:
    """Findings for one submission, and whether the file could be read at all.

    Never raises: reading and checking both run under the time limit; whatever
    the learner's file makes go wrong is a ``file.*`` finding, a validator bug or
    a runaway validator an ``internal-*`` one. Findings are made printable and
    clipped, and a flood of one code is summarised (:func:`findings.tidy`).
    ``phase`` is told ``"reading"`` and then ``"checking"`` (the browser, which
    stops a check from outside, names what ran too long from it).
    """
    findings, readable = _check(exercise, path, phase or (lambda _name: None))
    return tidy(findings), readable


def timeout_finding(reading: bool) -> Finding:
    """What a check that ran past :data:`TIME_LIMIT_S` reports, while reading or checking."""
    if reading:
        return Finding(
            "file.timeout",
            f"reading the file took longer than {TIME_LIMIT_S} s",
            "the file is far larger or more complicated than an artefact needs to "
            "be: start again from the template",
        )
    return Finding(
        "internal-timeout",
        f"the check took longer than {TIME_LIMIT_S} s",
        "tell your trainer; this is a problem in the validator, not your file",
    )


def _check(
    exercise: ExerciseFolder, path: Path, phase: Callable[[str], None]
) -> tuple[list[Finding], bool]:
    reading = True
    phase("reading")
    try:
        with _time_limit(TIME_LIMIT_S):
            try:
                submission = load_submission(path, exercise.meta.format)
            except SubmissionError as err:
                return [err.finding], False
            reading = False
            phase("checking")
            validator = load_validator(exercise)
            with _checking(exercise):
                return validator.validate(submission), True
    except _Timeout:
        return [timeout_finding(reading)], not reading
    except (RecursionError, MemoryError) as err:
        if reading:
            return [_too_big_to_read(err)], False
        return [_internal(err)], True
    except (ValueError, OverflowError) as err:
        if reading:
            return [
                Finding(
                    "file.syntax",
                    "a value in the file cannot be read",
                    "check the values against the template; put a value that is meant as "
                    "text in quotes",
                )
            ], False
        if isinstance(err, OverflowError):  # a number or date beyond what can be computed
            return [
                Finding(
                    "file.number",
                    f"a number or date in the file is too large to calculate with ({err})",
                    "write realistic figures and dates, as in the template",
                )
            ], True
        return [_internal(err)], True
    except Exception as err:  # a validator bug must never reach the learner as a traceback
        return [_internal(err, "reading the file" if reading else "the validator")], not reading


def _too_big_to_read(err: BaseException) -> Finding:
    if isinstance(err, RecursionError):
        return Finding(
            "file.too-deep",
            "the file is nested too deeply to read",
            "flatten the structure; the template shows the expected shape",
        )
    return Finding(
        "file.too-large",
        "the file needs too much memory to read",
        "an artefact is a short YAML or JSON file: start again from the template",
    )


def _internal(err: BaseException, what: str = "the validator") -> Finding:
    part = "validator" if what == "the validator" else "checker"
    return Finding(
        "internal-error",
        f"{what} failed ({type(err).__name__}: {err})",
        f"tell your trainer; this is a problem in the {part}, not your file",
        Location(),
    )
