"""The validator API: a schema plus named rules, each rule with a stable code.

An exercise's ``validator.py`` builds one :class:`Exercise`::

    exercise = Exercise(schema=Slo)

    @exercise.rule("SLO-BUDGET-MINUTES", "error_budget_minutes = (1 - target/100) x window x 1440")
    def budget(slo: Slo, check: Check) -> None:
        check.close("error_budget_minutes", slo.error_budget_minutes, ..., how="...")

The rule descriptions are what the course page lists under "what is checked",
so the page and the checks cannot drift apart. Rules run only on a submission
that fits the schema; each rule's findings carry the rule's code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from curriculum.core.diagnostics import explain
from curriculum.validation.embedding import validate_embedded
from curriculum.validation.findings import Finding, Location, Severity
from curriculum.validation.loading import Submission
from curriculum.validation.tolerant import tolerate

M = TypeVar("M", bound=BaseModel)
FieldPath = str | tuple[str | int, ...]
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class Artefact(BaseModel):
    """Base for artefact schemas: unknown fields are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def parse_path(path: FieldPath) -> tuple[str | int, ...]:
    """``"steps[2].owner"`` -> ``("steps", 1, "owner")`` (people count from one)."""
    if isinstance(path, tuple):
        return path
    parts: list[str | int] = []
    for name, index in _PART.findall(path):
        parts.append(int(index) - 1 if index else name)
    return tuple(parts)


def show_path(loc: Sequence[str | int], data: Any = None) -> str:
    """A place in the file as the learner names it.

    An item of a list that has an ``id`` is named by it (``CHG-3107.score``, not
    ``changes[8].score``); other items by their position, counted from one
    (``steps[2]``). ``data`` is the learner's file; without it, positions only.
    """
    out = ""
    current = data
    for part in loc:
        item = current[part] if isinstance(part, int) and _holds(current, part) else None
        if isinstance(part, int):
            label = _item_id(item)
            if label is not None:
                # the id replaces the list's name: 'changes[8]' becomes 'CHG-3107'
                out = out.rsplit(".", 1)[0] + "." + label if "." in out else label
            else:
                out += f"[{part + 1}]"
            current = item
        else:
            out += f".{part}" if out else str(part)
            current = current.get(part) if isinstance(current, dict) else None
    return out


def _holds(container: Any, index: int) -> bool:
    return isinstance(container, list) and 0 <= index < len(container)


def _item_id(item: Any) -> str | None:
    """A list item's own id, when it has a short one a learner wrote."""
    value = item.get("id") if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    return text if text and len(text) <= 40 and not re.search(r"[\s.\[\]]", text) else None


def number(value: float) -> str:
    """A number as a person would write it: no trailing zeros, up to 4 decimals."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


@dataclass
class Check:
    """Collects one rule's findings; helpers say what was expected and how it is computed."""

    submission: Submission
    code: str
    findings: list[Finding] = field(default_factory=list)

    def locate(self, path: FieldPath) -> Location:
        loc = parse_path(path)
        return Location(self.submission.line_of(loc), show_path(loc, self.submission.data))

    def fail(
        self, path: FieldPath, message: str, hint: str = "", severity: Severity = "error"
    ) -> None:
        self.findings.append(Finding(self.code, message, hint, self.locate(path), severity))

    def close(
        self,
        path: FieldPath,
        declared: float,
        expected: float,
        *,
        how: str,
        tolerance: float = 0.0,
        relative: float = 0.0,
    ) -> bool:
        """``declared`` must equal ``expected`` within an absolute or relative tolerance."""
        allowed = max(tolerance, abs(expected) * relative)
        if math.isfinite(declared) and abs(declared - expected) <= allowed + 1e-9:
            return True
        name = show_path(parse_path(path), self.submission.data)
        within = f" (within {number(allowed)})" if allowed else ""
        self.fail(
            path,
            f"{name} is {number(declared)}; expected {number(expected)}{within}",
            f"it is computed as {how}",
        )
        return False

    def at_most(self, path: FieldPath, value: float, limit: float, *, what: str, why: str) -> bool:
        if value <= limit:
            return True
        self.fail(path, f"{what} is {number(value)}, above the limit of {number(limit)}", why)
        return False

    def at_least(self, path: FieldPath, value: float, limit: float, *, what: str, why: str) -> bool:
        if value >= limit:
            return True
        self.fail(path, f"{what} is {number(value)}, below the minimum of {number(limit)}", why)
        return False

    def ascending(
        self,
        path: FieldPath,
        values: Sequence[Any],
        *,
        what: str,
        strict: bool = True,
        label: Callable[[Any], str] = str,
    ) -> bool:
        """Each value must come after (or, unless strict, not before) the one before it."""
        loc = parse_path(path)
        for index in range(1, len(values)):
            before, after = values[index - 1], values[index]
            if after < before or (strict and after == before):
                self.fail(
                    (*loc, index),
                    f"{what} are out of order: {label(after)} comes after {label(before)}",
                    "put them in order" + (", with no two equal" if strict else ""),
                )
                return False
        return True

    def banned_phrases(
        self, path: FieldPath, text: str, phrases: Iterable[str], *, why: str
    ) -> bool:
        """Whole-word, case-insensitive search for each phrase; one finding per phrase."""
        clean = True
        for phrase in phrases:
            pattern = r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"
            match = re.search(pattern, text, re.IGNORECASE)
            if match:
                clean = False
                self.fail(path, f"'{match.group(0)}' is not allowed here", why)
        return clean

    def embedded(self, path: FieldPath, exercise_id: str, data: Any) -> bool:
        """Check ``data`` at ``path`` with another exercise's validator, as if it were a file.

        For a capstone that bundles earlier artefacts: each finding of the embedded
        artefact comes back under this rule's code, at its line in this file, with
        the other exercise's id and code in front of the message. True when the
        embedded artefact has no errors.
        """
        loc = parse_path(path)
        inner, problem = validate_embedded(exercise_id, self.submission.embed(loc, data))
        if problem is not None:
            self.fail(path, problem.message, problem.hint)
            return False
        outer = show_path(loc, self.submission.data)
        for finding in inner:
            field = finding.location.field
            joined = outer + (field if field.startswith("[") else f".{field}") if field else outer
            self.findings.append(
                Finding(
                    self.code,
                    f"{exercise_id} {finding.code}: {finding.message}",
                    finding.hint,
                    Location(finding.location.line or self.submission.line_of(loc), joined),
                    finding.severity,
                )
            )
        return not any(f.severity == "error" for f in inner)

    def unique(
        self,
        path: FieldPath,
        values: Sequence[Any],
        *,
        what: str,
        hint: str,
        key: Callable[[Any], Any] = lambda v: v,
        field: str | None = None,
    ) -> bool:
        """Each value may appear once in the list at ``path``; every repeat is reported
        at its own place (``path[n]``, or ``path[n].field`` when the values are a field
        of the list's items), naming where it was first used."""
        loc = parse_path(path)
        tail = (field,) if field else ()
        first: dict[Any, int] = {}
        clean = True
        for index, value in enumerate(values):
            k = key(value)
            if k in first:
                clean = False
                earlier = (*loc, first[k])
                where = show_path(earlier, self.submission.data)
                if where == show_path((*loc, index), self.submission.data):
                    # both items carry the same id: name the first by its position and line
                    line = self.submission.line_of(earlier)
                    where = show_path(earlier) + (f", line {line}" if line else "")
                self.fail(
                    (*loc, index, *tail), f"{what} {value} is used again (first at {where})", hint
                )
            else:
                first[k] = index
        return clean

    def word_count(self, path: FieldPath, text: str, low: int, high: int, *, what: str) -> bool:
        count = len(re.findall(r"[\w'’-]+", text))
        if low <= count <= high:
            return True
        self.fail(
            path,
            f"{what} has {count} words; it needs {low} to {high}",
            "shorten it" if count > high else "say a little more: name who does what",
        )
        return False


@dataclass(frozen=True)
class Rule(Generic[M]):
    code: str
    description: str
    run: Callable[[M, Check], None]


class Rules(Generic[M]):
    """Rules written in a module beside ``validator.py`` (a long validator's second file).

    That module cannot import the validator's ``Exercise`` back, so it collects its
    rules with ``rules = Rules()`` and ``@rules.rule(CODE, description)``, the
    arguments of :meth:`Exercise.rule`; ``validator.py`` then calls
    ``exercise.include(module.rules)``, which registers them in their order.
    """

    def __init__(self) -> None:
        self.kept: list[tuple[str, str, Callable[[M, Check], None]]] = []

    def rule(
        self, code: str, description: str
    ) -> Callable[[Callable[[M, Check], None]], Callable[[M, Check], None]]:
        def keep(function: Callable[[M, Check], None]) -> Callable[[M, Check], None]:
            self.kept.append((code, description, function))
            return function

        return keep


class Exercise(Generic[M]):
    """A schema and the rules run on submissions that fit it."""

    def __init__(self, schema: type[M]) -> None:
        self.schema = schema
        self.rules: list[Rule[M]] = []

    def rule(
        self, code: str, description: str
    ) -> Callable[[Callable[[M, Check], None]], Callable[[M, Check], None]]:
        """Register a rule; ``code`` must be unique and stable (findings and tests use it)."""
        if not re.fullmatch(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)+", code):
            raise ValueError(f"rule code {code!r} must look like 'SLO-BUDGET-MINUTES'")
        if any(r.code == code for r in self.rules):
            raise ValueError(f"rule code {code!r} is registered twice")

        def register(function: Callable[[M, Check], None]) -> Callable[[M, Check], None]:
            self.rules.append(Rule(code, description, function))
            return function

        return register

    def include(self, rules: Rules[M]) -> None:
        """Register rules collected in another module of the validator, in their order."""
        for code, description, function in rules.kept:
            self.rule(code, description)(function)

    @property
    def checks(self) -> list[tuple[str, str]]:
        """(code, description) of every rule, for the course page."""
        return [(r.code, r.description) for r in self.rules]

    def fields(self) -> list[tuple[str, str, bool]]:
        """(name, description, required) of the schema's top-level fields."""
        return [
            (name, info.description or "", info.is_required())
            for name, info in self.schema.model_fields.items()
        ]

    def validate(self, submission: Submission) -> list[Finding]:
        """Schema first; when the submission fits, every rule. Never raises on bad input."""
        try:
            model = self.schema.model_validate(tolerate(self.schema, submission.data))
        except ValidationError as err:
            return [
                Finding(
                    f"schema.{e.kind}",
                    e.message,
                    e.hint,
                    Location(submission.line_of(e.loc), show_path(e.loc, submission.data)),
                )
                for e in explain(err, self.schema)
            ]
        findings: list[Finding] = []
        for rule in self.rules:
            check = Check(submission, rule.code)
            rule.run(model, check)
            findings.extend(check.findings)
        return findings
