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

    id: Annotated[
        StrictStr,
        Field(
            pattern=r"^[a-z]{1,8}$",
            description="1 to 8 lowercase letters, e.g. `rel`; the id of every module of "
            "the track starts with it (`rel-01`)",
        ),
    ]
    title: Annotated[
        Text,
        Field(
            description="the track's name, shown in the catalogue, the navigation and the "
            "header of each of its modules, e.g. 'Reliability and operations'"
        ),
    ]
    description: Annotated[
        Text,
        Field(
            description="a sentence on what the track covers, shown in the catalogue and "
            "on the home page"
        ),
    ]


class Audience(_Strict):
    """A stakeholder group the course speaks to in its own terms."""

    id: Annotated[
        StrictStr,
        Field(
            pattern=r"^[a-z]{1,8}$",
            description="1 to 8 lowercase letters, e.g. `ops`; modules list it under "
            "`audiences:` and a learning path names it as its `audience:`",
        ),
    ]
    title: Annotated[
        Text,
        Field(
            description="the group's name, shown in module headers and path pages, e.g. "
            "'Operations and SRE engineer'"
        ),
    ]
    description: Annotated[
        Text, Field(description="a sentence on what this group does and wants from the course")
    ]


class Value(_Strict):
    """A programme value, with where it comes from."""

    id: Annotated[
        StrictStr,
        Field(
            pattern=ID_PATTERN,
            description="a short id that modules list under `values:`, e.g. `V1`; it must "
            "match `course.value_id_pattern` (by default V and a number)",
        ),
    ]
    statement: Annotated[
        Text, Field(description="the value itself, in a few words, e.g. 'Ingenuity over process'")
    ]
    origin: Annotated[
        Text,
        Field(
            description="where the value comes from: its source and year, or that the "
            "programme made it, so that it is never attributed to anyone else"
        ),
    ]


class LearningPath(_Strict):
    """A role-based route: the audience's modules plus all their prerequisites.

    ``electives`` are modules for the audience that the path offers as optional
    extras rather than as its core (a prerequisite of a core module cannot be one).
    """

    id: Annotated[
        StrictStr,
        Field(
            pattern=SLUG_PATTERN,
            description="lowercase letters, digits and hyphens, starting with a letter, e.g. "
            "`service-desk`; the path's page holds a `{learning-path}` directive with this id",
        ),
    ]
    title: Annotated[
        Text,
        Field(description="the path's name, shown in the list of paths and on its page"),
    ]
    audience: Annotated[
        Text,
        Field(
            description="the id of the audience the path is for (one of `audiences:`); the "
            "path holds every module for that audience and all their prerequisites"
        ),
    ]
    description: Annotated[
        Text,
        Field(description="a sentence on where the path leads, shown in the list of paths"),
    ]
    electives: list[Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]] = Field(
        default_factory=list,
        description="module ids for the audience that the path offers after its core as "
        "optional extras, not counted in its time, e.g. `[rel-05, flo-03]`; a module the "
        "core needs cannot be one",
    )
    #: the core's intended length: lint and the build say when the modules drift from it
    minutes: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = Field(
        default=None,
        description="optional: how long the path's core is meant to last, in minutes, e.g. "
        "`765`; lint and the build say when the modules' durations add up to another total",
    )


class Framework(_Strict):
    """An outside framework that modules may be mapped to (for comparison only)."""

    id: Annotated[
        StrictStr,
        Field(
            pattern=SLUG_PATTERN,
            description="lowercase letters, digits and hyphens, e.g. `fitsm`; modules map "
            "their content to it under `crosswalk:`",
        ),
    ]
    title: Annotated[
        Text, Field(description="the framework's name as its publisher writes it, e.g. 'FitSM'")
    ]
    licence: Annotated[
        Text,
        Field(
            description="the terms it is published under, e.g. 'CC BY 4.0', so that readers "
            "know what may be quoted"
        ),
    ]
    areas: dict[StrictStr, StrictStr] = Field(
        min_length=1,
        description="the framework's areas, each a code and its name, e.g. "
        "`PR2: Service level management`; modules cite the codes in `crosswalk:`",
    )


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

    tracks: list[Track] = Field(
        min_length=1,
        description="the tracks, in the order of the catalogue and the navigation",
    )
    audiences: list[Audience] = Field(
        min_length=1, description="the groups of people the course speaks to"
    )
    values: list[Value] = Field(
        min_length=1, description="the programme's values, which every module serves"
    )
    paths: list[LearningPath] = Field(
        default_factory=list,
        description="learning paths, one per role: the route through the modules for one audience",
    )
    frameworks: list[Framework] = Field(
        default_factory=list,
        description="outside frameworks that modules may be compared with in a crosswalk",
    )
    course: CourseSettings = Field(
        default_factory=CourseSettings,
        description="this course's own settings and teaching rules; leave it out and every "
        "one keeps its neutral default",
    )
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
        else DEFAULT_UNOBSERVABLE
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
