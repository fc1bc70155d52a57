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

from .yamlsource import LoadedYaml, YamlSourceError


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a source file."""

    path: str
    line: int | None
    code: str
    message: str
    hint: str = ""

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


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the (nested) model that ``loc`` points into."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if current is None and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            current = annotation
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def from_validation_error(
    path: str,
    err: ValidationError,
    loaded: LoadedYaml,
    model: type[BaseModel],
    code: str,
) -> list[Diagnostic]:
    """Turn pydantic's errors into one located, plain-language diagnostic each."""
    out: list[Diagnostic] = []
    errors = err.errors(include_url=False)
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
        loc = tuple(ctx.get("at") or error["loc"])
        # pydantic appends the validator's name to loc for some unions; drop non-data parts
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        name = _field_name(loc)
        kind = error["type"]
        value = error.get("input")
        hint = str(ctx.get("hint", ""))
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
        elif kind in ("string_type", "str_type"):
            message = f"'{name}' must be text, not {value!r}"
            hint = hint or "put the text in quotes"
        elif kind == "list_type":
            message = f"'{name}' must be a list, not {value!r}"
            hint = hint or "write [a, b] or one '- item' per line"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = f"'{name}' must be a mapping of 'key: value' lines, not {value!r}"
            hint = hint or "see the metadata reference for its fields"
        elif kind == "too_short" or kind == "too_long":
            actual = ctx.get("actual_length")
            if isinstance(value, str):
                message = f"'{name}' is too short"
                hint = hint or f"write at least {ctx.get('min_length')} characters"
            else:
                low, high = _length_bounds(model, loc)
                message = f"'{name}' has {actual} entries; it needs {low} to {high}"
                hint = hint or ("add entries" if kind == "too_short" else "remove entries")
        elif kind == "string_pattern_mismatch":
            message = f"'{name}' has the wrong form: {value!r}"
            hint = hint or _pattern_hint(str(ctx.get("pattern", "")))
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            message = f"'{name}' is out of range: {value!r}"
            bounds = {k: v for k, v in ctx.items() if k in ("ge", "le", "gt", "lt")}
            hint = hint or "allowed: " + ", ".join(
                f"{_OPS[k]} {v}" for k, v in sorted(bounds.items())
            )
        elif kind == "literal_error":
            message = f"'{name}' is {value!r}, which is not allowed"
            hint = hint or f"use one of: {ctx.get('expected', '')}"
        elif kind == "value_error":
            message = str(ctx.get("error", error["msg"]))
        else:
            message = f"{name}: {error['msg']}" if loc else error["msg"]
        out.append(Diagnostic(path, loaded.line_of(loc), code, message, hint))
    return out


_OPS = {"ge": ">=", "le": "<=", "gt": ">", "lt": "<"}


def _length_bounds(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, Any]:
    field = getattr(model, "model_fields", {}).get(loc[0]) if loc else None
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


def sort_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(items), key=lambda d: (d.path, d.line or 0, d.code, d.message))
