"""Reference pages generated from the code, so that they cannot drift from it.

``{metadata-reference}`` lists the fields of module metadata, objectives, exercise
metadata and quiz questions, from the pydantic models; ``{lint-checks}`` lists the
checks of ``curriculum lint``, from its registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from pydantic import BaseModel
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
    app.add_directive("lint-checks", LintChecksDirective)
