"""Checks a values translation (module fnd-01)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Text = Annotated[StrictStr, Field(min_length=1)]

#: the programme values, in order (V1 is the Service Management Congress's; V2-V5 ours)
VALUES = {
    "V1": "Ingenuity over process",
    "V2": "Business outcomes over IT outputs",
    "V3": "Open knowledge over proprietary knowledge",
    "V4": "Learning over certification",
    "V5": "Partnership over contract policing",
}
MIN_WORDS, MAX_WORDS = 5, 40


class Statement(Artefact):
    value: Annotated[
        Literal["V1", "V2", "V3", "V4", "V5"],
        Field(description="the value id, V1 to V5"),
    ]
    start: Annotated[Text, Field(description="what your team will start doing, 5-40 words")]
    stop: Annotated[Text, Field(description="what your team will stop doing, 5-40 words")]


class ValuesTranslation(Artefact):
    role: Annotated[
        Literal["sd", "ops", "so", "sup", "cio"],
        Field(description="your audience: sd, ops, so, sup or cio"),
    ]
    statements: Annotated[
        list[Statement],
        Field(description="one start and one stop statement for each value V1 to V5"),
    ]


exercise = Exercise(schema=ValuesTranslation)


def _normal(text: str) -> str:
    """Text compared for repeats: case-folded, spaces collapsed, end punctuation dropped."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".!;").strip().casefold()


@exercise.rule("VALUES-ALL-FIVE", "Each value V1 to V5 has exactly one entry.")
def all_five(doc: ValuesTranslation, check: Check) -> None:
    present = {entry.value for entry in doc.statements}
    missing = [v for v in VALUES if v not in present]
    first: dict[str, int] = {}
    for index, entry in enumerate(doc.statements):
        if entry.value in first:
            instead = f"make this one {missing[0]}" if missing else "delete this one"
            check.fail(
                ("statements", index, "value"),
                f"{entry.value} appears again; it already has an entry at "
                f"statements[{first[entry.value] + 1}]",
                f"give each value one entry with one start and one stop statement: "
                f"merge the two, or {instead}",
            )
        else:
            first[entry.value] = index
    if missing:
        names = "; ".join(f"{v} ({VALUES[v]})" for v in missing)
        check.fail(
            "statements",
            f"{'this value has' if len(missing) == 1 else 'these values have'} no entry: {names}",
            "add an entry with 'value:', 'start:' and 'stop:' for each; "
            "the template lists all five",
        )


@exercise.rule(
    "VALUES-WORD-COUNT", f"Every start and stop statement has {MIN_WORDS} to {MAX_WORDS} words."
)
def word_count(doc: ValuesTranslation, check: Check) -> None:
    for index, entry in enumerate(doc.statements):
        for kind, text in (("start", entry.start), ("stop", entry.stop)):
            check.word_count(
                ("statements", index, kind),
                text,
                MIN_WORDS,
                MAX_WORDS,
                what=f"the '{kind}' statement for {entry.value}",
            )


@exercise.rule(
    "VALUES-NO-DUPLICATES",
    "No statement repeats another (ignoring case, spacing and a final full stop), "
    "including a value's start and stop.",
)
def no_duplicates(doc: ValuesTranslation, check: Check) -> None:
    seen: dict[str, str] = {}
    for index, entry in enumerate(doc.statements):
        for kind, text in (("start", entry.start), ("stop", entry.stop)):
            key = _normal(text)
            name = f"the '{kind}' statement for {entry.value}"
            if key in seen:
                check.fail(
                    ("statements", index, kind),
                    f"{name} repeats {seen[key]}",
                    "each statement should commit to something different; "
                    "write one that fits this value and your role",
                )
            else:
                seen[key] = name
