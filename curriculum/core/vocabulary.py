"""Typed models of the programme vocabulary: ``programme.yaml``.

The vocabulary (tracks, audiences, values, learning paths, outside frameworks, and
the ``course:`` block of :mod:`curriculum.core.settings`) lives once, in
``programme.yaml``; :class:`Programme` validates it, and module metadata
(:mod:`curriculum.core.model`) is checked against it. Field descriptions are the
programme.yaml reference for course authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StrictStr,
    model_validator,
)

from curriculum.core.settings import DEFAULT_MODULE_ID, DEFAULT_VALUE_ID, CourseSettings

MODULE_ID_PATTERN = DEFAULT_MODULE_ID  #: the default; a course sets its own
SLUG_PATTERN = r"^[a-z][a-z0-9-]*$"
VALUE_ID_PATTERN = DEFAULT_VALUE_ID
#: what any id may look like; the course's own patterns are checked against programme.yaml
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

Text = Annotated[StrictStr, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


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
    aliases: list[Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]] = Field(
        default_factory=list,
        description="other names a trainer may give the path, e.g. `[leaders, cio]`, so "
        "that `curriculum schedule --path cio` finds it; lowercase like an id, each used "
        "by one path only and never another path's id",
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


def _check_aliases(paths: list[LearningPath]) -> None:
    """An alias names one path: never another path's id, audience or alias."""
    owner: dict[str, str] = {p.id: p.id for p in paths}
    for path in paths:
        for alias in path.aliases:
            taken = owner.get(alias)
            if taken is not None and taken != path.id:
                what = "the id" if alias == taken else "an alias"
                raise ValueError(
                    f"path '{path.id}': alias '{alias}' is already {what} of path '{taken}'"
                    "; give each alias to one path"
                )
            other = next((p.id for p in paths if p.audience == alias and p.id != path.id), None)
            if other is not None:
                raise ValueError(
                    f"path '{path.id}': alias '{alias}' is the audience of path '{other}'"
                    "; choose another alias"
                )
            owner[alias] = path.id


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
        _check_aliases(self.paths)
        return self

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)

    def value(self, value_id: str) -> Value | None:
        return next((v for v in self.values if v.id == value_id), None)

    def audience_titles(self, ids: list[str]) -> list[str]:
        """The titles of ``ids``, or ["Every role"] for a module written for all of
        several audiences."""
        if len(ids) > 1 and set(ids) == {a.id for a in self.audiences}:
            return ["Every role"]
        return [a.title if (a := self.audience(i)) else i for i in ids]

    def path(self, path_id: str) -> LearningPath | None:
        return next((p for p in self.paths if p.id == path_id), None)

    def find_path(self, name: str) -> LearningPath | None:
        """The path called ``name``: its id, one of its aliases, or the id of its
        audience when one path alone serves that audience; case does not matter."""
        wanted = name.strip().lower()
        for path in self.paths:
            if wanted == path.id or wanted in path.aliases:
                return path
        serving = [p for p in self.paths if p.audience == wanted]
        return serving[0] if len(serving) == 1 else None

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)
