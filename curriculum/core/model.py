"""Typed models of the programme vocabulary and of module metadata.

The vocabulary (tracks, audiences, values, learning paths, outside frameworks)
lives once, in ``programme.yaml``; :class:`Programme` validates it. Each module's
front matter is validated by :class:`ModuleMeta` against that vocabulary, which
is passed as validation context (``{"programme": Programme}``). Field
descriptions double as the metadata reference for contributors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from curriculum.core.settings import (
    DEFAULT_MODULE_ID,
    DEFAULT_UNOBSERVABLE,
    DEFAULT_VALUE_ID,
    CourseSettings,
)

MODULE_ID_PATTERN = DEFAULT_MODULE_ID  #: the default; a course sets its own
SLUG_PATTERN = r"^[a-z][a-z0-9-]*$"
VALUE_ID_PATTERN = DEFAULT_VALUE_ID
#: what any id may look like; the course's own patterns are checked against programme.yaml
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

BloomLevel = Literal["remember", "understand", "apply", "analyse", "evaluate", "create"]
BLOOM_LEVELS: tuple[str, ...] = BloomLevel.__args__  # type: ignore[attr-defined]

#: Openings that describe a state of mind (the default of course.policy)
UNMEASURABLE_OPENINGS = DEFAULT_UNOBSERVABLE

#: Front-matter keys that belong to MyST or Sphinx, allowed beside module metadata.
PASS_THROUGH_KEYS = frozenset(
    {"myst", "html_meta", "substitutions", "orphan", "nosearch", "tocdepth", "nocomments"}
)

Text = Annotated[StrictStr, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- the programme vocabulary ----------------------------------------------------


class Track(_Strict):
    """A group of modules on one theme; module ids start with the track id."""

    id: Annotated[StrictStr, Field(pattern=r"^[a-z]{1,8}$")]
    title: Text
    description: Text


class Audience(_Strict):
    """A stakeholder group the course speaks to in its own terms."""

    id: Annotated[StrictStr, Field(pattern=r"^[a-z]{1,8}$")]
    title: Text
    description: Text


class Value(_Strict):
    """A programme value, with where it comes from."""

    id: Annotated[
        StrictStr,
        Field(pattern=ID_PATTERN, description="e.g. V1; the form is course.value_id_pattern"),
    ]
    statement: Text
    origin: Text


class LearningPath(_Strict):
    """A role-based route: the audience's modules plus all their prerequisites.

    ``electives`` are modules for the audience that the path offers as optional
    extras rather than as its core (a prerequisite of a core module cannot be one).
    """

    id: Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]
    title: Text
    audience: Text
    description: Text
    electives: list[Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]] = Field(default_factory=list)
    #: the core's intended length: lint and the build say when the modules drift from it
    minutes: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = None


class Framework(_Strict):
    """An outside framework that modules may be mapped to (for comparison only)."""

    id: Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]
    title: Text
    licence: Text
    areas: dict[StrictStr, StrictStr] = Field(min_length=1)


def first_repeat(ids: Iterable[str]) -> tuple[int, str] | None:
    """The position and value of the first id that appeared before, if any."""
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            return index, item
        seen.add(item)
    return None


def _unique(items: Iterable[Any], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"{what} id '{item.id}' is defined twice")
        seen.add(item.id)


class Programme(_Strict):
    """The vocabulary every module's metadata is checked against."""

    tracks: list[Track] = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1)
    values: list[Value] = Field(min_length=1)
    paths: list[LearningPath] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)
    course: CourseSettings = Field(default_factory=CourseSettings)
    #: 1-based line of each entry in the vocabulary file, keyed by its path
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    def line_of(self, *path: str | int) -> int | None:
        return self._lines.get(tuple(path))

    @model_validator(mode="after")
    def _check(self) -> Programme:
        _unique(self.tracks, "track")
        _unique(self.audiences, "audience")
        _unique(self.values, "value")
        _unique(self.paths, "path")
        _unique(self.frameworks, "framework")
        for value in self.values:
            if re.match(self.course.value_id_pattern, value.id) is None:
                raise ValueError(
                    f"value id '{value.id}' does not match course.value_id_pattern "
                    f"'{self.course.value_id_pattern}'"
                )
        audiences = {a.id for a in self.audiences}
        for path in self.paths:
            if path.audience not in audiences:
                raise ValueError(
                    f"path '{path.id}' names unknown audience '{path.audience}'"
                    f" (known: {', '.join(sorted(audiences))})"
                )
        return self

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)

    def value(self, value_id: str) -> Value | None:
        return next((v for v in self.values if v.id == value_id), None)

    def path(self, path_id: str) -> LearningPath | None:
        return next((p for p in self.paths if p.id == path_id), None)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)


# --- module metadata -------------------------------------------------------------


def _programme(info: ValidationInfo) -> Programme | None:
    context = info.context or {}
    programme = context.get("programme")
    return programme if isinstance(programme, Programme) else None


def _known(
    kind: str, value: str, known: list[str], at: tuple[str | int, ...] | None = None
) -> None:
    if value not in known:
        context: dict[str, Any] = {
            "kind": kind,
            "value": value,
            "hint": f"use one of: {', '.join(known)}; the list is in programme.yaml",
        }
        if at is not None:
            context["at"] = at
        raise PydanticCustomError(
            f"unknown_{kind.replace(' ', '_')}", "unknown {kind} '{value}'", context
        )


def _check_track(value: str, info: ValidationInfo) -> str:
    programme = _programme(info)
    if programme is not None:
        _known("track", value, [t.id for t in programme.tracks])
    return value


def _check_audience(value: str, info: ValidationInfo) -> str:
    programme = _programme(info)
    if programme is not None:
        _known("audience", value, [a.id for a in programme.audiences])
    return value


def _check_value(value: str, info: ValidationInfo) -> str:
    programme = _programme(info)
    if programme is not None:
        _known("value", value, [v.id for v in programme.values])
    return value


def _check_objective_text(text: str, info: ValidationInfo) -> str:
    lowered = text.lower()
    programme = _programme(info)
    openings = (
        programme.course.policy.unobservable_openings
        if programme is not None
        else UNMEASURABLE_OPENINGS
    )
    for opening in openings:
        if re.match(rf"{opening}\b", lowered):
            raise PydanticCustomError(
                "unmeasurable_objective",
                "objective starts with '{opening}', which a trainer cannot observe",
                {
                    "opening": opening,
                    "hint": "start with an observable verb for its Bloom level, e.g. "
                    "'Explain', 'Calculate', 'Design', 'Critique'",
                },
            )
    return text


def _no_duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    for item in values:
        if item in seen:
            raise PydanticCustomError(
                "duplicate_item",
                "'{item}' is listed twice",
                {"item": item, "hint": "list each entry once"},
            )
        seen.add(item)
    return values


ModuleId = Annotated[StrictStr, Field(pattern=ID_PATTERN)]


class Objective(_Strict):
    """One measurable learning objective."""

    id: Annotated[
        StrictStr,
        Field(pattern=SLUG_PATTERN, description="short id, unique in the module, e.g. `o1`"),
    ]
    text: Annotated[
        StrictStr,
        Field(min_length=10, description="starts with an observable verb: 'Calculate the…'"),
        AfterValidator(_check_objective_text),
    ]
    bloom: Annotated[
        BloomLevel, Field(description="revised Bloom level: " + ", ".join(BLOOM_LEVELS))
    ]


class ModuleMeta(_Strict):
    """The metadata of a module, from the front matter of ``modules/<id>/index.md``."""

    id: Annotated[
        ModuleId,
        Field(
            description="the folder name; it starts with the track id and matches "
            "course.module_id_pattern (by default a track id, a hyphen and two digits: `rel-01`)"
        ),
    ]
    title: Annotated[Text, Field(description="the module title, shown as the page heading")]
    track: Annotated[
        StrictStr,
        Field(description="a track id from programme.yaml"),
        AfterValidator(_check_track),
    ]
    duration: Annotated[
        StrictInt, Field(ge=5, le=480, description="teaching time in minutes, 5 to 480")
    ]
    audiences: Annotated[
        list[Annotated[StrictStr, AfterValidator(_check_audience)]],
        Field(min_length=1, description="audience ids from programme.yaml"),
        AfterValidator(_no_duplicates),
    ]
    prerequisites: Annotated[
        list[ModuleId],
        Field(default_factory=list, description="ids of modules to take first"),
        AfterValidator(_no_duplicates),
    ]
    values: Annotated[
        list[Annotated[StrictStr, AfterValidator(_check_value)]],
        Field(min_length=1, description="value ids (V1…) from programme.yaml"),
        AfterValidator(_no_duplicates),
    ]
    objectives: Annotated[
        list[Objective],
        Field(
            description="measurable objectives, as many as course.policy.objectives_min "
            "to objectives_max",
        ),
    ]
    exercises: Annotated[
        list[Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]],
        Field(default_factory=list, description="ids of exercise folders under exercises/"),
        AfterValidator(_no_duplicates),
    ]
    crosswalk: Annotated[
        dict[StrictStr, list[StrictStr]],
        Field(
            default_factory=dict,
            description="optional: framework id -> area codes, e.g. `fitsm: [PR2]`",
        ),
    ]
    draft: Annotated[
        StrictBool,
        Field(
            description="`true` while the module is still being written: it is built and "
            "marked Draft, left out of every learning path, and lint reports the course's "
            "size rules for it as warnings; remove the line when the module is complete",
        ),
    ] = False

    @model_validator(mode="after")
    def _check_module(self, info: ValidationInfo) -> ModuleMeta:
        if not self.id.startswith(self.track + "-"):
            raise PydanticCustomError(
                "id_track_mismatch",
                "module id '{id}' does not start with its track '{track}-'",
                {
                    "id": self.id,
                    "track": self.track,
                    "hint": "make the id and track agree",
                    "at": ("track",),
                },
            )
        if self.id in self.prerequisites:
            raise PydanticCustomError(
                "self_prerequisite",
                "module '{id}' lists itself as a prerequisite",
                {
                    "id": self.id,
                    "hint": "remove it from prerequisites",
                    "at": ("prerequisites", self.prerequisites.index(self.id)),
                },
            )
        repeat = first_repeat(o.id for o in self.objectives)
        if repeat is not None:
            index, objective_id = repeat
            raise PydanticCustomError(
                "duplicate_objective",
                "objective id '{oid}' is used twice",
                {
                    "oid": objective_id,
                    "hint": "number objectives o1, o2, o3…",
                    "at": ("objectives", index, "id"),
                },
            )
        programme = _programme(info)
        if programme is not None:
            _check_against_course(self, programme)
            for framework_id, codes in self.crosswalk.items():
                framework = programme.framework(framework_id)
                if framework is None:
                    known = [f.id for f in programme.frameworks]
                    _known("framework", framework_id, known, ("crosswalk", framework_id))
                    continue  # pragma: no cover - _known raised
                for index, code in enumerate(codes):
                    at = ("crosswalk", framework_id, index)
                    _known(f"{framework_id} area", code, list(framework.areas), at)
        return self

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)


def _check_against_course(meta: ModuleMeta, programme: Programme) -> None:
    """The course's own rules (programme.yaml ``course:``): id form, objective count."""
    course = programme.course
    for at, module_id in [(("id",), meta.id)] + [
        (("prerequisites", i), m) for i, m in enumerate(meta.prerequisites)
    ]:
        if not course.is_module_id(module_id):
            raise PydanticCustomError(
                "module_id_form",
                "'{id}' is not a module id of this course (course.module_id_pattern "
                "'{pattern}' in programme.yaml)",
                {
                    "id": module_id,
                    "pattern": course.module_id_pattern,
                    "hint": "name the module like the others, e.g. its track id, a hyphen "
                    "and two digits",
                    "at": at,
                },
            )
    policy = course.policy
    count = len(meta.objectives)
    if not policy.objectives_min <= count <= policy.objectives_max:
        raise PydanticCustomError(
            "objectives_count",
            "the module has {count} objective{s}; this course asks for {low} to {high} "
            "(course.policy in programme.yaml)",
            {
                "count": count,
                "s": "" if count == 1 else "s",
                "low": policy.objectives_min,
                "high": policy.objectives_max,
                "hint": "merge or split objectives so that each is one observable skill",
                "at": ("objectives",),
            },
        )
