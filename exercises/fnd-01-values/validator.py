"""Checks a values translation (module fnd-01)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import listed, load_case, normal, word_count

CASE = load_case()
#: the programme values, in order, id -> name
VALUES: dict[str, str] = CASE["values"]
MIN_WORDS, MAX_WORDS = CASE["words"]["min"], CASE["words"]["max"]
#: a statement that opens like this is a slogan ("Being more customer-focused"):
#: it names a quality to have, not something anyone could see done
SLOGAN = re.compile(
    r"(?:be|being|become|becoming|get|getting)\s+(?:a\s+|an\s+)?(?:more|less|better|truly)\b",
    re.IGNORECASE,
)

# the choices as the schema needs them; tests/test_cases_fnd.py keeps them equal to case.yaml
ValueId = Literal["V1", "V2", "V3", "V4", "V5"]
Role = Literal["sd", "ops", "so", "sup", "cio"]


class Statement(Artefact):
    value: Annotated[ValueId, Field(description="the value id, V1 to V5")]
    start: Annotated[Text, Field(description="what your team will start doing, 5-40 words")]
    stop: Annotated[Text, Field(description="what your team will stop doing, 5-40 words")]


class ValuesTranslation(Artefact):
    role: Annotated[Role, Field(description="your audience: sd, ops, so, sup or cio")]
    statements: Annotated[
        list[Statement],
        Field(description="one start and one stop statement for each value V1 to V5"),
    ]


exercise = Exercise(schema=ValuesTranslation)


def _statements(doc: ValuesTranslation) -> list[tuple[tuple[str, int, str], str, str]]:
    """(place, name, text) of every statement, in file order."""
    return [
        (("statements", index, kind), f"the '{kind}' statement for {entry.value}", text)
        for index, entry in enumerate(doc.statements)
        for kind, text in (("start", entry.start), ("stop", entry.stop))
    ]


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
        names = listed(f"{v} ({VALUES[v]})" for v in missing)
        check.fail(
            "statements",
            f"{'this value has' if len(missing) == 1 else 'these values have'} no entry: {names}",
            "add an entry with 'value:', 'start:' and 'stop:' for each; "
            "the template lists all five",
        )


@exercise.rule(
    "VALUES-WORD-COUNT",
    f"Every start and stop statement has {MIN_WORDS} to {MAX_WORDS} words, as the brief asks.",
)
def length(doc: ValuesTranslation, check: Check) -> None:
    for place, name, text in _statements(doc):
        count = word_count(text)
        if count < MIN_WORDS:
            check.fail(
                place,
                f"{name} has {count} words; the brief asks for {MIN_WORDS} to {MAX_WORDS}",
                "say what someone would see your team do, and with which service, team or supplier",
            )
        elif count > MAX_WORDS:
            check.fail(
                place,
                f"{name} has {count} words; the brief asks for {MIN_WORDS} to {MAX_WORDS}",
                "keep one action and the service, team or supplier it is for; "
                "leave the reasons out",
            )


@exercise.rule(
    "VALUES-NO-DUPLICATES",
    "No statement repeats another (ignoring case, spacing and end punctuation), "
    "including a value's start and stop.",
)
def no_duplicates(doc: ValuesTranslation, check: Check) -> None:
    seen: dict[str, str] = {}
    for place, name, text in _statements(doc):
        key = normal(text).rstrip(".!;: ")
        if key in seen:
            check.fail(
                place,
                f"{name} repeats {seen[key]}",
                "each statement should commit to something different; "
                "write one that fits this value and your role",
            )
        else:
            seen[key] = name


@exercise.rule(
    "VALUES-SLOGAN",
    "No statement is a slogan that opens with 'be more', 'being better' or the like: "
    "each says what someone would see done.",
)
def no_slogan(doc: ValuesTranslation, check: Check) -> None:
    for place, name, text in _statements(doc):
        found = SLOGAN.match(text.lstrip(" \"'-*"))
        if found:
            check.fail(
                place,
                f"{name} opens with '{found.group(0)}': that is a quality to have, "
                "not something anyone could see your team do",
                "write the action instead, e.g. 'asking every depot caller before 06:30 "
                "whether trucks will be delayed'",
            )
