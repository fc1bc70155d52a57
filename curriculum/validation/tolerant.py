"""Read a learner's values the way a marker would, before the schema judges them.

Learners write numbers in quotes (``"99.5"``), with a percent sign (``99.5%``)
or thousands separators (``"12,000"``); choices in any letter case, with stray
spaces, or with a space or hyphen where the template has an underscore
(``Service request`` for ``service_request``); and ``yes``/``no``/``on``/``off``
for a true-or-false field. A marker accepts all of these without comment, so
the framework does too, once, for every exercise: :func:`tolerate` walks the
submission beside the schema's annotations and rewrites only values whose
meaning is clear. Anything ambiguous is left as written, for the schema to
explain.

Pure: pydantic models are read, never built, here.
"""

from __future__ import annotations

import enum
import re
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

#: a number as people write it: sign, digits (with 1,234 separators), decimals, a % sign
_NUMBER = re.compile(
    r"^\s*(?P<sign>[-+]?)\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)?(?P<decimals>\.\d+)?\s*%?\s*$"
)
_TRUE = frozenset({"true", "yes", "y", "on"})
_FALSE = frozenset({"false", "no", "n", "off"})
#: how deep the walk follows nested data (the loader already limits depth)
_MAX_DEPTH = 64


class Synonyms:
    """Other words a marker accepts for a choice, as schema metadata::

        direction: Annotated[Literal["up", "down"], Synonyms(up=["increase", "higher"])]

    Compared like the choices themselves: any letter case, spaces, hyphens and
    underscores alike.
    """

    def __init__(self, **words: list[str]) -> None:
        self.words = {_key(other): choice for choice, others in words.items() for other in others}

    def get(self, value: str) -> str | None:
        return self.words.get(_key(value))


def tolerate(model: type[BaseModel], data: Any) -> Any:
    """``data`` with clear-but-unusual values rewritten to what ``model`` expects."""
    return _value(model, data, 0)


def _value(annotation: Any, value: Any, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return value
    synonyms = _synonyms(annotation)
    if synonyms is not None and isinstance(value, str) and synonyms.get(value) is not None:
        return synonyms.get(value)
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model(annotation, value, depth)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return _union(get_args(annotation), value, depth)
    if origin in (list, tuple, set, frozenset) and isinstance(value, list):
        args = get_args(annotation)
        if not args:
            return value
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return [_value(a, v, depth + 1) for a, v in zip(args, value, strict=False)] + value[
                len(args) :
            ]
        return [_value(args[0], item, depth + 1) for item in value]
    if origin is dict and isinstance(value, dict):
        args = get_args(annotation)
        if len(args) == 2:
            return {key: _value(args[1], item, depth + 1) for key, item in value.items()}
        return value
    return _scalar(annotation, value)


def _synonyms(annotation: Any) -> Synonyms | None:
    while get_origin(annotation) is Annotated:
        found = [m for m in annotation.__metadata__ if isinstance(m, Synonyms)]
        if found:
            return found[0]
        annotation = get_args(annotation)[0]
    return None


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _model(model: type[BaseModel], value: Any, depth: int) -> Any:
    if not isinstance(value, dict):
        return value
    fields = model.model_fields
    by_alias = {info.alias: name for name, info in fields.items() if info.alias}
    out: dict[Any, Any] = {}
    for key, item in value.items():
        name = by_alias.get(key, key) if isinstance(key, str) else key
        info = fields.get(name) if isinstance(name, str) else None
        if info is None:
            out[key] = item
            continue
        # pydantic moves a field's own Annotated metadata into info.metadata
        synonyms = next((m for m in info.metadata if isinstance(m, Synonyms)), None)
        if synonyms is not None and isinstance(item, str) and synonyms.get(item) is not None:
            out[key] = synonyms.get(item)
        else:
            out[key] = _value(info.annotation, item, depth + 1)
    return out


def _union(members: tuple[Any, ...], value: Any, depth: int) -> Any:
    plain = [_unwrap(m) for m in members if m is not type(None)]
    if value is None:
        return value
    if isinstance(value, str) and any(m is str for m in plain):
        return value  # text is a valid reading: leave it as written
    numeric = [m for m in plain if m in (int, float)]
    if numeric and isinstance(value, str):
        # a whole number stays whole when the field takes one ("15" -> 15, "15.5" -> 15.5)
        number = _number(value, int) if int in numeric else None
        if number is None and float in numeric:
            number = _number(value, float)
        if number is not None:
            return number
    models = [m for m in plain if isinstance(m, type) and issubclass(m, BaseModel)]
    if len(models) == 1 and isinstance(value, dict):
        return _model(models[0], value, depth)
    for member in plain:
        rewritten = _value(member, value, depth + 1)
        if rewritten is not value:
            return rewritten
    return value


def _scalar(annotation: Any, value: Any) -> Any:
    if annotation is bool:
        return _bool(value)
    if annotation is int:
        if isinstance(value, str):
            number = _number(value, int)
            return value if number is None else number
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    if annotation is float:
        if isinstance(value, str):
            number = _number(value, float)
            return value if number is None else number
        return value
    if get_origin(annotation) is Literal:
        return _choice([a for a in get_args(annotation)], value)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        matched = _choice([m.value for m in annotation], value)
        return matched
    return value


def _number(text: str, kind: type) -> int | float | None:
    match = _NUMBER.match(text)
    if match is None or not (match.group("digits") or match.group("decimals")):
        return None
    digits = (match.group("digits") or "0").replace(",", "")
    decimals = match.group("decimals") or ""
    sign = "-" if match.group("sign") == "-" else ""
    if kind is int:
        if decimals and float(decimals) != 0:
            return None  # 2.5 is not a whole number: let the schema say so
        if len(digits) > 300:
            return None
        return int(sign + digits)
    if len(digits) + len(decimals) > 300:
        return None
    return float(sign + digits + decimals)


def _bool(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return value


def _key(text: str) -> str:
    """A choice as compared: any case, spaces, hyphens and underscores alike, and a
    full stop at the end ignored (``Key player.`` is ``key_player``)."""
    return re.sub(r"[\s_-]+", "_", text.strip().rstrip(".").strip().lower())


def _choice(allowed: list[Any], value: Any) -> Any:
    if not isinstance(value, str) or value in allowed:
        return value
    texts = [a for a in allowed if isinstance(a, str)]
    matches = [a for a in texts if _key(a) == _key(value)]
    if len(matches) == 1:
        return matches[0]
    numbers = [a for a in allowed if isinstance(a, int | float) and not isinstance(a, bool)]
    if numbers:
        number = _number(value, float)
        if number is not None and number in numbers:
            return next(a for a in numbers if a == number)
    return value
