"""Reference pages generated from the code, so that they cannot drift from it.

``{metadata-reference}`` lists the fields of module metadata, objectives, exercise
metadata and quiz questions, from the pydantic models; ``{programme-reference}`` lists
every field of programme.yaml, walking the models from :class:`Programme` down (a new
field or a new nested model appears by itself); ``{lint-checks}`` lists the checks of
``curriculum lint``, from its registry.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from docutils import nodes
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from sphinx.util.docutils import SphinxDirective

from curriculum.ext.tables import Cell, make_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _type_name(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) or str(annotation)
    text = text.replace("typing.", "").replace("Annotated[", "").replace("Strict", "")
    for word, plain in (
        ("str", "text"),
        ("int", "whole number"),
        ("bool", "true or false"),
        ("float", "number"),
        ("list", "list"),
        ("dict", "mapping"),
    ):
        text = text.replace(word, plain)
    return text.split(",")[0].rstrip("]") if "[" not in text else text


def field_rows(model: type[BaseModel]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for name, info in model.model_fields.items():
        required = "required" if info.is_required() else "optional"
        kind = _type_name(info.annotation)
        description = (info.description or "").replace("`", "'")
        rows.append([[nodes.literal(name, name)], required, kind, description])
    return rows


class MetadataReferenceDirective(SphinxDirective):
    """``{metadata-reference}``: every field contributors write, from the models."""

    def run(self) -> list[nodes.Node]:
        from curriculum.core.model import ModuleMeta, Objective
        from curriculum.core.quizzes import QuizOption, QuizQuestion
        from curriculum.validation.registry import ExerciseMeta

        sections: list[tuple[str, type[BaseModel]]] = [
            ("Module metadata (the front matter of modules/<id>/index.md)", ModuleMeta),
            ("Each objective", Objective),
            ("Exercise metadata (exercises/<id>/exercise.yaml)", ExerciseMeta),
            ("Each quiz question", QuizQuestion),
            ("Each quiz option", QuizOption),
        ]
        out: list[nodes.Node] = []
        for title, model in sections:
            rubric = nodes.rubric("", title)
            rubric["heading-level"] = 2
            out.append(rubric)
            if model.__doc__:
                out.append(nodes.paragraph("", " ".join(model.__doc__.replace("``", "").split())))
            out.append(
                make_table(
                    ["Field", "", "Kind", "What it holds"],
                    field_rows(model),
                    [22, 12, 18, 48],
                    ["course-reference"],
                )
            )
        return out


# --- programme.yaml, walked from the Programme model ------------------------------


@dataclass(frozen=True)
class ModelPlace:
    """A model and where it sits in the file: ``""`` (the top), ``tracks[]``,
    ``course.policy``, ``frameworks[].areas.<key>``."""

    where: str
    model: type[BaseModel]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _nested(annotation: Any, suffix: str = "") -> Iterator[tuple[str, type[BaseModel]]]:
    """The models inside an annotation, each with what its place adds to the field's name:
    ``[]`` for an item of a list, ``.<key>`` for a value of a mapping."""
    if _is_model(annotation):
        yield suffix, annotation
        return
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        yield from _nested(args[0], suffix)
    elif origin in (Union, types.UnionType):
        for arg in args:
            yield from _nested(arg, suffix)
    elif _is_collection(origin, Mapping) and len(args) == 2:
        yield from _nested(args[1], suffix + ".<key>")
    elif _is_collection(origin, list, tuple, set, frozenset):
        for arg in args:
            if arg is not Ellipsis:
                yield from _nested(arg, suffix + "[]")


def reachable_models(root: type[BaseModel], where: str = "") -> list[ModelPlace]:
    """``root`` and every model reachable from its fields, depth first, each once."""
    places: list[ModelPlace] = []
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel], at: str) -> None:
        if model in seen:
            return
        seen.add(model)
        places.append(ModelPlace(at, model))
        for name, info in model.model_fields.items():
            for suffix, inner in _nested(info.annotation):
                visit(inner, f"{at}.{name}{suffix}" if at else f"{name}{suffix}")

    visit(root, where)
    return places


_SCALARS: dict[Any, str] = {
    str: "text",
    int: "whole number",
    bool: "true or false",
    float: "number",
}


def _is_collection(origin: Any, *kinds: type) -> bool:
    return isinstance(origin, type) and issubclass(origin, kinds)


def _constraints(metadata: Sequence[Any], many: bool) -> list[str]:
    """Limits in words: ``from 1 to 100,000``, ``not empty``, ``at least one entry``."""
    words: list[str] = []
    low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
    if low is not None and high is not None:
        words.append(f"from {low:,} to {high:,}")
    elif low is not None:
        words.append(f"at least {low:,}")
    elif high is not None:
        words.append(f"at most {high:,}")
    for item in metadata:
        if isinstance(item, annotated_types.MinLen) and item.min_length:
            count = item.min_length
            if not many:
                words.append("not empty")
            else:
                words.append("at least one entry" if count == 1 else f"at least {count} entries")
        elif isinstance(item, annotated_types.MaxLen):
            words.append(f"at most {item.max_length:,} " + ("entries" if many else "characters"))
    return words


def plain_type(
    annotation: Any, places: Mapping[type[BaseModel], str], metadata: Sequence[Any] = ()
) -> str:
    """A field's type in plain words: ``list of text, at least one entry``; a nested model
    names the place where its own table is."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        inner = [
            m for arg in args[1:] for m in (arg.metadata if isinstance(arg, FieldInfo) else [arg])
        ]
        return plain_type(args[0], places, [*inner, *metadata])
    many = False
    if origin in (Union, types.UnionType):
        text = " or ".join(plain_type(arg, places) for arg in args if arg is not type(None))
    elif origin is Literal:
        text = "one of: " + ", ".join(str(arg) for arg in args)
    elif _is_model(annotation):
        where = places.get(annotation)
        text = f"mapping (see {where})" if where else "mapping"
    elif _is_collection(origin, Mapping) and len(args) == 2:
        many = True
        text = f"mapping of {plain_type(args[0], places)} to {plain_type(args[1], places)}"
    elif _is_collection(origin, list, tuple, set, frozenset):
        many = True
        item: Any = args[0] if args else None
        if item is None:
            text = "list"
        elif _is_model(item) and item in places:
            text = f"list of entries (see {places[item]})"
        else:
            text = f"list of {plain_type(item, places)}"
    else:
        text = _SCALARS.get(annotation, getattr(annotation, "__name__", str(annotation)))
    return ", ".join([text, *_constraints(metadata, many)])


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    return str(value)


def default_cell(info: FieldInfo) -> Cell:
    """``required``, ``optional`` (a block below, or nothing), or the default as YAML."""
    if info.is_required():
        return "required"
    value = info.get_default(call_default_factory=True)
    if value is None or isinstance(value, BaseModel):
        return "optional"
    text = _yaml(value)
    return [nodes.literal(text, text)]


def inline_text(text: str) -> list[nodes.Node]:
    """Text with its ``code`` spans as literals."""
    out: list[nodes.Node] = []
    for index, part in enumerate(re.split(r"`+", text)):
        if part:
            out.append(nodes.literal(part, part) if index % 2 else nodes.Text(part))
    return out


def programme_rows(
    model: type[BaseModel], places: Mapping[type[BaseModel], str]
) -> list[list[Cell]]:
    return [
        [
            [nodes.literal(name, name)],
            default_cell(info),
            plain_type(info.annotation, places, info.metadata),
            inline_text(info.description or ""),
        ]
        for name, info in model.model_fields.items()
    ]


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


class ProgrammeReferenceDirective(SphinxDirective):
    """``{programme-reference}``: every field of programme.yaml, one table per model."""

    def run(self) -> list[nodes.Node]:
        from curriculum.core.model import Programme

        places = reachable_models(Programme)
        where = {place.model: place.where for place in places}
        out: list[nodes.Node] = []
        for place in places:
            rubric = nodes.rubric("")
            if place.where:
                rubric += nodes.literal(place.where, place.where)
            else:
                rubric += nodes.Text("The top level")
            rubric["heading-level"] = 2
            out.append(rubric)
            if _doc(place.model):
                out.append(nodes.paragraph("", "", *inline_text(_doc(place.model))))
            out.append(
                make_table(
                    ["Field", "Required or default", "Type", "What it means"],
                    programme_rows(place.model, where),
                    [20, 16, 20, 44],
                    ["course-reference"],
                )
            )
        return out


class LintChecksDirective(SphinxDirective):
    """``{lint-checks}``: the checks of ``curriculum lint``, with their codes."""

    def run(self) -> list[nodes.Node]:
        from curriculum.lint import CHECKS

        rows: list[list[Cell]] = [
            [[nodes.literal(code, code)], severity, description]
            for code, (severity, description) in CHECKS.items()
        ]
        return [
            make_table(
                ["Code", "Severity", "What it checks"], rows, [24, 12, 64], ["course-reference"]
            )
        ]


def setup_reference(app: Sphinx) -> None:
    app.add_directive("metadata-reference", MetadataReferenceDirective)
    app.add_directive("programme-reference", ProgrammeReferenceDirective)
    app.add_directive("lint-checks", LintChecksDirective)
