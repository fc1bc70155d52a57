"""Typed models of module metadata; the vocabulary's are re-exported from
:mod:`curriculum.core.vocabulary`.

Each module's front matter is validated by :class:`ModuleMeta` against that vocabulary, which
is passed as validation context (``{"programme": Programme}``). Field
descriptions double as the metadata reference for contributors.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from curriculum.core.settings import DEFAULT_UNOBSERVABLE
from curriculum.core.vocabulary import (
    ID_PATTERN,
    MODULE_ID_PATTERN,
    SLUG_PATTERN,
    VALUE_ID_PATTERN,
    Audience,
    Framework,
    LearningPath,
    Programme,
    Text,
    Track,
    Value,
    _Strict,
    first_repeat,
)

#: the vocabulary's names, imported from here by most of the package
__all__ = [
    "BLOOM_LEVELS",
    "ID_PATTERN",
    "MODULE_ID_PATTERN",
    "PASS_THROUGH_KEYS",
    "SLUG_PATTERN",
    "VALUE_ID_PATTERN",
    "Audience",
    "BloomLevel",
    "Framework",
    "LearningPath",
    "ModuleMeta",
    "Objective",
    "Programme",
    "Track",
    "Value",
    "first_repeat",
]


BloomLevel = Literal["remember", "understand", "apply", "analyse", "evaluate", "create"]
BLOOM_LEVELS: tuple[str, ...] = BloomLevel.__args__  # type: ignore[attr-defined]

#: Front-matter keys that belong to MyST or Sphinx, allowed beside module metadata.
PASS_THROUGH_KEYS = frozenset(
    {"myst", "html_meta", "substitutions", "orphan", "nosearch", "tocdepth", "nocomments"}
)


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
    exercise_minutes: Annotated[
        StrictInt | None,
        Field(
            ge=5,
            le=480,
            description="minutes a learner needs to do the module's exercises alone, after "
            "the reading; with the reading (counted from the page) it is the module's "
            "self-study time. Without it, the timing plan's exercise minutes are used",
        ),
    ] = None
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
