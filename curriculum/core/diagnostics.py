"""Problems found in course sources, each with a file, a line, a message and a fix.

Checking is separate from reporting: the model and the programme checks return
:class:`Diagnostic` objects; the Sphinx extension turns them into located
warnings, the CLI prints them as ``path:line: message (hint)``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from curriculum.core.yamlsource import LoadedYaml, YamlSourceError


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a source file."""

    path: str
    line: int | None
    code: str
    message: str
    hint: str = ""
    #: what kind of problem, for tools that sort them (e.g. "unmeasurable-objective")
    kind: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.message}{hint}"

    @property
    def text(self) -> str:
        """Message and hint, without the location (Sphinx adds its own)."""
        return f"{self.message} ({self.hint})" if self.hint else self.message


def display_path(path: str | Path, root: str | Path | None = None) -> str:
    """A path relative to ``root`` when it lies inside it, for messages."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def from_yaml_error(path: str, err: YamlSourceError, code: str) -> Diagnostic:
    return Diagnostic(path, err.line, code, err.message, err.hint)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # people count from one
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "the metadata"


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, list[str]]:
    """The pydantic FieldInfo that ``loc`` points at, and the field names beside it."""
    current: Any = model
    field: Any = None
    for index, part in enumerate(loc):
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None:
            return None, []
        field = fields.get(part)
        if field is None or index == len(loc) - 1:
            return field, list(fields)
        current = _inner_model(field.annotation)
    return field, list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside ``X``, ``list[X]``, ``X | None`` and ``dict[str, X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the (nested) model that ``loc`` points into."""
    return _field_info(model, loc)[1]


@dataclass(frozen=True)
class Explained:
    """One pydantic error in plain language: where, what kind, what, how to fix."""

    loc: tuple[Any, ...]
    kind: str
    message: str
    hint: str


_KINDS = {
    "missing": "missing",
    "extra_forbidden": "unknown-field",
    "string_pattern_mismatch": "format",
    "literal_error": "choice",
    "enum": "choice",
    "value_error": "invalid",
    "too_short": "length",
    "too_long": "length",
}


def data_loc(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` with the parts pydantic adds for union members (``float``, ``int``,
    ``function-after[...]``, ``literal['a']``) left out: only names and positions
    that exist in the learner's file remain."""
    out: list[Any] = []
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            continue
        fields = getattr(current, "model_fields", None)
        if fields is not None and part in fields:
            out.append(part)
            current = _inner_model(fields[part].annotation)
        elif fields is not None or current is None:
            continue  # a union member's tag, not a key of the file
        else:
            out.append(part)  # a key of a plain mapping (dict[str, X])
    return tuple(out)


#: when one field fails several ways (each member of a union), the one message kept
_PREFERRED = ("float_type", "float_parsing", "int_type", "int_parsing")


def _one_per_field(errors: list[Any], model: type[BaseModel]) -> list[Any]:
    """One error for each place in the file: a value that fits no member of a union
    gets one explanation, not one per member."""
    chosen: dict[tuple[Any, ...], Any] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and loc:  # the last part is the unknown key
            loc = (*data_loc(model, loc[:-1]), loc[-1])
        else:
            loc = data_loc(model, loc)
        error = {**error, "loc": loc}
        kept = chosen.get(loc)
        if kept is None or (
            error["type"] in _PREFERRED
            and (
                kept["type"] not in _PREFERRED
                or _PREFERRED.index(error["type"]) < _PREFERRED.index(kept["type"])
            )
        ):
            chosen[loc] = error
    return list(chosen.values())


def explain(err: ValidationError, model: type[BaseModel]) -> list[Explained]:
    """Turn pydantic's errors into one plain-language explanation each, with a fix."""
    out: list[Explained] = []
    errors = _one_per_field(err.errors(include_url=False), model)
    # a misspelt key also leaves its field missing: report the spelling once
    misspelt: set[tuple[Any, ...]] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            for close in difflib.get_close_matches(str(loc[-1]), _allowed_keys(model, loc), n=1):
                misspelt.add((*loc[:-1], close))
    for error in errors:
        if error["type"] == "missing" and tuple(error["loc"]) in misspelt:
            continue
        ctx = error.get("ctx") or {}
        # a validator may point at a field below the model it checks: 'at' is relative
        loc = (*error["loc"], *ctx.get("at", ()))
        # pydantic appends the validator's name to loc for some unions; drop non-data parts
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        name = _field_name(loc)
        kind = error["type"]
        value = error.get("input")
        hint = str(ctx.get("hint", ""))
        code = _KINDS.get(kind, "type" if kind.endswith(("_type", "_parsing")) else "")
        if kind == "missing":
            message = f"required field '{name}' is missing"
            hint = hint or f"add '{loc[-1]}:' with a value"
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = _allowed_keys(model, loc)
            matches = difflib.get_close_matches(key, allowed, n=1)
            message = f"unknown field '{name}'"
            if matches:
                hint = f"did you mean '{matches[0]}'?"
            else:
                hint = f"allowed fields here: {', '.join(allowed)}" if allowed else "remove it"
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            message = f"'{name}' must be a whole number, not {value!r}"
            hint = hint or "write digits only, e.g. 60"
        elif kind in ("float_type", "float_parsing"):
            message = f"'{name}' must be a number, not {value!r}"
            hint = hint or "write digits, with a decimal point if needed, e.g. 99.5"
        elif kind in ("bool_type", "bool_parsing"):
            message = f"'{name}' must be true or false, not {value!r}"
            hint = hint or "write true or false"
        elif kind in ("string_type", "str_type"):
            message = f"'{name}' must be text, not {value!r}"
            hint = hint or "put the text in quotes"
        elif kind == "list_type":
            message = f"'{name}' must be a list, not {value!r}"
            hint = hint or "write [a, b] or one '- item' per line"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            where = f"'{name}'" if loc else "the file"
            message = f"{where} must be a mapping of 'key: value' lines, not {_kind_of(value)}"
            hint = hint or "start from the template, which shows every field"
        elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
            message = f"'{name}' must be a date, not {value!r}"
            hint = hint or "write the date as YYYY-MM-DD, e.g. 2026-03-31"
        elif kind in ("datetime_type", "datetime_parsing", "datetime_from_date_parsing"):
            message = f"'{name}' must be a date and time, not {value!r}"
            hint = hint or "write it as YYYY-MM-DD HH:MM, e.g. 2026-03-31 05:40"
        elif kind in ("string_too_short", "string_too_long"):
            code = "length"
            if kind == "string_too_short" and not str(value).strip():
                code = "empty"
                message = f"'{name}' is empty"
                hint = (
                    hint or "fill it in: the comment above it in the template says what goes there"
                )
            elif kind == "string_too_short":
                message = f"'{name}' is too short: {value!r}"
                hint = hint or f"write at least {ctx.get('min_length')} characters"
            else:
                message = f"'{name}' is too long"
                hint = hint or f"keep it to {ctx.get('max_length')} characters"
        elif kind in ("too_short", "too_long"):
            actual = ctx.get("actual_length")
            if isinstance(value, str):
                message = f"'{name}' is too {'short' if kind == 'too_short' else 'long'}"
                hint = hint or (
                    f"write at least {ctx.get('min_length')} characters"
                    if kind == "too_short"
                    else f"keep it to {ctx.get('max_length')} characters"
                )
            else:
                low, high = _length_bounds(model, loc)
                message = f"'{name}' has {actual} entries; it needs {low} to {high}"
                hint = hint or ("add entries" if kind == "too_short" else "remove entries")
        elif kind == "string_pattern_mismatch":
            message = f"'{name}' has the wrong form: {value!r}"
            hint = hint or _pattern_hint(str(ctx.get("pattern", "")))
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            code = "range"
            message = f"'{name}' is out of range: {value!r}"
            bounds = {k: v for k, v in ctx.items() if k in ("ge", "le", "gt", "lt")}
            hint = hint or "allowed: " + ", ".join(
                f"{_OPS[k]} {v}" for k, v in sorted(bounds.items())
            )
        elif kind in ("literal_error", "enum"):
            message = f"'{name}' is {value!r}, which is not allowed"
            hint = hint or f"use one of: {ctx.get('expected', '')}"
        elif kind == "value_error":
            message = str(ctx.get("error", error["msg"]))
        elif "at" in ctx or not loc:
            message = error["msg"]  # our own messages name what they are about
        else:
            message = f"{name}: {error['msg']}"
        out.append(Explained(loc, code or kind.replace("_", "-"), message, hint))
    return out


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return repr(value)


def from_validation_error(
    path: str,
    err: ValidationError,
    loaded: LoadedYaml,
    model: type[BaseModel],
    code: str,
) -> list[Diagnostic]:
    """One located diagnostic per pydantic error."""
    return [
        Diagnostic(path, loaded.line_of(e.loc), code, e.message, e.hint, e.kind)
        for e in explain(err, model)
    ]


_OPS = {"ge": ">=", "le": "<=", "gt": ">", "lt": "<"}


def _length_bounds(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, Any]:
    field = _field_info(model, loc)[0]
    low: Any = "?"
    high: Any = "any number"
    for meta in getattr(field, "metadata", []) if field else []:
        low = getattr(meta, "min_length", None) or low
        high = getattr(meta, "max_length", None) or high
    return low, high


def _pattern_hint(pattern: str) -> str:
    examples = {
        "^[a-z]{1,8}-[0-9]{2}$": "a track id, a hyphen and two digits, e.g. 'rel-01'",
        "^[a-z][a-z0-9-]*$": "lower-case letters, digits and hyphens, e.g. 'o1'",
        "^V[0-9]+$": "'V' and a number, e.g. 'V2'",
        "^[a-z]{1,8}$": "1 to 8 lower-case letters",
    }
    return examples.get(pattern, f"must match {pattern}")


def shown_path(root: Path, path: Path) -> str:
    """``path`` as messages show it: relative to the course ``root`` where it is inside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def sort_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(items), key=lambda d: (d.path, d.line or 0, d.code, d.message))
